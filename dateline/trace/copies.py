"""Copy relations: does one article reproduce the text of another, all of it or a passage?

Decided from the exact shingles of both texts (the index only proposes candidates). Two measures,
each a share of shingles: how much of the copy is in the source (containment; a copy cut short
keeps it high) and how much of the source is in the copy (coverage; a copy wrapped in a page of
boilerplate keeps that one high). A copy needs one of them high. Reports of the same event by
different outlets share names, places and quoted statements, never most of their text.
"""

from __future__ import annotations

from dateline.trace.model import CopyRelation, TraceDoc
from dateline.trace.original import precedes
from dateline.trace.profile import PASSAGE_RUN, Profile, profile

# A copy: at least this share of one text is in the other. One word in twenty changed keeps ~0.8
# of the shingles, one in ten ~0.65. Of 3,754 pairs of GVA reports of one shooting by different
# outlets, the 57 at or above 0.5 were all, on reading, one text (a sister station's reprint, a
# wire story, a press release; bench/trace_same_event_review.json). Farm copies with one word in
# ten changed are still found (99%, bench/trace_farm.py); one in five leaves 0.41: most are lost.
COPY_SHARE = 0.5
# ...and at least this many shingles in common, so a two-line text is not a "copy" of a
# statement it quotes.
COPY_MIN_SHINGLES = 25
# A partial copy: passages (profile.PASSAGE_RUN shingles in a row: a sentence), together at
# least PARTIAL_MIN_SHINGLES (two short paragraphs, ~80 words). Outlets quoting the same officials
# share a sentence or two; a page quoting another article's paragraphs shares more. The limit of
# text alone: two outlets printing one long statement (a school district's, 115 words) look
# like one quoting the other (5 of the 3,754 GVA pairs).
PARTIAL_MIN_SHINGLES = 80


def passage_shingles(copy: Profile, source: Profile) -> int:
    """Shingles of `copy` that sit in runs of at least PASSAGE_RUN shingles found in `source`."""
    total = 0
    found = source.shingles
    for line in copy.lines:
        run = 0
        for shingle in line:
            if shingle in found:
                run += 1
                continue
            if run >= PASSAGE_RUN:
                total += run
            run = 0
        if run >= PASSAGE_RUN:
            total += run
    return total


def relate(new: TraceDoc, candidate: TraceDoc) -> CopyRelation | None:
    """The copy relation between two articles, or None when neither reproduces the other."""
    return relate_profiles(new, profile(new.text), candidate, profile(candidate.text))


def relate_profiles(
    new: TraceDoc,
    new_profile: Profile,
    candidate: TraceDoc,
    candidate_profile: Profile,
    source_id: int | None = None,
) -> CopyRelation | None:
    """`relate` for texts already shingled (trace() shingles the new article once). The source
    is the one that `precedes`, unless `source_id` names it (the group's original)."""
    if not new_profile.size or not candidate_profile.size:
        return None
    common = len(new_profile.shingles & candidate_profile.shingles)
    if not common:
        return None
    texts = {new.id: new_profile, candidate.id: candidate_profile}
    if candidate.id == source_id or (source_id != new.id and precedes(candidate, new, texts)):
        source, copy = candidate, new
        source_profile, copy_profile = candidate_profile, new_profile
    else:
        source, copy = new, candidate
        source_profile, copy_profile = new_profile, candidate_profile
    containment = common / copy_profile.size
    coverage = common / source_profile.size
    if max(containment, coverage) >= COPY_SHARE and common >= COPY_MIN_SHINGLES:
        return CopyRelation(
            copy_id=copy.id,
            source_id=source.id,
            kind="copy",
            containment=round(containment, 4),
            coverage=round(coverage, 4),
            evidence=_copy_evidence(containment, coverage, source),
        )
    passages = passage_shingles(copy_profile, source_profile)
    if passages >= PARTIAL_MIN_SHINGLES:
        return CopyRelation(
            copy_id=copy.id,
            source_id=source.id,
            kind="partial",
            containment=round(containment, 4),
            coverage=round(coverage, 4),
            evidence=(f"It shares passages ({passages}+ words) with {source.publisher}'s article."),
        )
    return None


def _copy_evidence(containment: float, coverage: float, source: TraceDoc) -> str:
    if containment >= coverage:
        return f"{containment:.0%} of its text is in {source.publisher}'s article."
    return f"It reproduces {coverage:.0%} of {source.publisher}'s article."
