"""Accounts: sign up, sign in, sign out, "Your reading" and "Forget me".

Django's auth does the passwords and sessions. Signing in (or up) hands the anonymous
visitor's reads, reactions and follows to the account, so nothing done before is lost.
"""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dateline.site.ratelimit import SIGN_IN, SIGN_UP, rate_limited
from dateline.site.render import render_page
from dateline.site.visitor import COOKIE
from dateline.store import reader, reading
from dateline.store.accounts import account_owner, forget, merge_into


@require_http_methods(["GET", "POST"])
@rate_limited(SIGN_UP)
def sign_up(request: HttpRequest) -> HttpResponse:
    form = UserCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _start_session(request, form.save())
        return redirect(_next(request))
    status = 400 if form.errors else 200
    return render_page(request, "site/sign_up.html", {}, status=status, extra=_form(request, form))


@require_http_methods(["GET", "POST"])
@rate_limited(SIGN_IN)
def sign_in(request: HttpRequest) -> HttpResponse:
    form = AuthenticationForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        _start_session(request, form.get_user())
        return redirect(_next(request))
    status = 400 if form.errors else 200
    return render_page(request, "site/sign_in.html", {}, status=status, extra=_form(request, form))


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("site:home")


@never_cache  # personal: never kept by a shared cache or the back button of another user
@require_safe
def your_reading(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    data = reading.reader_page(request.visitor)
    data["account"] = request.user.get_username() if request.user.is_authenticated else None
    return render_page(request, "site/reader.html", data, fmt)


@never_cache
@require_http_methods(["GET", "POST"])
def forget_me(request: HttpRequest) -> HttpResponse:
    """GET asks for confirmation; POST (with its CSRF token) deletes and drops the cookie."""
    if request.method == "GET":
        return render_page(request, "site/forget.html", {})
    owners = {request.visitor, request.visitor_cookie}
    for owner in owners:
        forget(owner)
    if request.user.is_authenticated:  # what reader apps read, starred and followed for them
        reader.forget_reading(request.user)
    response = render_page(request, "site/forget.html", {"forgotten": True})
    response.delete_cookie(COOKIE, samesite="Lax")
    response.forget_visitor = True  # the middleware must not hand out a new id in the same reply
    return response


def _start_session(request: HttpRequest, user) -> None:
    login(request, user)
    merge_into(request.visitor_cookie, account_owner(user.pk))
    request.visitor = account_owner(user.pk)


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else "/you"


def _form(request: HttpRequest, form) -> dict:
    return {"form": form, "next": request.POST.get("next") or request.GET.get("next") or ""}
