"""The extraction quality gate: body F1 on the Scrapinghub benchmark may not drop below its floor.

The floor lives in bench/floors.json; `python -m bench.extraction` gives the full report.
"""

from __future__ import annotations

import json

import pytest

from bench.extraction import DATASET, FLOORS, load_pages, score_ours, scorer_check
from bench.extraction_score import evaluate, load_predictions
from tests.paths import require_shared

pytestmark = pytest.mark.dataset


@pytest.fixture(scope="module")
def folder():
    return require_shared(DATASET)


def test_scorer_reproduces_the_published_table(folder):
    check = scorer_check(folder)
    assert (round(check.f1, 3), round(check.precision, 3), round(check.recall, 3)) == (
        0.958,
        0.938,
        0.978,
    )
    assert round(check.accuracy, 3) == 0.293
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    gold = {item_id: item["articleBody"] for item_id, item in truth.items()}
    autoextract = json.loads((folder / "output" / "AutoExtract.json").read_text("utf-8"))
    assert round(evaluate(gold, load_predictions(autoextract)).f1, 3) == 0.970


def test_our_extraction_f1_stays_above_the_floor(folder):
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["extraction"]["f1"]
    score = score_ours(load_pages(folder))
    assert score.pages == 181
    assert score.f1 >= floor, (
        f"extraction F1 {score.f1:.4f} (P {score.precision:.4f}, R {score.recall:.4f}) fell "
        f"below the floor {floor} in bench/floors.json; run `python -m bench.extraction`"
    )
