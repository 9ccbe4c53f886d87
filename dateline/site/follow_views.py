"""Follow and unfollow publishers and topics (POST with CSRF; JSON for the page script)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from dateline.site.ratelimit import FOLLOWS, rate_limited
from dateline.site.visitor import known_visitor
from dateline.store import follows
from dateline.store.models import Entity, Publisher


@require_POST
@rate_limited(FOLLOWS)
@known_visitor
def publisher_follow(request: HttpRequest, slug: str, on: bool) -> HttpResponse:
    found = get_object_or_404(Publisher, slug=slug)
    change = follows.follow_publisher if on else follows.unfollow_publisher
    changed = change(request.visitor, found)
    return _answer(request, on, changed, found.get_absolute_url())


@require_POST
@rate_limited(FOLLOWS)
@known_visitor
def topic_follow(request: HttpRequest, slug: str, on: bool) -> HttpResponse:
    found = get_object_or_404(Entity, slug=slug)
    change = follows.follow_entity if on else follows.unfollow_entity
    changed = change(request.visitor, found)
    return _answer(request, on, changed, "/you")


def _answer(request: HttpRequest, on: bool, changed: bool, fallback: str) -> HttpResponse:
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"following": on, "changed": changed})
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    return redirect(back if safe and back else fallback)
