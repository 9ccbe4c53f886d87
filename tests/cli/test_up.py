import socket
import subprocess
import sys
import time
import urllib.request

from tests.paths import require_shared


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_up_imports_the_demo_and_serves_the_example_at_a_stable_url(scratch_env):
    examples = require_shared("examples")
    port = free_port()
    env = {**scratch_env, "DATELINE_PORT": str(port), "DATELINE_WEB_WORKERS": "1"}
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
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0]
    assert f"Dateline is up: http://localhost:{port}/" in output


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
