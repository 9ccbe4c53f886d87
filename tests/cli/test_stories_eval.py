"""`dateline stories eval` replays a Miranda-format stream through a scratch store."""

from __future__ import annotations

import json

from tests.cli.conftest import dateline
from tests.store.story_texts import BRIDGE, SHOOTING


def _row(n, cluster, title, paragraphs, date):
    return {
        "id": f"d{n}",
        "date": date,
        "lang": "eng",
        "cluster": cluster,
        "title": title,
        "text": "\n".join(paragraphs),
    }


def test_eval_scores_a_stream_in_a_scratch_store_and_leaves_the_real_one_alone(
    tmp_path, scratch_env
):
    rows = [
        _row(1, "shooting", SHOOTING[0][0], SHOOTING[0][3], "2016-03-14 09:00:00"),
        _row(2, "bridge", BRIDGE[0], BRIDGE[3], "2016-03-14 10:00:00"),
        _row(3, "shooting", SHOOTING[1][0], SHOOTING[1][3], "2016-03-14 12:00:00"),
    ]
    stream = tmp_path / "stream.jsonl"
    stream.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")

    result = dateline(scratch_env, "stories", "eval", str(stream), "--format", "miranda")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["path"].startswith("scratch store")
    assert report["documents"] == 3
    assert report["ours"]["pairwise_f1"] == 1.0  # the two shooting reports, the bridge apart
    assert report["ours"]["bcubed_f1"] == 1.0
    assert "baseline" in report
    # The configured store was never created: the replay ran in its own scratch database.
    assert not (tmp_path / "data" / "dateline.sqlite3").exists()


def test_eval_of_a_missing_file_says_so(scratch_env):
    result = dateline(scratch_env, "stories", "eval", "/nonexistent/stream.jsonl")
    assert result.returncode == 2
    assert "no such file" in result.stdout


def test_eval_of_a_broken_stream_says_why_in_one_line(tmp_path, scratch_env):
    stream = tmp_path / "stream.jsonl"
    stream.write_text('{"id": "d1", "date": "2016-03-14", "title": "no label"}\n')
    result = dateline(scratch_env, "stories", "eval", str(stream), "--format", "miranda")
    assert result.returncode == 2
    assert result.stdout.strip().splitlines() == [
        f"cannot read the stream as miranda: {stream}: record 1 has no cluster"
    ]
    assert "Traceback" not in result.stderr
