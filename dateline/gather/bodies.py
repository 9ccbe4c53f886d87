"""Reading a response body: decompressed as it streams, under one size cap, never binary.

The cap applies to the *decoded* bytes, and each decompression step is told how much it may
produce, so a gzip or brotli bomb is stopped after at most `max_bytes` of output, not after it
has filled memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

try:  # brotli is optional: without it we do not advertise "br".
    import brotli
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

ACCEPT_ENCODING = "gzip, deflate, br" if brotli else "gzip, deflate"

# Content types that are never a page, a feed or a sitemap.
_BINARY_TYPES = ("image/", "audio/", "video/", "font/", "model/")
_BINARY_SUBTYPES = (
    "application/pdf",
    "application/zip",
    "application/msword",
    "application/vnd.",
    "application/x-shockwave-flash",
    "application/wasm",
)
# Magic numbers of common binary formats (gzip is absent on purpose: .xml.gz sitemaps).
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive",
    b"RIFF": "a RIFF (WebP/WAV/AVI) file",
    b"\x00\x00\x00": "a binary (MP4/ISO media) file",
    b"OggS": "an Ogg media file",
    b"ID3": "an MP3 file",
}


class BodyError(Exception):
    """The body is too large, corrupt, or not text."""


class TooLarge(BodyError):
    pass


def binary_content_type(content_type: str) -> str | None:
    """The media type when it announces a binary format, else None."""
    media = content_type.split(";")[0].strip().lower()
    if media.startswith(_BINARY_TYPES) or media.startswith(_BINARY_SUBTYPES):
        return media
    return None


def sniff_binary(head: bytes) -> str | None:
    """What binary format the first bytes show, or None when they can be text."""
    for magic, name in _MAGIC.items():
        if head.startswith(magic):
            return name
    if head.startswith(b"\x1f\x8b"):
        return None  # a gzip file (sitemap.xml.gz): the caller decides
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text
    if b"\x00" in head[:1024]:
        return "binary data (NUL bytes)"
    return None


class _Identity:
    def feed(self, data: bytes, limit: int) -> bytes:
        return data

    def finish(self) -> None:
        pass


class _Zlib:
    """gzip or deflate; deflate also in its raw form, which some servers send instead."""

    def __init__(self, encoding: str) -> None:
        self._encoding = encoding
        self._wbits = 16 + zlib.MAX_WBITS if encoding == "gzip" else zlib.MAX_WBITS
        self._decoder = zlib.decompressobj(self._wbits)
        self._started = False

    def feed(self, data: bytes, limit: int) -> bytes:
        try:
            out = self._decoder.decompress(data, limit)
        except zlib.error:
            if self._encoding != "deflate" or self._started:
                raise BodyError(f"corrupt {self._encoding} body") from None
            self._decoder = zlib.decompressobj(-zlib.MAX_WBITS)
            return self.feed(data, limit)
        self._started = True
        if self._decoder.unconsumed_tail:
            raise TooLarge  # more output is waiting than the cap allows
        return out

    def finish(self) -> None:
        pass


class _Brotli:
    def __init__(self) -> None:
        self._decoder = brotli.Decompressor()

    def feed(self, data: bytes, limit: int) -> bytes:
        try:
            out = self._decoder.process(data, output_buffer_limit=limit)
        except brotli.error:
            raise BodyError("corrupt br body") from None
        if not self._decoder.can_accept_more_data():
            raise TooLarge
        return out

    def finish(self) -> None:
        pass


def decoder_for(content_encoding: str):
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        return _Identity()
    if encoding in ("gzip", "x-gzip", "deflate"):
        return _Zlib("gzip" if encoding == "x-gzip" else encoding)
    if encoding == "br" and brotli is not None:
        return _Brotli()
    raise BodyError(f"unsupported Content-Encoding {content_encoding!r}")


def read_body(raw_chunks: Iterable[bytes], content_encoding: str, max_bytes: int) -> bytes:
    """Decode the raw (wire) chunks; TooLarge as soon as the decoded size passes `max_bytes`."""
    decoder = decoder_for(content_encoding)
    parts: list[bytes] = []
    size = 0
    for chunk in raw_chunks:
        out = decoder.feed(chunk, max_bytes - size + 1)
        size += len(out)
        if size > max_bytes:
            raise TooLarge
        parts.append(out)
    decoder.finish()
    return b"".join(parts)
