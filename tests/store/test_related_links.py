"""Related lists are worked out when an article is stored and kept fresh from both sides."""

from datetime import timedelta

from dateline.store.models import Article, RelatedLink
from dateline.store.related_links import related_cards, similar_to_reads
from tests.store.story_texts import BRIDGE, SHOOTING, T0, store_report


def _links(article: Article) -> set[int]:
    return set(RelatedLink.objects.filter(article=article).values_list("other_id", flat=True))


def test_an_older_report_gains_the_later_one_in_its_list(db):
    first = store_report(*SHOOTING[0], T0)
    assert first.related_at is not None  # worked out at ingest, not on first view
    assert _links(first) == set()  # nothing similar existed yet
    second = store_report(*SHOOTING[1], T0 + timedelta(hours=3))
    assert _links(second) == {first.pk}
    assert _links(first) == {second.pk}  # entered by the later article
    (item,) = related_cards(first, 6)
    assert item["key"] == second.key and item["reason"].endswith("similar in content")


def test_a_copy_never_enters_another_articles_list(db):
    first = store_report(*SHOOTING[0], T0)
    second = store_report(*SHOOTING[1], T0 + timedelta(hours=3))
    title, _, place, paragraphs = SHOOTING[0]
    copy = store_report(title, "Copy Farm", place, paragraphs, T0 + timedelta(days=2))
    assert copy.original_id == first.pk
    assert copy.pk not in _links(second)  # its original is listed there already
    assert [item["key"] for item in related_cards(first, 6)] == [second.key]  # not its copy


def test_an_article_without_a_list_gets_one_on_first_view(db):
    first = store_report(*SHOOTING[0], T0)
    second = store_report(*SHOOTING[1], T0 + timedelta(hours=3))
    store_report(*BRIDGE, T0 + timedelta(hours=4))
    RelatedLink.objects.all().delete()
    Article.objects.update(related_at=None)  # a store from before lists were kept
    second.refresh_from_db()
    assert [item["key"] for item in related_cards(second, 6)] == [first.key]
    second.refresh_from_db()
    assert second.related_at is not None and _links(second) == {first.pk}


def test_recommendations_come_from_the_lists_of_what_was_read(db):
    first = store_report(*SHOOTING[0], T0)
    second = store_report(*SHOOTING[1], T0 + timedelta(hours=3))
    bridge = store_report(*BRIDGE, T0 + timedelta(hours=4))
    (pick,) = similar_to_reads({first.pk: first.title, bridge.pk: bridge.title}, 6)
    assert pick.article_id == second.pk and first.title in pick.reason
    assert similar_to_reads({first.pk: first.title, second.pk: second.title}, 6) == []
