"""Parsing XML from strangers: no DTDs, no entities, no network, bounded size.

Sitemaps and OPML files never need a DTD, so any document carrying one (the vehicle of XXE
and "billion laughs" attacks) is refused before lxml sees it; the parser is also configured
to resolve nothing, as a second wall.
"""

from __future__ import annotations

import re

from lxml import etree

_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class UnsafeXMLError(ValueError):
    """The document is not well-formed XML, or carries a DTD / entity declarations."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes) -> etree._Element:
    """The root element; UnsafeXMLError with the reason for anything we will not read."""
    if _DTD.search(data):
        raise UnsafeXMLError("refused: the XML declares a DTD or entities")
    if not data.strip():
        raise UnsafeXMLError("empty document")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise UnsafeXMLError(f"malformed XML: {exc}") from exc
    if root is None:
        raise UnsafeXMLError("empty document")
    return root


def local_name(element: etree._Element) -> str:
    """The tag without its namespace ("{http://...}loc" -> "loc"); "" for comments etc."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def child_text(element: etree._Element, name: str) -> str | None:
    for child in element:
        if local_name(child) == name:
            return (child.text or "").strip()
    return None
