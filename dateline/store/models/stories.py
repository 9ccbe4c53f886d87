"""Stories: coverage of one event across outlets, built online by the group stage."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from dateline.store.models.articles import Article


class Story(models.Model):
    """One event's coverage. Its id never changes meaning: a merge retires it, pointing onward."""

    title = models.CharField(max_length=500, help_text="From the most central original report.")
    lead = models.TextField(blank=True)
    headline_article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.JSONField(default=dict, help_text="The clusterer's StoryState, as JSON.")
    first_seen_at = models.DateTimeField(db_index=True)
    last_seen_at = models.DateTimeField(db_index=True)
    size = models.PositiveIntegerField(default=0)
    independent_reports = models.PositiveIntegerField(default=0)
    reprints = models.PositiveIntegerField(default=0)
    publishers = models.PositiveIntegerField(default=0)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    # Lets every process see stories that other processes (workers, an import) just changed.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-last_seen_at"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("site:story", args=[self.pk])


class StoryMember(models.Model):
    """An article's place in a story, with why it joined (shown to readers)."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="story_member")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="members")
    joined_at = models.DateTimeField()
    score = models.FloatField(default=0.0)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["story", "joined_at"])]

    def __str__(self) -> str:
        return f"{self.article_id} in story {self.story_id}"


class StoryEvent(models.Model):
    """What happened to a story after it was made (merged, split), so links stay honest."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20)
    other = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    detail = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"story {self.story_id} {self.kind}"


class Entity(models.Model):
    """A person, place or organisation named in articles: what topic pages are about."""

    kind = models.CharField(max_length=12)  # person | place | org
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True, allow_unicode=True)

    def __str__(self) -> str:
        return self.name


class Mention(models.Model):
    """An article names an entity `count` times."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="mentions")
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "entity"], name="one_mention_row")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} names {self.entity_id}"
