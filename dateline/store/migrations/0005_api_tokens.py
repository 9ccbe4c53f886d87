# API tokens for writes through the JSON API (issue: Serve). Written by hand so that it holds
# only this model while other migrations are being generated alongside it.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("store", "0004_trace_key_stats"),
    ]

    operations = [
        migrations.CreateModel(
            name="ApiToken",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(help_text="Who or what uses it.", max_length=100)),
                ("digest", models.CharField(help_text="SHA-256 of the token.", max_length=64, unique=True)),
                ("hint", models.CharField(help_text="The token's first characters, to tell apart.", max_length=16)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("last_used_at", models.DateTimeField(blank=True, null=True)),
                ("revoked_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
    ]
