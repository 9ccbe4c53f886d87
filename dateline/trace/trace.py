"""Trace one article: which candidates it copies or is copied by, and which version is the original.

The store finds candidates with `sketch.index_keys` and its key table (the rule in `index.py`),
adds the current original of each candidate's copy group, calls `trace`, saves the relations and
points the article (and, on `supersedes`, the whole group) at the original.

Groups are stars around their original: an article joins a group only by copying the group's
original. Two pages of one site share their template, not their article; joining any member would
chain them (and everything copied from them) into one group.
"""

from __future__ import annotations

from dateline.trace.copies import Profile, profile, relate_profiles
from dateline.trace.model import CopyRelation, Provenance, TraceDoc
from dateline.trace.original import choose_original, credited_wire, publisher_wire


def trace(new: TraceDoc, candidates: list[TraceDoc]) -> Provenance:
    """Relate `new` to each candidate, join the group whose original it copies best, and name
    that group's original."""
    new_profile = profile(new.text)
    by_id = {doc.id: doc for doc in candidates if doc.id != new.id}
    profiles = {doc_id: profile(doc.text) for doc_id, doc in by_id.items()}
    relations = [
        relation
        for doc_id, candidate_profile in profiles.items()
        if (relation := relate_profiles(new, new_profile, by_id[doc_id], candidate_profile))
    ]
    previous, members = _join(new.id, relations, by_id)
    original = choose_original([new, *members])
    wire = credited_wire([new, *members])
    # Only the group's copies point at its original; a partial copy keeps its own direction.
    relations = [
        _towards(original.id, r, new, new_profile, by_id, profiles) if r.kind == "copy" else r
        for r in relations
    ]
    return Provenance(
        article_id=new.id,
        original_id=None if original.id == new.id else original.id,
        wire=wire,
        relations=relations,
        reason=_reason(new, original, len(members) + 1, wire),
        supersedes=previous if original.id == new.id else None,
    )


def _join(
    new_id: int, relations: list[CopyRelation], by_id: dict[int, TraceDoc]
) -> tuple[int | None, list[TraceDoc]]:
    """The original of the group `new` joins, and the members it may take the lead from."""
    copied = {_other(new_id, r): r for r in relations if r.kind == "copy"}
    groups: dict[int, list[TraceDoc]] = {}
    for doc_id in copied:
        doc = by_id[doc_id]
        group_id = doc.id if doc.original_id is None else doc.original_id
        groups.setdefault(group_id, []).append(doc)

    def strength(group_id: int) -> float:
        # Through the group's original when the store passed it; else its best member.
        if group_id in by_id:
            relation = copied.get(group_id)
            return _share(relation) if relation else -1.0
        return max(_share(copied[doc.id]) for doc in groups[group_id])

    best = max(groups, key=lambda g: (strength(g), -g), default=None)
    if best is None or strength(best) < 0:
        return None, []
    members = list(groups[best])
    if best in by_id and by_id[best] not in members:
        members.append(by_id[best])
    return best, members


def _share(relation: CopyRelation) -> float:
    return max(relation.containment, relation.coverage)


def _other(new_id: int, relation: CopyRelation) -> int:
    return relation.copy_id if relation.source_id == new_id else relation.source_id


def _towards(
    original_id: int,
    relation: CopyRelation,
    new: TraceDoc,
    new_profile: Profile,
    by_id: dict[int, TraceDoc],
    profiles: dict[int, Profile],
) -> CopyRelation:
    """The relation, recomputed with the original as its source if it points the other way."""
    if relation.copy_id != original_id:
        return relation
    other = by_id[_other(new.id, relation)]
    flipped = relate_profiles(new, new_profile, other, profiles[other.id], source_id=original_id)
    return flipped or relation


def _reason(new: TraceDoc, original: TraceDoc, versions: int, wire: str | None) -> str:
    if versions == 1:
        return "No earlier version of this text was found."
    if wire and publisher_wire(original.publisher) == wire:
        return f"{wire} wire story; {original.publisher}'s own copy is the original."
    credit = f"{wire} wire story; {wire}'s own copy is not here. " if wire else ""
    if original.id == new.id:
        return f"{credit}The earliest of {versions} versions of this text."
    return (
        f"{credit}The earliest of {versions} versions is {original.publisher}'s, "
        f"first seen {original.first_seen:%Y-%m-%d %H:%M}."
    )
