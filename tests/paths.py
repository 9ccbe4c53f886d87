"""Where test inputs live: the project's own files, and the read-only ../shared folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = ROOT / "tests" / "files"
SHARED = Path(os.environ.get("DATELINE_SHARED_DIR", ROOT.parent / "shared")).resolve()
EXAMPLE = SHARED / "examples" / "scraped-wire-copy.txt"
DEMO = ROOT / "dateline" / "demo" / "wikinews"


def require_shared(relative: str) -> Path:
    """The path inside ../shared, or skip the test with a message saying what is missing."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(
            f"{path} not found: set DATELINE_SHARED_DIR to the shared data folder to run this"
        )
    return path
