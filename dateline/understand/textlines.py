"""The shape of each line of a plain-text page dump: prose, a list item, page furniture…

Shapes only, never the words of a heading: a "Related" list looks like a run of short
title-like lines whatever it is called, in whatever language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from dateline.understand.dates import DateMention, find_dates
from dateline.understand.text import clean_line


class Kind(Enum):
    PROSE = "prose"  # a sentence or more: the stuff of an article body
    SHORT = "short"  # a title-like line: a headline, a subheading, a link, a menu entry
    BULLET = "bullet"  # a list item
    DATE = "date"  # "Published: March 3, 2024", "Jan. 21, 2024 | 5 min read"
    BYLINE = "byline"  # "By Jane Doe, Associated Press"
    FURNITURE = "furniture"  # a reaction counter, a share bar, a menu, a copyright line
    AD = "ad"  # an advert marker: invisible wherever it stands
    LINK = "link"  # "READ MORE: …", "Photo: …": invisible inside the body, a list item outside


@dataclass(frozen=True)
class Line:
    index: int
    text: str
    kind: Kind
    size: int  # about the number of words, also for scripts written without spaces
    dates: tuple[DateMention, ...] = ()


# Sentence end, maybe followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_SITE_SEPARATOR = re.compile(r"\s(?:\||::|·|»)\s")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)[\"'”’»)\]]*$")
_BULLET = re.compile(r"^[-–•*·▪►▸→✓✔◦»›](?:\s+\S|(?=[\w\"'“‘(\[]))")
_AD = re.compile(
    r"^(?:advertisement|advertising|ad|anzeige|werbung|publicité|publicidad|pubblicità|reklama|"
    r"sponsored|story continues below(?: advertisement)?|continue reading(?: below)?|"
    r"scroll to continue(?: with content)?)$",
    re.IGNORECASE,
)
# "READ MORE: …", "Photo: Getty Images", "Lesen Sie auch: …" inside or around a story.
_LABELLED = re.compile(r"^(?P<label>[^\W\d_][^\W\d_' ]*(?: [^\W\d_']+){0,2}) ?: ?\S")
BYLINE_PREFIX = re.compile(
    r"^(?:(?:written|words|reported|story|text)\s+by|by|von|par|por|di|door|"
    r"author|authors|autor|autorin|reporter)\b\s*:?\s+(?=[^\W\d_])",
    re.IGNORECASE,
)
_NAME_PARTICLES = frozenset("the and de da van von der del la le al bin ibn".split())
_COUNT = re.compile(r"[(\[]\s*\d[\d,.]*\s*[kKmM]?\s*[)\]]|^\d[\d,.]*[kKmM]?\s+[^\W\d_]+$")
_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2764]")
_NO_LETTERS = re.compile(r"^[\W\d_]+$")
_MENU_SEPARATOR = re.compile(r"\s[|·•/]\s|\s?[>»›]\s?")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|all rights reserved", re.IGNORECASE)
_SHARE_WORDS = frozenset(
    "share shares sharing facebook twitter x whatsapp email e-mail mail linkedin reddit telegram "
    "print copy link url pinterest flipboard messenger tweet bluesky threads pocket this article "
    "story on via teilen partager compartir condividi".split()
)
# A share bar names a network or the act of sharing; "Copy link" alone is not enough.
_SHARE_CUES = frozenset(
    "share facebook twitter whatsapp linkedin reddit telegram pinterest email e-mail print tweet "
    "teilen partager compartir condividi".split()
)

MAX_WIDGET_WORDS = 8
TITLE_LIKE_CHARS = 25  # shorter title-like lines are list headings, menu entries, buttons
MAX_MENU_PART_WORDS = 4
MIN_COLON_PROSE_WORDS = 6  # "Here are the highlights:" opens a list inside a story
MIN_LONG_PROSE_WORDS = 20  # shorter lines cut off with "…" are links; longer ones prose
MAX_BYLINE_WORDS = 14
MAX_NAME_WORDS = 5
MIN_TITLE_CASE_WORDS = 4
TITLE_CASE_SHARE = 0.75
SENTENCE_CASE_SHARE = 0.4  # a sentence has a capital here and there
MAX_DATE_LINE_EXTRA_WORDS = 3  # "Mon 3 March 2024 | 5 min read"
MAX_DATE_LINE_WORDS = 40  # a headline with "Posted: … Updated: …" glued on still fits
MAX_LABEL_LINE_WORDS = 40
CHARS_PER_WORD = 8  # sizes text written without spaces (Chinese, Japanese, Thai)


def read_lines(text: str) -> list[Line]:
    """One Line per non-empty line of the dump, each with its shape."""
    lines: list[Line] = []
    for raw in text.splitlines():
        clean = clean_line(raw)
        if clean:
            lines.append(_shape(len(lines), clean))
    return lines


def _shape(index: int, text: str) -> Line:
    words = text.split()
    size = max(len(words), len(text) // CHARS_PER_WORD)
    dates = tuple(find_dates(text))
    return Line(index=index, text=text, kind=_kind(text, words, dates), size=size, dates=dates)


def _kind(text: str, words: list[str], dates: tuple[DateMention, ...]) -> Kind:
    if is_byline(text):
        return Kind.BYLINE
    if _BULLET.match(text):
        return Kind.BULLET  # "· Minutes of the meeting of 10 October 2019" is a list item
    if is_date_line(text, dates):
        return Kind.DATE
    if _is_furniture(text, words):
        return Kind.FURNITURE
    if _AD.match(text):
        return Kind.AD
    if _is_inline_link(text, words):
        return Kind.LINK
    if is_prose(text, words):
        return Kind.PROSE
    return Kind.SHORT


def is_title_like(line: Line) -> bool:
    """A headline-sized title-like line or a list item: what link lists are made of."""
    return line.kind is Kind.BULLET or (
        line.kind in (Kind.SHORT, Kind.LINK) and len(line.text) >= TITLE_LIKE_CHARS
    )


def is_prose(text: str, words: list[str] | None = None) -> bool:
    """A line that reads as sentences: it ends like one and is not shouted in capitals."""
    words = text.split() if words is None else words
    if len(words) < 2 or text.isupper() or (not text.endswith(".") and _is_title_case(words)):
        return False
    if text.endswith((":", "：")):
        return len(words) >= MIN_COLON_PROSE_WORDS
    if _ELLIPSIS_END.search(text):
        return len(words) >= MIN_LONG_PROSE_WORDS  # "Stocks fall as China data ..." is cut
    if _SENTENCE_END.search(text):
        return True
    # A long line reads as prose even when its full stop was lost, unless it is a long
    # headline: many capitals, or a site's name after a separator.
    return (
        len(words) >= MIN_LONG_PROSE_WORDS
        and _capitalised_share(words) <= SENTENCE_CASE_SHARE
        and not _SITE_SEPARATOR.search(text)
    )


def _is_title_case(words: list[str]) -> bool:
    """'Can Xbox One Top the PS4?': a headline, even when it ends like a sentence."""
    cased = [word for word in words if word[0].isalpha()]
    return len(cased) >= MIN_TITLE_CASE_WORDS and _capitalised_share(cased) >= TITLE_CASE_SHARE


def _capitalised_share(words: list[str]) -> float:
    cased = [word for word in words if word[0].isalpha()]
    return sum(1 for word in cased if word[0].isupper()) / len(cased) if cased else 0.0


def is_byline(text: str) -> bool:
    """'By Jane Doe and John Roe', 'By JANE DOE | March 3, 2024', 'Von Max Muster'."""
    match = BYLINE_PREFIX.match(text)
    if not match:
        return False
    rest = text[match.end() :]
    dates = find_dates(rest)
    if dates:
        rest = rest[: dates[0].start]
    names = re.split(r"[|·•]", rest)[0].split()
    if not names or len(names) > MAX_BYLINE_WORDS:
        return False
    if _SENTENCE_END.search(rest.strip()) and len(names) > MAX_WIDGET_WORDS:
        return False  # "By the end of the year, prices had…" is a sentence
    return all(_is_name_word(word.strip(",;")) for word in names)


def is_name(text: str) -> bool:
    """'Jane Doe', 'Ludwig van Beethoven', 'JANE DOE': a few capitalised words."""
    words = text.split()
    return 0 < len(words) <= MAX_NAME_WORDS and all(_is_name_word(word) for word in words)


def _is_name_word(word: str) -> bool:
    return word in ("", "&") or word in _NAME_PARTICLES or (word[0].isupper() and word[0].isalpha())


def is_date_line(text: str, dates: tuple[DateMention, ...]) -> bool:
    """A line that is there to say when: labelled, or a date with little else around it."""
    if not dates or len(text.split()) > MAX_DATE_LINE_WORDS:
        return False  # "UPDATE 12/1/2015: The president of the guild said…" is a paragraph
    if any(mention.label for mention in dates):
        return True
    rest = text
    for mention in reversed(dates):
        rest = rest[: mention.start] + " " + rest[mention.end :]
    extra = [word for word in rest.split() if any(c.isalpha() for c in word)]
    return len(extra) <= MAX_DATE_LINE_EXTRA_WORDS


def _is_inline_link(text: str, words: list[str]) -> bool:
    match = _LABELLED.match(text)
    if not match or len(words) > MAX_LABEL_LINE_WORDS:
        return False
    # "NOTE: This story was updated." is rare next to "READ MORE: Headline…"; a shouted label
    # marks a link even when the linked headline ends like a sentence.
    return match.group("label").isupper() or not _SENTENCE_END.search(text)


def _is_furniture(text: str, words: list[str]) -> bool:
    """Reaction counters, share bars, menus and breadcrumbs, copyright lines."""
    if _COPYRIGHT.search(text):
        return True
    if (
        len(words) <= MAX_WIDGET_WORDS
        and not text.endswith(".")
        and (_COUNT.search(text) or _EMOJI.search(text) or _NO_LETTERS.match(text))
    ):
        return True
    tokens = [t.casefold() for t in re.findall(r"[^\W\d_][\w-]*", text)]
    if len(tokens) >= 2 and set(tokens) <= _SHARE_WORDS and set(tokens) & _SHARE_CUES:
        return True
    parts = [part for part in _MENU_SEPARATOR.split(text) if part.strip()]
    return (
        len(parts) >= 2
        and all(len(part.split()) <= MAX_MENU_PART_WORDS for part in parts)
        and (len(parts) >= 3 or bool(re.search(r"[>»›]", text)))
    )
