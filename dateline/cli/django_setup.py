"""Start Django for the commands that need the store (not for `extract` or `config`)."""

from __future__ import annotations

import os


def setup_django(migrate: bool = False) -> None:
    from dateline import config

    values = config.load()
    if not values["secret_key"]:
        config.ensure_secret_key(values["data_dir"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
