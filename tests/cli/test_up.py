import json
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from tests.paths import require_shared


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_up_imports_the_demo_and_serves_the_example_at_a_stable_url(scratch_env):
    examples = require_shared("examples")
    port = free_port()
    env = {**scratch_env, "DATELINE_PORT": str(port), "DATELINE_WEB_WORKERS": "2"}
    process = subprocess.Popen(
        [sys.executable, "-m", "dateline.cli.main", "up", "--no-worker", str(examples)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = _wait_for(f"http://127.0.0.1:{port}/articles/{_example_key()}")
        assert "North Korea stresses alignment with Russia" in body
        assert "Good! (" in body and ">Related</h2>" in body
        home = urllib.request.urlopen(f"http://127.0.0.1:{port}/index.json").read().decode()
        assert '"articles": 121' in home
        _kept_pages_follow_a_reaction_in_every_worker(f"http://127.0.0.1:{port}", _example_key())
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0]
    assert f"Dateline is up: http://localhost:{port}/" in output


def _kept_pages_follow_a_reaction_in_every_worker(base: str, key: str) -> None:
    """New visitors are served kept pages by two worker processes; a reaction through one of
    them shows in both at once, and every view was counted as a read."""
    url = f"{base}/articles/{key}"
    views = [urllib.request.urlopen(url, timeout=10) for _ in range(6)]
    pages = [
        (dict(v.headers.items()), v.headers.get_all("Set-Cookie"), v.read().decode()) for v in views
    ]
    tokens = {
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1] for *_, body in pages
    }
    assert len(tokens) == 6 and all('Good! (<span class="count">0<' in b for *_, b in pages)
    _, set_cookies, body = pages[-1]
    jar = "; ".join(c.split(";", 1)[0] for c in set_cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1]
    react = urllib.request.Request(
        f"{url}/react",
        data=urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode(),
        headers={"Cookie": jar, "Referer": url, "Accept": "application/json"},
    )
    assert json.load(urllib.request.urlopen(react, timeout=10))["reactions"] == 1
    for _ in range(4):  # whichever worker answers
        body = urllib.request.urlopen(url, timeout=10).read().decode()
        assert 'Good! (<span class="count">1</span>)' in body
    time.sleep(2.5)  # the kept pages' reads are written once a second
    returning = urllib.request.Request(
        url + ".json", headers={"Cookie": "dl_visitor=returningReader0001"}
    )
    reads = json.load(urllib.request.urlopen(returning, timeout=10))["article"]["reads"]
    assert reads == 1 + 6 + 4 + 1  # _wait_for's view, the six, the four, and this one


def _example_key() -> str:
    from dateline.gather.files import find_files, iter_pages
    from dateline.store.ingest import stable_key
    from dateline.understand.extract import extract_page

    files, _ = find_files([require_shared("examples/scraped-wire-copy.txt")])
    (page,) = list(iter_pages(files))
    return stable_key(extract_page(page))


def _wait_for(url: str, timeout: float = 120.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return urllib.request.urlopen(url, timeout=5).read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
