from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_delete, post_migrate


class StoreConfig(AppConfig):
    name = "dateline.store"
    label = "store"
    verbose_name = "Dateline store"

    def ready(self) -> None:
        from dateline.store.search_index import ensure_search_index

        post_migrate.connect(ensure_search_index, sender=self)
        post_delete.connect(_forget_account, sender=settings.AUTH_USER_MODEL)


def _forget_account(sender, instance, **kwargs) -> None:
    """A deleted account's reads, reactions and follows go with it, counters down (they are
    kept under "user:<id>", which no foreign key ties to the account). Its reader-app rows
    cascade with the user."""
    from dateline.store.accounts import account_owner, forget

    forget(account_owner(instance.pk))
