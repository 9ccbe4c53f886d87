"""Plain-text page dumps built at test time from the gold text of ../shared/datasets.

Each case dresses a real article (its gold title and paragraphs) in an invented site: menus,
breadcrumbs, a dressed browser title, a date in one of many formats, a byline, a wire
dateline, widgets, share bars, link lists under many headings (real headlines of other
stories as items, some with teasers), footers and cookie notices; and it records what an
extractor must find. The texts belong to their publishers: nothing built here is written
into the project. The furniture's words live in tests/files/textdumps/dressing/.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from dateline.understand.article import Article
from tests.paths import FILES

SEED = 20250407
CASE_COUNT = 40
MIN_BODY_WORDS = 80
GVA_SHARE = 0.6  # the rest comes from the Scrapinghub benchmark (bodies with subheadings)
# Bodies and titles come from the first two, link-list headlines from the last two.
DATASETS = ("gva-violent-corpus", "scrapinghub-article-extraction-benchmark")
DATASETS += ("uci-news-aggregator-sample", "trafilatura-eval")
VOCABULARY = FILES / "textdumps" / "dressing" / "vocabulary.json"
DATELINE_FORMS = 5  # see Dresser.wire
# Truth fields are named as Article's, but for the place.
FIELDS = {name: name for name in ("title", "site_name", "claimed_date", "updated_date")}
FIELDS |= {"place": "dateline_place", "credit": "credit", "authors": "authors"}
FIELDS |= {"paragraphs": "paragraphs"}

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# Sources whose text already carries a dateline, a wire credit or page furniture are left
# out: their truth would be whatever the extractor says.
_WIRE_WORDS = re.compile(
    r"\b(?:AP|Associated Press|Reuters|AFP|CNN|Bloomberg|UPI|Xinhua|contributed to this report)\b"
)
_DATELINE_LIKE = re.compile(
    r"^(?:[A-Z][A-Z .'-]{2,30}(?:, [A-Z][\w. ]{1,25})?,? ?(?:\([^)]{1,30}\) ?)?(?:—|–|--|- )|\()"
)
_FURNITURE = re.compile(
    r"©|all rights reserved|https?:|www\.|@|click here|caption|notification|newsletter|subscribe|"
    r"sign up|\[ \]|^[-–•*·»]|^[^\W\d_][\w' ]{0,24}:\s|(?:\.\.\.|…)\W*$",  # labels, cut-off text
    re.IGNORECASE,
)
_TITLE_SEPARATOR = re.compile(r" (?:[-|—–:·»]|::) ")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
EST = timezone(timedelta(hours=-5))


@dataclass(frozen=True)
class Source:
    origin: str
    title: str
    paragraphs: list[str]
    day: date | None = None


@dataclass
class Truth:
    """What an extractor must find in a dump."""

    title: str
    paragraphs: list[str]
    site_name: str | None = None
    claimed_date: datetime | None = None
    updated_date: datetime | None = None
    place: str | None = None
    credit: str | None = None
    authors: list[str] = field(default_factory=list)


@dataclass
class DumpCase(Truth):
    name: str = ""
    text: str = ""


def generate_cases(datasets: Path, count: int = CASE_COUNT, seed: int = SEED) -> list[DumpCase]:
    """`count` dumps with their truth; the same ones for the same data and seed."""
    rng = random.Random(seed)
    gva, scrapinghub = gva_sources(datasets), scrapinghub_sources(datasets)
    gva_count = round(count * GVA_SHARE)
    chosen = rng.sample(gva, gva_count) + rng.sample(scrapinghub, count - gva_count)
    teasers = [s.paragraphs[0] for s in gva if len(s.paragraphs[0].split()) < 45]
    dresser = Dresser(rng, link_headlines(datasets), teasers)
    cases = []
    for number, source in enumerate(chosen):
        day = source.day or date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
        text, truth = dresser.dress(number, source, day)
        cases.append(DumpCase(**vars(truth), name=f"{number:02d}-{source.origin}", text=text))
    return cases


class Dresser:
    """Invented site furniture around a real title and body, with the truth it implies."""

    def __init__(self, rng: random.Random, headlines: list[str], teasers: list[str]) -> None:
        self.rng = rng
        self.vocab = json.loads(VOCABULARY.read_text(encoding="utf-8"))
        self.headlines = headlines
        self.teasers = teasers

    def pick(self, key: str) -> Any:
        return self.rng.choice(self.vocab[key])

    def chance(self, share: float) -> bool:
        return self.rng.random() < share

    def dress(self, number: int, source: Source, day: date) -> tuple[str, Truth]:
        """Dump number `number`: title styles, date forms and datelines take turns, so that
        every kind shows up; the rest is drawn at random."""
        styles = self.vocab["title_styles"]  # how the headline shows, and where the site
        style = styles[list(styles)[number % len(styles)]]
        site = self.pick("sites")
        truth = Truth(title=source.title, paragraphs=[])
        truth.site_name = None if style["copyright"] == "never" else site
        glued = any("{dated}" in line for line in style["lines"])
        dated, truth.claimed_date, truth.updated_date = self.date_line(day, number, glued=glued)
        byline, truth.authors, byline_credit = self.byline()
        if dated and byline and not glued and self.chance(0.2):
            byline, dated = f"{byline} | {dated}", ""
        body = list(source.paragraphs)
        truth.paragraphs, truth.place, truth.credit = self.wire(body, number % DATELINE_FORMS)
        truth.credit = truth.credit or byline_credit
        between = [line for line in ("" if glued else dated, byline) if line]
        self.rng.shuffle(between)
        for key in ("share_bars", "header_bits"):
            if self.chance(0.4):
                between.insert(self.rng.randrange(len(between) + 1), self.pick(key))
        lines = [
            *self.top(style, site, source.title, dated if glued else ""),
            *between,
            *self.with_noise(truth.paragraphs),
            *self.bottom(style["copyright"], site, day),
        ]
        return "\n".join(lines) + "\n", truth

    def date_line(
        self, day: date, number: int, *, glued: bool
    ) -> tuple[str, datetime | None, datetime | None]:
        """One of many ways to print a date, and the (published, updated) moments it means."""
        rng = self.rng
        at = datetime(day.year, day.month, day.day, *(rng.randrange(n) for n in (24, 60, 60)))
        minute = at.replace(second=0)
        later = minute + timedelta(days=rng.randrange(1, 30), minutes=rng.randrange(600))
        moments = {
            "second": at,
            "minute": minute,
            "midnight": datetime(at.year, at.month, at.day),
            "utc": at.replace(tzinfo=UTC),
            "new_york": minute.replace(tzinfo=ZoneInfo("America/New_York")),
            "est": minute.replace(tzinfo=EST),
            "est_late": minute.replace(hour=23, minute=59, tzinfo=EST),
            "later_est": later.replace(tzinfo=EST),
            "plus_two": at.replace(tzinfo=timezone(timedelta(hours=2))),
        }
        words = self.calendar(at) | self.calendar(later, "later_")
        words |= {"at": at, "clock_dotted": _clock(at, dotted=True), "read": rng.randrange(2, 12)}
        # The glued form is "Headline Posted: … Updated: …", as some local TV sites print it.
        forms = self.vocab["date_forms"]
        form = self.vocab["glued_date_form"] if glued else forms[number % len(forms)]
        template, published, updated = form
        return template.format(**words), moments.get(published), moments.get(updated)

    def calendar(self, at: datetime, prefix: str = "") -> dict[str, Any]:
        """The words a date template may use, for `at`."""
        v, month = self.vocab, at.month - 1
        words = {"day": at.day, "year": at.year, "clock": _clock(at)}
        words |= {"month": v["months"][month], "ap_month": v["ap_months"][month]}
        words |= {"fr_month": v["fr_months"][month], "weekday": v["weekdays"][at.weekday()]}
        return {prefix + key: value for key, value in words.items()}

    def byline(self) -> tuple[str, list[str], str | None]:
        """A byline, its authors, and the wire it credits, if any."""
        first, second = self.rng.sample(self.vocab["names"], 2)
        wire_text, wire = self.pick("wire_full")
        template, authors, credits_wire = self.pick("bylines")
        names = {"first": first, "second": second, "first_caps": first.upper(), "wire": wire_text}
        authors = [author.format(**names) for author in authors]
        return template.format(**names), authors, wire if credits_wire else None

    def wire(self, body: list[str], form: int) -> tuple[list[str], str | None, str | None]:
        """Form 0: no dateline; 1: a place; 2: a credit; 3: a closing credit line; 4: both."""
        caps, region, place = self.pick("cities")
        wire_text, wire = self.pick("wires")
        dash = self.pick("dashes")
        city = f"{caps}, {region}" if region else caps
        if form == 0:
            return body, None, None
        if form == 1 and body[0][0].isupper():  # with no credit, the sentence must open
            body[0] = f"{city} {dash} {body[0]}"
            return body, place, None
        if form == 2:
            body[0] = f"({wire_text}) {dash} {body[0]}"
            return body, None, wire
        if form == 3:
            full, full_wire = self.pick("wire_full")
            body.append(self.rng.choice([f"— {full}", f"{full} contributed to this report."]))
            return body, None, full_wire
        if self.chance(0.3):  # Reuters style: "LONDON, Jan. 5 (Reuters) -"
            day = f"{self.pick('ap_months')} {self.rng.randrange(1, 29)}"
            body[0] = f"{caps}, {day} ({wire_text}) {dash} {body[0]}"
            return body, place.split(",")[0], wire
        body[0] = f"{city} ({wire_text}) {dash} {body[0]}"
        return body, place, wire

    def with_noise(self, paragraphs: list[str]) -> list[str]:
        """Adverts and inline links between paragraphs: they are not part of the body."""
        lines = list(paragraphs)
        # A link goes between two paragraphs that end like sentences, not next to a subheading.
        ends = [bool(_SENTENCE_END.search(line)) for line in lines]
        spots = [i for i in range(1, len(lines)) if ends[i - 1] and ends[i]]
        if spots and self.chance(0.3):
            plain = [h for h in self.headlines if not _YEAR.search(h) and h[-1].isalnum()]
            link = f"{self.pick('inline_labels')} {self.rng.choice(plain)}"
            lines.insert(self.rng.choice(spots), link)
        if len(lines) > 2 and self.chance(0.3):
            lines.insert(self.rng.randrange(1, len(lines) - 1), self.pick("ads"))
        return lines

    def top(self, style: dict[str, Any], site: str, title: str, dated: str) -> list[str]:
        """Cookie notice, masthead, menus and the headline lines of the title style."""
        lines: list[str] = list(self.pick("cookies")) if self.chance(0.25) else []
        if style["copyright"] != "never" and self.chance(0.3):
            lines.append(site)
        separator = self.pick("site_separators")
        crumb = self.pick("crumb_prefixes").format(section=self.pick("sections"))
        for template in style["lines"]:
            if template == "<menu>":
                lines += self.menu()
                lines += self.link_list(self.rng.randrange(3, 6), site) if self.chance(0.15) else []
            else:
                words = {"title": title, "site": site, "crumb": crumb, "dated": dated}
                lines.append(template.format(separator=separator, **words).strip())
        return lines

    def menu(self) -> list[str]:
        items = self.rng.sample(self.vocab["nav"], self.rng.randrange(4, 9))
        form = self.pick("menus").format(section=self.pick("sections"))
        if form in ("lines", "none"):
            return items if form == "lines" else []
        return [form.join(items)] if form.strip() in "|·" else [form]

    def link_list(self, count: int, site: str) -> list[str]:
        lines = [self.pick("list_headings").format(site=site) + self.rng.choice(["", "", ":"])]
        bullet = self.rng.choice([*self.vocab["bullets"], "", "", "number"])
        teasers = self.chance(0.2)
        for number, headline in enumerate(self.rng.sample(self.headlines, count), start=1):
            lines.append(f"{number}. {headline}" if bullet == "number" else bullet + headline)
            if teasers:
                lines.append(self.rng.choice(self.teasers))
        return lines

    def bottom(self, footer_site: str, site: str, day: date) -> list[str]:
        lines: list[str] = [self.pick("reactions")] if self.chance(0.6) else []
        if self.chance(0.3):
            lines.append(self.pick("share_bars"))
        for _ in range(self.rng.randrange(1, 4)):
            lines += self.link_list(self.rng.randrange(3, 11), site)
        for key in ("newsletter", "comments"):
            if self.chance(0.3):
                lines += self.pick(key)
        footer = self.rng.sample(self.vocab["footer_links"], self.rng.randrange(3, 7))
        lines.append(" | ".join(footer))
        if footer_site == "always" or (footer_site == "maybe" and self.chance(0.5)):
            lines.append(self.pick("copyrights").format(year=day.year, site=site))
        elif self.chance(0.5):
            lines.append("All rights reserved.")
        return lines + (self.pick("cookies") if self.chance(0.15) else [])


def _clock(at: datetime, *, dotted: bool = False) -> str:
    """'8:18 PM', or AP style '8:18 p.m.'."""
    half = "AM" if at.hour < 12 else "PM"
    return f"{(at.hour - 1) % 12 + 1}:{at.minute:02d} {f'{half[0].lower()}.m.' if dotted else half}"


def _clean(text: str) -> str:
    return " ".join(text.split())


def usable_body(paragraphs: list[str]) -> bool:
    """Prose paragraphs, at most single subheadings between them, and no page furniture."""
    if not 3 <= len(paragraphs) <= 40 or len(set(paragraphs)) != len(paragraphs):
        return False
    if sum(len(p.split()) for p in paragraphs) < MIN_BODY_WORDS:
        return False  # a video page's player messages, not an article
    if any(_DATELINE_LIKE.match(p) for p in paragraphs[:2]):
        return False
    if any(_WIRE_WORDS.search(p) or _FURNITURE.search(p) or p.isupper() for p in paragraphs):
        return False
    prose = [bool(_SENTENCE_END.search(p)) and len(p.split()) >= 5 for p in paragraphs]
    return (prose[0] and prose[-1]) and all(
        prose[i] or (prose[i - 1] and prose[i + 1] and len(paragraphs[i].split()) <= 12)
        for i in range(1, len(paragraphs) - 1)
    )


def usable_title(title: str) -> bool:
    return (
        4 <= len(title.split()) <= 25
        and title[0].isalnum()
        and not _TITLE_SEPARATOR.search(title)
        and not title.endswith(".")
        and not title.isupper()
    )


def gva_sources(datasets: Path) -> list[Source]:
    """Local US news: title, body (prose only, no subheadings) and the crawl's creation date."""
    sources: dict[str, Source] = {}
    path = datasets / "gva-violent-corpus" / "the_violent_corpus.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as rows:
        for row in map(json.loads, rows):
            title = _clean(row["title"])
            paragraphs = [_clean(p) for p in row["content"].split("\n") if p.strip()]
            prose_only = all(_SENTENCE_END.search(p) for p in paragraphs)
            if usable_title(title) and prose_only and usable_body(paragraphs):
                origin = f"gva-{row['doc_id'][:8]}"
                sources[origin] = Source(origin, title, paragraphs, date.fromisoformat(row["dct"]))
    return [sources[key] for key in sorted(sources)]


def scrapinghub_sources(datasets: Path) -> list[Source]:
    """Human-checked bodies, some with subheadings; the title is the page's <h1>."""
    from lxml import html  # only needed here

    folder = datasets / "scrapinghub-article-extraction-benchmark"
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    sources = []
    for item_id, item in sorted(gold.items()):
        paragraphs = [_clean(p) for p in item["articleBody"].split("\n") if p.strip()]
        if not usable_body(paragraphs):
            continue
        raw = gzip.decompress((folder / "html" / f"{item_id}.html.gz").read_bytes())
        tree = html.fromstring(raw.decode("utf-8", errors="replace"))
        title = next((t for t in (_clean(h.text_content()) for h in tree.iter("h1")) if t), "")
        if usable_title(title):
            sources.append(Source(f"sh-{item_id[:8]}", title, paragraphs))
    return sources


def link_headlines(datasets: Path) -> list[str]:
    """Real headlines of other stories (UCI aggregator, trafilatura-eval) for link lists."""
    path = datasets / "uci-news-aggregator-sample" / "uci-news-aggregator.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as rows:
        titles = [row["TITLE"] for row in csv.DictReader(rows)]
    evaldata = json.loads((datasets / "trafilatura-eval" / "evaldata.json").read_text("utf-8"))
    titles += [entry["title"] for entry in evaldata.values() if entry.get("title")]
    return sorted({_clean(t) for t in titles if 3 <= len(t.split()) <= 25})


def expected(truth: Truth) -> dict[str, Any]:
    """The truth, field by field; dates as ISO strings, so zones must match too."""
    return {name: _plain(getattr(truth, name)) for name in FIELDS}


def extracted(article: Article) -> dict[str, Any]:
    """What an extractor found, in the shape of `expected`."""
    return {name: _plain(getattr(article, attribute)) for name, attribute in FIELDS.items()}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value
