"""Extraction on several cores: pages in, each with its article or the reason it failed, out.

Extraction touches no database, and in a bulk import it is half of an article's time or more,
so it runs in a pool of processes while the caller stays the store's one writer. Pages go out a
bounded window at a time (a multi-gigabyte WARC is never held in memory) and come back in input
order, so an import stores the same articles in the same order whatever the number of
processes. A page that kills its process (a crash inside a C library) or runs past
`PAGE_SECONDS` fails alone: the pool is stopped, the pages in flight are tried again one by one,
each in a fresh process, and the import goes on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as ResultTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TypeVar

from dateline.gather.page import RawPage
from dateline.understand.article import Article
from dateline.understand.extract import extract_or_reason

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Extracted = Article | str  # the article, or why there is none
WINDOW_PER_PROCESS = 4  # pages in flight per process: enough to keep each busy, few in memory
PAGE_SECONDS = 120.0  # a page still being read after this is stuck (trafilatura takes ~20 ms)
WATCH_EVERY = 0.5  # seconds between a worker's checks that the importing process still lives
CRASHED = "extraction crashed its process"
STUCK = f"extraction ran past {PAGE_SECONDS:.0f} s"


def extract_all(
    items: Iterable[Item],
    processes: int,
    extract: Callable[[RawPage], Extracted] = extract_or_reason,
) -> Iterator[tuple[Item, Extracted | None]]:
    """Each item with its extraction, in input order; items that are not pages (a gather
    error) pass through with None. `extract` must be a module-level function (it is pickled to
    the pool); with `processes` 0 it runs in this process."""
    if processes < 1:
        for item in items:
            yield item, extract(item) if isinstance(item, RawPage) else None
        return
    pool = _pool(processes)
    window: deque[tuple[Item, Future | None]] = deque()
    try:
        for item in items:
            window.append((item, _submit(pool, extract, item)))
            if len(window) < processes * WINDOW_PER_PROCESS:
                continue
            if (yield from _drain(window, pool, extract, until=len(window) - 1)):
                pool = _pool(processes)  # the last one was stopped
        yield from _drain(window, pool, extract, until=0)
    finally:
        _stop(pool)


def _drain(
    window: deque, pool: ProcessPoolExecutor, extract: Callable, until: int
) -> Generator[tuple[object, Extracted | None], None, bool]:
    """Yield the oldest results until `until` remain; if the pool broke or a page got stuck,
    stop it, take every page in flight one by one (the window is then empty) and return True."""
    while len(window) > until:
        item, future = window.popleft()
        if future is None:
            yield item, None
            continue
        try:
            yield item, future.result(timeout=PAGE_SECONDS)
            continue
        except BrokenProcessPool:
            log.error("an extracting process died: the pages in flight go one by one")
        except ResultTimeout:
            log.error("extraction stuck on %s: stopping its pool", getattr(item, "origin", item))
        except Exception as exc:  # its result could not come back (unpicklable, say): that page
            yield item, f"extraction error: {exc!r}"
            continue
        _stop(pool)
        pending = [item, *(i for i, _ in window)]
        window.clear()
        yield from _one_by_one(pending, extract)
        return True
    return False


def _one_by_one(items: list, extract: Callable) -> Iterator[tuple[object, Extracted | None]]:
    """After a crash or a stuck page: each page alone in a fresh process, so only it fails."""
    for item in items:
        if not isinstance(item, RawPage):
            yield item, None
            continue
        alone = _pool(1)
        try:
            result: Extracted = alone.submit(extract, item).result(timeout=PAGE_SECONDS)
        except BrokenProcessPool:
            log.error("extraction crashed its process on %s", item.origin)
            result = CRASHED
        except ResultTimeout:
            log.error("extraction stuck on %s", item.origin)
            result = STUCK
        except Exception as exc:
            result = f"extraction error: {exc!r}"
        finally:
            _stop(alone)
        yield item, result


def _pool(processes: int) -> ProcessPoolExecutor:
    # spawn: fresh interpreters, not copies of a process holding database connections and a
    # progress thread, and no server process left behind once the import is done.
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        processes, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    )


def _submit(pool: ProcessPoolExecutor, extract: Callable, item: object) -> Future | None:
    if not isinstance(item, RawPage):
        return None
    try:
        return pool.submit(extract, item)
    except BrokenProcessPool as exc:  # broke since the last result: handled where read
        future: Future = Future()
        future.set_exception(exc)
        return future


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the pool now, even with a worker stuck in a page: `shutdown` alone would wait for
    it, and the executor has no public way to end a running task."""
    for process in list((pool._processes or {}).values()):
        process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(importer: int) -> None:
    """In each worker: Ctrl-C is the importer's to handle (one message, not one traceback a
    worker); the gazetteer is loaded before the first page; and the worker exits when the
    importer is gone (killed with -9, nothing told the pool) instead of waiting for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from dateline.understand.gazetteer import place_kind

    place_kind("springfield")

    def watch() -> None:
        while _alive(importer):
            time.sleep(WATCH_EVERY)
        os._exit(1)

    threading.Thread(target=watch, name="watch-importer", daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether the process runs: on Linux a killed process not yet reaped by its parent (a
    zombie) does not; elsewhere the kernel is asked, which cannot tell a zombie."""
    if Path("/proc/self/stat").exists():
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process took the number: ours is gone
        return False
    return True
