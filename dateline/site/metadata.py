"""What an article page tells machines: JSON-LD `NewsArticle`, Open Graph and Twitter cards.

Built from the page's own data dict, so it cannot disagree with what readers see.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

# Inside <script>, only "</" (and HTML comment openers) can end or confuse the element; JSON
# allows these escapes, so the data parses back unchanged.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld(data: dict, absolute: Callable[[str], str]) -> dict:
    """schema.org NewsArticle for the article page's data."""
    article, provenance = data["article"], data["provenance"]
    page_url = absolute(article["url"])
    published = article["claimed_date"] or article["first_seen_at"]
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article["title"][:110],
        "datePublished": published,
        "dateModified": article["updated_date"] or published,
        "mainEntityOfPage": {"@type": "WebPage", "@id": page_url},
        "url": page_url,
        "publisher": {
            "@type": "Organization",
            "name": article["publisher"]["name"],
            "url": absolute(article["publisher"]["url"]),
        },
    }
    if article["authors"]:
        ld["author"] = [{"@type": "Person", "name": name} for name in article["authors"]]
    if article["image"]:
        ld["image"] = [article["image"]]
    if article["description"]:
        ld["description"] = article["description"]
    if article["language"]:
        ld["inLanguage"] = article["language"]
    if article["dateline_place"]:
        ld["locationCreated"] = {"@type": "Place", "name": article["dateline_place"]}
    if provenance["is_copy"] and provenance["original"]:
        ld["isBasedOn"] = article["canonical_url"] or absolute(provenance["original"]["url"])
    elif article["original_url"]:
        ld["isBasedOn"] = article["original_url"]
    return ld


def script_json(value: dict) -> SafeString:
    """JSON safe to place inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # escaped just above


def social_meta(data: dict, absolute: Callable[[str], str]) -> list[tuple[str, str, str]]:
    """(attribute, name, content) of the Open Graph and Twitter card <meta> tags."""
    article = data["article"]
    description = article["description"] or ""
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:title", article["title"]),
        ("property", "og:url", absolute(article["url"])),
        ("property", "og:site_name", "Dateline"),
        ("property", "article:published_time", article["claimed_date"] or article["first_seen_at"]),
        ("name", "twitter:card", "summary_large_image" if article["image"] else "summary"),
        ("name", "twitter:title", article["title"]),
    ]
    if description:
        tags += [
            ("property", "og:description", description),
            ("name", "description", description),
            ("name", "twitter:description", description),
        ]
    if article["image"]:
        tags += [
            ("property", "og:image", article["image"]),
            ("name", "twitter:image", article["image"]),
        ]
    if article["updated_date"]:
        tags.append(("property", "article:modified_time", article["updated_date"]))
    if article["language"]:
        tags.append(("property", "og:locale", article["language"].replace("-", "_")))
    tags += [("property", "article:author", name) for name in article["authors"]]
    return tags
