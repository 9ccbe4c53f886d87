"""Anonymous visitors: a random id in a cookie is who reads, reacts and gets recommendations."""

from __future__ import annotations

import re
import secrets

COOKIE = "dl_visitor"
MAX_AGE = 365 * 24 * 3600
_VALID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class VisitorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        current = request.COOKIES.get(COOKIE, "")
        is_new = not _VALID.match(current)
        request.visitor = secrets.token_urlsafe(18) if is_new else current
        response = self.get_response(request)
        if is_new:
            response.set_cookie(
                COOKIE,
                request.visitor,
                max_age=MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
