"""Every HTML fragment we store passes through here."""

from __future__ import annotations

import html

import nh3

_ALLOWED_TAGS = {"p", "a", "em", "strong", "blockquote", "ul", "ol", "li", "h2", "h3", "br", "mark"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitize_html(fragment: str) -> str:
    """Keep a small set of text tags; scripts, styles, handlers and foreign URLs schemes go."""
    return nh3.clean(
        fragment,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def paragraphs_to_html(paragraphs: list[str]) -> str:
    """Plain-text paragraphs as safe HTML: escaped first, sanitised anyway (defence in depth)."""
    return sanitize_html("".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs))
