from django.apps import AppConfig
from django.db.models.signals import post_migrate


class StoreConfig(AppConfig):
    name = "dateline.store"
    label = "store"
    verbose_name = "Dateline store"

    def ready(self) -> None:
        from dateline.store.search_index import ensure_search_index

        post_migrate.connect(ensure_search_index, sender=self)
