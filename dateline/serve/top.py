"""Top of the home page: rank stories and lone articles by real signals, then keep it diverse.

Plain data in, plain data out. Each item is one *text event*: a story (several independent
reports of one event) or an article no story holds yet. Its score adds two signals:

* engagement: reads and reactions with time decay (`serve.ranking` heat); a reprint's heat is
  folded into its original first, so copying a text never counts it twice;
* coverage: independent reports per hour since the first one (originals only, reprints never
  count), so an event many outlets are reporting right now rises without anyone reading it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

REPORT_WEIGHT = 2.0  # one independent report an hour weighs as much as two fresh reads
MIN_HOURS = 1.0  # a report seen a minute ago is one an hour, not sixty
MAX_PER_PUBLISHER = 2


@dataclass(frozen=True)
class Entry:
    """One article as the ranking sees it (an original or a reprint)."""

    article_id: int
    publisher_id: int
    first_seen: datetime
    heat: float | None = None
    original_id: int | None = None  # set for a reprint: its engagement goes to the original
    story_id: int | None = None


@dataclass(frozen=True)
class Coverage:
    """A story's independent reports: original members only, and their distinct outlets."""

    reports: int
    outlets: int
    first_seen: datetime


@dataclass
class Item:
    """A ranked line of the home page: the article shown, the story it stands for, and why."""

    article_id: int
    publisher_id: int
    score: float
    engagement: float
    reports_per_hour: float
    story_id: int | None = None
    outlets: int = 1
    members: list[int] = field(default_factory=list)  # every article folded in, reprints too


def fold_heat(heats: Iterable[float | None]) -> float | None:
    """Several log2-heats as one: log2 of the sum of the scores (overflow-safe)."""
    values = [h for h in heats if h is not None]
    if not values:
        return None
    top = max(values)
    return top + math.log2(sum(2.0 ** (h - top) for h in values))


def decayed(heat: float | None, now: datetime, half_life_hours: float) -> float:
    if heat is None:
        return 0.0
    return 2.0 ** (heat - now.timestamp() / 3600.0 / half_life_hours)


def reports_per_hour(reports: int, first_seen: datetime, now: datetime) -> float:
    hours = max(MIN_HOURS, (now - first_seen).total_seconds() / 3600.0)
    return reports / hours


def rank(
    entries: Iterable[Entry],
    coverage: dict[int, Coverage],
    now: datetime,
    half_life_hours: float,
) -> list[Item]:
    """Score every story and lone original, best first (ties: newer article id first)."""
    entries = list(entries)
    by_id = {e.article_id: e for e in entries}
    # Reprints hand their heat to their original (when the original is among the entries).
    heats: dict[int, list[float | None]] = {}
    folded: dict[int, list[int]] = {}
    for e in entries:
        target = e.original_id if e.original_id in by_id else e.article_id
        heats.setdefault(target, []).append(e.heat)
        folded.setdefault(target, []).append(e.article_id)
    groups: dict[tuple[str, int], list[Entry]] = {}
    for e in entries:
        if e.original_id in by_id:
            continue  # counted through its original
        group = ("story", e.story_id) if e.story_id is not None else ("article", e.article_id)
        groups.setdefault(group, []).append(e)
    items = []
    for (kind, _), members in groups.items():
        heat = fold_heat(h for m in members for h in heats[m.article_id])
        engagement = decayed(heat, now, half_life_hours)
        story = coverage.get(members[0].story_id) if kind == "story" else None
        if story:
            rate = reports_per_hour(story.reports, story.first_seen, now)
        else:
            rate = reports_per_hour(1, min(m.first_seen for m in members), now)
        # The story's face: its most engaging member, else its earliest report.
        face = max(members, key=lambda m: (_heat_order(heats[m.article_id]), -_stamp(m)))
        items.append(
            Item(
                article_id=face.article_id,
                publisher_id=face.publisher_id,
                score=engagement + REPORT_WEIGHT * rate,
                engagement=engagement,
                reports_per_hour=rate,
                story_id=face.story_id if kind == "story" else None,
                outlets=story.outlets if story else 1,
                members=[pk for m in members for pk in folded[m.article_id]],
            )
        )
    items.sort(key=lambda item: (-item.score, -item.article_id))
    return items


def diversify(
    items: Iterable[Item], limit: int, max_per_publisher: int = MAX_PER_PUBLISHER
) -> list[Item]:
    """Greedy re-rank: walk best first, skip what would give a publisher more than its share.

    Stories are already one line each (see `rank`), so no story can flood the page either.
    """
    chosen: list[Item] = []
    per_publisher: dict[int, int] = {}
    for item in items:
        if per_publisher.get(item.publisher_id, 0) >= max_per_publisher:
            continue
        per_publisher[item.publisher_id] = per_publisher.get(item.publisher_id, 0) + 1
        chosen.append(item)
        if len(chosen) == limit:
            break
    return chosen


def _heat_order(heats: list[float | None]) -> float:
    folded = fold_heat(heats)
    return -math.inf if folded is None else folded


def _stamp(entry: Entry) -> float:
    return entry.first_seen.timestamp()
