"""Token authentication for API writes: `Authorization: Bearer dl_...` (see `dateline token`)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from dateline.store.models import ApiToken


class TokenAuth(HttpBearer):
    """A bearer token is not sent by browsers on their own, so these writes need no CSRF token."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = ApiToken.objects.verify(token)
        request.api_token = found  # what the rate limiter keys on
        return found


def visitor_of(token: ApiToken) -> str:
    """The API client as a reader: one reaction per token and article, like one per visitor."""
    return f"api-token-{token.pk}"
