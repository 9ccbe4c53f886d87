"""Warm-start evaluation: the warm-up is replayed through the same clusterer, then only the
scored documents count, by their own labels and their own stories."""

from __future__ import annotations

from dateline.group.evaluate import evaluate, evaluate_warm, run_baseline, run_ours
from tests.group.stories import background, memphis, toledo, toledo_again, unrelated


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
