"""Dates a page writes out: "Published: March 3, 2024 10:15 AM", "Date:2025-04-07 02:07:50".

A date without a zone stays naive, as the page gave it (the store reads naive as UTC); a
zone the page names ("EST", "+02:00", "Z", "ET") makes it aware.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DateLabel = Literal["published", "updated"]

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "jan january januar jänner janvier enero gennaio",
        "feb february februar février fevrier febrero febbraio",
        "mar march märz maerz mars marzo",
        "apr april avril abril aprile",
        "may mai mayo maggio",
        "jun june juni juin junio giugno",
        "jul july juli juillet julio luglio",
        "aug august août aout agosto",
        "sep sept september septembre septiembre setiembre settembre",
        "oct october oktober octobre octubre ottobre",
        "nov november novembre noviembre",
        "dec december dezember décembre decembre diciembre dicembre",
    ),
    start=1,
):
    MONTHS.update(dict.fromkeys(_names.split(), _number))
_WEEKDAYS = (
    "mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday "
    "saturday sunday montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi "
    "mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo"
).split()

# Fixed offsets of the zone abbreviations news pages print, in hours.
ZONE_OFFSETS: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
    "HKT": 8, "SGT": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "EST": -5, "EDT": -4,
    "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "HST": -10,
}  # fmt: skip
# US pages write "ET", meaning whichever of EST/EDT applied on the day.
ZONE_NAMES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
EARLIEST_YEAR = 1990
LATEST_YEAR = 2100


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_MON = rf"(?P<mon>{_alternation(list(MONTHS))})\.?"
_DAY_NAME = rf"(?:(?:{_alternation(_WEEKDAYS)})\.?,?\s+)?"
_DATE_PATTERNS = [
    # 2025-04-07, 2024/01/21, 2024.01.21
    re.compile(r"(?<![\d.])(?P<y>\d{4})([-/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?!\d)"),
    # 21.01.2024
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})(?!\d)"),
    # 01/21/2024 (US order unless the first number cannot be a month)
    re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?!\d)"),
    # Tuesday, January 28, 2014 / Jan. 21, 2024
    re.compile(
        rf"\b{_DAY_NAME}{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)",
        re.IGNORECASE,
    ),
    # 21 January 2024 / 3. März 2024 / 5 de marzo de 2024
    re.compile(
        rf"\b{_DAY_NAME}(?P<d>\d{{1,2}})(?:st|nd|rd|th|\.|º)?\s+(?:de\s+|of\s+)?{_MON},?\s+"
        r"(?:de\s+)?(?P<y>\d{4})(?!\d)",
        re.IGNORECASE,
    ),
]
_TIME = re.compile(
    r"(?:,?\s*(?:at|um|à|a las|[|·•–-])?\s*|T)"
    r"(?:(?P<h>\d{1,2})[:h.](?P<min>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?"
    r"|(?P<h12>\d{1,2})\s*(?P<ampm12>[ap])\.?\s?m\b\.?)"
    r"(?:\s*uhr\b)?",
    re.IGNORECASE,
)
_ZONE = re.compile(
    r"(?P<offset>Z|[+-]\d{2}:?\d{2})(?!\d)|\s*\(?(?P<name>[A-Z]{1,4}T|UTC|GMT|Z)\b\)?"
    r"(?:\s?(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?)?"
)
# "Published:", "Updated on", "Veröffentlicht am", "Publié le" right before a date.
_LABEL = re.compile(
    r"(?P<label>last\s+updated|updated|last\s+modified|modified|revised|aktualisiert|"
    r"mis\s+à\s+jour|actualizado|aggiornato|bijgewerkt|first\s+published|published|posted|"
    r"dated|date|created|veröffentlicht|publié|publicado|pubblicato|gepubliceerd|datum|fecha)"
    r"\b(?:\s+(?:on|at|am|le|el|il|op))?\s*[:：-]?\s*$",
    re.IGNORECASE,
)
_UPDATED = re.compile(
    r"updated|modified|revised|aktualisiert|mis\s+à\s+jour|actualizado|aggiornato|bijgewerkt",
    re.IGNORECASE,
)
LABEL_REACH = 40  # characters before a date searched for its label


@dataclass(frozen=True)
class DateMention:
    """One date written in a line; `start`/`end` cover the label too."""

    value: datetime
    label: DateLabel | None
    start: int
    end: int


def find_dates(text: str) -> list[DateMention]:
    """Every date written in `text`, left to right, each with its label if it has one."""
    mentions: list[DateMention] = []
    taken_until = 0
    for match in sorted(_date_matches(text), key=lambda m: (m.start(), -m.end())):
        if match.start() < taken_until:
            continue
        mention = _read(text, match)
        if mention is not None:
            mentions.append(mention)
            taken_until = mention.end
    return mentions


def parse_date(text: str) -> datetime | None:
    """The first date written in `text`, or None."""
    mentions = find_dates(text)
    return mentions[0].value if mentions else None


def _date_matches(text: str) -> list[re.Match[str]]:
    return [match for pattern in _DATE_PATTERNS for match in pattern.finditer(text)]


def _read(text: str, match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if groups.get("mon"):
        month = MONTHS[groups["mon"].casefold()]
        day = int(groups["d"])
    elif groups.get("a"):
        first, second = int(groups["a"]), int(groups["b"])
        month, day = (second, first) if first > 12 else (first, second)
    else:
        month, day = int(groups["m"]), int(groups["d"])
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    end = match.end()
    time = _TIME.match(text, end)
    clock = _clock(time) if time else None
    if time and clock:
        end = time.end()
    zone, end = _zone(text, end, has_time=clock is not None)
    try:
        value = datetime(year, month, day, *(clock or (0, 0, 0)))
    except ValueError:
        return None  # "2024-02-31"
    if zone is not None:
        value = value.replace(tzinfo=zone)
    start, label = _label(text, match.start())
    return DateMention(value=value, label=label, start=start, end=end)


def _clock(time: re.Match[str]) -> tuple[int, int, int] | None:
    hour_text = time.group("h") or time.group("h12")
    hour = int(hour_text)
    minute = int(time.group("min") or 0)
    second = int(time.group("s") or 0)
    ampm = (time.group("ampm") or time.group("ampm12") or "").casefold()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _zone(text: str, pos: int, *, has_time: bool) -> tuple[tzinfo | None, int]:
    """The time zone written at `pos`, if any, and where it ends."""
    match = _ZONE.match(text, pos)
    if not match:
        return None, pos
    if match.group("offset"):
        if not has_time:
            return None, pos
        raw = match.group("offset")
        if raw == "Z":
            return UTC, match.end()
        sign = -1 if raw[0] == "-" else 1
        digits = raw[1:].replace(":", "")
        return _fixed(sign * (int(digits[:2]) + int(digits[2:]) / 60)), match.end()
    name = match.group("name").upper()
    if name in ZONE_NAMES:
        try:
            return ZoneInfo(ZONE_NAMES[name]), match.end()
        except ZoneInfoNotFoundError:
            return None, match.end()  # no tz database here: keep the wall-clock time naive
    if name not in ZONE_OFFSETS:
        return None, pos
    hours = ZONE_OFFSETS[name]
    if match.group("sign"):  # "GMT+2"
        extra = int(match.group("hours")) + int(match.group("minutes") or 0) / 60
        hours += extra if match.group("sign") == "+" else -extra
    return _fixed(hours), match.end()


def _fixed(hours: float) -> tzinfo | None:
    if abs(hours) >= 24:
        return None
    return timezone(timedelta(hours=hours)) if hours else UTC


def _label(text: str, start: int) -> tuple[int, DateLabel | None]:
    before = text[max(0, start - LABEL_REACH) : start]
    match = _LABEL.search(before)
    if not match:
        return start, None
    kind: DateLabel = "updated" if _UPDATED.search(match.group("label")) else "published"
    return start - len(before) + match.start(), kind
