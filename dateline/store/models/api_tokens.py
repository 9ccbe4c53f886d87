"""API tokens: who may write through the JSON API. Only a hash of each token is kept."""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils import timezone

PREFIX = "dl_"


def digest(token: str) -> str:
    # Tokens are 256 random bits, so a plain SHA-256 is enough: there is nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def create_token(self, name: str) -> tuple[ApiToken, str]:
        """A new token and its secret, which is shown once and never stored."""
        secret = PREFIX + secrets.token_urlsafe(32)
        token = self.create(name=name, digest=digest(secret), hint=secret[: len(PREFIX) + 4])
        return token, secret

    def verify(self, secret: str) -> ApiToken | None:
        """The active token with this secret, marked as used; None when there is none."""
        if not secret.startswith(PREFIX):
            return None
        token = self.filter(digest=digest(secret), revoked_at__isnull=True).first()
        if token is not None:
            self.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token


class ApiToken(models.Model):
    """A named credential for API writes (reactions, sources). Revoked tokens stay for the log."""

    name = models.CharField(max_length=100, help_text="Who or what uses it.")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token.")
    hint = models.CharField(max_length=16, help_text="The token's first characters, to tell apart.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"
