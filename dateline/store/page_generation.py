"""The site's generation: a number every web process reads in a microsecond, and any committed
change to what pages show moves it, so every process drops its kept pages at once.

It is the modification time (in ns) of a file beside the embedded database: one `stat` per
request, no database round trip, no shared cache to run. Several web machines need the data
folder shared, or `page_cache_seconds = 0` (see docs/configuration.md).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction

FILE = "page-generation"


def path() -> Path:
    return Path(settings.DATA_DIR) / FILE


_known: dict[str, str] = {}  # data folder -> the file's path as a string (this runs per request)


def current() -> int:
    folder = str(settings.DATA_DIR)
    target = _known.get(folder) or _known.setdefault(folder, str(Path(folder) / FILE))
    try:
        return os.stat(target).st_mtime_ns
    except FileNotFoundError:
        return 0


def bump() -> None:
    """Move the generation forward (strictly, even within one clock tick)."""
    target = path()
    try:
        old = os.stat(target).st_mtime_ns
    except FileNotFoundError:
        target.touch()
        old = os.stat(target).st_mtime_ns
    new = max(time.time_ns(), old + 1)
    os.utime(target, ns=(new, new))


def bump_on_commit(sender=None, using: str | None = None, **kwargs) -> None:
    """Signal receiver: bump once the change is committed (never for a rolled-back one, and
    never before other processes can read what changed)."""
    transaction.on_commit(bump, using=using)
