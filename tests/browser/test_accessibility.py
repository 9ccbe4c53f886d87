"""Every page type passes axe-core's WCAG A/AA rules (no serious or critical violation), and
the keyboard reaches the main controls with a visible focus, starting from a skip link."""

from __future__ import annotations

import pytest

from dateline.store.models import Article
from tests.browser.axe import violations
from tests.browser.test_article_browser import ARGS, CHROMIUM
from tests.paths import DEMO
from tests.site.people import topic
from tests.store.fixtures import import_path

pytestmark = pytest.mark.browser


@pytest.fixture
def store_with_demo(transactional_db) -> dict[str, str]:
    """The address of each page type. Computed here, before Playwright starts: its event loop
    makes Django refuse database calls in the test's thread."""
    import_path(DEMO)
    apple = Article.objects.select_related("publisher").get(title="Apple to lower UK iTunes prices")
    topic("Apple Inc", "org", [apple])
    return page_types(apple)


@pytest.fixture
def a11y_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(bypass_csp=True)
        yield context.new_page()
        browser.close()


def page_types(apple: Article) -> dict[str, str]:
    return {
        "home": "/",
        "latest": "/latest",
        "article": apple.get_absolute_url(),
        "publisher": apple.publisher.get_absolute_url(),
        "search results": "/search?q=apple+itunes",
        "search, nothing found": "/search?q=zzzznothing",
        "search form": "/search",
        "sources": "/status",
        "about": "/about",
        "sign in": "/account/sign-in",
        "sign up": "/account/sign-up",
        "your reading": "/you",
        "forget me": "/you/forget",
        "not found": "/no/such/page",
        "story": apple.story_member.story.get_absolute_url(),
        "topic": f"/topics/{apple.mentions.select_related('entity').first().entity.slug}",
    }


def test_every_page_type_has_no_serious_accessibility_violation(
    store_with_demo, live_server, a11y_page
):
    page = a11y_page
    page.goto(f"{live_server.url}{store_with_demo['article']}")  # a reading history
    page.goto(f"{live_server.url}{store_with_demo['publisher']}")
    page.get_by_role("button", name="Follow").click()  # a follow, for "Your reading"
    page.wait_for_load_state()
    found = {}
    for name, path in store_with_demo.items():
        page.goto(f"{live_server.url}{path}")
        problems = violations(page)
        if problems:
            found[name] = problems
    assert not found, found


def test_a_form_with_errors_is_still_accessible(store_with_demo, live_server, a11y_page):
    page = a11y_page
    page.goto(f"{live_server.url}/account/sign-up")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password confirmation").fill("different")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_load_state()
    assert page.locator(".error").count() >= 1
    assert violations(page) == []


def focused(page) -> dict:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {tag: el.tagName, text: (el.textContent || el.value || "").trim(), id: el.id,
                  outline: style.outlineStyle, width: parseFloat(style.outlineWidth) || 0};
        }"""
    )


def tab_until(page, wanted, limit: int = 60) -> list[dict]:
    """Press Tab until `wanted(focused)` holds; every stop must show a visible focus ring."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        stops.append(now)
        assert now["outline"] != "none" and now["width"] >= 2, (
            page.url,
            [x["text"][:20] for x in stops],
        )
        if wanted(now):
            return stops
    raise AssertionError(f"never reached: {[s['text'][:30] for s in stops]}")


def test_keyboard_reaches_the_main_controls_with_visible_focus(store_with_demo, live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page()
        base = live_server.url
        page.goto(f"{base}{store_with_demo['article']}")
        first = tab_until(page, lambda f: True)[0]
        assert first["text"] == "Skip to content"
        page.keyboard.press("Enter")  # the skip link moves focus into the content
        assert page.evaluate("location.hash") == "#main"
        assert page.evaluate("document.activeElement.id") == "main"
        stops = tab_until(page, lambda f: f["text"].startswith("Good!"))
        assert all(stop["text"] != "Search" for stop in stops)  # the header was skipped

        page.goto(f"{base}{store_with_demo['publisher']}")
        tab_until(page, lambda f: f["text"].startswith("Follow"))
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        assert page.get_by_role("button", name="Following").get_attribute("aria-pressed") == "true"

        page.goto(f"{base}/account/sign-in")
        assert focused(page)["id"] == "id_username"  # the form's first field has the focus
        page.keyboard.type("nobody")
        page.keyboard.press("Tab")
        assert focused(page)["id"] == "id_password"
        tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Sign in")
        browser.close()
