"""Persistence: the only place that knows the database. Pipeline stages never import this."""

from __future__ import annotations

from django.db import models
from django.urls import reverse


class Publisher(models.Model):
    """Whoever put the page online: named by the page's site name, else by its host."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    domain = models.CharField(max_length=253, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("site:publisher", args=[self.slug])


class Source(models.Model):
    """A feed we poll. Its health is kept here so the status page can show it."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_ok_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    articles_added = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.title or self.url


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

    class Meta:
        ordering = ["-first_seen_at"]
        indexes = [models.Index(fields=["publisher", "-first_seen_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("site:article", args=[self.key, self.slug or "-"])

    @property
    def shown_date(self):
        return self.claimed_date or self.first_seen_at


class TermStat(models.Model):
    """How many articles contain a term: the document frequencies behind TF-IDF similarity."""

    term = models.CharField(max_length=64, primary_key=True)
    df = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term}: {self.df}"


class Read(models.Model):
    """A visitor opened an article. One row per visitor and article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="read_events")
    visitor = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "visitor"], name="one_read_per_visitor")
        ]

    def __str__(self) -> str:
        return f"read of {self.article_id} by {self.visitor}"


class Reaction(models.Model):
    """A visitor said the article was good. One per visitor and article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="reaction_events")
    visitor = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "visitor"], name="one_reaction_per_visitor")
        ]

    def __str__(self) -> str:
        return f"reaction to {self.article_id} by {self.visitor}"


class TraceKey(models.Model):
    """Near-duplicate index: articles sharing enough keys are checked as possible copies."""

    key = models.BigIntegerField(db_index=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.key} → {self.article_id}"


class CopyLink(models.Model):
    """`copy` reproduces text first seen in `source`: in full ("copy") or in part ("partial")."""

    copy = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="copied_from")
    source = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="copied_by")
    kind = models.CharField(max_length=10, choices=[("copy", "copy"), ("partial", "partial copy")])
    containment = models.FloatField(help_text="Share of the copy's text found in the source.")
    coverage = models.FloatField(help_text="Share of the source's text found in the copy.")
    evidence = models.TextField()
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["copy", "source"], name="one_link_per_pair")]

    def __str__(self) -> str:
        return f"{self.copy_id} {self.kind} of {self.source_id}"
