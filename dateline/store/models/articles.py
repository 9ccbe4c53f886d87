"""Articles and the term statistics behind similarity."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from dateline.store.models.publishers import Publisher


class Article(models.Model):
    """One clean article with the claims its page made and what we observed ourselves."""

    key = models.CharField(max_length=16, unique=True, help_text="Stable id: publisher + body.")
    fingerprint = models.CharField(
        max_length=64, db_index=True, help_text="SHA-256 of the normalised body."
    )
    publisher = models.ForeignKey(Publisher, on_delete=models.PROTECT, related_name="articles")
    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=120, allow_unicode=True)
    url = models.URLField(max_length=2000, blank=True, help_text="Where the page was found.")
    canonical_url = models.URLField(max_length=2000, blank=True, db_index=True)
    origin = models.CharField(max_length=1000, blank=True, help_text="File or feed it came from.")
    site_name = models.CharField(max_length=200, blank=True)
    authors = models.JSONField(default=list, blank=True)
    section = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    image = models.URLField(max_length=2000, blank=True)
    language = models.CharField(max_length=12, blank=True)
    claimed_date = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_date = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField(db_index=True)
    dateline_place = models.CharField(max_length=200, blank=True)
    credit = models.CharField(max_length=100, blank=True)
    body_text = models.TextField()
    body_html = models.TextField(help_text="Sanitised HTML rendered from the paragraphs.")
    terms = models.JSONField(default=dict, help_text="Term counts used for similarity.")
    reads = models.PositiveIntegerField(default=0)
    reactions = models.PositiveIntegerField(default=0)
    heat = models.FloatField(
        null=True,
        blank=True,
        db_index=True,
        help_text="log2 of decayed engagement, see serve.ranking.",
    )
    # Provenance, filled by the trace stage (see store.tracing).
    original = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reprints",
        help_text="The earliest credible version of this text, when this article is a copy.",
    )
    provenance = models.TextField(blank=True, help_text="Why we think so, in one sentence.")
    date_evidence = models.JSONField(default=list, blank=True)
    date_flags = models.JSONField(default=list, blank=True)
    related_at = models.DateTimeField(
        null=True, blank=True, help_text="When its Related links were last worked out."
    )

    class Meta:
        ordering = ["-first_seen_at"]
        indexes = [
            models.Index(fields=["publisher", "-first_seen_at"]),
            # The articles whose Related list is still to be worked out (store.related_links).
            models.Index(
                fields=["id"], condition=models.Q(related_at__isnull=True), name="article_unlinked"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("site:article", args=[self.key, self.slug or "-"])

    @property
    def shown_date(self):
        return self.claimed_date or self.first_seen_at


class RelatedLink(models.Model):
    """`other` is among the articles most similar to `article` (see store.related_links)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    other = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(help_text="TF-IDF cosine similarity of the two texts.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "other"], name="one_related_link_per_pair")
        ]
        indexes = [models.Index(fields=["article", "-score"])]

    def __str__(self) -> str:
        return f"{self.article_id} ~ {self.other_id} ({self.score:.2f})"


class TermStat(models.Model):
    """How many articles contain a term: the document frequencies behind TF-IDF similarity."""

    term = models.CharField(max_length=64, primary_key=True)
    df = models.PositiveIntegerField(default=0)
    seen = models.IntegerField(
        default=0, help_text="Day (since 1970-01-01) an article last counted the term."
    )

    def __str__(self) -> str:
        return f"{self.term}: {self.df}"
