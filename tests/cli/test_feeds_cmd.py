"""`dateline feeds import`: a feed list that cannot be read, or whose lines are no feeds."""

from __future__ import annotations

from tests.cli.conftest import dateline


def test_import_of_a_broken_list_says_why_in_one_line(tmp_path, scratch_env):
    path = tmp_path / "feeds.opml"
    path.write_text("<opml><body><outline xmlUrl='https://a.example/rss'/>")
    result = dateline(scratch_env, "feeds", "import", str(path))
    assert result.returncode == 2
    (line,) = result.stdout.strip().splitlines()
    assert line.startswith(f"no feeds added: {path}: not a readable OPML file")
    assert "Traceback" not in result.stderr


def test_import_names_the_addresses_it_skipped(tmp_path, scratch_env):
    path = tmp_path / "feeds.txt"
    path.write_text("https://a.example/rss A\nfile:///etc/passwd\n")
    result = dateline(scratch_env, "feeds", "import", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines() == [
        "1 feeds added",
        "skipped 'file:///etc/passwd': not an http(s) address with a valid host name",
    ]
    listed = dateline(scratch_env, "feeds", "list")
    assert "https://a.example/rss" in listed.stdout and "file:" not in listed.stdout
