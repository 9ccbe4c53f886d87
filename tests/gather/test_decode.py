import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.gather.decode import NotTextError, decode_page
from tests.gather.site_content import FRENCH, RUSSIAN


@pytest.mark.parametrize(
    ("text", "actual", "declared"),
    [
        (FRENCH, "cp1252", "utf-8"),  # the most common lie on the web
        (FRENCH, "cp1252", None),
        (FRENCH, "cp1252", "iso-8859-1"),  # means windows-1252 on the web (WHATWG)
        (RUSSIAN, "koi8-r", "windows-1252"),  # decodes without error, into gibberish
        (RUSSIAN, "koi8-r", "utf-8"),
        (RUSSIAN, "cp1251", "koi8-r"),
        (RUSSIAN, "utf-8", "windows-1252"),  # valid UTF-8 wins over any label
        (FRENCH, "utf-8", "no-such-charset"),
    ],
)
def test_wrong_declared_charsets_still_decode_right(text, actual, declared):
    assert decode_page(text.encode(actual), declared) == text


def test_a_meta_charset_is_used_when_the_header_says_nothing():
    page = '<html><head><meta charset="koi8-r"></head><body>' + RUSSIAN + "</body></html>"
    assert decode_page(page.encode("koi8-r")) == page


def test_boms_decide():
    assert decode_page("\ufeffÉté".encode()) == "Été"
    assert decode_page("Été en été".encode("utf-16")) == "Été en été"


def test_binary_is_refused():
    with pytest.raises(NotTextError, match="binary"):
        decode_page(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([None, "utf-8", "koi8-r", "bogus", "utf-16"]))
def test_any_bytes_decode_or_raise_not_text(data, declared):
    with contextlib.suppress(NotTextError):
        assert isinstance(decode_page(data, declared), str)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_utf8_text_round_trips_whatever_the_label(text):
    data = text.encode("utf-8", "surrogatepass")
    if b"\x00" in data or "\ud800" <= min(text) <= "\udfff":
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    assert decode_page(data, "windows-1252").lstrip("\ufeff") == text.lstrip("\ufeff")
