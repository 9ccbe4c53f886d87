"""Search filters and the API docs in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.store.models import Article
from tests.browser.test_article_browser import ARGS, CHROMIUM, browser_page  # noqa: F401
from tests.site.builders import LANES, ferry_story, news_page, store

pytestmark = pytest.mark.browser


@pytest.fixture
def stored_corpus(transactional_db):
    now = timezone.now()
    original = store(ferry_story(published="2026-11-20T08:00:00Z"), now - timedelta(days=3))
    copy = store(ferry_story("Copycat Daily", "https://copycat.example/ferry"), now)
    lanes = store(
        news_page(
            "Ferry users welcome cycle lanes",
            LANES,
            "Town Crier",
            "https://crier.example/lanes",
            published="2026-11-24T12:00:00Z",
        )
    )
    Article.objects.filter(pk=lanes.pk).update(language="de")
    return original, copy, lanes


def watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    return errors


def result_titles(page) -> list[str]:
    return page.locator(".results li > a").all_inner_texts()


def test_filters_narrow_the_results(stored_corpus, live_server, browser_page):  # noqa: F811
    original, copy, lanes = stored_corpus
    page = browser_page
    errors = watch_errors(page)
    page.goto(f"{live_server.url}/search?q=ferry")
    assert len(result_titles(page)) == 2  # the copy is folded under its original
    page.get_by_label("Publisher").select_option(label="Copycat Daily")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.wait_for_url("**publisher=copycat-daily**")
    assert result_titles(page) == [copy.title]
    assert page.get_by_label("Publisher").input_value() == "copycat-daily"  # the form remembers

    page.get_by_label("Publisher").select_option("")
    page.get_by_label("Language").select_option("de")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.wait_for_url("**language=de**")
    assert result_titles(page) == [lanes.title]

    page.get_by_label("Language").select_option("")
    page.get_by_label("From").fill("2026-11-19")
    page.get_by_label("To").fill("2026-11-21")
    page.get_by_label("Originals only").check()
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.wait_for_url("**originals=1**")
    assert result_titles(page) == [original.title]
    assert page.locator(".results mark").first.inner_text().lower() == "ferry"
    assert not errors


def test_the_search_form_works_from_the_keyboard(stored_corpus, live_server, browser_page):  # noqa: F811
    _, copy, _ = stored_corpus
    page = browser_page
    page.goto(f"{live_server.url}/search?q=ferry")
    page.locator("#f-q").focus()
    order: list[str] = []
    for _ in range(15):  # a date input takes one Tab per part (day, month, year)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id || document.activeElement.textContent")
        if not order or order[-1] != focused:
            order.append(focused)
        if focused == "Search":
            break
    assert order == [
        "f-since", "f-until", "f-publisher", "f-language", "f-originals", "f-everything", "Search"
    ]  # fmt: skip
    page.locator("#f-publisher").focus()
    page.keyboard.press("ArrowDown")  # from "Any publisher" to the first one, alphabetically
    assert page.locator("#f-publisher").input_value() == "copycat-daily"
    page.locator("#f-originals").focus()
    page.keyboard.press("Space")
    assert page.locator("#f-originals").is_checked()
    page.keyboard.press("Space")
    assert not page.locator("#f-originals").is_checked()
    page.locator("#f-q").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**publisher=copycat-daily**")
    assert result_titles(page) == [copy.title]


def test_api_docs_render_under_the_csp(live_server, browser_page, transactional_db):  # noqa: F811
    page = browser_page
    errors = watch_errors(page)
    page.goto(f"{live_server.url}/api/docs")
    page.get_by_text("/api/articles/{key}/reactions").first.wait_for()
    assert page.locator(".opblock").count() >= 8
    assert not errors  # a CSP violation would be reported here
