"""Opaque cursors for pagination: a position encoded so clients cannot depend on its shape."""

from __future__ import annotations

import base64
import binascii
import json

from ninja.errors import HttpError


def encode(position: dict) -> str:
    raw = json.dumps(position, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str | None) -> dict | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise HttpError(400, "invalid cursor") from exc
    if not isinstance(value, dict):
        raise HttpError(400, "invalid cursor")
    return value
