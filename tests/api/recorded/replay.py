"""Replay a recorded app's requests through Django's test client, placeholders filled in."""

from __future__ import annotations

import json
from pathlib import Path
from string import Formatter

from django.test import Client

HERE = Path(__file__).parent


class Recording:
    """One app's recorded steps, sent one by one with the values this installation has."""

    def __init__(self, name: str, client: Client | None = None, **values: object) -> None:
        data = json.loads((HERE / f"{name}.json").read_text())
        assert data["source"], f"{name}.json must say where its requests were seen"
        self.steps = {step["name"]: step for step in data["steps"]}
        # Apps send no CSRF token: checking it, as a browser's request would be, proves the
        # views do without one.
        self.client = client or Client(enforce_csrf_checks=True)
        self.values = dict(values)

    def send(self, name: str, **values: object):
        step = self.steps[name]
        filled = {**self.values, **values}

        def fill(text: str) -> str:
            missing = [f for _, f, _, _ in Formatter().parse(text) if f and f not in filled]
            assert not missing, f"step {name!r} needs {missing}"
            return text.format_map(filled)

        headers = {key: fill(value) for key, value in step["headers"].items()}
        content_type = headers.pop("Content-Type", "application/octet-stream")
        path = fill(step["path"]) + (f"?{fill(step['query'])}" if step["query"] else "")
        body = fill(step.get("body", "")).encode()
        return self.client.generic(
            step["method"], path, data=body, content_type=content_type, headers=headers
        )


def item_params(ids: list[int], form: str = "long") -> str:
    """Repeated `i` fields the way each app writes them (see the recordings' sources)."""
    if form == "long":  # NetNewsWire 7: prefix and unpadded hex
        return "&".join(f"i=tag:google.com,2005:reader/item/{pk:x}" for pk in ids)
    if form == "hex16":  # NetNewsWire 6.1: bare zero-padded hex
        return "&".join(f"i={pk:016x}" for pk in ids)
    return "&".join(f"i={pk}" for pk in ids)  # the short decimal form
