"""The Django admin over the store: inspect what was gathered; pause, resume or poll feeds."""

from django.contrib import admin, messages
from django.utils import timezone

from dateline.store.models import Article, ArticleRevision, FeedItem, Host, Publisher, Source
from dateline.store.source_status import describe_interval


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = (
        "url",
        "title",
        "active",
        "next_poll_at",
        "interval",
        "not_modified_count",
        "consecutive_failures",
        "short_error",
    )
    list_filter = ("active",)
    search_fields = ("url", "title")
    actions = ("pause", "resume", "poll_now")
    readonly_fields = (
        "etag",
        "last_modified",
        "last_polled_at",
        "last_ok_at",
        "last_error",
        "consecutive_failures",
        "articles_added",
        "interval_seconds",
        "items_per_day",
        "last_new_item_at",
        "ttl_seconds",
        "fetch_count",
        "not_modified_count",
        "lease_owner",
        "lease_expires_at",
        "queued_until",
    )

    @admin.display(description="interval", ordering="interval_seconds")
    def interval(self, source: Source) -> str:
        return describe_interval(source.interval_seconds)

    @admin.display(description="last error")
    def short_error(self, source: Source) -> str:
        return source.last_error[:120]

    @admin.action(description="Pause polling")
    def pause(self, request, queryset) -> None:
        self.message_user(request, f"{queryset.update(active=False)} feeds paused.")

    @admin.action(description="Resume polling")
    def resume(self, request, queryset) -> None:
        self.message_user(request, f"{queryset.update(active=True)} feeds resumed.")

    @admin.action(description="Poll now")
    def poll_now(self, request, queryset) -> None:
        # Due at once for the worker; the backoff count is kept, so a failing feed that fails
        # again still backs off.
        count = queryset.update(active=True, next_poll_at=timezone.now(), queued_until=None)
        self.message_user(request, f"{count} feeds will be polled next.", messages.SUCCESS)


@admin.register(Host)
class HostAdmin(admin.ModelAdmin):
    list_display = ("name", "requests", "consecutive_failures", "down_until", "next_request_at")
    search_fields = ("name",)
    readonly_fields = ("requests", "next_request_at", "consecutive_failures", "last_error")


@admin.register(FeedItem)
class FeedItemAdmin(admin.ModelAdmin):
    list_display = ("title", "source", "published", "first_seen_at", "article")
    list_filter = ("source",)
    search_fields = ("title", "link", "guid")
    raw_id_fields = ("article",)


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    list_display = ("name", "domain", "created_at")
    search_fields = ("name", "domain")


class RevisionInline(admin.TabularInline):
    model = ArticleRevision
    extra = 0
    fields = ("fetched_at", "replaced_at", "title", "body_hash")
    readonly_fields = fields
    can_delete = False


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
    inlines = (RevisionInline,)
