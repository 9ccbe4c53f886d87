"""Find the article body among the lines of a page dump: the densest block of prose.

A max-scoring-segment search (the idea behind Body Text Extraction) over runs of prose lines.
A run scores its size in words; a line or two of prose between title-like lines (a teaser)
scores half, and the first prose under the page's date or byline double. A block may cross
a single title-like line (an in-body subheading) at a cost. Towards a short run it crosses
only when that run names someone or something the block names too and the rest of the page
hardly does. So a link list under a heading never pays its way into the body, even when an
item ends with a full stop or carries a teaser sentence about another story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dateline.understand.textlines import Kind, Line, is_title_like

# What crossing a subheading costs, in words: more than a headline that ends like a sentence
# (most are under 25 words), less than the paragraphs that follow a real subheading.
BRIDGE_COST = 25
MAX_SUBHEADING_WORDS = 15
# A run past a subheading is judged by its names unless it is a real section (longer than
# a teaser) or names fewer than two things. A shared name counts if it turns up on at most
# one line outside the block (the headline may name it too).
MAX_TEASER_LINES = 2
MIN_SECTION_WORDS = 80
MIN_NAMES_TO_JUDGE = 2
MAX_MENTIONS_ELSEWHERE = 1
ANCHORS = (Kind.DATE, Kind.BYLINE)
ANCHOR_WEIGHT = 2  # the story starts under its date or byline, teaser lists further down
INVISIBLE = (Kind.AD, Kind.LINK)

MIN_NAME_CHARS = 3
_TOKEN = re.compile(r"[\w'’.-]+")
# Capitalised words that say nothing about which story a text tells: dates, and the generic
# words of place and office names ("Spring Street", "Police Department").
_NOT_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday street road avenue county city "
    "state department office police sheriff university school hospital center centre park "
    "north south east west new news national international president government court".split()
)


@dataclass(frozen=True)
class Run:
    """Consecutive prose lines (adverts and inline links between them do not interrupt it)."""

    first: int  # index into the dump's lines
    last: int
    size: int
    count: int  # of lines
    names: frozenset[str]


def find_body(lines: list[Line]) -> range | None:
    """The indices of the body block (from its first to its last prose line), or None."""
    runs, gaps = _runs(lines)
    runs = [_weigh(lines, run) for run in runs]
    runs = _after_anchor(lines, runs)
    mentions = _mentions(lines)
    best: tuple[int, int, int] | None = None  # (score, first run, last run)
    score, first, names = 0, 0, frozenset[str]()
    for number, run in enumerate(runs):
        block = range(runs[first].first, run.last + 1)
        if (
            number
            and score > BRIDGE_COST
            and _may_cross(gaps[number - 1], run, names, block, mentions)
        ):
            score += run.size - BRIDGE_COST
            names |= run.names
        else:
            score, first, names = run.size, number, run.names
        if best is None or score > best[0]:
            best = (score, first, number)
    if best is None:
        return None
    return range(runs[best[1]].first, runs[best[2]].last + 1)


def _runs(lines: list[Line]) -> tuple[list[Run], list[list[Line]]]:
    """The prose runs, and the lines between each run and the next."""
    runs: list[Run] = []
    gaps: list[list[Line]] = []
    current: list[Line] = []
    gap: list[Line] = []
    text_next = _text_next(lines)
    for line in lines:
        if line.kind is Kind.AD or (line.kind is Kind.LINK and current and text_next[line.index]):
            continue
        if line.kind is Kind.PROSE:
            if not current and runs:
                gaps.append(gap)
            current.append(line)
            gap = []
        else:
            if current:
                runs.append(_run(current))
                current = []
            gap.append(line)
    if current:
        runs.append(_run(current))
    return runs, gaps


def _weigh(lines: list[Line], run: Run) -> Run:
    """Half weight for a line or two of prose between two title-like lines: a teaser list."""
    if run.count > MAX_TEASER_LINES:
        return run
    before = _visible(lines, range(run.first - 1, -1, -1))
    after = _visible(lines, range(run.last + 1, len(lines)))
    if before and after and is_title_like(before) and is_title_like(after):
        return replace(run, size=run.size // 2)
    return run


def _after_anchor(lines: list[Line], runs: list[Run]) -> list[Run]:
    """Double weight for the first prose under the page's first date or byline."""
    anchor = next((line.index for line in lines if line.kind in ANCHORS), None)
    if anchor is None:
        return runs
    following = next((n for n, run in enumerate(runs) if run.first > anchor), None)
    if following is None:
        return runs
    runs = list(runs)
    runs[following] = replace(runs[following], size=runs[following].size * ANCHOR_WEIGHT)
    return runs


def _visible(lines: list[Line], indices: range) -> Line | None:
    """The first line, going through `indices`, that is not an advert marker."""
    return next((lines[i] for i in indices if lines[i].kind is not Kind.AD), None)


def _text_next(lines: list[Line]) -> list[bool]:
    """For each line: is the next visible line prose or a subheading? An inline link with
    story text on both sides sits inside the story; one before a list item belongs to the list."""
    result = [False] * len(lines)
    following = False
    for line in reversed(lines):
        result[line.index] = following
        if line.kind not in INVISIBLE:
            following = line.kind in (Kind.PROSE, Kind.SHORT)
    return result


def _run(lines: list[Line]) -> Run:
    names = frozenset(name for line in lines for name in names_in(line.text))
    size = sum(line.size for line in lines)
    return Run(lines[0].index, lines[-1].index, size=size, count=len(lines), names=names)


def _may_cross(
    gap: list[Line],
    run: Run,
    block_names: frozenset[str],
    block: range,
    mentions: dict[str, list[int]],
) -> bool:
    """May the block reach over `gap` (one subheading) to take in `run`?"""
    if len(gap) != 1 or gap[0].kind is not Kind.SHORT or gap[0].size > MAX_SUBHEADING_WORDS:
        return False
    if run.count > MAX_TEASER_LINES and run.size >= MIN_SECTION_WORDS:
        return True  # paragraphs of some length under a subheading: the story goes on
    names = run.names | names_in(gap[0].text)
    if len(names) < MIN_NAMES_TO_JUDGE:
        return True  # nothing to judge by
    # A shared name counts when the rest of the page hardly uses the word: "Sentra" does;
    # "County" or "police", all over a crime site's teasers, do not.
    return any(
        sum(1 for index in mentions[name] if index not in block) <= MAX_MENTIONS_ELSEWHERE
        for name in names & block_names
    )


def _mentions(lines: list[Line]) -> dict[str, list[int]]:
    """For each word, in any case, the lines that use it."""
    mentions: dict[str, list[int]] = {}
    for line in lines:
        for word in {_word(token).casefold() for token in _TOKEN.findall(line.text)}:
            mentions.setdefault(word, []).append(line.index)
    return mentions


def _word(token: str) -> str:
    return token.strip(".'’-").removesuffix("'s").removesuffix("’s")


def names_in(text: str) -> frozenset[str]:
    """Capitalised words that do not open a sentence: 'Stadia', 'Volker', 'NASA'."""
    names = set()
    previous = "."
    for token in _TOKEN.findall(text):
        word = _word(token)
        opens_sentence = previous.endswith((".", "!", "?", ":", '"', "”"))
        if len(word) >= MIN_NAME_CHARS and word[0].isupper() and not opens_sentence:
            names.add(word.casefold())
        previous = token
    return frozenset(names - _NOT_NAMES)
