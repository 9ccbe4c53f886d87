"""Lists of feeds to follow: OPML, or one URL a line (with optional title after a space).

A file that cannot be read as either (missing, binary, broken XML) raises `SourceListError`
naming the file and the reason; the addresses in it are checked by whoever follows them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from dateline.gather.opml import OpmlError, read_opml

DEFAULT_SOURCES = "default_sources.txt"


class SourceListError(ValueError):
    """A feed list that cannot be read; the message names the file and why."""


def read_sources(path: str | Path | None = None) -> list[tuple[str, str]]:
    """(url, title) pairs from the given file, or the bundled default list."""
    name = path or DEFAULT_SOURCES
    try:
        if path:
            text = Path(path).read_text(encoding="utf-8-sig")  # a byte-order mark, if any, goes
        else:
            text = resources.files("dateline.gather").joinpath(DEFAULT_SOURCES).read_text("utf-8")
        if text.lstrip().startswith("<"):
            return _from_opml(text)
    except UnicodeDecodeError:
        raise SourceListError(f"{name}: not UTF-8 text (binary data?)") from None
    except OSError as error:
        raise SourceListError(f"{name}: cannot be read ({error.strerror or error})") from None
    except OpmlError as error:
        raise SourceListError(f"{name}: {error}") from None
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            url, _, title = line.partition(" ")
            pairs.append((url, title.strip()))
    return pairs


def _from_opml(text: str) -> list[tuple[str, str]]:
    return [(feed.xml_url, feed.title) for feed in read_opml(text)]
