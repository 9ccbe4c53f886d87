"""Stream loaders: the Miranda et al. format as a JSON array and as JSON Lines, date order, and
the order of UCI rows (by timestamp, never by story)."""

from __future__ import annotations

import gzip
import json

import pytest

from dateline.group import streams

MIRANDA = [
    {"id": "3", "date": "2014-11-02 10:00:00", "lang": "eng", "cluster": "c1",
     "title": "Later report", "text": "PARIS — Body."},
    {"id": "1", "date": "2014-11-02 08:00:00", "lang": "eng", "cluster": "c1",
     "title": "First report", "text": "Body one."},
    {"id": "2", "date": "2014-11-02T09:00:00Z", "lang": "deu", "cluster": "c2",
     "title": "Bericht", "text": "Text."},
]  # fmt: skip


@pytest.mark.parametrize("layout", ["array", "lines", "lines.gz"])
def test_miranda_streams_load_in_date_order(tmp_path, layout) -> None:
    if layout == "array":
        path = tmp_path / "stream.json"
        path.write_text(json.dumps(MIRANDA))
    else:
        lines = "\n".join(json.dumps(row) for row in MIRANDA) + "\n"
        path = tmp_path / ("stream.jsonl.gz" if layout.endswith("gz") else "stream.jsonl")
        if layout.endswith("gz"):
            path.write_bytes(gzip.compress(lines.encode()))
        else:
            path.write_text(lines)
    stream = streams.load(path, "miranda")
    assert [(doc.id, label) for doc, label in stream] == [("1", "c1"), ("2", "c2"), ("3", "c1")]
    assert stream[2][0].dateline_place == "Paris"
    assert all(doc.arrived.tzinfo is not None for doc, _ in stream)
    assert [d.id for d, _ in streams.miranda(path, lang="eng")] == ["1", "3"]


def test_uci_rows_are_ordered_by_timestamp_not_by_story(tmp_path) -> None:
    header = "ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,TIMESTAMP\n"
    rows = [
        '1,"Fed says, weather",http://a,Pub A,b,S1,a.com,1394470370698\n',
        "2,Fed again,http://b,Pub B,b,S1,b.com,1394470390000\n",
        "3,Phone launch,http://c,Pub C,t,S2,c.com,1394470380000\n",
    ]
    path = tmp_path / "uci.csv.gz"
    path.write_bytes(gzip.compress((header + "".join(rows)).encode()))
    stream = streams.load(path, streams.guess_format(path))
    assert [(doc.id, label) for doc, label in stream] == [("1", "S1"), ("3", "S2"), ("2", "S1")]
    assert stream[0][0].title == "Fed says, weather"


def test_split_is_by_position_in_time_order() -> None:
    stream = list(range(10))
    assert streams.split(stream, "tune") == list(range(6))
    assert streams.split(stream, "report") == list(range(6, 10))
    assert streams.split(stream, "all") == stream


def test_overlay_lays_one_stream_over_another_in_time_and_keeps_labels() -> None:
    from datetime import UTC, datetime, timedelta

    from dateline.group.features import StoryDoc

    def doc(doc_id: str, day: int) -> StoryDoc:
        return StoryDoc(doc_id, datetime(2020, 1, 1, tzinfo=UTC) + timedelta(days=day), "t", "")

    under = [(doc(f"u{d}", d), f"U{d % 3}") for d in range(0, 36, 4)]  # days 0..32
    over = [(doc(f"o{d}", 100 + d), f"O{d}") for d in range(0, 20, 5)]  # days 100..115
    dense = streams.overlay(under, over, at=0.5)
    # under's middle (day 16) lands on over's first day; what falls outside over's span is cut
    assert [d.id for d, _ in dense] == ["o0", "u16", "u20", "o5", "u24", "o10", "u28", "o15"]
    assert dict((d.id, label) for d, label in dense)["u28"] == "U1"
    assert [d.arrived for d, _ in dense] == sorted(d.arrived for d, _ in dense)
    assert under[5][0].arrived == doc("u20", 20).arrived  # the streams given are left alone


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("cut.json", b'[{"id": 1, "date": "2020-01-01", "cluster": 3', "not a JSON array"),
        ("lines.jsonl", b'{"id": 1, "date": "2020-01-01", "cluster": 3}\n{"id": 2,\n', "line 2"),
        ("nolabel.jsonl", b'{"id": 1, "date": "2020-01-01", "title": "x"}\n', "has no cluster"),
        ("when.jsonl", b'{"id": 1, "date": "yesterday", "cluster": 1}\n', "'yesterday' is not"),
        ("list.json", b"[1, 2]", "record 1 is not a JSON object"),
        ("binary.json", bytes(range(128, 256)) * 8, "not UTF-8"),
        ("cut.jsonl.gz", gzip.compress(b'{"id": 1}\n' * 50)[:30], "cannot be read"),
        ("uci.csv", b"ID,TITLE,STORY,TIMESTAMP\n1,a,S1,soon\n", "TIMESTAMP 'soon' is not"),
        ("far.csv", b"ID,TITLE,STORY,TIMESTAMP\n1,a,S1," + b"9" * 400 + b"\n", "is not a date"),
        # A gzip header, then a deflate block of the reserved type: zlib's own error.
        ("bad.jsonl.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 6 + b"\x07" * 40, "cannot be read"),
        ("nostory.csv", b"ID,TITLE,TIMESTAMP\n1,a,1394470370698\n", "record 1 has no STORY"),
    ],
)
def test_a_stream_that_cannot_be_read_says_where_and_why(tmp_path, name, content, says) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(streams.StreamError, match=says) as raised:
        streams.load(path, streams.guess_format(path))
    assert str(raised.value).startswith(str(path))


def test_a_folder_is_not_a_stream(tmp_path) -> None:
    with pytest.raises(streams.StreamError, match="is a folder"):
        streams.load(tmp_path, "gva")


def test_a_language_left_out_is_not_read(tmp_path) -> None:
    rows = [*MIRANDA, {"id": "9", "date": "someday", "lang": "fra", "cluster": "c3"}]
    path = tmp_path / "stream.json"
    path.write_text(json.dumps(rows))
    assert [d.id for d, _ in streams.miranda(path, lang="eng")] == ["1", "3"]
    with pytest.raises(streams.StreamError, match="record 4: date 'someday' is not a date"):
        streams.miranda(path)
