"""Offline import: walk files and folders and yield the pages they hold.

Accepts .html/.htm (optionally .gz), .warc/.warc.gz and plain-text page dumps (.txt, .txt.gz).
A file that cannot be read yields a `PageError` naming it; it never stops the walk.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from dateline.gather.decode import NotTextError, decode_page
from dateline.gather.page import PageError, PageKind, RawPage
from dateline.gather.warc import iter_warc_pages

MAX_FILE_BYTES = 50 * 1024 * 1024  # a bigger single page is not an article
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
TEXT_SUFFIXES = (".txt", ".txt.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
SUPPORTED = HTML_SUFFIXES + TEXT_SUFFIXES + WARC_SUFFIXES


def find_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[PageError]]:
    """Expand folders (recursively, sorted) into importable files; report what was skipped."""
    files: list[Path] = []
    errors: list[PageError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*")) if p.is_file() and _supported(p))
        elif path.is_file():
            if _supported(path):
                files.append(path)
            else:
                errors.append(
                    PageError(str(path), f"unsupported file type (expected {', '.join(SUPPORTED)})")
                )
        else:
            errors.append(PageError(str(path), "no such file or folder"))
    return files, errors


def iter_pages(files: Iterable[Path]) -> Iterator[RawPage | PageError]:
    """Pages from each file in turn; errors are yielded, never raised."""
    for path in files:
        name = path.name.lower()
        try:
            if name.endswith(WARC_SUFFIXES):
                yield from iter_warc_pages(path)
            else:
                yield _read_file(path, "text" if name.endswith(TEXT_SUFFIXES) else "html")
        except (OSError, EOFError, gzip.BadGzipFile, NotTextError) as exc:
            yield PageError(str(path), _describe(exc))


def _read_file(path: Path, kind: PageKind) -> RawPage | PageError:
    if path.stat().st_size > MAX_FILE_BYTES:
        return PageError(str(path), f"file larger than {MAX_FILE_BYTES // 2**20} MB")
    data = path.read_bytes()
    if path.name.lower().endswith(".gz"):
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            return PageError(str(path), f"decompresses to more than {MAX_FILE_BYTES // 2**20} MB")
    return RawPage(origin=str(path), kind=kind, content=decode_page(data))


def _describe(exc: Exception) -> str:
    if isinstance(exc, gzip.BadGzipFile | EOFError):
        return f"broken gzip file: {exc}"
    if isinstance(exc, NotTextError):
        return str(exc)
    return f"cannot read: {exc.strerror or exc}" if isinstance(exc, OSError) else str(exc)


def _supported(path: Path) -> bool:
    return path.name.lower().endswith(SUPPORTED)
