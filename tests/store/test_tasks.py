"""Queueing polls through Django's tasks interface: each due feed is queued once."""

import pytest
from django_tasks_db.models import DBTaskResult

from dateline.store.models import Source
from dateline.store.tasks import queue_due


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": settings.TASK_BACKENDS["database"]}


def test_a_due_feed_is_queued_once_however_often_the_scheduler_runs(db, database_queue):
    Source.objects.create(url="http://a.example/rss")
    Source.objects.create(url="http://b.example/rss", active=False)
    assert queue_due() == 1
    assert queue_due() == 0  # a second scheduler (or round) finds it already queued
    (task,) = DBTaskResult.objects.all()
    assert task.task_path.endswith("poll_feed_task") and task.args_kwargs["args"] == [
        Source.objects.get(active=True).pk
    ]
