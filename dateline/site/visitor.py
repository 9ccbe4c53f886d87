"""Who is reading: a random id in a cookie for anonymous visitors, the account once signed in.

`request.visitor` is the *owner* key that reads, reactions, follows and recommendations use:
the cookie id, or `user:<id>` for a signed-in account (see `store.accounts`).
`request.visitor_cookie` is always the cookie id, so signing in can merge what it did.
"""

from __future__ import annotations

import re
import secrets
from functools import wraps

from django.http import HttpResponse

from dateline.store.accounts import account_owner
from dateline.store.engagement import attach_first_read

COOKIE = "dl_visitor"
MAX_AGE = 365 * 24 * 3600
# The article of the first page a new visitor was served from the page cache: its read was
# counted there, and joins their history when they come back (`site.read_batch`).
FIRST_COOKIE = "dl_first"
FIRST_MAX_AGE = 30 * 24 * 3600
_VALID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class VisitorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        current = request.COOKIES.get(COOKIE, "")
        is_new = not _VALID.match(current)
        request.visitor_cookie = secrets.token_urlsafe(18) if is_new else current
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        request.visitor = account_owner(user.pk) if signed_in else request.visitor_cookie
        # A just-made random id has read, liked and followed nothing: pages need not ask.
        request.visitor_is_new = is_new and not signed_in
        first = request.COOKIES.get(FIRST_COOKIE, "")
        if first and not is_new and first.isascii() and first.isdigit() and len(first) <= 18:
            attach_first_read(int(first), request.visitor)  # 5,000 digits made every page 500
        response = self.get_response(request)
        if first:
            response.delete_cookie(FIRST_COOKIE, samesite="Lax")
        if is_new and not getattr(response, "forget_visitor", False):
            response.set_cookie(
                COOKIE,
                request.visitor_cookie,
                max_age=MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response


def known_visitor(view):
    """Only a visitor who came back with our cookie (or an account) may react or follow: an id
    made up for this very request is a new one each time, and 20 cookie-less posts had added
    20 reactions."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if getattr(request, "visitor_is_new", False):
            return HttpResponse(
                "Open the page first: a reaction or a follow needs the cookie it sets.",
                status=403,
                content_type="text/plain; charset=utf-8",
            )
        return view(request, *args, **kwargs)

    return checked
