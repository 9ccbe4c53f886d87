"""Story and topic pages: thin views over `store.story_reading` (story feeds: `site.feeds`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_safe

from dateline.site.front_cache import shared_page
from dateline.site.render import render_page
from dateline.store import follows, story_reading
from dateline.store.models import Entity, Story


@require_safe
@shared_page
def story(request: HttpRequest, pk: int, fmt: str | None = None) -> HttpResponse:
    found = get_object_or_404(Story, pk=pk)
    live = story_reading.live_story(found)
    if live.pk != found.pk:
        # Merged by the repair pass: the old address says so and leads on, never to another story.
        return redirect(live.get_absolute_url() + (fmt or ""), permanent=True)
    return render_page(request, "site/story.html", story_reading.story_page(found), fmt)


@require_safe
@shared_page
def topic(request: HttpRequest, slug: str, fmt: str | None = None) -> HttpResponse:
    found = get_object_or_404(Entity, slug=slug)
    following = follows.follows_entity(request.visitor, found)
    data = story_reading.topic_page(found)
    return render_page(request, "site/topic.html", data, fmt, extra={"following": following})
