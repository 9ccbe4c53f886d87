"""trace(): relations with the candidates, the copy group joined, and its original."""

from __future__ import annotations

from dataclasses import replace

from dateline.trace.trace import trace
from tests.trace.test_copies import REPORT_A, REPORT_B
from tests.trace.texts import doc, wikinews, wrapped

ARTICLE = wikinews("100911")
OTHER = wikinews("106653")


def test_an_article_with_no_candidates_is_its_own_original():
    provenance = trace(doc(1, ARTICLE), [])
    assert provenance.original_id is None
    assert provenance.relations == []
    assert provenance.supersedes == ()
    assert provenance.reason == "No earlier version of this text was found."


def test_a_farm_copy_points_at_the_original():
    original = doc(1, ARTICLE, "paper.example", minutes=0)
    copy = doc(2, wrapped(ARTICLE[:25]), "farm.example", minutes=600)
    provenance = trace(copy, [original])
    assert provenance.article_id == 2
    assert provenance.original_id == 1
    [relation] = provenance.relations
    assert (relation.kind, relation.copy_id, relation.source_id) == ("copy", 2, 1)
    assert provenance.reason.startswith("The earliest of 2 versions is paper.example's")


def test_the_wires_own_copy_arriving_late_becomes_the_original_of_the_group():
    credited = [f"CHICAGO (AP) — {ARTICLE[0]}", *ARTICLE[1:]]
    reprint = doc(1, credited[:30], "daily.example", minutes=0, credit="AP")
    farm = doc(2, credited[:20], "farm.example", minutes=300, credit="AP", original_id=1)
    own = doc(3, credited, "apnews.com", minutes=400, credit="AP")
    provenance = trace(own, [reprint, farm])
    assert provenance.original_id is None
    assert provenance.wire == "AP"
    assert provenance.supersedes == (1,)
    # Every copy relation now runs from the wire's copy.
    assert {(r.copy_id, r.source_id) for r in provenance.relations} == {(1, 3), (2, 3)}
    assert provenance.reason == "AP wire story; apnews.com's own copy is the original."


def test_same_event_candidates_give_no_relation():
    provenance = trace(doc(2, REPORT_B, "daily.example", 60), [doc(1, REPORT_A, "tv.example")])
    assert provenance.relations == []
    assert provenance.original_id is None


def test_a_partial_copy_is_reported_but_joins_no_group():
    page = [*OTHER[:8], " ".join(ARTICLE[3:5]), " ".join(ARTICLE[5:7]), *OTHER[8:]]
    provenance = trace(doc(2, page, "blog.example", 600), [doc(1, ARTICLE)])
    assert [r.kind for r in provenance.relations] == ["partial"]
    assert provenance.original_id is None


def test_a_group_is_joined_only_through_its_original():
    # Two pages of one site share a long block of boilerplate prose; the first page's group
    # original is a clean version of its article. A third page sharing the block joins nothing.
    block = wikinews("11716")
    clean = doc(1, ARTICLE, "x.example", 0)
    page_one = doc(2, [*ARTICLE, *block], "x.example", 10, original_id=1)
    page_two = doc(3, [*OTHER[:3], *block], "x.example", 20)
    provenance = trace(page_two, [clean, page_one])
    assert [r.copy_id for r in provenance.relations if r.kind == "copy"] == [3]
    assert provenance.original_id is None


def test_a_version_bridging_two_groups_of_one_text_merges_them():
    first_half = doc(1, ARTICLE[:20], "a.example", 0)
    second_half = doc(2, ARTICLE[19:], "b.example", 60)
    whole = doc(3, ARTICLE, "c.example", 120)
    provenance = trace(whole, [first_half, second_half])
    assert provenance.original_id == 1
    assert provenance.supersedes == (2,)


def test_in_a_bulk_import_the_fullest_version_is_the_original():
    # Seen within minutes of each other: the version holding both halves is the source.
    halves = [doc(1, ARTICLE[:20], "a.example", 0), doc(2, ARTICLE[19:], "b.example", 2)]
    provenance = trace(doc(3, ARTICLE, "c.example", 4), halves)
    assert provenance.original_id is None
    assert provenance.supersedes == (1, 2)


def test_candidates_may_include_the_new_article_itself():
    new = doc(1, ARTICLE)
    assert trace(new, [replace(new)]).relations == []
