"""The JSON API: schema and docs, paginated reads, token-authenticated rate-limited writes."""

from __future__ import annotations

import base64
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from dateline.api import cursor as cursors
from dateline.site import ratelimit
from dateline.store.models import ApiToken, Article, Source
from tests.site.builders import LANES, ferry_story, news_page, store

NOTICES = [
    (
        "Harbour dredging begins next month",
        [
            "Dredging of the inner harbour basin begins next month, the port office announced, "
            "so that larger fishing boats can moor at low tide without touching the bottom.",
            "Silt removed from the basin will be tested and then used to rebuild the salt marsh "
            "north of the breakwater, where storms washed away several hectares last year.",
            "Moorings on the east quay will close in turns for about a week each; owners have "
            "received letters with their dates and a list of temporary berths nearby.",
        ],
    ),
    (
        "Lighthouse museum reopens after repairs",
        [
            "The lighthouse museum on the harbour headland reopened on Saturday after two years "
            "of repairs to its cast-iron lantern room and the spiral staircase below it.",
            "Volunteers catalogued more than nine hundred objects during the closure, including "
            "logbooks kept by keepers since the light was first lit in eighteen sixty-two.",
            "Entry remains free for children, and guided climbs to the gallery run every hour "
            "when the wind allows, the museum's trustees said in a statement.",
        ],
    ),
]


@pytest.fixture
def corpus(db):
    now = timezone.now()
    original = store(ferry_story(published="2026-11-20T08:00:00Z"), now - timedelta(days=3))
    copy = store(ferry_story("Copycat Daily", "https://copycat.example/ferry"), now)
    lanes = store(news_page("Cycle lanes approved", LANES, "Town Crier", "https://c.example/l"))
    extra = [
        store(
            news_page(title, paragraphs, "Harbour Times", f"https://harbour.example/n{i}"),
            now - timedelta(days=10 + i),
        )
        for i, (title, paragraphs) in enumerate(NOTICES)
    ]
    return original, copy, lanes, extra


@pytest.fixture
def token(db):
    _, secret = ApiToken.objects.create_token("tests")
    return secret


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_openapi_schema_describes_every_endpoint(client, db):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= {
        "/api/articles",
        "/api/articles/{key}",
        "/api/articles/{key}/reactions",
        "/api/publishers",
        "/api/publishers/{slug}",
        "/api/search",
        "/api/sources",
        "/api/sources/{source_id}",
    }
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    assert schema["paths"]["/api/sources"]["post"]["security"] == [{"TokenAuth": []}]
    assert "security" not in schema["paths"]["/api/sources"]["get"]
    search_params = {p["name"] for p in schema["paths"]["/api/search"]["get"]["parameters"]}
    assert search_params >= {"q", "since", "until", "publisher", "language", "originals", "cursor"}


def test_docs_work_offline_under_a_content_security_policy(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn." not in html and "https://" not in html  # nothing from elsewhere
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe" not in csp  # the site's policy, unrelaxed
    for src in re.findall(r'(?:src|href)="(/api/docs/assets/[^"]+)"', html):
        asset = client.get(src)
        assert asset.status_code == 200, src
        assert b"".join(asset.streaming_content)
    assert client.get("/api/docs/assets/..%2Fsettings.py").status_code == 404


def test_every_read_endpoint_answers_in_its_documented_shape(client, corpus):
    # django-ninja validates each answer against the response schema: a mismatch is a 500.
    original = corpus[0]
    values = {"key": original.key, "slug": original.publisher.slug}
    schema = client.get("/api/openapi.json").json()
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        url = re.sub(r"{(\w+)}", lambda m: values[m.group(1)], path)
        query = "?q=ferry" if path == "/api/search" else ""
        response = client.get(url + query)
        assert response.status_code == 200, (url, response.content[:300])


def test_articles_page_through_with_cursors(client, corpus):
    everything = set(Article.objects.values_list("key", flat=True))
    seen, cursor, pages = [], None, 0
    while True:
        url = "/api/articles?limit=2" + (f"&cursor={cursor}" if cursor else "")
        data = client.get(url).json()
        seen += [item["key"] for item in data["items"]]
        pages += 1
        cursor = data["next_cursor"]
        if not cursor:
            break
    assert pages == 3 and len(seen) == len(everything) == 5 and set(seen) == everything
    newest_first = list(
        Article.objects.order_by("-first_seen_at", "-id").values_list("key", flat=True)
    )
    assert seen == newest_first
    assert client.get("/api/articles?cursor=not-a-cursor").status_code == 400
    for odd in (
        {"t": "9999-12-31T23:59:59-14:00", "id": 1},  # later than the last moment in UTC
        {"t": "0001-01-01T00:00:00+14:00", "id": 1},
        {"t": "2020-01-01T00:00:00+00:00", "id": 10**30},
        {"t": "2020-01-01T00:00:00+00:00", "id": -1},
    ):
        assert client.get(f"/api/articles?cursor={cursors.encode(odd)}").status_code == 400, odd
    raw = base64.urlsafe_b64encode(b'{"t":"2020-01-01","id":Infinity}').decode().rstrip("=")
    assert client.get(f"/api/articles?cursor={raw}").status_code == 400


def test_articles_filters_and_detail_with_provenance(client, corpus):
    original, copy, _, _ = corpus
    originals = client.get("/api/articles?originals=true&limit=100").json()["items"]
    assert copy.key not in {i["key"] for i in originals}
    by_publisher = client.get("/api/articles?publisher=copycat-daily").json()["items"]
    assert [i["key"] for i in by_publisher] == [copy.key]
    detail = client.get(f"/api/articles/{copy.key}").json()
    assert detail["provenance"]["is_copy"] is True
    assert detail["provenance"]["original"]["key"] == original.key
    assert detail["article"]["canonical_url"] == "https://harbour.example/ferry"
    # The same service layer as the page: the shared part is identical to the page's JSON.
    page = client.get(copy.get_absolute_url() + ".json").json()
    assert detail["provenance"] == page["provenance"]
    assert detail["related"] == page["related"]
    assert client.get("/api/articles/ffffffffffff").status_code == 404


def test_publishers_with_signals(client, corpus):
    publishers = client.get("/api/publishers").json()
    copycat = next(p for p in publishers if p["slug"] == "copycat-daily")
    assert copycat["articles"] == 1 and copycat["url"] == "/publishers/copycat-daily"
    detail = client.get("/api/publishers/copycat-daily").json()
    assert detail["signals"]["copies"] == 1 and detail["signals"]["copy_share"] == 1.0
    assert client.get("/api/publishers/nobody").status_code == 404


def test_search_with_filters_and_cursor(client, corpus):
    original, copy, _, _ = corpus
    first = client.get("/api/search?q=harbour&limit=2").json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = client.get(f"/api/search?q=harbour&limit=2&cursor={first['next_cursor']}").json()
    keys = [i["key"] for i in first["items"] + rest["items"]]
    assert len(keys) == len(set(keys))  # no repeats across pages
    assert all("<mark>" in i["snippet_html"].lower() for i in first["items"])
    only_copy = client.get("/api/search?q=ferry&publisher=copycat-daily").json()["items"]
    assert [i["key"] for i in only_copy] == [copy.key]
    dated = client.get("/api/search?q=ferry&until=2026-11-21").json()["items"]
    assert [i["key"] for i in dated] == [original.key]
    assert client.get("/api/search?q=ferry&since=tomorrow").status_code == 422
    assert client.get("/api/search").status_code == 422


def test_reactions_need_a_valid_token_and_count_once(client, corpus, token):
    original = corpus[0]
    url = f"/api/articles/{original.key}/reactions"
    assert client.post(url).status_code == 401
    assert client.post(url, **bearer("dl_wrong")).status_code == 401
    first = client.post(url, **bearer(token))
    assert first.status_code == 200 and first.json() == {"reactions": 1, "added": True}
    assert client.post(url, **bearer(token)).json() == {"reactions": 1, "added": False}
    # The site sees it: the page shows the API's reaction.
    assert client.get(original.get_absolute_url() + ".json").json()["article"]["reactions"] == 1
    assert ApiToken.objects.get().last_used_at is not None
    ApiToken.objects.update(revoked_at=timezone.now())
    assert client.post(url, **bearer(token)).status_code == 401


def test_writes_are_rate_limited_with_retry_after(corpus, token):
    original = corpus[0]
    client = Client()
    url = f"/api/articles/{original.key}/reactions"
    codes = [
        client.post(url, **bearer(token)).status_code for _ in range(ratelimit.API_WRITES.burst + 1)
    ]
    assert codes[:-1] == [200] * ratelimit.API_WRITES.burst and codes[-1] == 429
    blocked = client.post(url, **bearer(token))
    assert blocked.status_code == 429 and int(blocked["Retry-After"]) >= 1
    _, other = ApiToken.objects.create_token("another client")
    assert client.post(url, **bearer(other)).status_code == 200  # its own bucket
    assert client.get("/api/articles").status_code == 200  # reads are not limited


def test_sources_can_be_listed_added_and_removed_with_a_token(client, db, token):
    Source.objects.create(url="https://feeds.example/rss", title="Example")
    assert [s["url"] for s in client.get("/api/sources").json()] == ["https://feeds.example/rss"]
    new = {"url": "https://news.example/atom.xml", "title": "News"}
    assert client.post("/api/sources", new, content_type="application/json").status_code == 401
    added = client.post("/api/sources", new, content_type="application/json", **bearer(token))
    assert added.status_code == 201 and added.json()["title"] == "News"
    again = client.post("/api/sources", new, content_type="application/json", **bearer(token))
    assert again.status_code == 200 and again.json()["id"] == added.json()["id"]
    for bad, why in [
        ("file:///etc/passwd", "not an http(s) address"),
        ("javascript:alert(1)", "not an http(s) address"),
        ("not a url", "not an http(s) address"),
        ("http://exa mple.com/feed", "valid host name"),
        ("http://example.com/\u0000", "valid host name"),
        ("http://169.254.169.254/latest/", "cloud metadata address"),  # as the CLI refuses it
    ]:
        response = client.post(
            "/api/sources", {"url": bad}, content_type="application/json", **bearer(token)
        )
        assert response.status_code == 422 and why in response.json()["detail"], bad
    source_id = added.json()["id"]
    assert client.delete(f"/api/sources/{source_id}").status_code == 401
    assert client.delete(f"/api/sources/{source_id}", **bearer(token)).status_code == 204
    assert client.delete(f"/api/sources/{source_id}", **bearer(token)).status_code == 404
    assert Source.objects.count() == 1


def test_tokens_are_stored_hashed(db):
    token, secret = ApiToken.objects.create_token("bot")
    assert secret.startswith("dl_") and len(secret) > 40
    assert secret not in {token.digest, token.hint} and token.hint == secret[:7]
    assert ApiToken.objects.verify(secret) == token
    assert ApiToken.objects.verify(secret + "x") is None
