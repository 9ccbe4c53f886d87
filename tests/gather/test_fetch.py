import pytest

from dateline.gather.fetch import FetchError, FetchPolicy, check_url, fetch
from tests.servers import serve

LOCAL = FetchPolicy(timeout=5, max_bytes=1024 * 1024, allow_private=True)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("ftp://example.org/x", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("http://127.0.0.1/admin", "non-public address 127.0.0.1"),
        ("http://localhost:8000/", "non-public address"),
        ("http://10.1.2.3/", "non-public address 10.1.2.3"),
        ("http://192.168.0.1/", "non-public address"),
        ("http://169.254.169.254/latest/meta-data/", "non-public address 169.254.169.254"),
        ("http://[::1]/", "non-public address ::1"),
        ("http://0.0.0.0/", "non-public address"),
    ],
)
def test_hostile_urls_are_refused(url, message):
    with pytest.raises(FetchError, match=message):
        check_url(url, allow_private=False)


def test_fetch_from_loopback_needs_the_setting():
    with serve({"/": (200, {"Content-Type": "text/html"}, b"<p>hi</p>")}) as base:
        with pytest.raises(FetchError, match="non-public"):
            fetch(base + "/", FetchPolicy(allow_private=False))
        response = fetch(base + "/", LOCAL)
    assert response.status == 200 and response.body == b"<p>hi</p>"


def test_every_redirect_hop_is_checked():
    hop = {"/go": (302, {"Location": "file:///etc/passwd"}, b"")}
    with serve(hop) as base, pytest.raises(FetchError, match="only http and https"):
        fetch(base + "/go", LOCAL)


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
        fetch(base + "/", policy, {"If-None-Match": '"v1"'})
    assert "Dateline/" in policy.user_agent and "https://news.example/contact" in policy.user_agent


def test_unreachable_hosts_give_a_clear_error():
    with pytest.raises(FetchError, match=r"network error|timed out"):
        fetch("http://127.0.0.1:9/", LOCAL)
