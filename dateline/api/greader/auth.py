"""Signing apps in (ClientLogin) and recognising them on every call (the GoogleLogin header).

Apps authenticate with a token in the `Authorization` header (or, on POST, the `T` form field,
as Miniflux accepts), never with a cookie, so a browser on another site cannot make these
requests for the user: the views are CSRF-exempt for that reason, and only them.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import parse_qsl

from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from dateline.site.ratelimit import SIGN_IN, rate_limited
from dateline.store import reader

BOTH = frozenset({"GET", "POST"})
MAX_FIELDS = 25_000  # up to 10 000 item ids a request, and a few other fields


def unauthorized() -> HttpResponse:
    """What FreshRSS and Miniflux answer; apps look for the bad-token header to sign in again."""
    response = HttpResponse("Unauthorized", status=401, content_type="text/plain; charset=utf-8")
    response["Google-Bad-Token"] = "true"
    response["X-Reader-Google-Bad-Token"] = "true"
    return response


def _form(request: HttpRequest) -> dict[str, list[str]]:
    """The POST form, read from the body here: Django's own parser stops at 1 000 fields
    (DATA_UPLOAD_MAX_NUMBER_FIELDS), and NetNewsWire posts one `i` field per item it wants."""
    found = getattr(request, "_reader_form", None)
    if found is not None:
        return found
    found = {}
    if request.method == "POST" and request.content_type == "multipart/form-data":
        found = dict(request.POST.lists())
    elif request.method == "POST":
        text = request.body.decode("utf-8", "replace")
        try:
            fields = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
        except ValueError as exc:
            raise TooManyFieldsSent(f"more than {MAX_FIELDS} form fields") from exc  # a 400
        for name, value in fields:
            found.setdefault(name, []).append(value)
    request._reader_form = found
    return found


def param(request: HttpRequest, name: str, default: str = "") -> str:
    """A parameter from the form body, else the query string (clients use both)."""
    values = _form(request).get(name)
    return values[-1] if values else request.GET.get(name, default)


def params(request: HttpRequest, name: str) -> list[str]:
    return _form(request).get(name) or request.GET.getlist(name)


def header_token(request: HttpRequest) -> str:
    """The token of `Authorization: GoogleLogin auth=<token>`, or ""."""
    scheme, _, rest = request.headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() != "googlelogin":
        return ""
    name, _, token = rest.strip().partition("=")
    return token.strip() if name.strip().lower() == "auth" else ""


def reader_api(methods: frozenset[str] = BOTH):
    """Decorate an API view: allowed methods, token authentication, `request.reader_user`."""

    def decorate(view):
        @csrf_exempt  # authenticated by header or T token, never by cookie (module docstring)
        @require_http_methods(sorted(methods))
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            token = header_token(request) or (
                param(request, "T") if request.method == "POST" else ""
            )
            user = reader.user_for_token(token)
            if user is None:
                return unauthorized()
            request.reader_user = user
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


@csrf_exempt  # apps post their credentials from outside any browser session
@require_http_methods(["POST"])  # never GET: a password in a URL ends up in access logs
@rate_limited(SIGN_IN)
def client_login(request: HttpRequest) -> HttpResponse:
    """`Email` + `Passwd` (the reader password) → `SID`, `LSID` and `Auth` lines."""
    user = reader.check_login(param(request, "Email").strip(), param(request, "Passwd"))
    if user is None:
        # Google's ClientLogin error line, with the status FreshRSS and Miniflux use.
        return HttpResponse(
            "Error=BadAuthentication\n", status=401, content_type="text/plain; charset=utf-8"
        )
    token = reader.issue_token(user)
    if param(request, "output") == "json":
        return JsonResponse({"SID": token, "LSID": token, "Auth": token})
    # Vienna RSS wants an LSID line; NetNewsWire splits every line on "=" into two parts.
    body = f"SID={token}\nLSID={token}\nAuth={token}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@reader_api(frozenset({"GET"}))
def token(request: HttpRequest) -> HttpResponse:
    """The edit token apps send back as `T`: the auth token itself, as Miniflux does."""
    return HttpResponse(header_token(request), content_type="text/plain; charset=utf-8")
