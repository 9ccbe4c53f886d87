"""Suite-wide setup. Fixtures live beside the tests that use them (tests/*/fixtures.py)."""

from __future__ import annotations


def pytest_configure(config) -> None:
    # The SQLite test database lives in the data dir (a file, so live servers and subprocesses
    # can share it); settings never create folders themselves.
    from django.conf import settings

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
