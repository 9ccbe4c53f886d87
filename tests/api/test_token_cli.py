"""`dateline token create|list|revoke`: the way an operator hands out API access."""

from __future__ import annotations

import re

from dateline.cli.main import main
from dateline.store.models import ApiToken


def test_create_list_and_revoke_a_token(db, client, capsys):
    assert main(["token", "create", "newsroom bot"]) == 0
    printed = capsys.readouterr().out
    secret = re.search(r"(dl_[\w-]+)", printed).group(1)
    token = ApiToken.objects.get(name="newsroom bot")
    assert secret not in token.digest  # only the hash is kept
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert (
        client.post(
            "/api/sources",
            {"url": "https://x.example/rss"},
            content_type="application/json",
            **headers,
        ).status_code
        == 201
    )

    assert main(["token", "list"]) == 0
    listing = capsys.readouterr().out
    assert f"{token.pk}\t{token.hint}…\tnewsroom bot\tactive" in listing and secret not in listing

    assert main(["token", "revoke", str(token.pk)]) == 0
    assert main(["token", "revoke", str(token.pk)]) == 1  # already revoked
    assert (
        client.post(
            "/api/sources",
            {"url": "https://y.example/rss"},
            content_type="application/json",
            **headers,
        ).status_code
        == 401
    )
