from django.db import migrations, models


def seen_today(apps, schema_editor):
    """Rows already counted are taken as seen on the day of the upgrade: with 0 they would all
    look unseen since 1970 and the first prune would drop every rare key at once."""
    import time

    apps.get_model("store", "TermStat").objects.update(seen=int(time.time() // 86400))


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0010_postgres_search_document"),
    ]

    operations = [
        migrations.AddField(
            model_name="termstat",
            name="seen",
            field=models.IntegerField(
                default=0, help_text="Day (since 1970-01-01) an article last counted the term."
            ),
        ),
        migrations.RunPython(seen_today, migrations.RunPython.noop),
    ]
