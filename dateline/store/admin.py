"""The Django admin over the store: read-mostly, for inspecting what was gathered."""

from django.contrib import admin

from dateline.store.models import Article, Publisher, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("url", "title", "active", "last_ok_at", "next_poll_at", "consecutive_failures")
    list_filter = ("active",)
    search_fields = ("url", "title")
    readonly_fields = (
        "etag",
        "last_modified",
        "last_polled_at",
        "last_ok_at",
        "last_error",
        "consecutive_failures",
        "articles_added",
    )


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    list_display = ("name", "domain", "created_at")
    search_fields = ("name", "domain")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "publisher",
        "claimed_date",
        "first_seen_at",
        "credit",
        "reads",
        "reactions",
    )
    list_filter = ("publisher", "credit", "language")
    search_fields = ("title", "key", "url")
    exclude = ("terms", "body_html")
    readonly_fields = ("key", "fingerprint", "first_seen_at", "reads", "reactions", "heat")
