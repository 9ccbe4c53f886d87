"""Stop keys of the near-duplicate index (store.models.trace_stats.TraceStopKey)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("store", "0003_gather")]

    operations = [
        migrations.CreateModel(
            name="TraceStopKey",
            fields=[
                ("key", models.BigIntegerField(primary_key=True, serialize=False)),
                ("stopped_at", models.DateTimeField(auto_now_add=True)),
            ],
        ),
    ]
