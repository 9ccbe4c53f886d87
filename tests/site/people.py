"""Articles, stories and topics made directly in the store, for the personal and home pages."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.utils import timezone

from dateline.store.models import Article, Entity, Mention, Publisher, Story, StoryMember

_count = 0


def publisher(name: str) -> Publisher:
    slug = name.lower().replace(" ", "-")
    return Publisher.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def article(
    title: str,
    outlet: str,
    seen: datetime | None = None,
    original: Article | None = None,
    words: str = "",
) -> Article:
    global _count
    _count += 1
    body = f"{title}. {words or 'A report of the day.'}"
    return Article.objects.create(
        key=hashlib.sha256(f"{_count}{title}{outlet}".encode()).hexdigest()[:12],
        fingerprint=hashlib.sha256(body.encode()).hexdigest(),
        publisher=publisher(outlet),
        title=title,
        slug=title.lower().replace(" ", "-")[:100],
        first_seen_at=seen or timezone.now(),
        body_text=body,
        body_html=f"<p>{body}</p>",
        original=original,
    )


def story(title: str, members: list[Article]) -> Story:
    first = min(a.first_seen_at for a in members)
    made = Story.objects.create(
        title=title, first_seen_at=first, last_seen_at=first + timedelta(hours=1)
    )
    for member in members:
        StoryMember.objects.create(article=member, story=made, joined_at=member.first_seen_at)
    return made


def topic(name: str, kind: str, articles: list[Article]) -> Entity:
    entity = Entity.objects.create(kind=kind, name=name, slug=name.lower().replace(" ", "-"))
    for a in articles:
        Mention.objects.create(article=a, entity=entity)
    return entity
