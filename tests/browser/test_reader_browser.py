"""A reader's main paths in a real browser: read, react, search, follow, see Recommendation
change, and an account from sign-up to "Forget me"."""

from __future__ import annotations

import pytest

from dateline.store.models import Article
from tests.browser.test_article_browser import browser_page  # noqa: F401
from tests.paths import DEMO
from tests.store.fixtures import import_path

pytestmark = pytest.mark.browser
PASSWORD = "a long enough passphrase 42"


@pytest.fixture
def demo(transactional_db) -> dict[str, str]:
    """Addresses, computed before Playwright's event loop makes Django refuse the database."""
    import_path(DEMO)
    apple = Article.objects.select_related("publisher").get(title="Apple to lower UK iTunes prices")
    return {
        "title": apple.title,
        "article": apple.get_absolute_url(),
        "publisher": apple.publisher.get_absolute_url(),
        "publisher_name": apple.publisher.name,
    }


def watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    return errors


def recommended(page) -> list[str]:
    section = page.locator("section", has=page.get_by_role("heading", name="Recommended for you"))
    return section.locator(".reason").all_inner_texts()


def test_read_react_search_follow_and_the_recommendation_changes(
    demo,
    live_server,
    browser_page,  # noqa: F811
):
    from playwright.sync_api import expect

    page = browser_page
    errors = watch_errors(page)
    base = live_server.url
    page.goto(base + "/")
    assert page.get_by_role("heading", name="Top stories").is_visible()
    assert recommended(page) == []  # a stranger: nothing to go on yet
    assert page.get_by_text("Read an article or two").is_visible()

    page.goto(base + demo["article"])  # read
    page.get_by_role("button", name="Good! (0)").click()  # react
    expect(page.locator(".reaction .count")).to_have_text("1")

    page.goto(base + "/")
    reasons = recommended(page)
    assert reasons and all(r == f"similar to “{demo['title']}”, which you read" for r in reasons)

    page.get_by_role("searchbox", name="Search articles").fill("iTunes")  # search
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=iTunes")
    assert page.locator(".results li > a").count() >= 1

    page.goto(base + demo["publisher"])  # follow
    page.get_by_role("button", name="Follow").click()
    page.wait_for_load_state()
    following = page.get_by_role("button", name="Following")
    assert following.get_attribute("aria-pressed") == "true"

    page.goto(base + "/you")
    follows = page.locator("section", has=page.get_by_role("heading", name="You follow"))
    assert follows.get_by_role("link", name=demo["publisher_name"]).is_visible()
    assert page.locator("section", has_text="You said good").get_by_text(demo["title"]).count()
    reasons = recommended(page)
    assert f"from {demo['publisher_name']}, which you follow" in reasons
    assert any(r.startswith("similar to") for r in reasons)
    assert not errors


def test_sign_up_sign_out_sign_in_and_forget_me(demo, live_server, browser_page):  # noqa: F811
    page = browser_page
    errors = watch_errors(page)
    base = live_server.url
    page.goto(base + demo["article"])  # read before having an account

    page.goto(base + "/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/you")
    assert page.get_by_text("Kept with your account, ada").is_visible()
    history = page.locator("section", has=page.get_by_role("heading", name="Read", exact=True))
    assert history.get_by_role("link", name=demo["title"]).is_visible()  # merged

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(base + "/")
    assert page.get_by_role("link", name="Sign in").is_visible()

    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/you")
    assert history.get_by_role("link", name=demo["title"]).is_visible()  # kept with the account

    page.get_by_role("link", name="Forget me").click()
    page.get_by_role("button", name="Yes, forget me").click()
    assert page.get_by_role("status").inner_text().startswith("Done")
    page.goto(base + "/you")
    assert history.get_by_text("Nothing read yet.").is_visible()
    assert not errors
