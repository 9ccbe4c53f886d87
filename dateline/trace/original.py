"""The original of a group of copies: the wire's own copy when the text credits a wire, else the
earliest version we saw. Versions seen together (a bulk import) are told apart by their texts
first, then by the dates they claim.

First-seen times are our own observations; claimed dates are what pages say about themselves, and
content farms re-date what they copy (later to look fresh, or earlier to look first), so a claim
only breaks a tie. Texts are harder to fake (`wording`): a reworded copy has words no other version
has; a copy drops passages of its source, it rarely writes new ones; and copies made from one
source each lose different parts, so the source shares the most text with the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from dateline.trace.model import TraceDoc
from dateline.trace.profile import Profile
from dateline.trace.wording import centrality, least_changed, not_held
from dateline.understand.dateline import wire_name

# Versions first seen this close to the earliest one are tied: a crawl or an import stamps many
# pages within minutes, and which one the crawler reached first says nothing about who wrote it.
TIE_WINDOW = timedelta(minutes=30)
# A claimed date later than first-seen by more than this is impossible (a page cannot be
# published after we read it; a day covers time zones and date-only claims) and is ignored.
CLAIM_SLACK = timedelta(days=1)
# Versions whose centrality is within this share of the best are tied on text: a verbatim copy
# and its source have the same shingles.
CENTRALITY_MARGIN = 0.02
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


@dataclass(frozen=True)
class Choice:
    """The original of a group and the rule that named it."""

    original: TraceDoc
    rule: str  # "alone", "wire", "earliest", "wording", "holds", "text" or "claim"
    wire: str | None
    versions: int


def choose(docs: list[TraceDoc], profiles: Mapping[int, Profile] | None = None) -> Choice:
    """The original of versions of one text (a non-empty list). `profiles`: the versions'
    shingles by id, to read the texts when first-seen times tie (see `wording`)."""
    wire = credited_wire(docs)
    owned = [doc for doc in docs if wire and publisher_wire(doc.publisher) == wire]
    pool = owned or docs
    earliest = min(doc.first_seen for doc in pool)
    tied = [doc for doc in pool if doc.first_seen - earliest <= TIE_WINDOW]
    rule = "claim"
    if profiles and len(tied) > 1 and all(doc.id in profiles for doc in docs):
        tied, rule = _read_texts(tied, profiles, agency=wire_name(wire or "") is not None)
    original = min(tied, key=lambda doc: (credible_claim(doc), doc.first_seen, doc.id))
    if len(docs) == 1:
        rule = "alone"
    elif owned:
        rule = "wire"
    elif len(tied) == 1 and rule == "claim":
        rule = "earliest"
    return Choice(original, rule, wire, len(docs))


def _read_texts(
    tied: list[TraceDoc], profiles: Mapping[int, Profile], agency: bool
) -> tuple[list[TraceDoc], str]:
    """The tied versions the texts leave, and the rule that left one ("claim" if several)."""
    steps = [("wording", lambda ids: least_changed(ids, profiles))]
    # Reprints of an agency's story are all cut from the agency's copy: the longest or most shared
    # is no more the original than the earliest, so only rewording sets a version aside there. A
    # station's own credit ("(WAVY) —") names no agency: its page is the source of the others.
    if not agency:
        steps += [("holds", lambda ids: not_held(ids, profiles)), ("text", _most_shared(profiles))]
    ids = [doc.id for doc in tied]
    for rule, keep in steps:
        ids = keep(ids) or ids
        if len(ids) == 1:
            return [doc for doc in tied if doc.id in ids], rule
    return [doc for doc in tied if doc.id in ids], "claim"


def _most_shared(profiles: Mapping[int, Profile]):
    def keep(ids: list[int]) -> list[int]:
        shared = centrality(profiles)
        floor = max(shared[i] for i in ids) * (1 - CENTRALITY_MARGIN)
        return [i for i in ids if shared[i] >= floor]

    return keep


def choose_original(
    docs: list[TraceDoc], profiles: Mapping[int, Profile] | None = None
) -> TraceDoc:
    return choose(docs, profiles).original


def reason(choice: Choice) -> str:
    """One sentence on why this version is the original, for the reader."""
    original, versions = choice.original, choice.versions
    if choice.rule == "alone":
        return "No earlier version of this text was found."
    if choice.rule == "wire":
        return f"{choice.wire} wire story; {original.publisher}'s own copy is the original."
    credit = ""
    if choice.wire:  # an agency, or a station crediting itself ("NORFOLK, Va. (WAVY) —")
        kind = "wire story" if wire_name(choice.wire) else "story"
        credit = f"{choice.wire} {kind}; {choice.wire}'s own copy is not here. "
    if choice.rule == "earliest":
        return (
            f"{credit}The earliest of {versions} versions is {original.publisher}'s, "
            f"first seen {original.first_seen:%Y-%m-%d %H:%M}."
        )
    why = {
        "wording": "wording is the one the others share (they changed words here and there)",
        "holds": "holds passages the others lack, and they none it lacks (copies drop text)",
        "text": "shares the most text with the others",
    }.get(choice.rule, "claims the earliest date")
    return f"{credit}{versions} versions were first seen together; {original.publisher}'s {why}."


def precedes(a: TraceDoc, b: TraceDoc, profiles: Mapping[int, Profile] | None = None) -> bool:
    """Whether `a` is the original of the pair (a, b)."""
    return choose_original([a, b], profiles) is a
