"""A reader's library: two subscribed feeds in folders, one feed they do not read, articles
stored through the real ingest path and linked to the feeds they came through."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from dateline.store import reader
from dateline.store.models import Article, FeedItem, ReaderSubscription, Source
from tests.site.builders import news_page, store

PASSWORD = "tide-table-4-harbour"

TOPICS = [
    ("ferry", "Harbour Times", "harbour", "the new electric ferry", "passengers"),
    ("dredging", "Harbour Times", "harbour", "the dredging of the inner basin", "fishing boats"),
    ("museum", "Harbour Times", "harbour", "the lighthouse museum", "volunteers"),
    ("market", "Harbour Times", "harbour", "the covered fish market", "stallholders"),
    ("lanes", "Town Crier", "crier", "the protected cycle lanes", "cyclists"),
    ("library", "Town Crier", "crier", "the branch library", "readers"),
    ("quarry", "Valley Post", "valley", "the old quarry", "walkers"),
]


def paragraphs(subject: str, people: str, n: int) -> list[str]:
    return [
        f"Officials said on day {n} that work on {subject} would continue through the winter, "
        f"and that {people} should expect short closures announced a week in advance.",
        f"A report published alongside the announcement counted the cost of {subject} at "
        f"{n + 3} million, slightly above the estimate given when the plan was first approved.",
        f"Residents who spoke at the meeting welcomed {subject} but asked for more benches, "
        f"better lighting and a clear timetable so that {people} can plan their journeys.",
        f"The council will publish figures every quarter on how {subject} is used by {people}, "
        f"and a public meeting about the next phase is planned for the spring.",
    ]


@dataclass
class Library:
    user: object
    login: str
    password: str
    feeds: dict[str, Source]
    articles: dict[str, Article] = field(default_factory=dict)

    def ids(self, *names: str) -> list[int]:
        return [self.articles[n].pk for n in names]


def build_library() -> Library:
    """Seven articles, oldest first: four from the harbour feed (folder News), two from the
    town crier (folder Town), one from a feed the user does not read."""
    user = get_user_model().objects.create_user("mara", "mara@example.org", "site-password")
    reader.set_password(user, PASSWORD)
    feeds = {
        "harbour": Source.objects.create(url="https://harbour.example/rss", title="Harbour Times"),
        "crier": Source.objects.create(url="https://crier.example/feed", title="Town Crier"),
        "valley": Source.objects.create(url="https://valley.example/atom", title="Valley Post"),
    }
    ReaderSubscription.objects.create(user=user, source=feeds["harbour"], folder="News")
    ReaderSubscription.objects.create(user=user, source=feeds["crier"], folder="Town")
    library = Library(user, "mara", PASSWORD, feeds)
    start = timezone.now() - timedelta(days=7)
    for n, (name, site, feed, subject, people) in enumerate(TOPICS):
        url = f"https://{feed}.example/{name}"
        page = news_page(f"News about {subject}", paragraphs(subject, people, n), site, url)
        article = store(page, start + timedelta(hours=n))
        FeedItem.objects.create(
            source=feeds[feed],
            guid=url,
            link=url,
            title=article.title,
            entry_hash="0" * 64,
            article=article,
        )
        library.articles[name] = article
    return library
