"""Feeds out: RSS 2.0 and Atom through Django's syndication framework, JSON Feed 1.1 by hand.

Every feed is a `Channel` (title, links, entries from `store.reading.feed_entries`): the
front page's originals, one publisher's articles, or a saved search. Items link to our
article page, carry the original publisher's address, the sanitised body, the authors and the
shown date (claimed, else first seen), and a guid built from the article key, which is the
same on every installation and never changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from dateline.site.forms import search_form
from dateline.store import reading, story_reading
from dateline.store.models import Article, Publisher, Story
from dateline.understand.sanitize import sanitize_html

FEED_SIZE = 30
# What XML 1.0 cannot carry. Extraction drops control characters now; an article stored
# before that must not make every feed that lists it answer 500.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
FORMATS = {"xml": "rss", "atom": "atom", "json": "json"}


@dataclass(frozen=True)
class Channel:
    title: str
    page: str  # the HTML page this feed follows
    description: str
    entries: list[dict]
    path: str  # this feed's address without the format suffix, e.g. "/feed"
    query: str = ""  # the saved search's parameters, kept in the feed's own links


def home_channel(request: HttpRequest) -> Channel:
    articles = reading.latest_originals().select_related("original")[:FEED_SIZE]
    return Channel(
        "Dateline: latest",
        "/",
        "Original reports, newest first.",
        reading.feed_entries(articles),
        "/feed",
    )


def publisher_channel(request: HttpRequest, slug: str) -> Channel:
    publisher = get_object_or_404(Publisher, slug=slug)
    articles = (
        Article.objects.filter(publisher=publisher)
        .select_related("publisher", "original")
        .order_by("-first_seen_at", "-id")[:FEED_SIZE]
    )
    return Channel(
        f"Dateline: {publisher.name}",
        publisher.get_absolute_url(),
        f"Articles by {publisher.name}, newest first.",
        reading.feed_entries(articles),
        publisher.get_absolute_url() + "/feed",
    )


def search_channel(request: HttpRequest) -> Channel:
    form = search_form(request.GET)
    query = form.query()
    if not query.strip():
        raise Http404("a search feed needs words: ?q=...")
    hits = reading.search_results(query, form.filters(), limit=FEED_SIZE)
    ids = [hit["key"] for hit in hits]
    by_key = {
        a.key: a
        for a in Article.objects.filter(key__in=ids).select_related("publisher", "original")
    }
    params = urlencode({k: v for k, v in request.GET.items() if k != "format" and v})
    return Channel(
        f"Dateline: search for “{query}”",
        f"{reverse('site:search')}?{params}",
        "A saved search: articles matching every word, best first.",
        reading.feed_entries(by_key[k] for k in ids if k in by_key),
        "/search/feed",
        params,
    )


def story_channel(request: HttpRequest, pk: int) -> Channel:
    story = story_reading.live_story(get_object_or_404(Story, pk=pk))
    url = story.get_absolute_url()
    return Channel(
        f"Dateline story: {story.title}",
        url,
        story_reading.coverage_reason(story),
        reading.feed_entries(story_reading.story_feed_articles(story)),
        url + "/feed",
    )


CHANNELS = {
    "home": home_channel,
    "publisher": publisher_channel,
    "search": search_channel,
    "story": story_channel,
}


def guid(entry: dict) -> str:
    return f"urn:dateline:article:{entry['key']}"


def content_html(entry: dict) -> str:
    """The body, sanitised again on the way out, and where the text originally lives."""
    body = sanitize_html(entry["body_html"])
    if entry["original_url"]:
        link = sanitize_html(f'<p><a href="{entry["original_url"]}">Original</a></p>')
        body += link
    return body


class _AtomWithOriginal(Atom1Feed):
    """Atom, with the original publisher's page as each entry's `rel="via"` link."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        if item.get("original_url"):
            handler.addQuickElement("link", "", {"rel": "via", "href": item["original_url"]})


class ArticleRss(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, channel: str = "home", **kwargs) -> Channel:
        return CHANNELS[channel](request, **kwargs)

    def title(self, obj: Channel) -> str:
        return obj.title

    def link(self, obj: Channel) -> str:
        return obj.page

    def description(self, obj: Channel) -> str:
        return obj.description

    def feed_url(self, obj: Channel) -> str:
        suffix = ".atom" if issubclass(self.feed_type, Atom1Feed) else ".xml"
        return obj.path + suffix + (f"?{obj.query}" if obj.query else "")

    def items(self, obj: Channel) -> list[dict]:
        return [_xml_safe(entry) for entry in obj.entries]

    def item_title(self, item: dict) -> str:
        return item["title"]

    def item_link(self, item: dict) -> str:
        return item["url"]

    def item_description(self, item: dict) -> str:
        return content_html(item)

    def item_guid(self, item: dict) -> str:
        return guid(item)

    item_guid_is_permalink = False

    def item_author_name(self, item: dict) -> str | None:
        return ", ".join(item["authors"]) or None

    def item_pubdate(self, item: dict):
        return parse_datetime(item["date"]) if item["date"] else None

    def item_updateddate(self, item: dict):
        return parse_datetime(item["updated"]) if item["updated"] else None

    def item_categories(self, item: dict) -> list[str]:
        return [item["publisher"]["name"]]

    def item_extra_kwargs(self, item: dict) -> dict:
        # The publisher's own address travels as the item's "source" (RSS) / related link.
        return {"original_url": item["original_url"]}


class ArticleAtom(ArticleRss):
    """Atom: the full body as <content>, the page's own description (if any) as <summary>."""

    feed_type = _AtomWithOriginal
    subtitle = ArticleRss.description

    def item_description(self, item: dict) -> str | None:
        # The page's description is plain text; Atom's summary is typed "html", so it goes
        # escaped: "<img onerror=…>" in a description is words to show, not markup to run.
        return escape(item["description"]) if item["description"] else None

    def item_extra_kwargs(self, item: dict) -> dict:
        return {**super().item_extra_kwargs(item), "content_html": content_html(item)}


def _xml_safe(value):
    """`value` (an entry: strings in dicts and lists) without what XML 1.0 cannot carry."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, dict):
        return {key: _xml_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_xml_safe(item) for item in value]
    return value


def json_feed(request: HttpRequest, channel: str = "home", **kwargs) -> JsonResponse:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the same channel."""
    obj = CHANNELS[channel](request, **kwargs)
    absolute = request.build_absolute_uri
    query = f"?{obj.query}" if obj.query else ""
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": obj.title,
        "home_page_url": absolute(obj.page),
        "feed_url": absolute(obj.path + ".json" + query),
        "description": obj.description,
        "items": [
            {
                "id": guid(item),
                "url": absolute(item["url"]),
                **({"external_url": item["original_url"]} if item["original_url"] else {}),
                "title": item["title"],
                "content_html": content_html(item),
                **({"summary": item["description"]} if item["description"] else {}),
                "date_published": item["date"],
                "date_modified": item["updated"],
                "authors": [{"name": name} for name in item["authors"]],
                **({"language": item["language"]} if item["language"] else {}),
                "tags": [item["publisher"]["name"]],
            }
            for item in obj.entries
        ],
    }
    return JsonResponse(
        feed, content_type="application/feed+json", json_dumps_params={"ensure_ascii": False}
    )
