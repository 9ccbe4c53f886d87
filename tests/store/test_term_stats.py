"""Document frequencies in TermStat: counted by upsert, and rare keys pruned when long unseen."""

import pytest

from dateline.store import term_stats
from dateline.store.models import TermStat
from dateline.store.term_stats import DOCUMENT_COUNT, count_document, prune, today

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
