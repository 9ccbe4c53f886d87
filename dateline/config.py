"""Every Dateline setting, declared once: name, type, default, validation and a line of help.

Settings come from environment variables prefixed ``DATELINE_``. Nothing here touches the
network or the disk at import time; `load()` only reads the environment.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PREFIX = "DATELINE_"


class ConfigError(ValueError):
    """A setting has a value we cannot use; the message names the variable."""


def _bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected true/false, got {raw!r}")


def _list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


def _networks(raw: str) -> list[str]:
    for item in _list(raw):
        ipaddress.ip_network(item, strict=False)  # ValueError names the bad one
    return _list(raw)


def _positive_int(raw: str) -> int:
    value = int(raw)
    if value <= 0:
        raise ValueError(f"expected a positive integer, got {raw!r}")
    return value


def _non_negative_int(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise ValueError(f"expected 0 or a positive integer, got {raw!r}")
    return value


def _positive_float(raw: str) -> float:
    value = float(raw)
    if value <= 0:
        raise ValueError(f"expected a positive number, got {raw!r}")
    return value


def _task_backend(raw: str) -> str:
    if raw not in {"database", "rq"}:
        raise ValueError(f"expected database or rq, got {raw!r}")
    return raw


def _redis_url(raw: str) -> str:
    if not raw.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("expected redis://host:port/db")
    return raw


def _database_url(raw: str) -> str:
    if raw and not raw.startswith(("sqlite://", "postgres://", "postgresql://")):
        raise ValueError("expected sqlite:///path or postgres://user@host:port/name")
    return raw


@dataclass(frozen=True)
class Option:
    name: str
    parse: Callable[[str], Any]
    default: str
    help: str
    secret: bool = False

    @property
    def env(self) -> str:
        return PREFIX + self.name.upper()


OPTIONS: tuple[Option, ...] = (
    Option("data_dir", Path, "./data", "Where the embedded database and imported files live."),
    Option(
        "database_url",
        _database_url,
        "",
        "Database URL; empty means SQLite (WAL mode) at <data_dir>/dateline.sqlite3. "
        "Example: postgres://dateline@127.0.0.1:5432/dateline.",
        secret=True,
    ),
    Option(
        "secret_key",
        str,
        "",
        "Django secret key; empty means one generated and kept in <data_dir>/secret_key.",
        secret=True,
    ),
    Option("debug", _bool, "false", "Show Django debug pages. Never in production."),
    Option(
        "https",
        _bool,
        "false",
        "Served over HTTPS (directly or behind a TLS proxy): secure cookies, HSTS, http→https.",
    ),
    Option("allowed_hosts", _list, "localhost,127.0.0.1,[::1]", "Comma-separated host names."),
    Option(
        "trusted_proxies",
        _networks,
        "",
        "Comma-separated addresses or networks of your reverse proxies: a request from one is "
        "limited by the client address it puts in X-Forwarded-For. Empty: that header is never "
        "trusted, and behind a proxy every visitor shares its rate limits.",
    ),
    Option("host", str, "127.0.0.1", "Address `dateline up` binds the web server to."),
    Option("port", _positive_int, "8000", "Port `dateline up` binds the web server to."),
    Option("web_workers", _positive_int, "2", "Web server worker processes in `dateline up`."),
    Option(
        "web_threads",
        _positive_int,
        "2",
        "Threads per web worker running Django (and requests inside Django at once).",
    ),
    Option(
        "page_cache_seconds",
        _non_negative_int,
        "30",
        "How long a page kept for new visitors may be served without being rebuilt "
        "(changes to articles, reactions and stories drop it at once); 0 turns it off.",
    ),
    Option(
        "page_cache_mb",
        _positive_int,
        "64",
        "Memory per web worker for pages kept for new visitors.",
    ),
    Option(
        "sources_file",
        str,
        "",
        "OPML or one-URL-a-line file of feeds to load; empty means the bundled default list.",
    ),
    Option(
        "poll_interval",
        _positive_int,
        "1800",
        "Seconds between polls of a feed until its publishing rate is known.",
    ),
    Option("poll_interval_min", _positive_int, "300", "Shortest interval between polls of a feed."),
    Option(
        "poll_interval_max", _positive_int, "86400", "Longest interval between polls of a feed."
    ),
    Option(
        "host_max_concurrent",
        _positive_int,
        "2",
        "Requests in flight to one host at once, across all workers (a source may override).",
    ),
    Option(
        "host_requests_per_second",
        _positive_float,
        "1",
        "Requests started per second to one host, across all workers (a source may override).",
    ),
    Option(
        "host_down_after",
        _positive_int,
        "3",
        "Consecutive failures after which a host is left alone for a while (backing off).",
    ),
    Option(
        "task_backend",
        _task_backend,
        "database",
        "Queue for background work: database (the embedded default) or rq (Redis).",
    ),
    Option(
        "redis_url",
        _redis_url,
        "redis://127.0.0.1:6379/0",
        "Redis for the rq task backend.",
        secret=True,
    ),
    Option("fetch_timeout", _positive_int, "20", "Seconds before a fetch is abandoned."),
    Option("max_body_bytes", _positive_int, "10485760", "Largest response body we read."),
    Option(
        "allow_private_networks",
        _bool,
        "false",
        "Allow fetching from loopback/private addresses (tests with local fixture servers).",
    ),
    Option(
        "user_agent_contact", str, "", "URL or e-mail put in our User-Agent so sites can reach you."
    ),
    Option("ranking_half_life_hours", float, "24", "How fast reads and reactions fade in Ranking."),
)


def load(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Parse every option from the environment; raise ConfigError naming the bad variable."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for option in OPTIONS:
        raw = environ.get(option.env, option.default)
        try:
            values[option.name] = option.parse(raw)
        except ValueError as exc:
            raise ConfigError(f"{option.env}: {exc}") from exc
    values["data_dir"] = Path(values["data_dir"]).expanduser().resolve()
    return values


def secret_key_path(data_dir: Path) -> Path:
    return data_dir / "secret_key"


def ensure_secret_key(data_dir: Path) -> None:
    """Create the installation's secret key file once, readable by its owner only."""
    path = secret_key_path(data_dir)
    if path.exists():
        return
    # The folder holds the database (password hashes, sessions) and this key: its owner's only.
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.touch(mode=0o600)
    path.write_text(secrets.token_urlsafe(50))


def describe(values: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(variable, effective value with secrets masked, help) for `dateline config`."""
    rows = []
    for option in OPTIONS:
        value = values[option.name]
        shown = ",".join(value) if isinstance(value, list) else str(value)
        if option.secret and shown:
            shown = _mask(shown)
        rows.append((option.env, shown, option.help))
    return rows


def _mask(value: str) -> str:
    if "://" in value and "@" in value:  # keep the URL readable, hide the password only
        scheme, rest = value.split("://", 1)
        userinfo, host = rest.rsplit("@", 1)
        user = userinfo.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}" if ":" in userinfo else value
    return "***"
