import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.cli.conftest import count_articles, dateline
from tests.paths import DEMO, EXAMPLE, require_shared


def test_import_reports_and_is_idempotent(scratch_env, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.html").write_text("<html><body></body></html>")
    (bad / "binary.htm").write_bytes(b"\x00\x01\x02\x03" * 100)
    first = dateline(scratch_env, "import", str(DEMO), str(bad), str(tmp_path / "missing.warc"))
    assert first.returncode == 1  # something failed, and the exit code says so
    assert "Imported 120, already present 0, failed 3." in first.stdout
    assert "binary.htm: binary content" in first.stdout
    assert "missing.warc: no such file or folder" in first.stdout
    second = dateline(scratch_env, "import", "--quiet", str(DEMO))
    assert second.returncode == 0
    assert "Imported 0, already present 120, failed 0." in second.stdout
    assert count_articles(scratch_env) == (120, 120)


def test_extract_prints_the_example_as_json_and_stores_nothing(scratch_env):
    example = require_shared("examples/scraped-wire-copy.txt")
    run = dateline(scratch_env, "extract", str(example))
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["title"].startswith("North Korea stresses alignment with Russia")
    assert data["site_name"] == "Excel Wealth Summit"
    assert data["claimed_date"] == "2025-04-07T02:07:50"
    assert (data["dateline_place"], data["credit"]) == ("Seoul, South Korea", "AP")
    assert len(data["paragraphs"]) == 13
    assert set(data) >= {"authors", "language", "canonical_url"}
    assert {"Sergey Lavrov", "Kim Jong Un"} <= set(data["entities"]["people"])
    assert {"North Korea", "Moscow"} <= set(data["entities"]["places"])
    assert EXAMPLE.exists()


def test_kill_9_mid_import_loses_nothing_and_duplicates_nothing(scratch_env):
    assert dateline(scratch_env, "manage", "migrate", "-v0").returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "dateline.cli.main", "import", "--quiet", "--jobs", "2", str(DEMO)],
        env=scratch_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while count_articles(scratch_env)[0] < 10 and time.monotonic() < deadline:
        time.sleep(0.1)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert _processes_of(scratch_env, within=10) == []  # its extracting processes exit too
    stored, distinct = count_articles(scratch_env)
    assert 10 <= stored < 120 and stored == distinct
    rerun = dateline(scratch_env, "import", "--quiet", str(DEMO))
    assert f"Imported {120 - stored}, already present {stored}, failed 0." in rerun.stdout
    assert count_articles(scratch_env) == (120, 120)


def _processes_of(env: dict, within: float) -> list[int]:
    """Processes still running with this test's data folder in their environment, once they
    have had `within` seconds to go."""
    marker = f"DATELINE_DATA_DIR={env['DATELINE_DATA_DIR']}".encode()
    deadline = time.monotonic() + within
    while True:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and marker in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:  # gone meanwhile, or not ours to read
                continue
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)
