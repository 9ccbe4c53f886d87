"""The original of a group of copies: the wire's own copy when the text credits a wire, else the
earliest version we saw, with ties (bulk imports) broken by the dates the pages claim.

First-seen times are our own observations; claimed dates are what pages say about themselves and
content farms re-date what they copy, so a claim only breaks a tie and never outranks what we saw.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from dateline.trace.model import TraceDoc
from dateline.understand.dateline import wire_name

# Versions first seen this close to the earliest one are tied: a crawl or an import stamps many
# pages within minutes, and which one the crawler reached first says nothing about who wrote it.
TIE_WINDOW = timedelta(minutes=30)
# A claimed date later than first-seen by more than this is impossible (a page cannot be
# published after we read it; a day covers time zones and date-only claims) and is ignored.
CLAIM_SLACK = timedelta(days=1)
# Wire agencies' own sites, by host, for publishers stored as a host name.
WIRE_HOSTS: dict[str, str] = {
    "apnews.com": "AP",
    "ap.org": "AP",
    "reuters.com": "Reuters",
    "afp.com": "AFP",
    "upi.com": "UPI",
    "dpa.com": "dpa",
    "xinhuanet.com": "Xinhua",
    "news.cn": "Xinhua",
    "kyodonews.net": "Kyodo",
    "efe.com": "EFE",
    "ansa.it": "ANSA",
    "aap.com.au": "AAP",
    "thecanadianpress.com": "Canadian Press",
    "bernama.com": "Bernama",
    "yna.co.kr": "Yonhap",
}


def publisher_wire(publisher: str) -> str | None:
    """The wire agency a publisher is: 'The Associated Press' or 'apnews.com' -> 'AP'."""
    name = wire_name(publisher)
    if name:
        return name
    host = publisher.casefold().removeprefix("www.").split(":")[0]
    for wire_host, wire in WIRE_HOSTS.items():
        if host == wire_host or host.endswith("." + wire_host):
            return wire
    return None


def credited_wire(docs: list[TraceDoc]) -> str | None:
    """The wire the group's text credits, the most credited one if versions disagree."""
    credits = [doc.credit for doc in docs if doc.credit]
    return max(set(credits), key=lambda c: (credits.count(c), c)) if credits else None


def credible_claim(doc: TraceDoc) -> datetime:
    """The claimed date if it is possible, else first-seen (all we know)."""
    if doc.claimed is not None and doc.claimed <= doc.first_seen + CLAIM_SLACK:
        return doc.claimed
    return doc.first_seen


def choose_original(docs: list[TraceDoc]) -> TraceDoc:
    """The original of versions of one text (a non-empty list)."""
    wire = credited_wire(docs)
    pool = [doc for doc in docs if wire and publisher_wire(doc.publisher) == wire] or docs
    earliest = min(doc.first_seen for doc in pool)
    tied = [doc for doc in pool if doc.first_seen - earliest <= TIE_WINDOW]
    return min(tied, key=lambda doc: (credible_claim(doc), doc.first_seen, doc.id))


def precedes(a: TraceDoc, b: TraceDoc) -> bool:
    """Whether `a` is the original of the pair (a, b)."""
    return choose_original([a, b]) is a
