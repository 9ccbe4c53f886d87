"""Bytes to text: pages arrive in many encodings and sometimes are not text at all.

Order: BOM, strict UTF-8, then the declared charsets (HTTP header, then `<meta>`), then
Windows-1252 (the web's default for undeclared legacy pages), then detection. A declared
charset is believed only if the text it gives reads plausibly: a KOI8-R page that says it is
Windows-1252 decodes without error into gibberish, and charset_normalizer's mess ratio is what
tells the two apart.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)
# WHATWG: these labels mean windows-1252 on the web (the C1 range is printable there).
_WEB_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}
_PLAUSIBLE = 0.15  # mess ratio above which a decoding is taken to be the wrong charset


class NotTextError(ValueError):
    """The bytes are binary (an image, an archive...), not a page."""


def decode_page(data: bytes, declared: str | None = None) -> str:
    """Decode a page: BOM / UTF-8 first, then plausible declared charsets, then detection."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotTextError("binary content (NUL bytes), not a text or HTML page")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16")):
        if data.startswith(bom) or (codec == "utf-16" and data.startswith(codecs.BOM_UTF16_BE)):
            return data.decode(codec, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass  # not UTF-8: the declared charset, then detection, decide
    tried: set[str] = set()
    for label in (declared, _meta_charset(head), "cp1252"):
        codec = _codec(label)
        if not codec or codec in tried:
            continue
        tried.add(codec)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if mess_ratio(text[:20000], _PLAUSIBLE) < _PLAUSIBLE:
            return text
    best = from_bytes(data).best()
    if best is None:
        raise NotTextError("could not determine the text encoding")
    return str(best)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except (LookupError, ValueError):
        return None
    return _WEB_ALIASES.get(name, name)


def _meta_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii", errors="ignore") if match else None
