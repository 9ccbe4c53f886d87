"""A publisher's edit replaces what the article is found by, not where it lives."""

from datetime import UTC, datetime, timedelta

from dateline.gather.page import RawPage
from dateline.store.ingest import revise_article, store_article
from dateline.store.models import Article, Mention, StoryMember, TraceKey
from dateline.trace.sketch import index_keys
from dateline.understand.article import Article as Extracted
from dateline.understand.extract import extract_page
from tests.store.story_texts import SHOOTING, T0, store_report

UPDATE_TITLE = "Suspect charged in Rocky Mount church shooting"
UPDATE = [
    "Rocky Mount police on Tuesday charged Marcus Hale, 27, with attempted murder in the "
    "shooting of a man outside a church on Sunset Avenue on Sunday night.",
    "Hale was arrested at a motel in Wilson after a tip from a caller who recognised the dark "
    "sedan from a photograph the department released on Monday afternoon.",
    "He is being held at the Nash County jail on a bond of 500,000 dollars and is due in "
    "district court on Thursday morning, the district attorney's office said.",
]


def _revise(article: Article) -> None:
    edit = Extracted(
        title=UPDATE_TITLE, paragraphs=UPDATE, site_name="Rocky Mount Telegram",
        dateline_place="ROCKY MOUNT, N.C.",
    )  # fmt: skip
    assert revise_article(article.pk, edit)


def test_an_edited_article_is_found_by_its_new_text(db):
    title, site, place, paragraphs = SHOOTING[0]
    article = store_report(title, site, place, paragraphs, T0)
    _revise(article)
    article.refresh_from_db()
    stored_keys = set(TraceKey.objects.filter(article=article).values_list("key", flat=True))
    assert stored_keys and stored_keys <= set(index_keys(article.body_text))
    assert not stored_keys & (
        set(index_keys("\n\n".join(paragraphs))) - set(index_keys(article.body_text))
    )
    # A farm copying the corrected version is traced to it.
    copy = store_report(UPDATE_TITLE, "Copy Farm", None, UPDATE, T0 + timedelta(days=1))
    assert copy.original_id == article.pk


def test_an_edited_article_keeps_its_story_with_new_names_and_headline(db):
    title, site, place, paragraphs = SHOOTING[0]
    article = store_report(title, site, place, paragraphs, T0)
    story = StoryMember.objects.get(article=article).story
    _revise(article)
    member = StoryMember.objects.select_related("story").get(article=article)
    assert member.story_id == story.pk  # the story's address still means this story
    assert member.story.title == UPDATE_TITLE  # it was the headline report
    named = set(Mention.objects.filter(article=article).values_list("entity__name", flat=True))
    assert "Marcus Hale" in named
    assert "Anne Whitley" not in named  # the old text's name is gone with it


def test_an_edited_article_is_dated_by_its_new_text(db):
    claimed = datetime(2016, 3, 14, 9, tzinfo=UTC)
    first = Extracted(
        title="Man shot outside Rocky Mount church", paragraphs=SHOOTING[0][3],
        site_name="Rocky Mount Telegram", claimed_date=claimed,
    )  # fmt: skip
    stored = store_article(first, origin="test:dated", seen_at=claimed)
    article = Article.objects.get(key=stored.key)
    assert article.date_flags == []
    # The edit tells, as past, of a verdict months after the date the page still claims.
    later = [*UPDATE, "A jury convicted Hale on June 10, 2016, after a three-day trial."]
    edit = Extracted(title=UPDATE_TITLE, paragraphs=later, site_name="Rocky Mount Telegram")
    assert revise_article(article.pk, edit)
    article.refresh_from_db()
    assert [flag["kind"] for flag in article.date_flags] == ["text-inconsistent"]
    assert "June 10, 2016" in article.date_flags[0]["message"]


def _verdict_page(paragraphs: list[str]) -> RawPage:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        "<html><head><title>Rocky Mount man convicted</title>"
        '<meta property="article:published_time" content="2016-03-13T21:00:00-05:00"></head>'
        f"<body><article><h1>Rocky Mount man convicted</h1>{body}</article></body></html>"
    )
    return RawPage(origin="test:verdict", kind="html", content=html)


def test_an_edit_is_dated_on_the_pages_own_day_as_the_first_version_was(db):
    # 9 pm in Rocky Mount on March 13 is March 14 in UTC: "March 27" is 14 days after the
    # page's day (flagged as told after the claim) and 13 after the UTC one (not flagged).
    verdict = "Marcus Hale was convicted on March 27, 2016, after a three-day trial."
    first = extract_page(_verdict_page([*UPDATE, verdict]))
    stored = Article.objects.get(key=store_article(first, origin="test:verdict").key)
    assert [flag["kind"] for flag in stored.date_flags] == ["text-inconsistent"]
    edited = extract_page(_verdict_page([*UPDATE[:2], verdict]))
    assert revise_article(stored.pk, edited)
    stored.refresh_from_db()
    assert [flag["kind"] for flag in stored.date_flags] == ["text-inconsistent"]
