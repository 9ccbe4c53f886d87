"""Content-farm simulator: real articles copied the way farms and wire clients copy them, with the
truth recorded (which item is the original, which are copies, what each page claims, when each
version really went up and when we saw it).

`simulate(sources, level)` returns `FarmItem`s in the order the store would see them. Every item
keeps its truth, including the claimed-date story (`claim`), for a later date-flag evaluation.

A story is one source article. Its original is published at `published`; a wire story's original
is the agency's own copy (publisher apnews.com...), reprinted by newspapers (credit kept, trimmed,
not wrapped), and sometimes missing from the store (then the earliest reprint is the original).
Farm copies are wrapped in a site template (breadcrumb, date line, reaction widget, link lists),
re-dated, edited as `EDIT_LEVELS[level]` says, and drop the wire credit half of the time.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bench.farm_sources import Source
from dateline.trace.model import TraceDoc
from dateline.understand.dateline import read_dateline


@dataclass(frozen=True)
class Edits:
    substitute: float  # share of words (3+ letters) replaced by another word
    drop: float  # at most this share of paragraphs left out
    reorder: float  # chance the paragraphs after the first are shuffled
    cut: float  # chance the copy stops after the first half


EDIT_LEVELS: dict[str, Edits] = {
    "verbatim": Edits(0.0, 0.0, 0.0, 0.0),
    "light": Edits(0.02, 0.10, 0.2, 0.1),
    "moderate": Edits(0.05, 0.25, 0.5, 0.2),
    "heavy": Edits(0.10, 0.35, 0.5, 0.2),
    "spun": Edits(0.20, 0.50, 0.5, 0.2),
    "rewritten": Edits(0.35, 0.50, 0.5, 0.2),
}
WIRES = (("AP", "apnews.com"), ("Reuters", "reuters.com"), ("AFP", "afp.com"))
CITIES = ("CHICAGO", "HOUSTON", "DENVER", "ATLANTA", "SEATTLE", "BOSTON", "PHOENIX", "MIAMI")
FARMS = tuple(
    f"{a}{b}.com" for a in ("daily", "trend", "viral", "excel", "buzz") for b in ("hub", "wire")
)
NEWSPAPERS = tuple(
    f"{town}-{kind}.com" for town in ("oak", "elm", "bay") for kind in ("times", "post")
)
START = datetime(2024, 1, 1, tzinfo=UTC)
CLAIMS = (("fresh", 0.5), ("kept", 0.25), ("backdated", 0.15), ("none", 0.1))
_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


@dataclass(frozen=True)
class FarmItem:
    doc: TraceDoc  # what the store sees (doc.first_seen, doc.claimed, doc.credit)
    story: int  # the source article it carries: the truth group
    role: str  # "original", "reprint" (a wire client) or "farm"
    true_original: int  # id of the story's original among the items
    published: datetime  # when this version really went up
    claim: str  # doc.claimed vs the truth: "true", "fresh", "kept", "backdated" or "none"
    wrapped: bool  # carries a farm template


@dataclass
class _Version:
    paragraphs: list[str]
    publisher: str
    role: str
    published: datetime
    claimed: datetime | None
    claim: str
    title: str = ""
    wrapped: bool = False


def simulate(
    sources: list[Source], level: str, *, seed: int = 0, bulk: bool = False, wire_share=0.3
) -> list[FarmItem]:
    """One original and 1-4 farm copies per source (plus reprints for wire stories), in the order
    we first see them. `bulk`: everything arrives in one import, first seen within 10 minutes."""
    rng = random.Random(seed)
    edits = EDIT_LEVELS[level]
    vocabulary = sorted({w for s in sources for p in s.paragraphs for w in _WORD.findall(p)})
    titles = [s.title for s in sources if s.title]
    drafts: list[tuple[int, _Version, bool]] = []  # story, version, is the truth original
    for story, source in enumerate(sources):
        versions = _story(rng, story, source, edits, vocabulary, titles, wire_share)
        present = [v for v in versions if v is not None]
        truth = min(present, key=lambda v: v.published)
        drafts.extend((story, v, v is truth) for v in present)
    seen = [_first_seen(rng, v.published, bulk) for _, v, _ in drafts]
    order = sorted(range(len(drafts)), key=lambda i: seen[i])
    ids = {index: item_id for item_id, index in enumerate(order)}
    originals = {drafts[i][0]: ids[i] for i in order if drafts[i][2]}
    return [_item(ids[i], drafts[i], seen[i], originals, titles, rng) for i in order]


def _story(rng, story, source, edits, vocabulary, titles, wire_share) -> list[_Version | None]:
    published = START + timedelta(hours=7 * story)
    body = list(source.paragraphs)
    versions: list[_Version | None] = []
    if rng.random() < wire_share:
        wire, host = rng.choice(WIRES)
        body[0] = f"{rng.choice(CITIES)} ({wire}) — {body[0]}"
        own = _Version(body, host, "original", published, published, "true")
        versions.append(own if rng.random() > 0.2 else None)  # the agency's page may be missing
        for _ in range(rng.randint(1, 3)):
            at = published + timedelta(minutes=rng.uniform(2, 180))
            kept = body[: max(3, int(len(body) * rng.uniform(0.6, 1.0)))]
            versions.append(_Version(kept, rng.choice(NEWSPAPERS), "reprint", at, at, "true"))
    else:
        claimed = published if rng.random() > 0.1 else None
        versions.append(
            _Version(
                body,
                source.publisher,
                "original",
                published,
                claimed,
                "true" if claimed else "none",
            )
        )
    for _ in range(rng.randint(1, 4)):
        at = published + timedelta(hours=rng.uniform(1, 120))
        versions.append(_farm_copy(rng, body, published, at, edits, vocabulary))
    for version in versions:
        if version is not None:
            version.title = source.title
    return versions


def _farm_copy(rng, body, original_at, at, edits: Edits, vocabulary) -> _Version:
    paragraphs = list(body)
    if rng.random() < edits.cut:
        paragraphs = paragraphs[: max(2, len(paragraphs) // 2)]
    drop = int(len(paragraphs) * rng.uniform(0, edits.drop))
    for _ in range(min(drop, len(paragraphs) - 2)):
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    if rng.random() < edits.reorder:
        rest = paragraphs[1:]
        rng.shuffle(rest)
        paragraphs = paragraphs[:1] + rest
    if edits.substitute:
        paragraphs = [_substitute(rng, p, edits.substitute, vocabulary) for p in paragraphs]
    if rng.random() < 0.5:
        paragraphs[0] = re.sub(r"^[A-Z ]+ \([A-Za-z]+\) — ", "", paragraphs[0])
    claim = _pick(rng, CLAIMS)
    claimed = {
        "fresh": at + timedelta(days=rng.choice((0, 0, 30, 400))),
        "kept": original_at,
        "backdated": original_at - timedelta(hours=rng.uniform(1, 72)),
        "none": None,
    }[claim]
    site = rng.choice(FARMS)
    return _Version(paragraphs, site, "farm", at, claimed, claim, wrapped=rng.random() < 0.7)


def _substitute(rng, paragraph: str, rate: float, vocabulary: list[str]) -> str:
    return _WORD.sub(
        lambda m: rng.choice(vocabulary) if rng.random() < rate else m.group(), paragraph
    )


def _pick(rng, weighted) -> str:
    roll = rng.random()
    for name, weight in weighted:
        roll -= weight
        if roll < 0:
            return name
    return weighted[-1][0]


def _first_seen(rng, published: datetime, bulk: bool) -> datetime:
    if bulk:
        return START + timedelta(days=900, seconds=rng.uniform(0, 600))
    return published + timedelta(minutes=rng.uniform(0, 20))  # crawl delay


def _item(item_id, draft, seen, originals, titles, rng) -> FarmItem:
    story, version, _ = draft
    credit = read_dateline(version.paragraphs).credit  # what the understand stage would read
    text = "\n\n".join(version.paragraphs)
    if version.wrapped:
        text = _wrap(rng, text, version, titles)
    doc = TraceDoc(
        id=item_id,
        title="",
        text=text,
        publisher=version.publisher,
        first_seen=seen,
        claimed=version.claimed,
        credit=credit,
    )
    return FarmItem(
        doc,
        story,
        version.role,
        originals[story],
        version.published,
        version.claim,
        version.wrapped,
    )


def _wrap(rng, text: str, version: _Version, titles: list[str]) -> str:
    """A farm page as a careless extractor leaves it (see ../shared/examples)."""
    title = version.title or rng.choice(titles)
    date = f"Date:{version.claimed:%Y-%m-%d %H:%M:%S}" if version.claimed else ""
    lists = [
        line
        for heading in ("Related", "Ranking", "Recommendation")
        for line in (heading, *(f"- {t}" for t in rng.sample(titles, 8)))
    ]
    head = [f"Current:Home > News > {title}", title, f"{version.publisher} View", date]
    return "\n".join([*head, text, f"veryGood! ({rng.randint(1, 99)})", *lists])
