"""Circumstances alone (same place, same day, a few common names) do not make a story."""

from dateline.group.cluster import Evidence, Settings


def _evidence(text: float, people: int) -> Evidence:
    # The demo's North Korea article against an Airbus story: same country, same day.
    return Evidence(
        text=text, title=0.0, names=0.21, place="same", people=people, gap_days=0.0,
        same_publisher=False,
    )  # fmt: skip


def test_no_shared_wording_and_no_shared_person_never_joins() -> None:
    assert _evidence(text=0.08, people=0).logit(Settings()) == float("-inf")


def test_a_shared_person_or_shared_wording_lets_the_model_decide() -> None:
    settings = Settings()
    assert _evidence(text=0.08, people=1).logit(settings) > float("-inf")
    assert _evidence(text=0.30, people=0).logit(settings) > float("-inf")
