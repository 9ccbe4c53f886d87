"""Related lists are worked out when an article is stored and kept fresh from both sides."""

from datetime import timedelta

from dateline.serve.related import Pick
from dateline.store.models import Article, RelatedLink
from dateline.store.related_links import (
    KEPT,
    backfill,
    link_article,
    related_cards,
    similar_to_reads,
)
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


def _full_list(article: Article, others: list[Article]) -> None:
    """`article`'s list full of weak links."""
    RelatedLink.objects.filter(article=article).delete()
    RelatedLink.objects.bulk_create(
        [RelatedLink(article=article, other=o, score=0.13 + i / 1000) for i, o in enumerate(others)]
    )


def test_a_full_list_keeps_its_best_links_when_an_article_enters_again(demo_articles):
    target, newcomer, later, *others = demo_articles[: KEPT + 3]
    _full_list(target, others)
    assert len(_links(target)) == KEPT
    link_article(newcomer, picks=[Pick(target.pk, 0.5, "")])
    assert len(_links(target)) == KEPT and newcomer.pk in _links(target)
    assert others[0].pk not in _links(target)  # the weakest went
    # Entering again (a relink, an edit, two processes): the list does not shrink, the score moves.
    link_article(newcomer, picks=[Pick(target.pk, 0.2, "")])
    assert len(_links(target)) == KEPT
    assert RelatedLink.objects.get(article=target, other=newcomer).score == 0.2
    link_article(newcomer, picks=[Pick(target.pk, 0.1, "")])  # now the weakest link
    link_article(later, picks=[Pick(target.pk, 0.3, "")])
    assert len(_links(target)) == KEPT and later.pk in _links(target)
    assert newcomer.pk not in _links(target)  # the weakest went


def test_a_text_is_listed_once_even_when_a_later_regrouping_made_an_entry_a_copy(demo_articles):
    article, original, copy = demo_articles[:3]
    RelatedLink.objects.filter(article=article).delete()
    RelatedLink.objects.bulk_create(
        [RelatedLink(article=article, other=original, score=0.4),
         RelatedLink(article=article, other=copy, score=0.5)]
    )  # fmt: skip
    Article.objects.filter(pk=copy.pk).update(original=original)
    article.refresh_from_db()
    assert [item["key"] for item in related_cards(article, 6)] == [copy.key]


def test_the_worker_backfills_articles_without_a_list(db):
    first = store_report(*SHOOTING[0], T0)
    second = store_report(*SHOOTING[1], T0 + timedelta(hours=3))
    RelatedLink.objects.all().delete()
    Article.objects.update(related_at=None)  # stored before lists existed
    assert backfill(limit=1) == 1  # newest first, a bounded batch
    assert _links(second) == {first.pk} and _links(first) == {second.pk}
    assert backfill(limit=10) == 1 and backfill(limit=10) == 0
    assert not Article.objects.filter(related_at__isnull=True).exists()
