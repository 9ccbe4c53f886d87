"""`dateline stories eval` on a small stream in the Miranda et al. format, in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.group.stories import toledo, toledo_again, unrelated


@pytest.mark.parametrize("path", ["store", "in-memory"])
def test_stories_eval_prints_metrics_for_ours_and_the_baseline(tmp_path, path) -> None:
    docs = [*(unrelated(f"u{k}", k * 0.1, k) for k in range(20)), toledo("t1"), toledo_again("t2")]
    labels = [f"u{k}" for k in range(20)] + ["toledo", "toledo"]
    rows = [
        {"id": d.id, "date": d.arrived.isoformat(), "lang": "eng", "cluster": label,
         "title": d.title, "text": d.text}
        for d, label in zip(docs, labels, strict=True)
    ]  # fmt: skip
    stream = tmp_path / "stream.json"
    stream.write_text(json.dumps(rows[::-1]))  # the file's order must not matter, only the dates
    options = ["--in-memory"] if path == "in-memory" else []
    done = subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", "stories", "eval", str(stream), *options],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["format"] == "miranda" and result["split"] == "all"
    assert result["documents"] == 22
    for side in ("ours", "baseline"):
        assert {"pairwise_f1", "bcubed_f1", "ari", "ami"} <= result[side].keys()
    assert result["ours"]["pairwise_f1"] == 1.0  # the two Toledo reports, and nothing else
    assert result["ours"]["docs_per_second"] > 0
    if path == "in-memory":  # the store's replay measures no memory of its own
        assert result["ours"]["peak_memory_mb"] > 0


def test_stories_eval_refuses_a_missing_file(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", "stories", "eval", str(tmp_path / "x.json")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "no such file" in done.stdout
