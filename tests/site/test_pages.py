import re

import pytest
from django.test import Client

from dateline.site.read_batch import READS
from dateline.store.models import Article, Source


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response


def react(client, article):
    return client.post(f"/articles/{article.key}/react", HTTP_ACCEPT="application/json")


@pytest.fixture
def apple(demo_articles):
    return Article.objects.get(title="Apple to lower UK iTunes prices")


def test_article_page_has_every_element_of_a_news_page(client, demo_articles, example_article):
    html = page(client, example_article.get_absolute_url()).content.decode()
    assert re.search(r'<nav aria-label="Breadcrumb".*?Home.*?Excel Wealth Summit', html, re.S)
    assert "<h1>North Korea stresses alignment with Russia" in html
    assert 'class="claimed-date"><time datetime="2025-04-07T02:07:50+00:00">' in html
    assert 'class="first-seen"' in html
    assert 'class="dateline-place">Seoul, South Korea<' in html and 'class="credit">AP<' in html
    assert html.count("<p>", html.index('class="body"'), html.index('class="original"')) == 13
    assert "Imported from a file" in html  # no original address is known, and we say so
    assert 'name="csrfmiddlewaretoken"' in html and 'Good! (<span class="count">0</span>)' in html
    for heading in ("Related", "Ranking", "Recommendation"):
        assert f">{heading}</h2>" in html
    assert "Oscars" not in html  # the farm's unrelated link lists are gone


def test_related_is_honest_about_having_nothing_related(client, demo_articles, example_article):
    data = page(client, example_article.get_absolute_url() + ".json").json()
    # Nothing about North Korea among Apple, Airbus, GM and stocks: show what was picked, and why.
    assert [(i["title"], i["reason"]) for i in data["related"]] == []


def test_related_lists_similar_articles_never_itself(client, apple):
    related = page(client, apple.get_absolute_url() + ".json").json()["related"]
    assert related and apple.key not in {item["key"] for item in related}
    assert all(re.search(r"Apple|iTunes|iPod|iPhone|Mac", item["title"]) for item in related)
    assert all(item["reason"].endswith("similar in content") for item in related)


def test_html_and_json_come_from_the_same_data(client, apple):
    data = page(client, apple.get_absolute_url() + ".json").json()
    html = page(client, apple.get_absolute_url()).content.decode()
    assert data["article"]["title"] in html
    for item in data["related"]:
        assert item["url"] in html
    assert (
        data["article"]["original_url"]
        == "https://en.wikinews.org/wiki/Apple_to_lower_UK_iTunes_prices"
    )
    assert (
        '<link rel="canonical" href="https://en.wikinews.org/wiki/Apple_to_lower_UK_iTunes_prices">'
        in html
    )


def test_short_and_misspelled_article_urls_redirect_to_the_stable_one(client, apple):
    assert page(client, f"/articles/{apple.key}", 301)["Location"] == apple.get_absolute_url()
    assert (
        page(client, f"/articles/{apple.key}/old-title", 301)["Location"]
        == apple.get_absolute_url()
    )
    page(client, "/articles/000000000000/x", 404)


def test_reactions_need_csrf_and_count_once_per_visitor(apple):
    strict = Client(enforce_csrf_checks=True)
    strict.get(apple.get_absolute_url())
    assert react(strict, apple).status_code == 403
    token = strict.cookies["csrftoken"].value
    response = strict.post(
        f"/articles/{apple.key}/react",
        {"csrfmiddlewaretoken": token},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {"reactions": 1, "reacted": True, "added": True}
    again = strict.post(
        f"/articles/{apple.key}/react",
        {"csrfmiddlewaretoken": token},
        HTTP_ACCEPT="application/json",
    )
    assert again.json()["reactions"] == 1 and again.json()["added"] is False
    other = Client()
    # Without the cookie the site sets when a page opens, every post would be a new visitor.
    assert react(other, apple).status_code == 403
    for _ in range(3):
        no_cookie = Client(enforce_csrf_checks=True)
        no_cookie.cookies["csrftoken"] = token
        refused = no_cookie.post(f"/articles/{apple.key}/react", {"csrfmiddlewaretoken": token})
        assert refused.status_code == 403
    other.get(apple.get_absolute_url())
    assert react(other, apple).json()["reactions"] == 2
    assert page(other, apple.get_absolute_url() + ".json").json()["article"]["reacted"] is True


def test_reaction_without_javascript_redirects_back(client, apple):
    client.get(apple.get_absolute_url())
    response = client.post(f"/articles/{apple.key}/react")
    assert response.status_code == 302 and response["Location"].endswith("#reactions")
    assert client.get(f"/articles/{apple.key}/react").status_code == 405


def test_ranking_follows_reads_and_reactions(demo_articles, django_capture_on_commit_callbacks):
    popular, liked, quiet = demo_articles[:3]
    for _ in range(3):
        Client().get(popular.get_absolute_url())
    fan = Client()
    fan.get(liked.get_absolute_url())
    READS.flush()  # first pages' reads are counted in batches (site.read_batch)
    with django_capture_on_commit_callbacks(execute=True):
        react(fan, liked)  # one read + one reaction outweighs three reads
    ranking = page(Client(), quiet.get_absolute_url() + ".json").json()["ranking"]
    assert [item["key"] for item in ranking][:2] == [liked.key, popular.key]
    assert ranking[0]["reason"].startswith("1 reads, 1 reactions")
    assert quiet.key not in [item["key"] for item in ranking]


def test_recommendation_follows_what_the_visitor_read(client, demo_articles):
    assert page(client, "/index.json").json()["recommendation"] == []
    airbus = Article.objects.get(title="Airbus announces job cuts of 10,000")
    page(client, airbus.get_absolute_url())
    recommended = page(client, "/index.json").json()["recommendation"]
    assert recommended and airbus.key not in {item["key"] for item in recommended}
    assert all(
        re.search(r"Airbus|Boeing|A380|EADS|aircraft|jet", item["title"], re.I)
        or "Airbus announces job cuts" in item["reason"]
        for item in recommended
    )
    assert "Airbus announces job cuts of 10,000" in recommended[0]["reason"]


def test_search_highlights_and_escapes(client, demo_articles):
    html = page(client, "/search?q=superjumbo").content.decode()
    assert "<mark>superjumbo</mark>" in html.lower() or "<mark>Superjumbo</mark>" in html
    hostile = page(client, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E").content.decode()
    assert "<script>alert(1)</script>" not in hostile
    for query in ['"', "OR", "AND (", "NEAR(", "*", "a:b", "'; DROP TABLE store_article; --"]:
        page(client, "/search.json?q=" + query)
    assert Article.objects.count() == 120


def test_search_json_lists_matches_first(client, demo_articles):
    results = page(client, "/search.json?q=iphone antenna").json()["results"]
    assert results and "iPhone" in results[0]["title"]


def test_home_publisher_and_status_pages(client, demo_articles):
    home = page(client, "/").content.decode()
    assert "Latest" in home and "120 articles from 1 publishers" in home
    assert page(client, "/publishers/wikinews.json").json()["publisher"]["articles"] == 120
    Source.objects.create(
        url="https://feeds.example/rss",
        last_error="cannot resolve feeds.example",
        consecutive_failures=3,
    )
    status = page(client, "/status").content.decode()
    assert "Failing" in status and "cannot resolve feeds.example" in status


def test_pages_carry_a_content_security_policy(client, apple):
    csp = page(client, apple.get_absolute_url())["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp


def test_article_page_query_count_is_fixed(client, demo_articles, django_assert_max_num_queries):
    for article in demo_articles[:5]:  # a reading history makes the recommendation work
        client.get(article.get_absolute_url())
    # 20 before follows (+1: the reader's follows) and stories (+2: story membership, lead)
    with django_assert_max_num_queries(23):
        page(client, demo_articles[10].get_absolute_url())


def test_head_answers_every_page_and_reads_nothing(client, apple):
    reads = Article.objects.get(pk=apple.pk).reads
    for path in ("/", "/latest", "/latest.json", "/status", "/about", apple.get_absolute_url()):
        response = client.head(path)
        assert response.status_code == 200, path  # link checkers and monitors ask with HEAD
    READS.flush()
    assert Article.objects.get(pk=apple.pk).reads == reads


def test_a_json_address_that_finds_nothing_answers_json(client, apple):
    for path in ("/articles/000000000000.json", "/publishers/nope.json"):
        response = client.get(path)
        assert response.status_code == 404 and response.json() == {"error": "not found"}, path
    assert client.get("/about.json").json() == {"page": "about"}  # every page has its .json
    assert client.get("/about").status_code == 200
