"""Extraction on several cores: pages in, each with its article or the reason it failed, out.

Extraction touches no database, and in a bulk import it is most of the time, so it runs in a
pool of processes while the caller stays the store's one writer. Pages go out a bounded window
at a time (a multi-gigabyte WARC is never held in memory) and come back in input order, so an
import stores the same articles in the same order whatever the number of jobs. A page that
kills its process (a crash inside a C library) fails alone: the pages in flight are tried again
one by one, each in a fresh process, and the import goes on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from dateline.gather.page import RawPage
from dateline.understand.article import Article, ExtractionError
from dateline.understand.extract import extract_page

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Extracted = Article | str  # the article, or why there is none
WINDOW_PER_JOB = 4  # pages in flight per process: enough to keep each busy, few in memory
WATCH_EVERY = 0.5  # seconds between a worker's checks that the importing process still lives
CRASHED = "extraction crashed its process"


def extract_or_reason(page: RawPage) -> Extracted:
    """The page's article, or a sentence saying why it has none; never raises."""
    try:
        return extract_page(page)
    except ExtractionError as exc:
        return str(exc)
    except Exception as exc:  # a library choking on hostile input must not stop an import
        log.exception("extraction crashed on %s", page.origin)
        return f"extraction error: {exc!r}"


def extract_all(
    items: Iterable[Item],
    jobs: int,
    extract: Callable[[RawPage], Extracted] = extract_or_reason,
) -> Iterator[tuple[Item, Extracted | None]]:
    """Each item with its extraction, in input order; items that are not pages (a gather
    error) pass through with None. `extract` must be a module-level function (it is pickled to
    the pool); `jobs` <= 1 extracts in this process."""
    if jobs <= 1:
        for item in items:
            yield item, extract(item) if isinstance(item, RawPage) else None
        return
    pool = _pool(jobs)
    window: deque[tuple[Item, Future | None]] = deque()
    try:
        for item in items:
            window.append((item, _submit(pool, extract, item)))
            if len(window) >= jobs * WINDOW_PER_JOB:
                item, result = _first(window)
                if result is not CRASHED:
                    yield item, result
                    continue
                pool.shutdown(cancel_futures=True)
                yield from _one_by_one([item, *(i for i, _ in window)], extract)
                window.clear()
                pool = _pool(jobs)
        while window:
            item, result = _first(window)
            if result is not CRASHED:
                yield item, result
                continue
            yield from _one_by_one([item, *(i for i, _ in window)], extract)
            window.clear()
    finally:
        pool.shutdown(cancel_futures=True)


def _pool(jobs: int) -> ProcessPoolExecutor:
    # forkserver: workers fork from a clean server, not from a process holding database
    # connections and a progress thread.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["dateline.understand.extract"])
    return ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_watch, initargs=(os.getpid(),)
    )


def _watch(importer: int) -> None:
    """In each worker: exit when the importing process is gone (killed with -9, nothing told
    the pool), instead of waiting for pages for ever."""

    def watch() -> None:
        while True:
            time.sleep(WATCH_EVERY)
            try:
                os.kill(importer, 0)
            except ProcessLookupError:
                os._exit(1)

    threading.Thread(target=watch, name="watch-importer", daemon=True).start()


def _submit(pool: ProcessPoolExecutor, extract: Callable, item: object) -> Future | None:
    if not isinstance(item, RawPage):
        return None
    try:
        return pool.submit(extract, item)
    except BrokenProcessPool as exc:  # broke since the last result: handled where read
        future: Future = Future()
        future.set_exception(exc)
        return future


def _first(window: deque) -> tuple[object, Extracted | None]:
    """The oldest item's result; `CRASHED` (the very object) when its pool broke."""
    item, future = window.popleft()
    if future is None:
        return item, None
    try:
        return item, future.result()
    except BrokenProcessPool:
        return item, CRASHED


def _one_by_one(items: list, extract: Callable) -> Iterator[tuple[object, Extracted | None]]:
    """After a crash: each page alone in a fresh process, so only the culprit fails."""
    for item in items:
        if not isinstance(item, RawPage):
            yield item, None
            continue
        alone = _pool(1)
        try:
            result = alone.submit(extract, item).result()
        except BrokenProcessPool:
            log.error("extraction crashed its process on %s", item.origin)
            result = CRASHED
        finally:
            alone.shutdown(cancel_futures=True)
        yield item, result
