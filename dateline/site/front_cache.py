"""Whole pages kept for new visitors, served in front of Django.

Most page views on a news site come from people who bring no cookie of ours: someone who
followed a shared link, a search result, a feed reader's preview. They all see the same page,
so it is rendered once and served from memory until something on it changes. Two parts differ
per response and are filled in as the page leaves: the visitor cookie and the CSRF token of
the reaction and follow forms (a fresh secret each time, so no two visitors share one).

Three pieces:
- `FrontCacheMiddleware` (outermost Django middleware) renders such requests with a slot
  where the CSRF token goes, keeps cacheable 200 responses, and fills the slot for every
  response it saw rendered that way, cached or not;
- `FrontCache` wraps the WSGI application and answers a repeat request from the kept page
  without entering Django (that is what makes it fast: no URL resolving, no middleware);
- `generation`: a page is served only while the site's generation is the one it was built
  in; any committed change to articles, reactions or stories bumps it in every process
  (`dateline.store.page_generation`). Counters that move on every read (read counts, Ranking's
  heat) may lag by up to `page_cache_seconds`, after which a page is rebuilt anyway.

Reads by visitors served here are counted in batches (`dateline.site.read_batch`); a
`dl_first` cookie lets the read join the visitor's history if they come back.
Anyone with our visitor cookie or a session goes to Django: their pages are personal.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.cookie import parse_cookie
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

from dateline.site.read_batch import READS
from dateline.site.visitor import COOKIE as VISITOR_COOKIE
from dateline.site.visitor import FIRST_COOKIE, FIRST_MAX_AGE
from dateline.store import page_generation as generation

# As long as a masked token (64 characters), so filling it keeps Content-Length right.
CSRF_SLOT = "dateline-csrf-slot-" + "0" * 45
VISITOR_SLOT = "dateline-visitor-slot"
_CSRF_SLOT_BYTES = CSRF_SLOT.encode()
_INDEX = {c: i for i, c in enumerate(CSRF_ALLOWED_CHARS)}
# Random bytes to allowed characters in one `translate`; bytes past the last whole multiple of
# the alphabet's size are dropped, so every character is equally likely.
_UNBIASED = 256 - 256 % len(CSRF_ALLOWED_CHARS)
_TO_CHARS = bytes(
    ord(CSRF_ALLOWED_CHARS[b % len(CSRF_ALLOWED_CHARS)]) if b < _UNBIASED else 0 for b in range(256)
)
_DROPPED = bytes(range(_UNBIASED, 256))
# (secret character, mask character) -> the cipher character of Django's masking.
_SHIFTED = {
    (x, y): CSRF_ALLOWED_CHARS[(_INDEX[x] + _INDEX[y]) % len(CSRF_ALLOWED_CHARS)]
    for x in CSRF_ALLOWED_CHARS
    for y in CSRF_ALLOWED_CHARS
}


@dataclass(frozen=True)
class Page:
    status: str
    headers: list[tuple[str, str]]  # without Set-Cookie
    cookies: list[str]  # Set-Cookie values with the slots in place of values
    body: bytes  # with CSRF_SLOT where each form's token goes
    read_article: int | None  # the article a view of this page reads, if any
    generation: int
    expires: float


class PageStore:
    """Pages of one worker process (shared by its threads), byte-bounded, oldest out first."""

    def __init__(self) -> None:
        self._pages: OrderedDict[tuple, Page] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple, now: float, current_generation: int) -> Page | None:
        page = self._pages.get(key)
        if page is None:
            return None
        if page.expires < now or page.generation != current_generation:
            with self._lock:
                if self._pages.get(key) is page:
                    self._remove(key)
            return None
        return page

    def put(self, key: tuple, page: Page, max_bytes: int) -> None:
        size = len(page.body)
        if size > max_bytes // 8:  # one page never pushes out most of the others
            return
        with self._lock:
            if key in self._pages:
                self._remove(key)
            self._pages[key] = page
            self._bytes += size
            while self._bytes > max_bytes:
                self._remove(next(iter(self._pages)))

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._pages)

    def __contains__(self, key: tuple) -> bool:
        return key in self._pages

    def _remove(self, key: tuple) -> None:
        self._bytes -= len(self._pages.pop(key).body)


PAGES = PageStore()


def shared_page(view):
    """Marks a view whose page, for a visitor without cookies, is the same for all of them."""

    @wraps(view)
    def marked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        request.shared_page = True
        return view(request, *args, **kwargs)

    return marked


def page_key(environ: dict) -> tuple:
    """Which page a request asks for, read the same way in front of and inside Django."""
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    return (
        environ.get("wsgi.url_scheme", "http"),
        environ.get("HTTP_X_FORWARDED_PROTO", ""),  # behind a TLS proxy: links say https
        host.lower(),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
    )


def is_new_visitor(cookie_header: str) -> bool:
    """No visitor cookie and no session: nothing personal can be on the page.

    A plain substring test: a false "not new" only sends the request to Django."""
    return (
        f"{VISITOR_COOKIE}=" not in cookie_header
        and f"{settings.SESSION_COOKIE_NAME}=" not in cookie_header
    )


def filled(page: Page, csrf_secret: str | None = None):
    """(headers, body) of one response: a fresh visitor id, and a fresh CSRF secret unless the
    browser already holds one."""
    visitor = secrets.token_urlsafe(18)
    new_secret = csrf_secret is None
    csrf_secret = csrf_secret or _new_csrf_secret()
    body = page.body.replace(_CSRF_SLOT_BYTES, _form_token(csrf_secret, new_secret).encode())
    headers = [*page.headers, ("Content-Length", str(len(body)))]
    for cookie in page.cookies:
        if cookie.startswith(f"{settings.CSRF_COOKIE_NAME}=") and not new_secret:
            continue  # the browser already holds this secret
        value = cookie.replace(VISITOR_SLOT, visitor).replace(CSRF_SLOT, csrf_secret)
        headers.append(("Set-Cookie", value))
    return headers, body


class FrontCache:
    """WSGI wrapper: answers new visitors' repeat requests from `PAGES`, else calls Django.

    GET requests for a page nobody has kept yet are coalesced: the first renders it, the ones
    arriving meanwhile (a link shared to many at once) wait for that page instead of all
    rendering it too, up to `COALESCE_WAIT` seconds. A page found not to be kept (a 404, a
    personal or oversized page) is remembered, so its requests do not wait for each other."""

    COALESCE_WAIT = 5.0
    UNKEPT_REMEMBERED = 4096

    def __init__(self, application) -> None:
        self.application = application
        self._rendering: dict[tuple, threading.Event] = {}
        self._unkept: OrderedDict[tuple, None] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        if not (
            environ.get("REQUEST_METHOD") in ("GET", "HEAD")
            and settings.CONFIG["page_cache_seconds"] > 0
            and is_new_visitor(environ.get("HTTP_COOKIE", ""))
        ):
            return self.application(environ, start_response)
        key = page_key(environ)
        served = self._serve_kept(key, environ, start_response)
        if served is not None:
            return served
        if environ["REQUEST_METHOD"] != "GET" or key in self._unkept:
            return self._render(key, environ, start_response)
        with self._lock:
            rendering = self._rendering.get(key)
            if rendering is None:
                self._rendering[key] = threading.Event()
        if rendering is not None:  # another thread renders this page: wait for its result
            rendering.wait(self.COALESCE_WAIT)
            served = self._serve_kept(key, environ, start_response)
            return served if served is not None else self.application(environ, start_response)
        try:
            return self._render(key, environ, start_response)
        finally:
            with self._lock:
                self._rendering.pop(key).set()

    def _render(self, key: tuple, environ, start_response):
        """Django's response, noting whether the page was kept (for the next requests)."""
        response = self.application(environ, start_response)
        kept = key in PAGES
        with self._lock:
            if kept:
                self._unkept.pop(key, None)
            elif environ["REQUEST_METHOD"] == "GET":
                self._unkept[key] = None
                while len(self._unkept) > self.UNKEPT_REMEMBERED:
                    self._unkept.popitem(last=False)
        return response

    def _serve_kept(self, key: tuple, environ, start_response) -> list[bytes] | None:
        page = PAGES.get(key, time.time(), generation.current())
        if page is None:
            return None
        headers, body = filled(page, _csrf_secret_from(environ))
        if page.read_article is not None and environ["REQUEST_METHOD"] == "GET":
            READS.add(page.read_article)  # a HEAD (a link checker) read nothing
        start_response(page.status, headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]


class FrontCacheMiddleware:
    """Renders new visitors' pages with the CSRF slot, keeps the cacheable ones, fills slots.

    A view opts in by setting `request.shared_page = True` (and `request.read_article` when
    showing the page counts as a read): only pages whose whole content is the same for every
    visitor without a cookie may be kept."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        eligible = settings.CONFIG["page_cache_seconds"] > 0 and is_new_visitor(
            request.META.get("HTTP_COOKIE", "")
        )
        request.csrf_slot = eligible  # read by `render_page`
        response = self.get_response(request)
        if not eligible or getattr(response, "streaming", False):
            return response
        body = response.content
        if _CSRF_SLOT_BYTES not in body and not getattr(request, "shared_page", False):
            return response
        secret = _csrf_secret_from(request.META)
        if secret is None:
            secret = _new_csrf_secret()
            _set_csrf_cookie(response, secret)
        if (
            request.method == "GET"
            and response.status_code == 200
            and getattr(request, "shared_page", False)
        ):
            PAGES.put(page_key(request.META), _page_from(request, response, body), _max_bytes())
        read_article = getattr(request, "read_article", None)
        if read_article is not None:  # this view was counted in the batch, not in their history
            _set_first_cookie(response, request, read_article)
        token = _form_token(secret, fresh=settings.CSRF_COOKIE_NAME in response.cookies)
        response.content = body.replace(_CSRF_SLOT_BYTES, token.encode())
        if response.has_header("Content-Length"):  # set inside, for the body with the slot
            response["Content-Length"] = str(len(response.content))
        return response


def _page_from(request: HttpRequest, response: HttpResponse, body: bytes) -> Page:
    """The response as a page to fill for later visitors: cookie values become slots."""
    slots = {VISITOR_COOKIE: VISITOR_SLOT, settings.CSRF_COOKIE_NAME: CSRF_SLOT}
    cookies = []
    for name, morsel in response.cookies.items():
        if name in slots:
            morsel = morsel.copy()
            morsel.set(name, slots[name], slots[name])
        cookies.append(morsel.OutputString())
    probe = HttpResponse()
    if settings.CSRF_COOKIE_NAME not in response.cookies:  # this visitor already had one
        _set_csrf_cookie(probe, CSRF_SLOT)
    read_article = getattr(request, "read_article", None)
    if read_article is not None:  # so the read can join their history if they come back
        _set_first_cookie(probe, request, read_article)
    cookies += [morsel.OutputString() for morsel in probe.cookies.values()]
    headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
    return Page(
        status=f"{response.status_code} {response.reason_phrase}",
        headers=headers,
        cookies=cookies,
        body=body,
        read_article=read_article,
        generation=generation.current(),
        expires=time.time() + settings.CONFIG["page_cache_seconds"],
    )


def _set_first_cookie(response: HttpResponse, request: HttpRequest, article_id: int) -> None:
    response.set_cookie(FIRST_COOKIE, str(article_id), max_age=FIRST_MAX_AGE,
                        secure=request.is_secure(), httponly=True, samesite="Lax")  # fmt: skip


def _max_bytes() -> int:
    return settings.CONFIG["page_cache_mb"] * 1024 * 1024


def _set_csrf_cookie(response: HttpResponse, secret: str) -> None:
    """The cookie Django's CSRF middleware would set (CsrfViewMiddleware._set_csrf_cookie)."""
    response.set_cookie(
        settings.CSRF_COOKIE_NAME,
        secret,
        max_age=settings.CSRF_COOKIE_AGE,
        domain=settings.CSRF_COOKIE_DOMAIN,
        path=settings.CSRF_COOKIE_PATH,
        secure=settings.CSRF_COOKIE_SECURE,
        httponly=settings.CSRF_COOKIE_HTTPONLY,
        samesite=settings.CSRF_COOKIE_SAMESITE,
    )


def _csrf_secret_from(environ: dict) -> str | None:
    """The CSRF secret the browser already holds (a visitor who cleared only our cookie)."""
    raw = environ.get("HTTP_COOKIE", "")
    if f"{settings.CSRF_COOKIE_NAME}=" not in raw:
        return None
    secret = parse_cookie(raw).get(settings.CSRF_COOKIE_NAME, "")
    if len(secret) == CSRF_SECRET_LENGTH and all(c in _INDEX for c in secret):
        return secret
    return None


def _new_csrf_secret() -> str:
    return _random_chars(CSRF_SECRET_LENGTH)


def _form_token(secret: str, fresh: bool) -> str:
    """The token the forms carry. Django masks it (a fresh mask each response) so that a secret
    repeated in many compressed responses cannot be guessed from their sizes (BREACH). A secret
    made for this one response is never repeated, so it goes in as it is (Django accepts the
    bare secret too); a secret the browser already held is masked."""
    return secret if fresh else _masked(secret)


def _masked(secret: str) -> str:
    """A form token for `secret`, as Django's `_mask_cipher_secret` makes it (mask, then the
    secret shifted by the mask), with the randomness drawn in one call instead of 32: this
    runs for every page served from memory. The CSRF tests check Django accepts it."""
    mask = _random_chars(CSRF_SECRET_LENGTH)
    return mask + "".join(map(_SHIFTED.__getitem__, zip(secret, mask, strict=True)))


def _random_chars(count: int) -> str:
    picked = b""
    while len(picked) < count:
        picked += secrets.token_bytes(count + 8).translate(_TO_CHARS, _DROPPED)
    return picked[:count].decode()
