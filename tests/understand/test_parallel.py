"""Extraction in a pool of processes: same articles, same order, and a crashing page fails alone."""

import os
import time

from dateline.gather.page import PageError, RawPage
from dateline.understand import parallel
from dateline.understand.article import Article
from dateline.understand.extract import extract_or_reason
from dateline.understand.parallel import CRASHED, extract_all
from tests.paths import DEMO


def _pages(n: int) -> list:
    pages: list = [
        RawPage(str(path), "html", path.read_text(encoding="utf-8"))
        for path in sorted(DEMO.glob("*.html"))[:n]
    ]
    pages.insert(3, PageError("gone.warc", "no such file or folder"))  # passes through, in place
    pages.insert(5, RawPage("empty.html", "html", "   "))
    return pages


def _crash_on_marked_pages(page: RawPage) -> parallel.Extracted:
    """Kills its process, as a segfault in a C library would, on pages marked to."""
    if "KILL-THE-WORKER" in page.content:
        os._exit(1)
    return extract_or_reason(page)


def _summary(results) -> list[tuple[str, str]]:
    return [
        (item.origin, out.title if isinstance(out, Article) else str(out)) for item, out in results
    ]


def test_two_processes_give_what_one_gives_in_the_same_order():
    pages = _pages(20)
    alone = _summary(extract_all(pages, processes=0))
    pooled = _summary(extract_all(pages, processes=2))
    assert pooled == alone
    assert [origin for origin, _ in pooled] == [p.origin for p in pages]
    assert alone[3] == ("gone.warc", "None") and alone[5] == ("empty.html", "the page is empty")
    assert sum(1 for _, out in extract_all(pages, 0) if isinstance(out, Article)) == 20


def test_a_page_that_kills_its_process_fails_alone_and_the_rest_goes_on(monkeypatch):
    monkeypatch.setattr(parallel, "WINDOW_PER_PROCESS", 2)  # four pages in flight
    pages = _pages(10)
    marked = {5, 11}  # one while the window is full, one while it drains at the end
    for i in marked:
        pages[i] = RawPage(f"crash-{i}.html", "html", "<p>KILL-THE-WORKER</p>")
    expected = _summary(extract_all([p for i, p in enumerate(pages) if i not in marked], 0))
    results = list(extract_all(pages, processes=2, extract=_crash_on_marked_pages))
    assert [item.origin for item, _ in results] == [p.origin for p in pages]
    assert [out for i, (_, out) in enumerate(results) if i in marked] == [CRASHED, CRASHED]
    survivors = [r for i, r in enumerate(results) if i not in marked]
    assert _summary(survivors) == expected


def _stuck_on_marked_pages(page: RawPage) -> parallel.Extracted:
    """Never returns on pages marked to, as a parser caught in a pathological page would."""
    if "NEVER-ENDS" in page.content:
        time.sleep(600)
    return extract_or_reason(page)


def test_a_page_stuck_in_extraction_fails_alone_and_the_rest_goes_on(monkeypatch):
    monkeypatch.setattr(parallel, "WINDOW_PER_PROCESS", 2)
    monkeypatch.setattr(parallel, "PAGE_SECONDS", 3.0)
    pages = _pages(6)
    pages[2] = RawPage("stuck.html", "html", "<p>NEVER-ENDS</p>")
    expected = _summary(extract_all([p for i, p in enumerate(pages) if i != 2], 0))
    results = list(extract_all(pages, processes=2, extract=_stuck_on_marked_pages))
    assert [item.origin for item, _ in results] == [p.origin for p in pages]
    assert results[2][1] == parallel.STUCK
    assert _summary(r for i, r in enumerate(results) if i != 2) == expected
