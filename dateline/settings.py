"""Django settings, derived from `dateline.config` (the one place settings are declared)."""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url

from dateline import config

CONFIG = config.load()
DATA_DIR: Path = CONFIG["data_dir"]
BASE_DIR = Path(__file__).resolve().parent


def _secret_key() -> str:
    if CONFIG["secret_key"]:
        return CONFIG["secret_key"]
    # `dateline` commands write one per installation beside the data (config.ensure_secret_key);
    # a bare import of the settings gets a throwaway key rather than writing files.
    path = config.secret_key_path(DATA_DIR)
    return path.read_text().strip() if path.exists() else secrets.token_urlsafe(50)


def _database() -> dict:
    url = CONFIG["database_url"] or f"sqlite:///{DATA_DIR / 'dateline.sqlite3'}"
    db = dj_database_url.parse(url, conn_max_age=60)
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the web server read while the ingester writes; IMMEDIATE avoids
        # upgrade deadlocks between concurrent writers.
        db["CONN_MAX_AGE"] = 0
        db["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=10000;",
            "transaction_mode": "IMMEDIATE",
        }
        db["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
    return db


SECRET_KEY = _secret_key()
DEBUG = CONFIG["debug"]
ALLOWED_HOSTS = CONFIG["allowed_hosts"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "dateline.store",
    "dateline.site",
]

MIDDLEWARE = [
    # Outermost: it must see the final response, cookies included (see its docstring).
    "dateline.site.front_cache.FrontCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dateline.site.visitor.VisitorMiddleware",
]

ROOT_URLCONF = "dateline.urls"
WSGI_APPLICATION = "dateline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (feed polls) goes through Django's tasks interface: the database queue on the
# embedded default, RQ on Redis to scale out. `dateline worker` runs either.
TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
}
TASKS = {"default": TASK_BACKENDS[CONFIG["task_backend"]]}
RQ_QUEUES = {"default": {"URL": CONFIG["redis_url"], "DEFAULT_TIMEOUT": 900}}

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# Hashed, compressed, long-cached static files once `collectstatic` has run (dateline up does);
# plain files before that (tests, development).
_COLLECTED = (STATIC_ROOT / "staticfiles.json").exists()
WHITENOISE_USE_FINDERS = not _COLLECTED
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _COLLECTED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Security defaults: the site works without JavaScript and loads nothing from elsewhere.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # trafilatura logs every page it gives up on; we report those ourselves, with the reason.
    "loggers": {"dateline": {"level": "INFO"}, "trafilatura": {"level": "CRITICAL"}},
}

# --- Security (issue: Serve) -------------------------------------------------------------------
# Served over HTTPS (directly or behind a TLS proxy): secure cookies, HSTS and http → https.
# Off by default, because `dateline up` serves plain http on 127.0.0.1 and secure cookies would
# break sign-in and reactions there. `DATELINE_HTTPS=1` is what `check --deploy` expects.
HTTPS = CONFIG["https"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True  # the reaction script sends the form's token, never the cookie
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# The header only consents to preloading; the operator still decides whether to submit the site.
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# A TLS proxy in front (nginx, Caddy) tells us the original scheme; without HTTPS it is ignored.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# "default": page data (the shared part of article pages, Ranking, picks), per process: losing
# it costs time only. "shared": what every web process must agree on (rate-limit buckets): files
# beside the database on the embedded default, Redis when the deployment runs on Redis.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "dateline",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    "shared": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CONFIG["redis_url"]}
        if CONFIG["task_backend"] == "rq"
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "shared-cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    ),
}

# --- Accounts (issue: Serve) -------------------------------------------------------------------
# Readers sign in on the site's own pages (django.contrib.auth); the admin keeps its own.
LOGIN_URL = "site:sign-in"
LOGIN_REDIRECT_URL = "site:you"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
