"""Which of several versions of one text is nearest their common source, read from the texts.

Versions seen together (one import) cannot be ordered by when we saw them, and the dates pages
claim are what copiers fake. Their texts tell more, in ways a copier cannot cheaply undo:
- changed words: a copy that rewords its source ("spins" it) has words no other version has, spot
  by spot inside sentences the others share; the source's words are the ones the copies agree on
  (textual critics find an archetype the same way). Two versions alone cannot tell whose words
  changed: each differs from the other at the same spots.
- held paragraphs: copies drop paragraphs or stop halfway; they rarely write new ones. When one
  version has whole paragraphs another lacks, and the other has next to none it lacks, the first
  holds the second: the second was made from something like the first, not the reverse. (Changed
  words leave a paragraph partly shared, so they never count here.)
- shared text: the version sharing the most text with all the others (each copy lost different
  parts of the source).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping

from dateline.trace.profile import PASSAGE_RUN, Profile

# A version is "changed" when it has more than twice the changed spots of the least changed
# version, plus this many: a dateline one copy left out ("CHICAGO (AP) —") or a corrected spelling
# is not rewording.
CHANGE_SLACK = 1
# A spot is judged when at least this many other versions have the words around it.
MIN_WITNESSES = 2
# One version holds another when it has at least this many shingles in paragraphs the other lacks
# entirely (two sentences)...
HOLD_MIN = 2 * PASSAGE_RUN
# ...and the other has at most this share of that in paragraphs of its own: a farm template's
# breadcrumb or a site's one-line sign-off may pass for prose.
HOLD_RATIO = 0.25


def changed_spots(version: Profile, others: list[Profile]) -> int:
    """Spots where `version` words a sentence differently from at least MIN_WITNESSES other
    versions that have the same words on both sides of the spot. With one witness, a difference
    says nothing of whose words changed; witnesses that changed words near it say nothing either.
    """
    union = set().union(*(other.shingles for other in others))
    spots = 0
    for line in version.lines:
        for start, end in _missing_spans(line, union):
            bounds = [line[i] for i in (start - 1, end) if 0 <= i < len(line)]
            if end - start >= PASSAGE_RUN or not bounds:
                continue  # a passage of its own, or a line no other version has
            witnesses = sum(1 for other in others if all(b in other.shingles for b in bounds))
            spots += witnesses >= MIN_WITNESSES
    return spots


def _missing_spans(line: list[int], found: Collection[int]) -> Iterator[tuple[int, int]]:
    """[start, end) of each run of `line`'s shingles not in `found`."""
    start = None
    for i, shingle in enumerate(line):
        if shingle in found:
            if start is not None:
                yield start, i
            start = None
        elif start is None:
            start = i
    if start is not None:
        yield start, len(line)


def own_paragraphs(version: Profile, other: Profile) -> int:
    """Shingles of `version` in paragraphs (of a passage or more) `other` has nothing of."""
    return sum(
        len(line)
        for line in version.lines
        if len(line) >= PASSAGE_RUN and other.shingles.isdisjoint(line)
    )


def least_changed(ids: list[int], profiles: Mapping[int, Profile]) -> list[int]:
    """Of `ids`, those not reworded: changed spots (against every other version in `profiles`)
    at most twice the fewest, plus CHANGE_SLACK."""
    spots = {
        doc_id: changed_spots(profiles[doc_id], [p for key, p in profiles.items() if key != doc_id])
        for doc_id in ids
    }
    limit = 2 * min(spots.values()) + CHANGE_SLACK
    return [doc_id for doc_id in ids if spots[doc_id] <= limit]


def holds(a: Profile, b: Profile) -> bool:
    """Whether `a` has whole paragraphs `b` lacks and `b` next to none that `a` lacks."""
    more = own_paragraphs(a, b)
    return more >= HOLD_MIN and own_paragraphs(b, a) <= HOLD_RATIO * more


def not_held(ids: list[int], profiles: Mapping[int, Profile]) -> list[int]:
    """Of `ids`, those no other of them holds (see `holds`)."""
    return [
        doc_id
        for doc_id in ids
        if not any(holds(profiles[other], profiles[doc_id]) for other in ids if other != doc_id)
    ]


def centrality(profiles: Mapping[int, Profile]) -> dict[int, float]:
    """Per version, the shingles it shares with each other version, summed."""
    return {
        key: float(
            sum(len(p.shingles & q.shingles) for other, q in profiles.items() if other != key)
        )
        for key, p in profiles.items()
    }
