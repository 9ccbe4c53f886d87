"""What the article page tells machines: JSON-LD NewsArticle, Open Graph, canonical links."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.store.models import Article
from tests.site.builders import ferry_story, store

HOSTILE = "Ferry </script><script>alert(1)</script> & <!-- trial -->"


@pytest.fixture
def original_and_copy(db):
    now = timezone.now()
    original = store(
        ferry_story(
            published="2026-11-20T08:00:00Z",
            author="Jane Doe",
            description="The new boat replaces two diesel ferries.",
            image="https://harbour.example/ferry.jpg",
        ),
        now - timedelta(days=3),
    )
    copy = store(ferry_story("Copycat Daily", "https://copycat.example/ferry"), now)
    return original, copy


def json_ld(html: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    return found.group(1) if found else None


def test_json_ld_news_article(client, original_and_copy):
    original, _ = original_and_copy
    html = client.get(original.get_absolute_url()).content.decode()
    ld = json_ld(html)
    page = "http://testserver" + original.get_absolute_url()
    assert ld["@context"] == "https://schema.org" and ld["@type"] == "NewsArticle"
    assert ld["headline"] == original.title
    assert ld["datePublished"] == "2026-11-20T08:00:00+00:00"
    assert ld["dateModified"] == "2026-11-20T08:00:00+00:00"  # no update claimed
    assert ld["author"] == [{"@type": "Person", "name": "Jane Doe"}]
    assert ld["publisher"]["name"] == "Harbour Times"
    assert ld["image"] == ["https://harbour.example/ferry.jpg"]
    assert ld["mainEntityOfPage"] == {"@type": "WebPage", "@id": page}
    assert ld["isBasedOn"] == "https://harbour.example/ferry"


def test_a_copy_points_to_its_original(client, original_and_copy):
    _, copy = original_and_copy
    html = client.get(copy.get_absolute_url()).content.decode()
    assert '<link rel="canonical" href="https://harbour.example/ferry">' in html
    assert json_ld(html)["isBasedOn"] == "https://harbour.example/ferry"
    data = client.get(copy.get_absolute_url() + ".json").json()["article"]
    assert data["canonical_url"] == "https://harbour.example/ferry"
    assert data["original_url"] == "https://copycat.example/ferry"  # where this copy was found


def test_open_graph_and_twitter_cards(client, original_and_copy):
    original, _ = original_and_copy
    html = client.get(original.get_absolute_url()).content.decode()
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == original.title
    assert meta(html, "og:url") == "http://testserver" + original.get_absolute_url()
    assert meta(html, "og:image") == "https://harbour.example/ferry.jpg"
    assert meta(html, "og:description") == "The new boat replaces two diesel ferries."
    assert meta(html, "article:published_time") == "2026-11-20T08:00:00+00:00"
    assert meta(html, "twitter:card") == "summary_large_image"


def test_json_ld_cannot_break_out_of_its_script(client, original_and_copy):
    original, _ = original_and_copy
    Article.objects.filter(pk=original.pk).update(title=HOSTILE, authors=["</script>x"])
    html = client.get(original.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert html.count("</script>") == html.count("<script")  # every script closes once
    ld = json_ld(html)
    assert ld["headline"] == HOSTILE  # and the data reads back unchanged
    assert ld["author"] == [{"@type": "Person", "name": "</script>x"}]
    assert meta(html, "og:title") == HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(
        ">", "&gt;"
    )


def test_the_csp_allows_the_json_ld_data_block(client, original_and_copy):
    # A data block is never executed, so `script-src 'self'` does not apply to it and needs no
    # nonce; the policy must not forbid anything else the page uses (checked in the browser).
    original, _ = original_and_copy
    response = client.get(original.get_absolute_url())
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
