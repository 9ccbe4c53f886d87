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
from dateline.trace.original import choose, reason


def trace(new: TraceDoc, candidates: list[TraceDoc]) -> Provenance:
    """Relate `new` to each candidate, join the groups whose originals it copies, and name the
    original of the joined group."""
    new_profile = profile(new.text)
    by_id = {doc.id: doc for doc in candidates if doc.id != new.id}
    profiles = {doc_id: profile(doc.text) for doc_id, doc in by_id.items()}
    relations = [
        relation
        for doc_id, candidate_profile in profiles.items()
        if (relation := relate_profiles(new, new_profile, by_id[doc_id], candidate_profile))
    ]
    joined, members = _join(new.id, relations, by_id)
    versions = {new.id: new_profile} | {doc.id: profiles[doc.id] for doc in members}
    choice = choose([new, *members], versions)
    original = choice.original
    # Only the group's copies point at its original; a partial copy keeps its own direction.
    in_group = {doc.id for doc in members}
    relations = [
        _towards(original.id, r, new, new_profile, by_id, profiles)
        if r.kind == "copy" and _other(new.id, r) in in_group
        else r
        for r in relations
    ]
    return Provenance(
        article_id=new.id,
        original_id=None if original.id == new.id else original.id,
        wire=choice.wire,
        relations=relations,
        reason=reason(choice),
        supersedes=tuple(g for g in joined if g != original.id),
    )


def _join(
    new_id: int, relations: list[CopyRelation], by_id: dict[int, TraceDoc]
) -> tuple[tuple[int, ...], list[TraceDoc]]:
    """The groups `new` joins (those whose original it copies), by their originals, and their
    versions it may take the lead from: their originals and the members it copies."""
    copied = {_other(new_id, r) for r in relations if r.kind == "copy"}
    groups: dict[int, list[TraceDoc]] = {}
    for doc_id in copied:
        doc = by_id[doc_id]
        group_id = doc.id if doc.original_id is None else doc.original_id
        groups.setdefault(group_id, []).append(doc)
    # A group whose original the store passed is joined only through that original.
    joined = tuple(sorted(g for g in groups if g not in by_id or g in copied))
    members = {doc.id: doc for g in joined for doc in groups[g]}
    members |= {g: by_id[g] for g in joined if g in by_id}
    return joined, list(members.values())


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
