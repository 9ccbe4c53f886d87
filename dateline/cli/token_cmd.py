"""`dateline token create|list|revoke`: API tokens for writes through /api/."""

from __future__ import annotations

import argparse

from dateline.cli.django_setup import setup_django


def register(commands) -> None:
    parser = commands.add_parser("token", help="create, list or revoke API tokens")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("create", help="make a token; it is printed once, never stored")
    create.add_argument("name", help="who or what will use it")
    create.set_defaults(run=create_token)
    actions.add_parser("list", help="tokens with their hint and last use").set_defaults(
        run=list_tokens
    )
    revoke = actions.add_parser("revoke", help="stop a token from working")
    revoke.add_argument("id", type=int)
    revoke.set_defaults(run=revoke_token)


def create_token(args: argparse.Namespace) -> int:
    setup_django(migrate=True)
    from dateline.store.models import ApiToken

    token, secret = ApiToken.objects.create_token(args.name)
    print(f"token {token.pk} for {token.name}: {secret}")
    print("Keep it now: only its hash is stored. Send it as `Authorization: Bearer <token>`.")
    return 0


def list_tokens(args: argparse.Namespace) -> int:
    setup_django(migrate=True)
    from dateline.store.models import ApiToken

    for t in ApiToken.objects.all():
        state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "active"
        print(f"{t.pk}\t{t.hint}…\t{t.name}\t{state}\tlast used {t.last_used_at or 'never'}")
    return 0


def revoke_token(args: argparse.Namespace) -> int:
    setup_django(migrate=True)
    from django.utils import timezone

    from dateline.store.models import ApiToken

    changed = ApiToken.objects.filter(pk=args.id, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    print("revoked" if changed else "no such active token")
    return 0 if changed else 1
