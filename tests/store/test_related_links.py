"""Related lists are worked out when an article is stored and kept fresh from both sides."""

import contextlib
import threading
from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.db.models import Count

from dateline.serve.related import Pick
from dateline.store import related_links
from dateline.store.models import Article, Publisher, RelatedLink
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


def _in_another_connection(read):
    """`read()` run on a connection of its own: it sees only what was committed."""
    seen = {}

    def run() -> None:
        try:
            seen["value"] = read()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return seen["value"]


@pytest.mark.django_db(transaction=True)  # the ingest commits, then its list is written apart
def test_a_list_that_cannot_be_written_is_left_for_later_and_the_ingest_stands(monkeypatch, caplog):
    first = store_report(*SHOOTING[0], T0)
    store_report(*BRIDGE, T0 + timedelta(hours=1))
    real_trim = related_links._trim

    def trim_then_fail(article_ids):  # the list and the neighbours' entries are written by now
        real_trim(article_ids)
        raise OperationalError("database is locked")

    monkeypatch.setattr(related_links, "_trim", trim_then_fail)
    second = store_report(*SHOOTING[1], T0 + timedelta(hours=3))  # imported all the same
    assert f"Related list of article {second.pk} left for later" in caplog.text

    def stored():
        article = Article.objects.filter(pk=second.pk).values_list("related_at", flat=True)
        touching = RelatedLink.objects.filter(article__in=[first.pk, second.pk])
        return list(article), set(touching.values_list("article_id", "other_id"))

    # Committed, without its list, and no half of a list (in its own or its neighbour's).
    assert _in_another_connection(stored) == ([None], set())
    first.refresh_from_db()
    assert first.related_at is not None  # its own (empty) list stands, untouched

    # Its page still shows what is related, worked out on the spot while writes still fail.
    assert [item["key"] for item in related_cards(second, 6)] == [first.key]
    assert stored() == ([None], set())

    monkeypatch.undo()  # the database is back: the worker fills the list, from both sides
    assert backfill() == 1
    assert _links(second) == {first.pk} and _links(first) == {second.pk}
    second.refresh_from_db()
    assert second.related_at is not None
    assert [item["key"] for item in related_cards(second, 6)] == [first.key]
    assert [item["key"] for item in related_cards(first, 6)] == [second.key]


def _plain_articles(count: int) -> list[Article]:
    """Articles made directly in the store (lists given by hand need no text), in id order."""
    publisher = Publisher.objects.create(name="Plain", slug="plain")
    return [
        Article.objects.create(
            key=f"plain{n}",
            fingerprint=f"{n:064d}",
            publisher=publisher,
            title=f"Plain {n}",
            slug=f"plain-{n}",
            first_seen_at=T0,
            body_text="",
            body_html="",
        )
        for n in range(count)
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need PostgreSQL: SQLite lets one writer in at a time",
)
@pytest.mark.django_db(transaction=True)
def test_two_articles_linked_at_once_into_the_same_lists_both_succeed(monkeypatch):
    # Two similar new articles, each in the other's picks, entering eleven neighbours' full
    # lists (eight of them in common) from two connections at once.
    a, b, *rest = _plain_articles(2 + 14 + KEPT)
    neighbours, fillers = rest[:14], rest[14:]
    for neighbour in neighbours:
        _full_list(neighbour, fillers)  # weak links, 0.130 to 0.141
    picks = {
        a: [Pick(b.pk, 0.9, "")]
        + [Pick(n.pk, 0.5 + i / 100, "") for i, n in enumerate(neighbours[:11])],
        b: [Pick(a.pk, 0.8, "")]
        + [Pick(n.pk, 0.6 + i / 100, "") for i, n in enumerate(neighbours[3:])],
    }

    # Both writers meet after writing their own lists and before entering the others' (the
    # order that would lock in a circle); a writer kept waiting by the other's locks does not
    # come, and the first goes on alone after a second.
    meet = threading.Barrier(2, timeout=1)
    real_enter = related_links._enter_lists

    def enter_together(article_id, article_picks):
        with contextlib.suppress(threading.BrokenBarrierError):
            meet.wait()
        real_enter(article_id, article_picks)

    monkeypatch.setattr(related_links, "_enter_lists", enter_together)
    errors = {}

    def link(article: Article) -> None:
        try:
            link_article(article, picks[article])
        except Exception as exc:  # reported below, by the test
            errors[article.pk] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=link, args=(article,)) for article in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == {}

    assert not Article.objects.filter(pk__in=[a.pk, b.pk], related_at__isnull=True).exists()
    pairs = RelatedLink.objects.values("article_id", "other_id").annotate(n=Count("id"))
    assert not pairs.filter(n__gt=1).exists()  # each pair once
    lists = RelatedLink.objects.values("article_id").annotate(n=Count("id"))
    assert not lists.filter(n__gt=KEPT).exists()
    assert _links(a) == {p.article_id for p in picks[a]}
    assert _links(b) == {p.article_id for p in picks[b]}
    for n, neighbour in enumerate(neighbours):
        entered = ({a.pk} if n < 11 else set()) | ({b.pk} if n >= 3 else set())
        # Each list is still its best KEPT: the new entries and the strongest weak links.
        weak = [f.pk for f in fillers][len(entered) :]
        assert _links(neighbour) == entered | set(weak), f"neighbour {n}"
