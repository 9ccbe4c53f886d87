import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from dateline.gather.opml import OpmlError, OpmlFeed, read_opml, write_opml
from dateline.gather.sourcelist import read_sources

EXPORT = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>My feeds</title></head><body>
  <outline text="World" title="World">
    <outline text="Europe">
      <outline type="rss" text="Le Monde" xmlUrl="https://lemonde.example/rss"
               htmlUrl="https://lemonde.example/" category="/Politics,/France/Paris"/>
    </outline>
  </outline>
  <outline type="rss" title="Tech" text="ignored" xmlUrl="https://tech.example/feed"/>
  <outline type="rss" text="Dup" xmlUrl="https://tech.example/feed"/>
  <outline text="Empty folder"/>
</body></opml>"""


def test_nested_outlines_become_categories():
    first, second = read_opml(EXPORT)
    assert first == OpmlFeed(
        "https://lemonde.example/rss",
        "Le Monde",
        "https://lemonde.example/",
        ("World", "Europe", "Politics", "France", "Paris"),
    )
    assert second == OpmlFeed("https://tech.example/feed", "Tech")


def test_written_opml_is_valid_2_0_and_reads_back():
    feeds = [
        OpmlFeed("https://a.example/rss?x=1&y=2", "A & <B>", "https://a.example/", ("News",)),
        OpmlFeed("https://b.example/atom", "B", categories=("News", "Local")),
        OpmlFeed("https://c.example/feed.json", "C"),
    ]
    data = write_opml(feeds, title="Exported")
    root = etree.fromstring(data)
    assert root.get("version") == "2.0" and root.findtext("head/title") == "Exported"
    assert root.find("head/dateCreated") is not None
    assert all(o.get("text") for o in root.iter("outline"))  # OPML 2.0: text is required
    assert read_opml(data) == feeds


def test_sourcelist_reads_opml_through_it(tmp_path):
    path = tmp_path / "feeds.opml"
    path.write_bytes(EXPORT)
    assert read_sources(path) == [
        ("https://lemonde.example/rss", "Le Monde"),
        ("https://tech.example/feed", "Tech"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<rss/>", "root element is <rss>"),
        (b"<opml><head/></opml>", "no <body>"),
        (b"<opml><body><outline", "malformed XML"),
        (b'<!DOCTYPE o [<!ENTITY e SYSTEM "file:///etc/passwd">]><opml/>', "DTD"),
    ],
)
def test_bad_opml_is_a_clear_error(data, message):
    with pytest.raises(OpmlError, match=message):
        read_opml(data)


xml_text = st.text(
    # Text XML can carry: no controls, surrogates or the noncharacters U+FFFE/U+FFFF.
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=30,
).filter(str.strip)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.builds(
            OpmlFeed,
            xml_url=st.from_regex(r"https://[a-z]{1,10}\.example/[a-z0-9/]{0,10}", fullmatch=True),
            title=xml_text.map(str.strip),
            html_url=st.just(""),
            categories=st.lists(
                xml_text.map(lambda t: t.replace("/", " ").replace(",", " ").strip()).filter(bool),
                max_size=2,
                unique=True,
            ).map(tuple),
        ),
        max_size=6,
        unique_by=lambda f: f.xml_url,
    )
)
def test_round_trip(feeds):
    assert read_opml(write_opml(feeds)) == feeds


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=1500))
def test_arbitrary_bytes_give_feeds_or_an_opml_error(data):
    with contextlib.suppress(OpmlError):
        assert isinstance(read_opml(data), list)


def test_characters_xml_cannot_carry_are_dropped_from_an_export() -> None:
    feeds = [
        OpmlFeed(
            xml_url="https://a.example/feed", title="Bad\ufffe\x01 title", categories=("N\x0bews",)
        )
    ]
    (back,) = read_opml(write_opml(feeds))
    assert (back.xml_url, back.title, back.categories) == (
        "https://a.example/feed",
        "Bad title",
        ("News",),
    )
