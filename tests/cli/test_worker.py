"""`dateline worker` as a real process: it polls through the task queue, survives kill -9, and
runs on RQ (real Redis) as well as on the database queue."""

import signal
import socket
import subprocess
import sys
import time

import pytest

from tests.cli.conftest import count_articles, dateline
from tests.cli.feed_site import WORKER_ENV, demo_feeds, opml


def test_worker_polls_every_feed_through_the_database_queue(scratch_env, tmp_path):
    env = {**scratch_env, **WORKER_ENV}
    with demo_feeds(feeds=2, per_feed=5) as (urls, pages):
        assert (
            dateline(env, "feeds", "import", str(opml(urls, tmp_path / "f.opml"))).returncode == 0
        )
        run = dateline(env, "worker", "--once")
        assert run.returncode == 0, run.stderr
        assert count_articles(env) == (pages, pages)
        listing = dateline(env, "feeds", "list").stdout
        again = dateline(env, "worker", "--once")  # nothing due: nothing fetched, nothing added
    assert again.returncode == 0 and count_articles(env) == (pages, pages)
    assert listing.count("fetches") == 2 and "added 5" in listing and "FAILING" not in listing


def test_kill_9_mid_poll_loses_nothing_and_duplicates_nothing(scratch_env, tmp_path):
    env = {**scratch_env, **WORKER_ENV}
    with demo_feeds(feeds=6, per_feed=20) as (urls, pages):
        assert (
            dateline(env, "feeds", "import", str(opml(urls, tmp_path / "f.opml"))).returncode == 0
        )
        worker = subprocess.Popen(
            [sys.executable, "-m", "dateline.cli.main", "worker", "--idle", "0.2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while count_articles(env)[0] < 10 and time.monotonic() < deadline:
            time.sleep(0.1)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        stored, distinct = count_articles(env)
        assert 10 <= stored < pages and stored == distinct  # acknowledged, none doubled
        restart = dateline(env, "worker", "--once")
        assert restart.returncode == 0, restart.stderr
    assert count_articles(env) == (pages, pages)


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(
    not redis_reachable(), reason="Redis is not running on 127.0.0.1:6379 (.ci/run starts it)"
)
def test_worker_runs_on_rq(scratch_env, tmp_path):
    import redis

    url = "redis://127.0.0.1:6379/13"  # a database of its own, emptied first
    redis.Redis.from_url(url).flushdb()
    env = {**scratch_env, **WORKER_ENV, "DATELINE_TASK_BACKEND": "rq", "DATELINE_REDIS_URL": url}
    with demo_feeds(feeds=2, per_feed=4) as (urls, pages):
        assert (
            dateline(env, "feeds", "import", str(opml(urls, tmp_path / "f.opml"))).returncode == 0
        )
        run = dateline(env, "worker", "--once")
        assert run.returncode == 0, run.stderr
    assert count_articles(env) == (pages, pages)
    assert redis.Redis.from_url(url).llen("rq:queue:default") == 0  # every job was taken


def test_feeds_add_list_export_remove(scratch_env):
    added = dateline(scratch_env, "feeds", "add", "http://feeds.invalid/rss", "--title", "Gone")
    assert added.returncode == 0 and "added: http://feeds.invalid/rss" in added.stdout
    listing = dateline(scratch_env, "feeds", "list").stdout
    assert "http://feeds.invalid/rss" in listing and "every not yet known" in listing
    exported = dateline(scratch_env, "feeds", "export").stdout
    assert 'xmlUrl="http://feeds.invalid/rss"' in exported and 'title="Gone"' in exported
    assert dateline(scratch_env, "feeds", "remove", "http://feeds.invalid/rss").returncode == 0
    assert "feeds.invalid" not in dateline(scratch_env, "feeds", "list").stdout
    assert dateline(scratch_env, "feeds", "remove", "http://feeds.invalid/rss").returncode == 1


def test_the_worker_runs_the_story_repair_pass_when_it_is_due(db, monkeypatch):
    # In-process, one round each: due (interval 0) → repaired; not scheduling → never.
    import argparse

    from dateline.cli import worker_cmd

    calls = []
    monkeypatch.setattr(worker_cmd, "_repair_stories", lambda: calls.append("repair"))
    monkeypatch.setattr(worker_cmd, "_drain_database", lambda: 0)
    monkeypatch.setattr("dateline.store.tasks.queue_due", lambda: 0)
    monkeypatch.setattr("django.db.close_old_connections", lambda: None)  # the test's own
    monkeypatch.setattr(worker_cmd, "REPAIR_EVERY", 0.0)
    once = argparse.Namespace(idle=0.0, once=True, no_schedule=False)
    assert worker_cmd.run(once) == 0 and calls == ["repair"]
    assert worker_cmd.run(argparse.Namespace(idle=0.0, once=True, no_schedule=True)) == 0
    assert calls == ["repair"]
    monkeypatch.setattr(worker_cmd, "REPAIR_EVERY", 3600.0)
    assert worker_cmd.run(once) == 0 and calls == ["repair"]  # not due yet


def test_the_worker_prunes_rare_frequency_keys_on_its_first_idle_round(db, monkeypatch):
    import argparse

    from dateline.cli import worker_cmd
    from dateline.store import term_stats
    from dateline.store.models import TermStat

    long_ago = term_stats.today() - term_stats.PRUNE_AFTER_DAYS - 1
    TermStat.objects.create(term="zebrafish", df=1, seen=long_ago)
    monkeypatch.setattr(worker_cmd, "_drain_database", lambda: 0)
    monkeypatch.setattr("dateline.store.tasks.queue_due", lambda: 0)
    monkeypatch.setattr("django.db.close_old_connections", lambda: None)  # the test's own
    once = argparse.Namespace(idle=0.0, once=True, no_schedule=False)
    assert worker_cmd.run(once) == 0
    assert not TermStat.objects.filter(term="zebrafish").exists()
