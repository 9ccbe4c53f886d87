"""Stories in the store: the group stage's online clusterer, run on every article as it arrives.

The clusterer (`dateline.group.cluster.Clusterer`) asks a `StoryIndex` for candidate stories and
a `DocumentFrequencies` for term weights. Here both answer from the database, so every process
(the web server, workers, an import) builds the same stories:

- `DbStoryIndex` keeps the active stories in memory for speed, and before each article reloads
  the stories other processes changed (by `Story.updated_at`). It never trusts its own writes
  until they are committed: a rolled-back article leaves no trace in the cache either.
- `DbFrequencies` counts the clusterer's keys in `TermStat` under a "g:" prefix, in the
  article's own transaction; they include each site's name counts ("g:@site|p:name", see
  `group/house.py`) and the lines each site prints on every page ("g:=<hash>|site", see
  `group/boilerplate.py`), so every worker, and a restarted one, knows a site's bylines and
  templates as the in-memory evaluation does.

`assign_story` runs inside the ingest transaction, after the trace stage, so a copy already knows
its original and joins its story directly.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import asdict
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify

from dateline.group.active import ActiveStories
from dateline.group.cluster import Clusterer, Decision
from dateline.group.features import DocFeatures, StoryDoc
from dateline.group.state import Exemplar, StoryState
from dateline.group.terms import cosine
from dateline.store.models import Article, Entity, Mention, Story, StoryMember, TermStat
from dateline.store.term_stats import count_document, day_of
from dateline.understand.entities import Entities, extract

PREFIX = "g:"  # the clusterer's keys in TermStat, apart from Related's terms
TOTAL = PREFIX + "#documents"
SYNC_SLACK = timedelta(seconds=5)  # a transaction may commit a little after its timestamp
ACTIVE_CAPACITY = 20_000
ACTIVE_HORIZON_DAYS = 120
ENTITIES_KEPT = 12  # per kind and article: enough for topic pages
HEADLINE_CANDIDATES = 200

_lock = threading.Lock()
_clusterer: Clusterer | None = None


def assign_story(article: Article, entities: Entities | None = None) -> StoryMember:
    """Put a just-stored article into its story (joining one or starting one), with the reason.
    `entities` are the names the understand stage read in its title and body (read here when
    not given): from the whole text, as the evaluation reads them, so what is measured runs."""
    global _clusterer
    if entities is None:
        entities = extract(article.title, article.body_text)
    doc = story_doc(article, entities)
    with _lock:
        for attempt in (1, 2):
            if _clusterer is None:
                _clusterer = Clusterer(DbStoryIndex(), DbFrequencies(), story_ids=StoryIds())
            _clusterer.frequencies.day = day_of(article.first_seen_at)
            try:
                with transaction.atomic():  # a savepoint: a retry counts the article once
                    decision = _clusterer.add(doc)
                break
            except StaleCache:
                # A cached story is gone (deleted by hand, a restored backup): start afresh.
                _clusterer = None
                if attempt == 2:
                    raise
    return _record(article, doc, decision)


class StaleCache(Exception):
    """The in-process cache named a story the database no longer has."""


def refresh_after_edit(article: Article, entities: Entities | None = None) -> None:
    """An edited article keeps its story (the story's address must not change meaning under
    its readers), but the names it now gives (`entities`, read here when not given) replace
    the old ones on topic pages, and if it is the story's headline, the headline and lead are
    its new ones."""
    Mention.objects.filter(article=article).delete()
    if entities is None:
        entities = extract(article.title, article.body_text)
    save_mentions(article, entities)
    member = StoryMember.objects.filter(article=article).select_related("story").first()
    if member is not None:
        story = member.story
        if story.headline_article_id == article.pk:
            _choose_headline(story, Article.objects.filter(story_member__story=story))
        # Only these: another process may be adding an article to the story's other columns.
        # Saving moves updated_at too, so cached story and article pages are rebuilt.
        story.save(update_fields=["headline_article", "title", "lead", "updated_at"])


def reset_clusterer() -> None:
    """Forget the in-process cache (tests; a process that changed stories behind its back)."""
    global _clusterer
    with _lock:
        _clusterer = None


def story_doc(article: Article, entities: Entities | None = None) -> StoryDoc:
    return StoryDoc(
        id=str(article.pk),
        arrived=article.first_seen_at,
        title=article.title,
        text=article.body_text,
        publisher=article.publisher.slug,
        dateline_place=article.dateline_place or None,
        original_id=str(article.original_id) if article.original_id else None,
        lead=article.description,
        entities=entities,
    )


def story_pk(story_id: str) -> int:
    return int(story_id.removeprefix("s"))


def _record(article: Article, doc: StoryDoc, decision: Decision) -> StoryMember:
    story = Story.objects.get(pk=story_pk(decision.story_id))
    member = StoryMember.objects.create(
        article=article,
        story=story,
        joined_at=article.first_seen_at,
        score=decision.score if decision.score != float("inf") else 1e9,
        reason=decision.reason[:300],
    )
    if doc.entities is not None:
        save_mentions(article, doc.entities, boilerplate=decision.boilerplate)
    refresh_story(story)
    return member


def refresh_story(story: Story) -> None:
    """Counts, dates and the headline: from the most central original report, never a copy."""
    members = Article.objects.filter(story_member__story=story)
    counts = members.aggregate(
        size=Count("id"),
        reprints=Count("id", filter=Q(original__isnull=False)),
        publishers=Count("publisher", distinct=True),
    )
    story.size = counts["size"]
    story.reprints = counts["reprints"]
    story.independent_reports = story.size - story.reprints
    story.publishers = counts["publishers"]
    if story.size <= 4 or story.size % 10 == 0 or not story.title:
        _choose_headline(story, members)  # often while the story forms, then now and then
    seen = members.order_by("first_seen_at").values_list("first_seen_at", flat=True)
    story.first_seen_at = seen.first() or story.first_seen_at
    story.last_seen_at = seen.last() or story.last_seen_at
    story.save()


def _choose_headline(story: Story, members) -> None:
    centroid = story.state.get("centroid", {})
    originals = list(
        members.filter(original__isnull=True)
        .order_by("first_seen_at")
        .values_list("id", "terms")[:HEADLINE_CANDIDATES]
    ) or list(members.order_by("first_seen_at").values_list("id", "terms")[:1])
    best_id, _ = max(
        originals, key=lambda row: cosine({t: float(c) for t, c in row[1].items()}, centroid)
    )
    best = Article.objects.only("title", "description", "body_text").get(pk=best_id)
    story.headline_article = best
    story.title = best.title[:500]
    story.lead = best.description or _lead(best.body_text)


def _lead(text: str, limit: int = 300) -> str:
    first = text.split("\n\n", 1)[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + "…"


def save_mentions(article: Article, entities: Entities, boilerplate: tuple[str, ...] = ()) -> None:
    """Keep the people, places and organisations an article names, for topic pages; a name
    only its `boilerplate` lines give (a footer's station, a desk's reporter) is the site's."""
    told = None
    if boilerplate:
        dropped = set(boilerplate)
        kept = [line for line in article.body_text.split("\n") if line not in dropped]
        told = "\n".join([article.title, *kept])
    named: dict[str, tuple[str, str, int]] = {}
    for kind, names in (
        ("person", entities.people),
        ("place", entities.places),
        ("org", entities.organisations),
    ):
        for name in names[:ENTITIES_KEPT]:
            if told is not None and name not in told:
                continue
            slug = slugify(f"{kind}-{name}", allow_unicode=True)[:220]
            if slug and slug not in named:
                named[slug] = (kind, name[:200], _mentions(entities, kind, name))
    if not named:
        return
    Entity.objects.bulk_create(
        [Entity(kind=k, name=n, slug=s) for s, (k, n, _) in named.items()], ignore_conflicts=True
    )
    ids = dict(Entity.objects.filter(slug__in=named).values_list("slug", "id"))
    Mention.objects.bulk_create(
        [Mention(article=article, entity_id=ids[s], count=named[s][2]) for s in named if s in ids],
        ignore_conflicts=True,
    )


def _mentions(entities: Entities, kind: str, name: str) -> int:
    prefix = {"person": "p", "place": "l", "org": "o"}[kind]
    return max(1, entities.mentions.get(f"{prefix}:{name.casefold()}", 1))


class StoryIds:
    """New story ids for the clusterer: each one is a Story row, made in the current transaction."""

    def __iter__(self) -> StoryIds:
        return self

    def __next__(self) -> int:
        now = timezone.now()
        return Story.objects.create(title="", first_seen_at=now, last_seen_at=now).pk


class DbStoryIndex:
    """The clusterer's StoryIndex over the Story table, with an in-memory active set."""

    def __init__(self) -> None:
        self._active = ActiveStories(
            capacity=ACTIVE_CAPACITY, horizon=ACTIVE_HORIZON_DAYS * 86400.0
        )
        self._sizes: dict[int, int] = {}  # the committed size each cached state was loaded at
        self._synced_at = None

    def candidates(self, features: DocFeatures) -> list[StoryState]:
        self._sync()
        return self._active.candidates(features)

    def matching(self, features: DocFeatures) -> int:
        """How many active stories share keys with the article (crowding), from the cache."""
        return self._active.matching(features)

    def story_of(self, doc_id: str) -> str | None:
        story = (
            StoryMember.objects.filter(article_id=int(doc_id))
            .values_list("story_id", "story__merged_into_id")
            .first()
        )
        if story is None:
            return None
        return f"s{story[1] or story[0]}"

    def get(self, story_id: str) -> StoryState | None:
        cached = self._active.get(story_id)
        if cached is not None:
            return cached
        row = Story.objects.filter(pk=story_pk(story_id), merged_into__isnull=True).first()
        return _state(row) if row is not None and row.state else None

    def save(self, state: StoryState, doc_ids: list[str]) -> None:
        saved = Story.objects.filter(pk=story_pk(state.id)).update(
            state=_as_dict(state), updated_at=timezone.now()
        )
        if not saved:
            raise StaleCache(state.id)

    def retire(self, story_id: str) -> None:
        self._active.retire(story_id)
        self._sizes.pop(story_pk(story_id), None)

    def active(self) -> list[StoryState]:
        self._sync()
        return self._active.active()

    def _sync(self) -> None:
        """Load what changed since the last look: other processes' stories, our committed ones."""
        now = timezone.now()
        rows = Story.objects.filter(size__gt=0)  # committed: refresh_story ran
        if self._synced_at is None:
            # The horizon counts back from the newest story, not the clock: an archive import
            # of 2016's news is as warm as this morning's.
            newest = rows.order_by("-last_seen_at").values_list("last_seen_at", flat=True).first()
            if newest is not None:
                since = newest - timedelta(days=ACTIVE_HORIZON_DAYS)
                warm = rows.filter(last_seen_at__gte=since).order_by("-last_seen_at")
                self._load(warm.values_list("id", "size", "merged_into_id")[:ACTIVE_CAPACITY])
        else:
            changed = rows.filter(updated_at__gte=self._synced_at - SYNC_SLACK)
            self._load(changed.values_list("id", "size", "merged_into_id"))
        self._synced_at = now

    def _load(self, rows: Iterable[tuple[int, int, int | None]]) -> None:
        stale = []
        for pk, size, merged_into in rows:
            if merged_into is not None:
                self.retire(f"s{pk}")
            elif self._sizes.get(pk) != size or self._active.get(f"s{pk}") is None:
                stale.append(pk)
        loaded = Story.objects.filter(pk__in=stale).order_by("last_seen_at")  # oldest retire first
        for row in loaded.only("id", "state", "size"):
            self._active.save(_state(row), [])
            self._sizes[row.pk] = row.size


def _state(row: Story) -> StoryState:
    data = dict(row.state)  # already parsed by the JSONField: no second json round trip
    data["exemplars"] = [Exemplar(**exemplar) for exemplar in data.get("exemplars", [])]
    return StoryState(**data)


def _as_dict(state: StoryState) -> dict:
    return asdict(state)


class DbFrequencies:
    """The clusterer's DocumentFrequencies over TermStat rows prefixed "g:". `day` is the day of
    the article being counted (`assign_story` sets it), so its keys are seen on that day."""

    day: int | None = None

    def total(self) -> int:
        row = TermStat.objects.filter(term=TOTAL).values_list("df", flat=True).first()
        return row or 0

    def get(self, keys: Iterable[str]) -> dict[str, int]:
        keys = list(keys)
        stored = dict(
            TermStat.objects.filter(term__in=[_term(k) for k in keys]).values_list("term", "df")
        )
        return {k: stored.get(_term(k), 0) for k in keys}

    def add(self, keys: Iterable[str]) -> None:
        count_document(sorted({_term(k) for k in keys} | {TOTAL}), day=self.day)


def _term(key: str) -> str:
    return (PREFIX + key)[:64]
