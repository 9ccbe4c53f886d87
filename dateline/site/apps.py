from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SiteConfig(AppConfig):
    name = "dateline.site"
    label = "site"
    verbose_name = "Dateline site"

    def ready(self) -> None:
        from dateline.store import models
        from dateline.store.page_generation import bump_on_commit

        # What pages show: a committed change to any of these drops every kept page. Reads are
        # left out on purpose (they change on every view; kept pages expire soon anyway).
        for model in (
            models.Article,
            models.Publisher,
            models.Reaction,
            models.Story,
            models.StoryMember,
            models.StoryEvent,
            models.Entity,
        ):
            post_save.connect(bump_on_commit, sender=model, dispatch_uid=f"pages-{model.__name__}")
            post_delete.connect(
                bump_on_commit, sender=model, dispatch_uid=f"pages-del-{model.__name__}"
            )
