"""Lines a publisher prints on every page (menus, paywall notes, newsletter pitches, bylines of
the desk), learnt online so they do not make two unrelated stories of one site look alike.

A line is boilerplate once it has appeared in `REPEATS` earlier articles of the same publisher;
a story's own text seldom repeats that often, while a template repeats on every page. Sites on
one publishing system print the same notes ("Close Get email notifications on … daily!", the
paywall's "Already a subscriber?"), so a line is also boilerplate, for clustering, once it has
appeared in `SHARED_REPEATS` earlier articles of any publisher: on the report-like tune streams
(`streams.overlay`) such pages had joined each other's unrelated stories (mean pairwise F1
81.1 -> 81.7 at 4, alike from 3 to 8; tune halves: early -0.07, late +0.33). Wire copies repeat
lines across sites too, but the trace stage's copies join their original's story whatever
their text says.

A title's tail after a dash or a bar is the site's name once the publisher printed it on
`TITLE_REPEATS` earlier titles ("… - KSLA News 12 Shreveport, LA"): counted three times among
the terms, it made a station's unrelated stories look alike (report-like tune streams' pairwise
precision +0.3 and +1.4, mean pairwise F1 83.77 -> 83.93; alike at 1 to 3 repeats).

The counts live in the clusterer's own document frequencies (one key a line and publisher, and
one a line across publishers, see `key`), like the house names of `house.py`: the store keeps
them in `TermStat` inside the article's transaction, so a restarted process or another worker
knows the same lines, and the site and the in-memory evaluation agree.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

from dateline.group.house import publisher_key

REPEATS = 2
TITLE_REPEATS = 2
# A title's last part after a spaced dash or a bar: "… in 9th Ward - FOX 8 WVUE New Orleans News"
_TITLE_TAIL = re.compile(r"\s+[-|–—]\s+([^-|–—]{3,})$")
SHARED_REPEATS = 4
MIN_LINE = 12  # shorter lines are headings and captions: too little to recognise


def key(publisher: str, words: str, kind: str = "=") -> str:
    """The line's frequency key: its kind ("=" a line, "~" a title's tail: no term, name or
    house key starts so), its hash, then the publisher; the hash comes first so a store that
    cuts long keys cuts only the publisher."""
    return f"{kind}{zlib.crc32(words.casefold().encode()):08x}|{publisher_key(publisher)}"


def shared_key(line_key: str) -> str:
    """The same line's key across all publishers."""
    return line_key.split("|", 1)[0] + "|*"


@dataclass(frozen=True)
class Lines:
    """An article's lines, each with its key (None: too short to judge, always kept)."""

    lines: tuple[tuple[str, str | None], ...]

    def keys(self) -> list[str]:
        """Distinct keys, the publisher's then the shared ones: the article counts once for a
        line it prints twice."""
        own = list(dict.fromkeys(k for _, k in self.lines if k is not None))
        return own + [shared_key(k) for k in own]

    def strip(self, seen: Mapping[str, int]) -> str:
        """The text without the lines `seen` (earlier articles' counts) calls boilerplate, the
        publisher's or shared by many sites."""
        return "\n".join(
            line
            for line, k in self.lines
            if k is None
            or (seen.get(k, 0) < REPEATS and seen.get(shared_key(k), 0) < SHARED_REPEATS)
        )

    def dropped(self, seen: Mapping[str, int]) -> tuple[str, ...]:
        """The lines the publisher itself repeats (its footer, its desk's byline): the names
        only they give are the site's. Lines shared across sites are left out of clustering
        only, since a wire story's lines repeat across sites too."""
        return tuple(line for line, k in self.lines if k is not None and seen.get(k, 0) >= REPEATS)


def read(publisher: str, text: str) -> Lines:
    """The article's lines and their keys; no keys without a publisher (nothing to learn)."""
    if not publisher:
        return Lines(tuple((line, None) for line in text.split("\n")))
    out = []
    for line in text.split("\n"):
        words = " ".join(line.split())
        out.append((line, key(publisher, words) if len(words) >= MIN_LINE else None))
    return Lines(tuple(out))


@dataclass(frozen=True)
class TitleTail:
    """A title's last part after a dash or bar (a site's name, most often) and its key."""

    head: str
    key: str


def title_tail(publisher: str, title: str) -> TitleTail | None:
    """The title's tail, keyed by publisher like a line ("~" instead of "="); None without a
    tail or a publisher. Only a spaced dash counts: "Winston-Salem" has no tail."""
    match = _TITLE_TAIL.search(title)
    if not publisher or match is None:
        return None
    words = " ".join(match.group(1).split())
    return TitleTail(title[: match.start()].strip(), key(publisher, words, kind="~"))
