"""Publishers: whoever put a page online."""

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
