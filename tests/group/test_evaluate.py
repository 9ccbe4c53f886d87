"""Warm-start evaluation: the warm-up is replayed through the same clusterer, then only the
scored documents count, by their own labels and their own stories."""

from __future__ import annotations

import dataclasses

from dateline.group import metrics, repair
from dateline.group.cluster import Settings
from dateline.group.evaluate import Replay, evaluate, evaluate_warm, run_baseline, run_ours
from tests.group.stories import (
    background,
    lookalike_follow_up,
    memphis,
    toledo,
    toledo_again,
    toledo_lookalike,
    unrelated,
)


def _streams():
    # The warm-up's Toledo report is labelled as if it were another incident: were the warm-up
    # scored, it would cost the scored Toledo reports their precision.
    warmup = [(doc, f"bg{k}") for k, doc in enumerate(background())]
    warmup += [(toledo("t1"), "not scored"), (memphis("m1"), "memphis")]
    scored = [
        (toledo_again("t2"), "toledo"),
        (toledo_again("t3", day=0.7, publisher="13abc.com"), "toledo"),
        (unrelated("u", day=1, n=7), "other"),
    ]
    return warmup, scored


def test_scored_documents_join_warm_up_stories_and_only_they_are_scored() -> None:
    warmup, scored = _streams()
    warm_stories = run_ours(warmup, trace=False).stories
    ours = run_ours(scored, trace=False, warmup=warmup).stories
    assert len(ours) == len(scored)
    assert ours[0] == ours[1] == warm_stories[-2]  # both joined the warm-up's Toledo story
    assert ours[2] != ours[0]

    result = evaluate_warm(warmup, scored)
    assert (result["documents"], result["warmup_documents"]) == (3, len(warmup))
    mine = result["ours"]
    assert (mine["documents"], mine["gold_clusters"], mine["predicted_clusters"]) == (3, 2, 2)
    assert mine["pairwise_precision"] == mine["pairwise_recall"] == 1.0
    assert mine["bcubed_f1"] == 1.0
    assert result["baseline"]["documents"] == 3


def test_the_baseline_gets_the_same_warm_up() -> None:
    warmup, scored = _streams()
    cold = run_baseline(scored).stories
    warm = run_baseline(scored, warmup=warmup).stories
    assert len(warm) == len(cold) == len(scored)
    # The same ids as one replay of everything, cut to the scored part: nothing scored is lost.
    everything = run_baseline(warmup + scored).stories
    assert warm == everything[len(warmup) :]


def test_cold_evaluation_is_warm_evaluation_without_a_warm_up() -> None:
    _, scored = _streams()
    cold, warm = evaluate(scored), evaluate_warm([], scored)
    assert "warmup_documents" not in cold
    for key in ("ours", "baseline"):
        for metric in ("pairwise_f1", "bcubed_f1", "predicted_clusters"):
            assert cold[key][metric] == warm[key][metric]


def _split_online():
    """Two reports of one Toledo shooting that a clusterer too strict to join them (as when the
    link only shows in hindsight) puts in two stories, then a report a day later."""
    # Twenty background shootings: after that the synthetic background repeats its articles
    # (same person, street and city eight days later), which repair rightly merges.
    stream = [(doc, f"bg{k}") for k, doc in enumerate(background(20))]
    stream += [(toledo("t1"), "toledo"), (toledo_again("t2"), "toledo")]
    stream += [(unrelated("u", day=1.5, n=7), "other")]
    return stream, dataclasses.replace(Settings(), threshold=50)


def test_the_replay_runs_the_repair_pass_and_scores_articles_in_their_merged_story() -> None:
    stream, strict = _split_online()
    online = run_ours(stream, strict, trace=False, repair_every=None)
    assert online.stories[-3] != online.stories[-2] and online.merges == 0
    repaired = run_ours(stream, strict, trace=False)
    assert repaired.merges == 1
    # The newer story was merged into the older; its article follows it there.
    assert repaired.stories[-3] == repaired.stories[-2] == online.stories[-3]
    gold = [label for _, label in stream]
    assert metrics.score(gold, online.stories)["pairwise_recall"] == 0.0
    assert metrics.score(gold, repaired.stories)["pairwise_recall"] == 1.0


def test_a_pass_sees_only_articles_that_arrived_before_it() -> None:
    stream, strict = _split_online()
    replay = Replay(strict)
    seen: list[set[str]] = []
    real = repair.repair

    def spy(index, *args, **kwargs):
        seen.append({doc for state in index.active() for doc in index.members(state.id)})
        return real(index, *args, **kwargs)

    repair.repair = spy
    try:
        for doc, _ in stream:
            replay.add(doc)
            assert all(doc.id not in docs for docs in seen)  # no pass ran after it arrived...
            seen.clear()
    finally:
        repair.repair = real
    # ...and the passes did run: the Toledo reports, 12 hours apart, are one story again.
    assert replay.merges == 1
    assert replay.story_of("t2") == replay.story_of("t1")


def test_look_alike_incidents_stay_apart_through_the_repair_passes() -> None:
    stream = [(doc, f"bg{k}") for k, doc in enumerate(background())]
    stream += [(toledo("t1"), "prouty"), (toledo_again("t2"), "prouty")]
    stream += [(toledo_lookalike("l1"), "dorr"), (lookalike_follow_up("l2"), "dorr")]
    ours = run_ours(stream, trace=False)
    assert ours.stories[-4] == ours.stories[-3]
    assert ours.stories[-2] == ours.stories[-1]
    assert ours.stories[-4] != ours.stories[-2]


def test_the_evaluation_reports_merges_and_speed_with_repair() -> None:
    stream, strict = _split_online()
    result = evaluate(stream, strict)
    assert result["ours"]["repair_merges"] == 1  # the two Toledo stories
    assert result["ours"]["pairwise_recall"] == 1.0
    assert result["ours"]["docs_per_second"] > 0
