"""Bytes to text: pages arrive in many encodings and sometimes are not text at all."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)


class NotTextError(ValueError):
    """The bytes are binary (an image, an archive...), not a page."""


def decode_page(data: bytes, declared: str | None = None) -> str:
    """Decode a page: BOM / UTF-8 first, then the declared charset, then detection."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotTextError("binary content (NUL bytes), not a text or HTML page")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass  # not UTF-8: the declared charset, then detection, decide
    for charset in (declared, _meta_charset(head)):
        if charset:
            try:
                return data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                continue
    best = from_bytes(data).best()
    if best is None:
        raise NotTextError("could not determine the text encoding")
    return str(best)


def _meta_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii", errors="ignore") if match else None
