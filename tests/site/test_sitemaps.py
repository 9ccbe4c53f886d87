"""Sitemaps for crawlers: an index, article and publisher maps with lastmod, Google News."""

from __future__ import annotations

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from dateline.store.models import Article
from tests.site.builders import LANES, ferry_story, news_page, store

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


@pytest.fixture
def old_and_new(db):
    now = timezone.now()
    old = store(
        ferry_story(published="2020-03-01T10:00:00Z", author="Jane Doe"), now - timedelta(days=9)
    )
    new = store(
        news_page("Cycle lanes approved", LANES, "Town Crier", "https://crier.example/lanes"),
        now - timedelta(hours=5),
    )
    Article.objects.filter(pk=new.pk).update(language="de-AT")  # Google wants "de"
    return old, new


def test_index_points_to_article_and_publisher_sitemaps(client, old_and_new):
    root = xml(client, "/sitemap.xml")
    locations = [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]
    assert locations == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-publishers.xml",
    ]


def test_article_sitemap_lists_every_article_with_lastmod(client, old_and_new):
    old, new = old_and_new
    root = xml(client, "/sitemap-articles.xml")
    entries = {
        url.find("sm:loc", NS).text: url.find("sm:lastmod", NS).text
        for url in root.findall("sm:url", NS)
    }
    assert set(entries) == {"http://testserver" + a.get_absolute_url() for a in (old, new)}
    assert entries["http://testserver" + old.get_absolute_url()].startswith("2020-03-01T10:00")
    publishers = xml(client, "/sitemap-publishers.xml")
    assert len(publishers.findall("sm:url/sm:lastmod", NS)) == 2


def test_news_sitemap_has_only_the_last_two_days(client, old_and_new):
    _old, new = old_and_new
    root = xml(client, "/news-sitemap.xml")
    urls = root.findall("sm:url", NS)
    assert [u.find("sm:loc", NS).text for u in urls] == [
        "http://testserver" + new.get_absolute_url()
    ]
    news = urls[0].find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "Town Crier"
    assert news.find("news:publication/news:language", NS).text == "de"
    assert news.find("news:title", NS).text == "Cycle lanes approved"
    assert news.find("news:publication_date", NS).text == new.shown_date.isoformat()


def test_robots_txt_names_both_sitemaps(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text
    assert "Disallow: /admin/" in text
