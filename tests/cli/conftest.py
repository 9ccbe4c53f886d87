"""Run the real `dateline` command in subprocesses, each against a scratch store.

On the PostgreSQL run the scratch store is a fresh database on the same server, dropped after.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest


@pytest.fixture
def scratch_env(tmp_path):
    url = os.environ.get("DATELINE_DATABASE_URL", "")
    env = {**os.environ, "DATELINE_DATA_DIR": str(tmp_path / "data"), "DATELINE_DATABASE_URL": ""}
    if not url.startswith("postgres"):
        yield env
        return
    import psycopg

    name = f"dateline_cli_{uuid.uuid4().hex[:10]}"
    base, _, _ = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env["DATELINE_DATABASE_URL"] = f"{base}/{name}"
    try:
        yield env
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def dateline(env, *args, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def count_articles(env) -> tuple[int, int]:
    """(articles, distinct fingerprints) in the scratch store, read through Django."""
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='dateline.settings';"
        "django.setup();"
        "from dateline.store.models import Article as A;"
        "print(A.objects.count(), A.objects.values('fingerprint').distinct().count())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    articles, distinct = out.stdout.split()
    return int(articles), int(distinct)
