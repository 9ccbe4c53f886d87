"""The example article in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import shutil

import pytest

from tests.paths import DEMO, require_shared
from tests.store.fixtures import import_path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_page():
    # Request this after database fixtures: Playwright's sync API runs an event loop in this
    # thread, and Django refuses database calls from a thread with a running loop.
    from playwright.sync_api import sync_playwright

    if not shutil.which("chromium"):
        pytest.fail("Debian's chromium is not installed: run `make browser` (make test does it)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page()
        yield page
        browser.close()


@pytest.fixture
def stored_example(transactional_db):
    import_path(DEMO)
    (result,) = import_path(require_shared("examples/scraped-wire-copy.txt"))
    return result


def test_read_the_example_and_react(stored_example, live_server, browser_page):
    from playwright.sync_api import expect

    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))  # CSP, 404s
    page.goto(f"{live_server.url}/articles/{stored_example.key}")

    assert page.title().startswith("North Korea stresses alignment with Russia")
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    assert crumbs.get_by_role("link", name="Home").is_visible()
    assert crumbs.get_by_role("link", name="Excel Wealth Summit").is_visible()
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text().startswith("North Korea stresses alignment")
    assert (
        page.locator(".claimed-date time").get_attribute("datetime") == "2025-04-07T02:07:50+00:00"
    )
    assert page.locator(".first-seen time").is_visible()
    assert page.locator(".dateline-place").inner_text() == "Seoul, South Korea"
    assert page.locator(".credit").inner_text() == "AP"
    assert page.locator(".body p").count() == 13
    for name in ("Related", "Ranking", "Recommendation"):
        assert page.get_by_role("heading", name=name, level=2).is_visible()

    button = page.get_by_role("button", name="Good! (0)")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    # expect() polls without eval, which the page's Content-Security-Policy forbids
    expect(page.locator(".reaction .count")).to_have_text("1")
    expect(page.locator(".reaction button")).to_have_attribute("aria-pressed", "true")

    page.reload()  # the count was stored, not just drawn
    assert page.locator(".reaction .count").inner_text() == "1"
    assert not errors


def test_reaction_works_without_javascript(live_server, stored_example):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{live_server.url}/articles/{stored_example.key}")
        page.get_by_role("button", name="Good! (0)").click()
        page.wait_for_url("**#reactions")
        assert page.locator(".reaction .count").inner_text() == "1"
        browser.close()


def test_keyboard_reaches_search_and_reaction(stored_example, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/articles/{stored_example.key}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("Putin")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=Putin")
    assert page.locator("mark").first.inner_text() == "Putin"
