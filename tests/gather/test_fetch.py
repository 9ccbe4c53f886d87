import gzip
import random
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import brotli
import httpcore
import pytest

from dateline.gather.addresses import ResolveFailed
from dateline.gather.fetch import FetchError, FetchPolicy, Response, check_url, fetch
from dateline.gather.pinning import PinnedBackend
from dateline.gather.retry import backoff_delay, parse_retry_after
from tests.servers import serve

LOCAL = FetchPolicy(timeout=5, max_bytes=1024 * 1024, allow_private=True)
NO_SLEEP = {"sleep": lambda seconds: None}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("ftp://example.org/x", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("http://[::1/", "not a valid URL"),  # a bracket that never closes
        ("http://127.0.0.1/admin", "non-public address 127.0.0.1"),
        ("http://localhost:8000/", "non-public address"),
        ("http://10.1.2.3/", "non-public address 10.1.2.3"),
        ("http://192.168.0.1/", "non-public address"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata address 169.254.169.254"),
        ("http://[fd00:ec2::254]/latest/", "cloud metadata address fd00:ec2::254"),
        ("http://[::ffff:127.0.0.1]/", "non-public address 127.0.0.1"),
        ("http://224.0.0.1/", "non-public address 224.0.0.1"),
        ("http://[::1]/", "non-public address ::1"),
        ("http://0.0.0.0/", "non-public address"),
        ("http://[fe80::1]/", "non-public address fe80::1"),
    ],
)
def test_hostile_urls_are_refused(url, message):
    with pytest.raises(FetchError, match=message) as caught:
        check_url(url, allow_private=False)
    assert caught.value.kind == "refused" and not caught.value.transient


def test_cloud_metadata_is_refused_even_when_private_addresses_are_allowed():
    with pytest.raises(FetchError, match="cloud metadata"):
        check_url("http://169.254.169.254/", allow_private=True)
    assert check_url("http://10.1.2.3/", allow_private=True) == "10.1.2.3"


def test_allowed_networks_open_only_that_network():
    loopback = ("127.0.0.0/8",)
    assert check_url("http://127.0.0.1:8000/", False, loopback) == "127.0.0.1"
    with pytest.raises(FetchError, match=r"non-public address 10\.0\.0\.1"):
        check_url("http://10.0.0.1/", False, loopback)


def test_a_host_with_one_bad_address_among_good_ones_is_refused():
    # A resolver answer mixing public and private addresses must not slip through.
    def resolver(host, port):
        return ["93.184.216.34", "10.0.0.5"]

    with pytest.raises(FetchError, match=r"non-public address 10\.0\.0\.5"):
        check_url("http://mixed.example/", False, resolver=resolver)


def test_fetch_from_loopback_needs_the_setting():
    with serve({"/": (200, {"Content-Type": "text/html"}, b"<p>hi</p>")}) as base:
        with pytest.raises(FetchError, match="non-public"):
            fetch(base + "/", FetchPolicy(allow_private=False))
        response = fetch(base + "/", LOCAL)
    assert response.status == 200 and response.body == b"<p>hi</p>"


def test_connection_goes_to_the_checked_address_not_a_new_dns_answer():
    # "rebind.test" exists in no DNS: the fetch can only succeed by connecting to the address
    # our resolver gave at check time, and the resolver is asked exactly once per hop.
    calls = []

    def resolver(host, port):
        calls.append(host)
        return ["127.0.0.1"]

    routes = {"/a": (302, {"Location": "/b"}, b""), "/b": (200, {}, b"pinned")}
    with serve(routes) as base:
        port = base.rsplit(":", 1)[1]
        policy = FetchPolicy(allowed_networks=("127.0.0.0/8",), resolver=resolver)
        response = fetch(f"http://rebind.test:{port}/a", policy)
    assert response.body == b"pinned"
    assert calls == ["rebind.test", "rebind.test"]
    assert response.redirects == (f"http://rebind.test:{port}/a",)


def test_the_backend_refuses_hosts_it_has_no_checked_address_for():
    with pytest.raises(httpcore.ConnectError, match="no checked address"):
        PinnedBackend().connect_tcp("unchecked.example", 80)


def test_every_redirect_hop_is_checked():
    hop = {"/go": (302, {"Location": "file:///etc/passwd"}, b"")}
    with serve(hop) as base, pytest.raises(FetchError, match="only http and https"):
        fetch(base + "/go", LOCAL)


def test_a_redirect_into_a_private_network_is_refused_before_connecting():
    calls = []

    def resolver(host, port):
        calls.append(host)
        return {"public.test": ["127.0.0.1"], "intranet.test": ["10.9.8.7"]}[host]

    with serve({"/": (302, {"Location": "http://intranet.test/secret"}, b"")}) as base:
        port = base.rsplit(":", 1)[1]
        policy = FetchPolicy(allowed_networks=("127.0.0.0/8",), resolver=resolver)
        with pytest.raises(FetchError, match=r"refused intranet\.test: resolves to non-public"):
            fetch(f"http://public.test:{port}/", policy)
    assert calls == ["public.test", "intranet.test"]


def test_redirect_loops_end_with_an_error():
    with (
        serve({"/a": (302, {"Location": "/b"}, b""), "/b": (302, {"Location": "/a"}, b"")}) as base,
        pytest.raises(FetchError, match="more than 5 redirects"),
    ):
        fetch(base + "/a", LOCAL)


def test_huge_bodies_are_aborted():
    big = {"/big": (200, {"Content-Type": "text/html"}, b"x" * (3 * 1024 * 1024))}
    with serve(big) as base, pytest.raises(FetchError, match="larger than"):
        fetch(base + "/big", LOCAL)


def test_user_agent_is_honest_and_names_the_contact():
    with serve({"/": (200, {}, b"ok")}) as base:
        policy = FetchPolicy(allow_private=True, contact="https://news.example/contact")
        fetch(base + "/", policy)
    assert policy.user_agent.startswith("Dateline/")
    assert policy.user_agent.endswith("+https://news.example/contact)")


def test_unreachable_hosts_are_retried_then_give_a_clear_error():
    slept = []
    with pytest.raises(FetchError, match="cannot connect") as caught:
        fetch("http://127.0.0.1:9/", LOCAL, sleep=slept.append)
    assert caught.value.kind == "connect" and caught.value.transient
    assert caught.value.attempts == 3 and len(slept) == 2


PAGE = "<html><body><p>Ünïcode news</p></body></html>".encode() * 50


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data, wbits=-15)),  # raw deflate, seen in the wild
        ("br", brotli.compress),
    ],
)
def test_compressed_bodies_are_decoded(encoding, encode):
    served = {"/": (200, {"Content-Encoding": encoding, "Content-Type": "text/html"}, encode(PAGE))}
    with serve(served) as base:
        response = fetch(base + "/", LOCAL)
    assert response.body == PAGE


def test_a_bomb_is_stopped_by_the_decoded_size_cap():
    bomb = gzip.compress(b"\0" * (20 * 1024 * 1024))
    assert len(bomb) < 100_000
    served = {"/": (200, {"Content-Encoding": "gzip"}, bomb)}
    with serve(served) as base, pytest.raises(FetchError, match="once decoded") as caught:
        fetch(base + "/", LOCAL)
    assert caught.value.kind == "too_large"


def test_a_corrupt_compressed_body_is_a_clear_error():
    served = {"/": (200, {"Content-Encoding": "gzip"}, b"\x1f\x8bnot gzip at all")}
    with serve(served) as base, pytest.raises(FetchError, match="corrupt gzip body"):
        fetch(base + "/", LOCAL)


def test_not_modified_is_a_normal_response():
    def conditional(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"ETag": '"v1"'}, b"<p>feed</p>"

    with serve({"/": conditional}) as base:
        first = fetch(base + "/", LOCAL)
        again = fetch(base + "/", LOCAL, {"If-None-Match": first.headers["etag"]})
    assert not first.not_modified and again.not_modified and again.body == b""


def test_client_errors_are_returned_not_retried():
    calls = []

    def gone(handler):
        calls.append(1)
        return 404, {}, b"no such page"

    with serve({"/": gone}) as base:
        response = fetch(base + "/", LOCAL, **NO_SLEEP)
    assert response.status == 404 and calls == [1]


def test_retries_back_off_and_honour_retry_after():
    answers = iter([(503, {"Retry-After": "7"}, b""), (500, {}, b""), (200, {}, b"ok")])
    slept = []
    with serve({"/": lambda handler: next(answers)}) as base:
        policy = FetchPolicy(allow_private=True, backoff_base=1, backoff_max=60)
        response = fetch(base + "/", policy, sleep=slept.append, rng=random.Random(1))
    assert response.body == b"ok" and response.attempts == 3
    assert slept[0] == 7  # Retry-After is longer than the first backoff step
    assert 1 <= slept[1] <= 2  # the second step: 2 s, half of it jittered


def test_a_long_retry_after_is_surfaced_instead_of_slept():
    served = {"/": (429, {"Retry-After": "3600"}, b"")}
    with serve(served) as base, pytest.raises(FetchError, match="HTTP 429") as caught:
        fetch(base + "/", LOCAL, sleep=pytest.fail)
    assert caught.value.retry_after == 3600 and caught.value.status == 429
    assert caught.value.transient


def test_binary_content_types_are_refused_unless_allowed():
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
    with serve({"/": (200, {"Content-Type": "image/png"}, png)}) as base:
        with pytest.raises(FetchError, match=r"binary content \(image/png\)"):
            fetch(base + "/", LOCAL)
        assert fetch(base + "/", FetchPolicy(allow_private=True, allow_binary=True)).body == png


def test_response_text_uses_the_declared_charset():
    body = "Café crème".encode("cp1252")
    headers = {"Content-Type": "text/html; charset=windows-1252"}
    with serve({"/": (200, headers, body)}) as base:
        response = fetch(base + "/", LOCAL)
    assert response.charset == "windows-1252" and response.text() == "Café crème"


def test_backoff_grows_exponentially_with_bounded_jitter():
    rng = random.Random(7)
    for attempt in range(8):
        step = min(30, 0.5 * 2**attempt)
        delays = [backoff_delay(attempt, 0.5, 30, rng) for _ in range(50)]
        assert all(step / 2 <= d <= step for d in delays)
        assert len(set(delays)) > 1  # jittered, not a fixed sleep


def test_retry_after_accepts_seconds_and_http_dates():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_retry_after("120") == 120
    later = format_datetime(now + timedelta(minutes=5), usegmt=True)
    assert parse_retry_after(later, now) == 300
    assert parse_retry_after(format_datetime(now - timedelta(days=1), usegmt=True), now) == 0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None
    assert parse_retry_after("99999999") == parse_retry_after("Fri, 01 Jan 2100 00:00:00 GMT")
    assert parse_retry_after("99999999") == 24 * 3600  # capped: a day at most


def test_response_keeps_its_original_constructor():
    # Part of the public API the store builds on: four positional fields.
    response = Response("http://x/", 200, {}, b"")
    assert response.attempts == 1 and response.redirects == ()


@pytest.mark.parametrize(
    ("temporary", "kind", "attempts"), [(True, "connect", 3), (False, "dns", 1)]
)
def test_resolution_failures_are_retried_only_when_temporary(temporary, kind, attempts):
    calls = []

    def resolver(host, port):
        calls.append(host)
        raise ResolveFailed(f"cannot resolve {host}: no such host", temporary)

    with pytest.raises(FetchError, match=r"cannot resolve nowhere\.test") as caught:
        fetch("http://nowhere.test/", FetchPolicy(resolver=resolver), **NO_SLEEP)
    assert caught.value.kind == kind and caught.value.transient
    assert len(calls) == attempts


def test_a_name_that_does_not_exist_is_a_dns_error():
    with pytest.raises(FetchError, match="cannot resolve") as caught:
        check_url("http://no-such-host.invalid/", allow_private=False)
    assert caught.value.kind in ("dns", "connect")
