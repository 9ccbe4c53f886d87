"""What a reader follows: publishers and topics (entities), for their own page and picks."""

from __future__ import annotations

from django.db import models

from dateline.store.models.publishers import Publisher
from dateline.store.models.stories import Entity


class Follow(models.Model):
    """One reader follows one publisher or one topic.

    `owner` is the same key reads and reactions use: the anonymous visitor's cookie id, or
    `user:<id>` for a signed-in account (see `store.accounts`), so one row shape serves both and
    signing in only has to rename the owner.
    """

    owner = models.CharField(max_length=64, db_index=True)
    publisher = models.ForeignKey(
        Publisher, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    entity = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(publisher__isnull=False, entity__isnull=True)
                | models.Q(publisher__isnull=True, entity__isnull=False),
                name="follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["owner", "publisher"],
                condition=models.Q(publisher__isnull=False),
                name="one_follow_per_publisher",
            ),
            models.UniqueConstraint(
                fields=["owner", "entity"],
                condition=models.Q(entity__isnull=False),
                name="one_follow_per_entity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner} follows {self.publisher_id or self.entity_id}"
