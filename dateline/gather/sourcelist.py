"""Lists of feeds to follow: OPML, or one URL a line (with optional title after a space)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from dateline.gather.opml import read_opml

DEFAULT_SOURCES = "default_sources.txt"


def read_sources(path: str | Path | None = None) -> list[tuple[str, str]]:
    """(url, title) pairs from the given file, or the bundled default list."""
    if path:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = resources.files("dateline.gather").joinpath(DEFAULT_SOURCES).read_text("utf-8")
    if text.lstrip().startswith("<"):
        return _from_opml(text)
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            url, _, title = line.partition(" ")
            pairs.append((url, title.strip()))
    return pairs


def _from_opml(text: str) -> list[tuple[str, str]]:
    return [(feed.xml_url, feed.title) for feed in read_opml(text)]
