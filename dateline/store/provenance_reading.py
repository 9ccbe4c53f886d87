"""Provenance on the pages: the copy banner, known reprints, date flags and publisher signals."""

from __future__ import annotations

from collections.abc import Iterable
from statistics import median

from dateline.store.cards import HEAVY, card
from dateline.store.models import Article, CopyLink, Publisher

EXAMPLES = 5


def provenance(article: Article) -> dict:
    """Where this text comes from and who else printed it, with the evidence for each claim."""
    link = None
    if article.original_id:
        link = (
            CopyLink.objects.filter(copy=article)
            .select_related("source__publisher")
            .defer(*(f"source__{column}" for column in HEAVY))
            .order_by("-containment")
            .first()
        )
    original = article.original if article.original_id else None
    reprints = (
        CopyLink.objects.filter(source=article)
        .select_related("copy__publisher")
        .defer(*(f"copy__{column}" for column in HEAVY))
        .order_by("copy__first_seen_at")
    )
    return {
        "is_copy": original is not None,
        "original": card(original) if original else None,
        "kind": link.kind if link else None,
        "containment": round(link.containment, 3) if link else None,
        "evidence": link.evidence if link else None,
        "reason": article.provenance or None,
        "credited_wire": article.credit or None,
        "date_flags": article.date_flags,
        "date_evidence": article.date_evidence,
        "reprints": [
            {
                **card(r.copy),
                "kind": r.kind,
                "containment": round(r.containment, 3),
                "delay_days": _days(r.copy.first_seen_at - article.first_seen_at),
            }
            for r in reprints
        ],
    }


def fold_reprints(articles: Iterable[Article]) -> list[tuple[Article, list[Article]]]:
    """Originals first: each copy in the list is folded under its original (or stays, alone)."""
    items = list(articles)
    present = {a.pk for a in items}
    folded: dict[int, list[Article]] = {}
    for a in items:
        if a.original_id in present:
            folded.setdefault(a.original_id, []).append(a)
    return [(a, folded.get(a.pk, [])) for a in items if a.original_id not in present]


def publisher_signals(publisher: Publisher) -> dict:
    """How much of a publisher is copied, how late, and how often its dates disagree with evidence.

    These are signals, not a verdict: a wire service's clients republish by contract, and a
    newspaper quoting a press release is a partial copy. The examples let a reader judge.
    """
    articles = publisher.articles.all()
    total = articles.count()
    copies = list(
        articles.filter(original__isnull=False)
        .select_related("original__publisher")
        .order_by("-first_seen_at")
    )
    delays = [_days(c.shown_date - _earliest(c.original)) for c in copies if c.original]
    flagged = [a for a in articles.exclude(date_flags=[]).order_by("-first_seen_at")[:EXAMPLES]]
    flag_count = articles.exclude(date_flags=[]).count()
    return {
        "articles": total,
        "copies": len(copies),
        "copy_share": round(len(copies) / total, 3) if total else 0.0,
        "median_delay_days": round(median(delays), 1) if delays else None,
        "date_flags": flag_count,
        "copy_examples": [
            {**card(c), "original": card(c.original)} for c in copies[:EXAMPLES] if c.original
        ],
        "flag_examples": [{**card(a), "flags": a.date_flags} for a in flagged],
    }


def _earliest(article: Article):
    """When the original existed at the latest: its own claim or our first sight, if earlier."""
    if article.claimed_date and article.claimed_date < article.first_seen_at:
        return article.claimed_date
    return article.first_seen_at


def _days(delta) -> float:
    return round(delta.total_seconds() / 86400, 1)
