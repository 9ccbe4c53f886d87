"""Reader apps: who may sync through the Google Reader and Fever APIs, what they follow, read, star.

An account's reader password is separate from its sign-in password (as FreshRSS and Miniflux do):
apps keep it on the phone, so it must be revocable on its own. Only hashes of it are stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dateline.store.models.articles import Article
from dateline.store.models.sources import Source


class ReaderAccount(models.Model):
    """A user's reader-app credentials: the password ClientLogin checks, as a Django hash."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader_account"
    )
    password_hash = models.CharField(max_length=256)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"reader account of {self.user}"


class ReaderKey(models.Model):
    """A credential an app sends on every request, kept as a SHA-256 digest.

    `token`: the `Auth=` token ClientLogin hands out (one per signed-in app, so a second device
    does not sign the first out). `fever`: the Fever `api_key`, md5("login:password").
    """

    TOKEN = "token"
    FEVER = "fever"
    KINDS = [(TOKEN, "Google Reader auth token"), (FEVER, "Fever api_key")]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader_keys"
    )
    kind = models.CharField(max_length=8, choices=KINDS)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.kind} key of {self.user}"


class ReaderSubscription(models.Model):
    """One user follows one feed in their reader app, under their own title and folder."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader_subscriptions"
    )
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="subscribers")
    title = models.CharField(max_length=300, blank=True, help_text="Empty: the feed's own title.")
    folder = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "folder", "title"]
        constraints = [
            models.UniqueConstraint(fields=["user", "source"], name="one_subscription_per_feed")
        ]

    def __str__(self) -> str:
        return f"{self.user} reads {self.source_id}"


class ReaderItemState(models.Model):
    """What one user did with one article in their apps. No row: unread and not starred."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader_states"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="reader_states")
    read = models.BooleanField(default=False)
    starred = models.BooleanField(default=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="one_state_per_article")
        ]
        indexes = [
            models.Index(fields=["user", "read"]),
            models.Index(fields=["user", "starred"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.article_id}: read={self.read} starred={self.starred}"
