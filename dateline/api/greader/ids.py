"""Google Reader identifiers: item ids (long hex and short decimal forms) and stream ids."""

from __future__ import annotations

from dataclasses import dataclass

from dateline.api import numbers

ITEM_PREFIX = "tag:google.com,2005:reader/item/"
STATE = "user/-/state/com.google/"
LABEL = "user/-/label/"
READING_LIST = STATE + "reading-list"
READ = STATE + "read"
STARRED = STATE + "starred"


def long_item_id(article_id: int) -> str:
    """The long form: the prefix and the id as 16 hexadecimal digits."""
    return f"{ITEM_PREFIX}{article_id:016x}"


def parse_item_id(value: str) -> int | None:
    """An article id from any form clients send, or None.

    Long form, hexadecimal (NetNewsWire drops the zero padding); the short form is decimal, as
    `stream/items/ids` gives it out. A bare 16-digit string is the long form's hex part, sent
    without its prefix by older NetNewsWire builds: decimal ids never get that long here.
    """
    value = value.strip()
    if value.startswith(ITEM_PREFIX):
        return numbers.hexadecimal(value[len(ITEM_PREFIX) :])
    if len(value) == 16:
        return numbers.hexadecimal(value)
    return numbers.whole(value)


@dataclass(frozen=True)
class StreamId:
    """A parsed stream id: `state` (reading-list, read, starred, …), `label` or `feed`."""

    kind: str
    value: str = ""


def parse_stream_id(value: str) -> StreamId | None:
    """None when the id is not one we know. `user/<anyone>/` is read as `user/-/`: the caller."""
    if not value:
        return StreamId("state", "reading-list")
    if value.startswith("feed/"):
        return StreamId("feed", value[len("feed/") :])
    parts = value.split("/", 3)
    if len(parts) == 4 and parts[0] == "user":
        if parts[2] == "state" and parts[3].startswith("com.google/"):
            return StreamId("state", parts[3][len("com.google/") :])
        if parts[2] == "label":
            return StreamId("label", parts[3])
    return None


def feed_stream_id(source_id: int) -> str:
    return f"feed/{source_id}"


def label_stream_id(folder: str) -> str:
    return LABEL + folder
