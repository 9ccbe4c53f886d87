"""Document frequencies in TermStat: counted by upsert, and rare keys pruned when long unseen."""

import pytest

from dateline.store import term_stats
from dateline.store.models import TermStat
from dateline.store.term_stats import DOCUMENT_COUNT, count_document, prune, today
from tests.paths import DEMO

pytestmark = pytest.mark.django_db


def _df() -> dict[str, int]:
    return dict(TermStat.objects.values_list("term", "df"))


def test_counting_adds_new_terms_and_increments_known_ones():
    count_document(["budget", "council", DOCUMENT_COUNT])
    count_document(["budget", "library", DOCUMENT_COUNT])
    assert _df() == {"budget": 2, "council": 1, "library": 1, DOCUMENT_COUNT: 2}
    assert set(TermStat.objects.values_list("seen", flat=True)) == {today()}


def test_a_term_given_twice_or_cut_to_the_same_key_counts_once():
    """A key longer than the column is cut (PostgreSQL would refuse it); two keys that cut to
    the same one are one key, as one upsert may not touch a row twice."""
    long = "x" * 100
    count_document(["budget", "budget", long, long + "y"])
    assert _df() == {"budget": 1, "x" * 64: 1}


def test_more_terms_than_one_statement_holds(monkeypatch):
    monkeypatch.setattr(term_stats, "UPSERT_BATCH", 7)
    terms = [f"term{i:03d}" for i in range(50)]
    count_document(terms)
    count_document(terms[:20])
    df = _df()
    assert len(df) == 50
    assert [df[t] for t in terms] == [2] * 20 + [1] * 30


def test_prune_drops_rare_keys_unseen_for_months_and_nothing_else(monkeypatch):
    monkeypatch.setattr(term_stats, "PRUNE_CHUNK", 3)  # several chunks over the key range
    day = today()
    old = day - term_stats.PRUNE_AFTER_DAYS - 1
    rows = {
        "g:=5d3f|site.example": (1, old),  # one page's line, long ago: goes
        "g:p:jane doe": (2, old),  # a name twice, long ago: goes
        "zebrafish": (1, old),  # a rare word, long ago: goes
        "g:@site.example|p:desk": (3, old),  # a house name: kept, however old
        "shooting": (40, old),  # a common word: kept
        "recent": (1, day - 5),  # rare but lately seen: kept
        DOCUMENT_COUNT: (1, old),  # the totals are never pruned
        "g:" + DOCUMENT_COUNT: (1, old),
    }
    TermStat.objects.bulk_create(
        [TermStat(term=t, df=df, seen=seen) for t, (df, seen) in rows.items()]
    )
    assert prune() == 3
    assert set(_df()) == {
        "g:@site.example|p:desk",
        "shooting",
        "recent",
        DOCUMENT_COUNT,
        "g:" + DOCUMENT_COUNT,
    }
    assert prune() == 0


def test_a_pruned_key_counted_again_starts_over_and_is_seen_today():
    old = today() - term_stats.PRUNE_AFTER_DAYS - 10
    TermStat.objects.create(term="zebrafish", df=1, seen=old)
    count_document(["zebrafish"])  # counted again before the prune: recent now, kept
    assert prune() == 0
    TermStat.objects.filter(term="zebrafish").update(seen=old)
    assert prune() == 1
    count_document(["zebrafish"])
    assert TermStat.objects.get(term="zebrafish").df == 1


def test_a_key_is_seen_on_the_latest_day_an_article_counted_it():
    """Days are the articles' own: an archive imported out of order never makes a key older."""
    count_document(["harbour"], day=17_000)
    count_document(["harbour"], day=16_000)
    assert TermStat.objects.get(term="harbour").seen == 17_000
    count_document(["harbour"], day=17_500)
    assert TermStat.objects.get(term="harbour").seen == 17_500


def test_prune_counts_months_from_the_newest_article_not_the_clock():
    from datetime import UTC, datetime

    from dateline.store.models import Article, Publisher

    count_document(["zebrafish"], day=term_stats.day_of(datetime(2016, 1, 1, tzinfo=UTC)))
    count_document(["walrus"], day=term_stats.day_of(datetime(2016, 9, 1, tzinfo=UTC)))
    publisher = Publisher.objects.create(name="Archive", slug="archive")
    Article.objects.create(
        key="a1",
        fingerprint="f1",
        publisher=publisher,
        title="An old report",
        first_seen_at=datetime(2016, 10, 1, tzinfo=UTC),
    )
    assert prune() == 1  # nine months before the newest article: gone; a month before: kept
    assert set(_df()) == {"walrus"}


def test_a_long_import_prunes_as_it_goes(monkeypatch):
    from rich.console import Console

    from dateline.cli import import_cmd

    old = today() - term_stats.PRUNE_AFTER_DAYS - 1
    TermStat.objects.create(term="zebrafish", df=1, seen=old)
    monkeypatch.setattr(import_cmd, "PRUNE_EVERY_ARTICLES", 50)
    counts = import_cmd.import_paths([DEMO], console=Console(quiet=True), quiet=True)
    assert counts["imported"] == 120
    assert not TermStat.objects.filter(term="zebrafish").exists()


@pytest.mark.django_db(transaction=True)
def test_prune_passes_over_a_key_a_writer_holds_instead_of_waiting():
    """On PostgreSQL a writer may hold a rare key while it counts an article; the prune skips
    the row (a deadlock with the writer's next statement was possible) and deletes the rest."""
    import threading

    from django.db import connection, connections, transaction

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL: SQLite lets one writer in at a time")
    old = today() - term_stats.PRUNE_AFTER_DAYS - 1
    TermStat.objects.bulk_create(
        [TermStat(term=t, df=1, seen=old) for t in ("gravel", "zebrafish", "walrus")]
    )
    held, release = threading.Event(), threading.Event()

    def writer() -> None:
        try:
            with transaction.atomic():
                list(TermStat.objects.select_for_update().filter(term="gravel"))
                held.set()
                release.wait(30)
        finally:
            connections.close_all()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert held.wait(10)
        assert prune() == 2  # returns at once, with the held row left for the next prune
        assert set(_df()) == {"gravel"}
    finally:
        release.set()
        thread.join(30)
    assert prune() == 1


@pytest.mark.django_db(transaction=True)
def test_a_term_two_writers_count_at_once_is_counted_twice():
    """Two transactions counting the same new term at once: the second waits on the first's
    insert and adds one, so no count is lost (with a select, then an insert, one would be)."""
    import threading

    from django.db import connection, connections, transaction

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL: SQLite lets one writer in at a time")
    both_in = threading.Barrier(2, timeout=10)
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            with transaction.atomic():
                both_in.wait()  # each in its own open transaction before either counts
                count_document(["quokka", "zebrafish"], day=today())
        except BaseException as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert _df() == {"quokka": 2, "zebrafish": 2}
