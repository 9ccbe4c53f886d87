"""Security: `check --deploy` is clean in production settings; reactions are rate limited."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

from dateline.site import ratelimit
from tests.paths import ROOT
from tests.site.builders import ferry_story, store


def deploy_check(tmp_path, **env) -> subprocess.CompletedProcess:
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings",
        "DATELINE_DATA_DIR": str(tmp_path),
        "DATELINE_SECRET_KEY": secrets.token_urlsafe(50),
        "DATELINE_ALLOWED_HOSTS": "news.example.org",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production_settings(tmp_path):
    result = deploy_check(tmp_path, DATELINE_DEBUG="0", DATELINE_HTTPS="1")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_check_deploy_notices_a_plain_http_setup(tmp_path):
    # The check is not vacuous: without HTTPS the secure-cookie warnings appear.
    result = deploy_check(tmp_path, DATELINE_DEBUG="0", DATELINE_HTTPS="0")
    assert result.returncode != 0
    assert "security.W012" in result.stderr and "security.W016" in result.stderr


def test_reactions_are_rate_limited_per_client(db):
    article = store(ferry_story())
    flood = Client(REMOTE_ADDR="203.0.113.9")
    flood.get("/about")  # the cookie a reaction needs
    codes = [
        flood.post(f"/articles/{article.key}/react", HTTP_ACCEPT="application/json").status_code
        for _ in range(ratelimit.REACTIONS.burst + 5)
    ]
    # The burst passes (the tests run far faster than the refill), then the bucket is empty.
    assert codes[: ratelimit.REACTIONS.burst] == [200] * ratelimit.REACTIONS.burst
    assert codes[-1] == 429
    blocked = flood.post(f"/articles/{article.key}/react", HTTP_ACCEPT="application/json")
    assert blocked.status_code == 429 and int(blocked["Retry-After"]) >= 1
    other = Client(REMOTE_ADDR="198.51.100.7")  # another client has its own bucket
    other.get("/about")
    assert other.post(f"/articles/{article.key}/react").status_code == 302


def test_token_bucket_refills_with_time(db):
    limit = ratelimit.Limit("test", burst=2, rate=0.5)
    assert ratelimit.take(limit, "a", now=100.0) == 0.0
    assert ratelimit.take(limit, "a", now=100.0) == 0.0
    assert ratelimit.take(limit, "a", now=100.0) == pytest.approx(2.0)
    assert ratelimit.take(limit, "a", now=101.0) == pytest.approx(1.0)
    assert ratelimit.take(limit, "a", now=102.0) == 0.0  # one token back after two seconds
    assert ratelimit.take(limit, "b", now=102.0) == 0.0


def test_every_web_process_draws_from_the_same_bucket(db):
    # Another process (as a second web worker is) empties a client's bucket; this one sees it.
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'dateline.settings';"
        "django.setup(); from dateline.site import ratelimit as r;"
        "limit = r.Limit('shared-test', burst=3, rate=0.01);"
        "print([r.take(limit, 'ip:203.0.113.9') for _ in range(3)])"
    )
    env = {**os.environ, "DATELINE_DATA_DIR": str(settings.DATA_DIR), "DATELINE_DATABASE_URL": ""}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "[0.0, 0.0, 0.0]", out.stderr
    limit = ratelimit.Limit("shared-test", burst=3, rate=0.01)
    assert ratelimit.take(limit, "ip:203.0.113.9") > 50  # empty here too: ~100 s to a token
    assert ratelimit.take(limit, "ip:203.0.113.10") == 0.0


def test_reactions_still_need_csrf(db):
    article = store(ferry_story())
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"/articles/{article.key}/react").status_code == 403


def test_sign_in_attempts_are_rate_limited(db):
    guesser = Client(REMOTE_ADDR="203.0.113.50")
    assert guesser.get("/admin/login/").status_code == 200  # looking is free
    codes = [
        guesser.post("/admin/login/", {"username": "admin", "password": f"guess{i}"}).status_code
        for i in range(ratelimit.SIGN_IN.burst + 1)
    ]
    assert codes[: ratelimit.SIGN_IN.burst] == [200] * ratelimit.SIGN_IN.burst  # form again
    assert codes[-1] == 429


def test_behind_a_trusted_proxy_each_visitor_has_their_own_limits(db, settings):
    from django.test import RequestFactory

    from dateline.site.ratelimit import client_address

    def asked(remote: str, forwarded: str = "") -> str:
        request = RequestFactory().get("/", REMOTE_ADDR=remote)
        if forwarded:
            request.META["HTTP_X_FORWARDED_FOR"] = forwarded
        return client_address(request)

    # Untrusted by default: the header is anyone's to write.
    assert asked("10.0.0.2", "203.0.113.5") == "10.0.0.2"
    settings.CONFIG = {**settings.CONFIG, "trusted_proxies": ["10.0.0.0/24"]}
    assert asked("10.0.0.2", "203.0.113.5") == "203.0.113.5"
    # A client's own "X-Forwarded-For: 1.2.3.4" stays to the left of what the proxy saw.
    assert asked("10.0.0.2", "1.2.3.4, 198.51.100.7") == "198.51.100.7"
    assert asked("10.0.0.2", "198.51.100.7, 10.0.0.9") == "198.51.100.7"  # two proxies
    assert asked("192.0.2.1", "203.0.113.5") == "192.0.2.1"  # not from a proxy of ours
    assert asked("10.0.0.2") == "10.0.0.2"


def test_a_proxy_list_that_is_no_address_is_a_clear_error():
    from dateline import config

    with pytest.raises(config.ConfigError, match="DATELINE_TRUSTED_PROXIES"):
        config.load({"DATELINE_TRUSTED_PROXIES": "10.0.0.2,proxy.example"})
