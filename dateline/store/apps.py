from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "dateline.store"
    label = "store"
    verbose_name = "Dateline store"
