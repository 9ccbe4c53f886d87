import gzip
import io
from datetime import datetime

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.gather import files as files_module
from dateline.gather.files import find_files, iter_pages
from dateline.gather.page import PageError, RawPage

PAGE = "<html><head><title>T</title></head><body><p>Hello café</p></body></html>"


def _pages(*paths):
    found, errors = find_files(paths)
    return errors + list(iter_pages(found))


def test_folders_are_walked_and_kinds_follow_suffixes(tmp_path):
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Headline\nBody")
    (tmp_path / "sub" / "c.htm.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "notes.md").write_text("ignored in folders")
    pages = _pages(tmp_path)
    assert [(p.kind, p.origin.rsplit("/", 1)[1]) for p in pages] == [
        ("html", "a.html"),
        ("text", "b.txt"),
        ("html", "c.htm.gz"),
    ]
    assert "café" in pages[2].content


def test_bad_inputs_become_errors_not_exceptions(tmp_path):
    (tmp_path / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (tmp_path / "broken.html.gz").write_bytes(b"\x1f\x8bnot really gzip")
    (tmp_path / "fine.html").write_text(PAGE)
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    results = _pages(
        tmp_path / "binary.html",
        tmp_path / "broken.html.gz",
        tmp_path / "missing.html",
        tmp_path / "x.pdf",
        tmp_path / "fine.html",
    )
    errors = {r.origin.rsplit("/", 1)[1]: r.reason for r in results if isinstance(r, PageError)}
    assert "binary" in errors["binary.html"]
    assert "gzip" in errors["broken.html.gz"]
    assert "no such file" in errors["missing.html"]
    assert "unsupported" in errors["x.pdf"]
    assert [r.origin.rsplit("/", 1)[1] for r in results if isinstance(r, RawPage)] == ["fine.html"]


def test_gzip_bombs_are_cut_off(tmp_path, monkeypatch):
    monkeypatch.setattr(files_module, "MAX_FILE_BYTES", 1024 * 1024)
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * (8 * 1024 * 1024)))
    (result,) = _pages(tmp_path / "bomb.html.gz")
    assert isinstance(result, PageError) and "decompresses to more than" in result.reason


def test_legacy_encodings_are_decoded(tmp_path):
    page = (
        '<html><head><meta charset="windows-1252"></head>'
        "<body><p>“Smart” quotes – déjà vu</p></body></html>"
    )
    (tmp_path / "cp1252.html").write_bytes(page.encode("cp1252"))
    (result,) = _pages(tmp_path / "cp1252.html")
    assert "“Smart” quotes – déjà vu" in result.content


def _write_warc(path, records):
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        for url, status, ctype, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-01-21T10:00:00Z"},
            )
            writer.write_record(record)


def test_warc_responses_become_pages_with_url_and_capture_date(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _write_warc(
        path,
        [
            ("https://news.example/a", "200 OK", "text/html; charset=utf-8", PAGE.encode()),
            ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG"),
            ("https://news.example/gone", "404 Not Found", "text/html", b"<p>gone</p>"),
            (
                "https://news.example/b",
                "200 OK",
                "text/html; charset=koi8-r",
                "<html><body><p>Привет, мир</p></body></html>".encode("koi8-r"),
            ),
        ],
    )
    pages = _pages(path)
    assert [p.url for p in pages] == ["https://news.example/a", "https://news.example/b"]
    assert pages[0].fetched_at == datetime.fromisoformat("2024-01-21T10:00:00+00:00")
    assert "Привет, мир" in pages[1].content
    assert pages[1].origin.endswith("crawl.warc.gz#record-4")


def test_a_file_that_is_not_a_warc_is_reported(tmp_path):
    (tmp_path / "fake.warc").write_text("this is not an archive\n")
    results = _pages(tmp_path / "fake.warc")
    assert len(results) == 1 and isinstance(results[0], PageError)
    assert "WARC" in results[0].reason


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_a_warc_cut_short_keeps_its_whole_pages_and_says_where_it_ends(tmp_path, name):
    whole = tmp_path / f"whole-{name}"
    body = PAGE.encode()
    _write_warc(
        whole,
        [(f"https://news.example/{n}", "200 OK", "text/html", body * (n + 1)) for n in range(4)],
    )
    data = whole.read_bytes()
    (tmp_path / name).write_bytes(data[: len(data) * 2 // 3])
    results = _pages(tmp_path / name)
    pages = [r for r in results if isinstance(r, RawPage)]
    assert pages and all(p.content.count("</html>") == int(p.url[-1]) + 1 for p in pages)
    (error,) = [r for r in results if isinstance(r, PageError)]
    assert error.reason in (
        f"the archive is cut short inside record {len(pages) + 1}",
        f"the archive is cut short after record {len(pages)}",  # a gzip member cut in two
    )


def test_a_warc_target_that_is_no_web_address_leaves_the_page_without_a_url(tmp_path):
    path = tmp_path / "odd.warc"
    _write_warc(path, [("http://[::1/x", "200 OK", "text/html", PAGE.encode())])
    (page,) = _pages(path)
    assert isinstance(page, RawPage) and page.url is None


def test_a_whole_warc_without_html_pages_is_no_error(tmp_path):
    path = tmp_path / "images.warc"
    _write_warc(path, [("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG")])
    assert _pages(path) == []
