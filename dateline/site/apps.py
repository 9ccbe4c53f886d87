from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "dateline.site"
    label = "site"
    verbose_name = "Dateline site"
