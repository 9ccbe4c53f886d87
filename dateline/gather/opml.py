"""OPML, the feed readers' exchange format: read any reader's export, write valid OPML 2.0.

Reading walks nested outlines: an outline with `xmlUrl` is a feed; the outlines around it
(folders) and its own `category` attribute (comma-separated, "/"-separated paths) become its
categories. Parsed through `safexml`: no DTDs or entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from lxml import etree

from dateline.gather.safexml import UnsafeXMLError, local_name, parse_xml

# Characters XML 1.0 cannot carry at all (controls, surrogates, U+FFFE/U+FFFF): a feed title
# scraped from the web may hold them, and an export must still be a valid document.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


class OpmlError(ValueError):
    """Not an OPML document we can read."""


@dataclass(frozen=True)
class OpmlFeed:
    xml_url: str
    title: str = ""
    html_url: str = ""
    categories: tuple[str, ...] = ()


def read_opml(data: bytes | str) -> list[OpmlFeed]:
    """Every feed in the document, in document order, each URL once."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        root = parse_xml(data)
    except UnsafeXMLError as exc:
        raise OpmlError(f"not a readable OPML file: {exc}") from exc
    if local_name(root) != "opml":
        raise OpmlError(f"not OPML: the root element is <{local_name(root) or '?'}>")
    body = next((child for child in root if local_name(child) == "body"), None)
    if body is None:
        raise OpmlError("not OPML: no <body>")
    feeds: dict[str, OpmlFeed] = {}
    _walk(body, (), feeds)
    return list(feeds.values())


def _walk(node, folders: tuple[str, ...], feeds: dict[str, OpmlFeed]) -> None:
    for outline in node:
        if local_name(outline) != "outline":
            continue
        label = (outline.get("title") or outline.get("text") or "").strip()
        xml_url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if xml_url:
            own = _categories(outline.get("category") or "")
            categories = tuple(dict.fromkeys(folders + own))
            html_url = (outline.get("htmlUrl") or outline.get("htmlurl") or "").strip()
            feeds.setdefault(xml_url, OpmlFeed(xml_url, label, html_url, categories))
        _walk(outline, folders + ((label,) if label and not xml_url else ()), feeds)


def _categories(attribute: str) -> tuple[str, ...]:
    # OPML 2.0: "/Boston/Weather,/Harvard" - comma-separated, each a slash-separated path.
    found = []
    for path in attribute.split(","):
        found.extend(part.strip() for part in path.split("/") if part.strip())
    return tuple(found)


def write_opml(feeds: Iterable[OpmlFeed], title: str = "Dateline feeds") -> bytes:
    """OPML 2.0: feeds grouped in one folder per first category, the rest at the top."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = etree.SubElement(root, "body")
    folders: dict[str, etree._Element] = {}
    for feed in feeds:
        parent = body
        categories = [_xml_safe(c) for c in feed.categories]
        if categories:
            name = categories[0]
            if name not in folders:
                folders[name] = etree.SubElement(body, "outline", text=name, title=name)
            parent = folders[name]
        title = _xml_safe(feed.title)
        attributes = {"type": "rss", "text": title or feed.xml_url, "xmlUrl": feed.xml_url}
        if title:
            attributes["title"] = title
        if feed.html_url:
            attributes["htmlUrl"] = feed.html_url
        if categories:
            attributes["category"] = ",".join("/" + c.replace(",", " ") for c in categories)
        etree.SubElement(parent, "outline", {k: _xml_safe(v) for k, v in attributes.items()})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
