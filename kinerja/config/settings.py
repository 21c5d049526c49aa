"""Kinerja settings: one module, every value from the environment with a safe default.

`.env.example` lists every variable. DEBUG is off unless the environment turns it on
(`make demo` and the test suite do).
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from kinerja.config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("KINERJA_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("KINERJA_DEBUG", False)
_INSECURE_DEV_KEY = "insecure-development-key-only-for-demo-and-tests"
SECRET_KEY = env_str("KINERJA_SECRET_KEY", _INSECURE_DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("KINERJA_SECRET_KEY must be set when KINERJA_DEBUG is off")

ALLOWED_HOSTS = env_list("KINERJA_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("KINERJA_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "kinerja.core",
    "kinerja.accounts",
    "kinerja.org",
    "kinerja.iku",
    "kinerja.skp",
    "kinerja.activities",
    "kinerja.results",
    "kinerja.feedback",
    "kinerja.surveys",
    "kinerja.complaints",
    "kinerja.forums",
    "kinerja.portal",
    "kinerja.appraisals",
    "kinerja.reports",
    "kinerja.home",
    "kinerja.audit",
    "kinerja.api",
    "kinerja.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kinerja.core.middleware.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kinerja.accounts.viewer.ViewerMiddleware",
    "kinerja.accounts.sessions.SessionTrackingMiddleware",
]

ROOT_URLCONF = "kinerja.config.urls"
WSGI_APPLICATION = "kinerja.config.wsgi.application"
ASGI_APPLICATION = "kinerja.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kinerja.accounts.context_processors.viewer",
            ],
        },
    }
]

# Form widgets are drawn by Jinja2: the SKP editor draws about eighty of them, and Django's
# template engine spent more time on those than on everything else the page does.
FORM_RENDERER = "django.forms.renderers.Jinja2"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kinerja.sqlite3'}"),
        conn_max_age=env_int("KINERJA_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "KINERJA_DB_JIT", False
):
    # PostgreSQL's JIT compiles any query whose estimated cost passes 100,000, which takes
    # about a second; the pages' queries run in milliseconds, so it only ever costs time here.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["kinerja.accounts.backends.NipOrUsernameBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed logins are answered by a growing delay, never a lock-out (kinerja/accounts/throttle.py):
# failures allowed for one account from one address (or one known browser), from one address
# across accounts, and for one account from everywhere before the delays start.
LOGIN_FAILURE_LIMIT = env_int("KINERJA_LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("KINERJA_LOGIN_ADDRESS_FAILURE_LIMIT", 30)
LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("KINERJA_LOGIN_ACCOUNT_FAILURE_LIMIT", 20)
LOGIN_FIRST_DELAY_SECONDS = env_int("KINERJA_LOGIN_FIRST_DELAY_SECONDS", 15)
LOGIN_LONGEST_DELAY_SECONDS = env_int("KINERJA_LOGIN_LONGEST_DELAY_SECONDS", 900)
LOGIN_FAILURE_MEMORY_SECONDS = env_int("KINERJA_LOGIN_FAILURE_MEMORY_SECONDS", 24 * 3600)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
FORMAT_MODULE_PATH = ["kinerja.config.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("KINERJA_STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("KINERJA_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = env_int("KINERJA_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
IMPORT_BACKGROUND_ROWS = env_int("KINERJA_IMPORT_BACKGROUND_ROWS", 2000)
IMPORT_BACKGROUND_BYTES = env_int("KINERJA_IMPORT_BACKGROUND_BYTES", 2 * 1024 * 1024)
IMPORT_MAX_UNPACKED_BYTES = env_int("KINERJA_IMPORT_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("KINERJA_IMPORT_MAX_ROWS", 100_000)
EVIDENCE_MAX_BYTES = env_int("KINERJA_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
# Days to set an SKP that starts after January (after a mutation or change of rater).
SKP_MIDYEAR_DAYS = env_int("KINERJA_SKP_MIDYEAR_DAYS", 30)
# Daily activity log: the minutes of a working day when the agency saved no working hours
# (Perpres 21/2023: 37.5 hours over five days), and the days after which an entry is filed late.
ACTIVITY_DAY_MINUTES = env_int("KINERJA_ACTIVITY_DAY_MINUTES", 450)
ACTIVITY_LATE_FILING_DAYS = env_int("KINERJA_ACTIVITY_LATE_FILING_DAYS", 3)

# The agency (by its code) whose public pages (complaints, forums) this deployment serves when
# the address names none; empty: the only agency of the database (kinerja.org.selectors.public).
PUBLIC_AGENCY = env_str("KINERJA_PUBLIC_AGENCY", "")

# The open-data licence of everything the public portal publishes (its pages, downloads and API):
# an SPDX identifier and the address of its text; CC BY 4.0 unless the agency chooses otherwise.
PORTAL_LICENCE = env_str("KINERJA_PORTAL_LICENCE", "CC-BY-4.0")
PORTAL_LICENCE_URL = env_str(
    "KINERJA_PORTAL_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
# Seconds the portal keeps a rendered page or API answer of a published version. The key holds
# the version's id, so a new publication shows at once whatever this is.
PORTAL_CACHE_SECONDS = env_int("KINERJA_PORTAL_CACHE_SECONDS", 3600)

# Django's cache: local memory per process by default; production with several processes or
# machines shares one (django.core.cache.backends.redis.RedisCache at redis://127.0.0.1:6379/1,
# PyMemcacheCache at 127.0.0.1:11211, or DatabaseCache with `createcachetable`).
CACHES = {
    "default": {
        "BACKEND": env_str(
            "KINERJA_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": env_str("KINERJA_CACHE_LOCATION", "kinerja"),
    }
}

TASKS = {
    "default": {
        "BACKEND": env_str(
            "KINERJA_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Security: secure by default, relaxed only when DEBUG is on for local demo and tests.
SESSION_COOKIE_SECURE = env_bool("KINERJA_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("KINERJA_SESSION_SECONDS", 8 * 3600)
# Django's database sessions, with the read of every request compiled once.
SESSION_ENGINE = "kinerja.accounts.session_store"
CSRF_COOKIE_HTTPONLY = False
SECURE_SSL_REDIRECT = env_bool("KINERJA_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("KINERJA_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("KINERJA_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind a reverse proxy, the client address is the one it appends to X-Forwarded-For.
BEHIND_PROXY = env_bool("KINERJA_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp 4): only our own files, no inline script, handler or style
# (behaviour lives in kinerja.js, one-off styles are classes of kinerja.css). The API docs page
# widens it for itself (kinerja/api/api.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

EMAIL_BACKEND = env_str("KINERJA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("KINERJA_FROM_EMAIL", "kinerja@localhost")
# The address users open Kinerja at, for the links in e-mails (no request to read it from).
SITE_URL = env_str("KINERJA_SITE_URL", "http://localhost:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_personal_data": {"()": "kinerja.core.logging.RedactPersonalData"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_personal_data"]},
    },
    "root": {"handlers": ["console"], "level": env_str("KINERJA_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING", "propagate": True}},
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500
API_TOKEN_DAYS = env_int("KINERJA_API_TOKEN_DAYS", 365)
