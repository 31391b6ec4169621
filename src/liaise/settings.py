"""Liaise settings: everything comes from environment variables (see README, "Configuration").

Development mode (``LIAISE_DEBUG=1``, the default) works with no variable set: SQLite in ``var/``, mail to the
console, a throw-away secret key. Production mode (``LIAISE_DEBUG=0``) refuses to start without
``LIAISE_SECRET_KEY`` and turns on the HTTPS hardening that ``liaise check --deploy`` asks for.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use 1 or 0.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("LIAISE_DEBUG", True)
# Production mode is simply "not debug"; demo accounts are never created in it.
PRODUCTION = not DEBUG

DATA_DIR = Path(os.environ.get("LIAISE_DATA_DIR") or Path.cwd() / "var").resolve()

SECRET_KEY = os.environ.get("LIAISE_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "LIAISE_SECRET_KEY is not set: production mode (LIAISE_DEBUG=0) needs a long random secret, e.g. "
            "export LIAISE_SECRET_KEY=\"$(python -c 'import secrets; print(secrets.token_urlsafe(50))')\""
        )
    SECRET_KEY = "development-only-key-never-use-in-production-0123456789abcdefghij"

ALLOWED_HOSTS = env_list(
    "LIAISE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] + (["testserver"] if DEBUG else [])
)
CSRF_TRUSTED_ORIGINS = env_list("LIAISE_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "liaise.web",  # before django.contrib.admin too: its admin/ templates replace the admin's (issue 18)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_countries",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "auditlog",
    "axes",
    "csp",
    "liaise.core",
    "liaise.accounts",
    "liaise.network",
    "liaise.events",
    "liaise.live",
    "liaise.learning",
    "liaise.pilots",
    "liaise.library",
    "liaise.reporting",
    "liaise.outreach",
    "liaise.api",
    "liaise.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "liaise.web.middleware.ArrivalLanguageMiddleware",  # a first arrival in the browser's language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "liaise.api.middleware.ApiMiddleware",
    "liaise.core.audit.AuditMiddleware",  # (after ApiMiddleware: an API write's actor is the token's owner)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "liaise.web.middleware.ContentSecurityPolicyMiddleware",
    "liaise.web.middleware.ErrorPageMiddleware",
    # last: turns a sign-in refused for too many failures into the lock-out page (liaise.accounts.throttle)
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "liaise.urls"
WSGI_APPLICATION = "liaise.wsgi.application"
ASGI_APPLICATION = "liaise.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": not PRODUCTION,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "liaise.web.context_processors.site",
            ],
        },
    },
]
if PRODUCTION:
    # Compiled templates are cached for the life of the process.
    TEMPLATES[0]["OPTIONS"]["loaders"] = [
        (
            "django.template.loaders.cached.Loader",
            ["django.template.loaders.app_directories.Loader"],
        )
    ]

# --- Database -------------------------------------------------------------------------------------------
DEFAULT_SQLITE = DATA_DIR / "liaise.sqlite3"
try:
    _db = dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}",
        conn_max_age=env_int("LIAISE_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
except ValueError as exc:  # unknown scheme, malformed URL
    raise ImproperlyConfigured(f"DATABASE_URL is not usable: {exc}") from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at BEGIN, so concurrent
    # writers queue (up to `timeout` seconds) instead of failing with "database is locked" half-way.
    _db["CONN_MAX_AGE"] = 0 if _db["NAME"] == ":memory:" else _db["CONN_MAX_AGE"]
    _db.setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            # mmap: pages are read from the OS page cache without a copy and a system call each (library search
            # reads a few hundred FTS pages a query: ~10 % faster); LIAISE_SQLITE_MMAP_MB=0 turns it off.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            f"PRAGMA mmap_size={env_int('LIAISE_SQLITE_MMAP_MB', 1024) * 1024 * 1024};",
        }
    )
    _db["TEST"] = {"NAME": os.environ.get("LIAISE_TEST_SQLITE") or None}
    if _db["NAME"] != ":memory:":
        # A newcomer's first `liaise migrate` must not fail on a missing var/ folder.
        Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "liaise",
            # a Redis that stops answering fails requests (and /healthz) within seconds, never hangs them
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    # Per process. Correct across processes because page caches are keyed by the content version that
    # lives in the database (see liaise.core.cache).
    # (Room for the visitors' pages and the signed-in users' copies of theirs: Django's default, 300 entries, would
    # have a few dozen active partners push the visitors' pages out; LIAISE_CACHE_ENTRIES sets it.)
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "liaise",
                          "OPTIONS": {"MAX_ENTRIES": env_int("LIAISE_CACHE_ENTRIES", 2000)}}}
PAGE_CACHE_SECONDS = env_int("LIAISE_PAGE_CACHE_SECONDS", 300)
# A signed-in user's own copy of the pages that allow it (liaise.core.cache; 0: off).
SIGNED_IN_CACHE_SECONDS = env_int("LIAISE_SIGNED_IN_CACHE_SECONDS", 300)
# Fragments of visitors' pages, each kept with the versions of the content tables it was drawn from
# (liaise.core.cache, {% fragment %}; 0: off): a save re-draws what read the table it wrote, not every page.
FRAGMENT_CACHE_SECONDS = env_int("LIAISE_FRAGMENT_CACHE_SECONDS", 300)
# How far below the servers' CPU priority `liaise worker` runs (os.nice: 0-19; 0 keeps the same priority).
WORKER_NICE = env_int("LIAISE_WORKER_NICE", 10)

# Django's form renderer, with the <select> drawn in Python (liaise.web.form_renderer: the same HTML, far faster).
FORM_RENDERER = "liaise.web.form_renderer.FormRenderer"

# --- Accounts ---------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # first: refuses a sign-in while its account and address are locked out, before any password is checked
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:home"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# The audit log (liaise.core.audit, django-auditlog): our entry model, no IP addresses, masked personal values;
# entries are deleted after LIAISE_AUDIT_RETENTION_MONTHS months by the daily retention job (apply_retention).
AUDITLOG_LOGENTRY_MODEL = "core.AuditEntry"
AUDITLOG_DISABLE_REMOTE_ADDR = True
AUDITLOG_MASK_CALLABLE = "liaise.core.audit.hidden"
AUDITLOG_STORE_JSON_CHANGES = True
LIAISE_AUDIT_RETENTION_MONTHS = max(1, env_int("LIAISE_AUDIT_RETENTION_MONTHS", 24))
# Days an invitation link stays valid (network.Invitation).
LIAISE_INVITATION_DAYS = max(1, env_int("LIAISE_INVITATION_DAYS", 7))
# Self-registration of participants (/accounts/signup/), and the days its email link stays valid.
LIAISE_SIGNUP = env_bool("LIAISE_SIGNUP", True)
LIAISE_SIGNUP_DAYS = max(1, env_int("LIAISE_SIGNUP_DAYS", 2))
# Days between a person's request to delete their account (deactivated at once) and its erasure; signing in
# before then cancels. 0: erased by the next daily run.
LIAISE_ERASURE_GRACE_DAYS = max(0, env_int("LIAISE_ERASURE_GRACE_DAYS", 14))

# Sign-in throttling (django-axes, liaise/accounts/throttle.py): after LIAISE_LOGIN_FAILURES failed sign-ins of one
# account from one client address within LIAISE_LOGIN_COOLOFF_MINUTES, that pair is locked out for that long
# (every further attempt, the right password included, is refused and restarts the wait); one address is locked
# out for every account after LIAISE_LOGIN_FAILURES_PER_ADDRESS failures (looser: a hall shares one address).
AXES_ENABLED = env_bool("LIAISE_LOGIN_THROTTLE", True)
AXES_FAILURE_LIMIT = max(1, env_int("LIAISE_LOGIN_FAILURES", 10))
LIAISE_LOGIN_FAILURES_PER_ADDRESS = max(AXES_FAILURE_LIMIT, env_int("LIAISE_LOGIN_FAILURES_PER_ADDRESS", 100))
LIAISE_LOGIN_COOLOFF_MINUTES = max(1, env_int("LIAISE_LOGIN_COOLOFF_MINUTES", 30))
AXES_COOLOFF_TIME = timedelta(minutes=LIAISE_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "liaise.accounts.throttle.LoginAttemptHandler"
AXES_CLIENT_IP_CALLABLE = "liaise.core.clients.client_address"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "liaise.accounts.throttle.attempted_email"
AXES_LOCKOUT_CALLABLE = "liaise.accounts.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Keep as little as possible: no record of successful sign-ins, no permanent failure log; a failed attempt's
# row (address, email typed, browser name) lives until its cool-off is over (then the purge deletes it).
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
# Password-reset mails: at most this many an hour per account and per client address (liaise.core.ratelimit).
LIAISE_RESET_PER_ACCOUNT = max(1, env_int("LIAISE_RESET_PER_ACCOUNT", 3))
LIAISE_RESET_PER_ADDRESS = max(1, env_int("LIAISE_RESET_PER_ADDRESS", 10))

# --- Mail -------------------------------------------------------------------------------------------------
EMAIL_MODE = os.environ.get("LIAISE_EMAIL", "console" if DEBUG else "smtp").strip().lower()
if EMAIL_MODE == "console":
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif EMAIL_MODE == "file":
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
elif EMAIL_MODE == "smtp":
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("LIAISE_SMTP_HOST", "localhost")
    EMAIL_PORT = env_int("LIAISE_SMTP_PORT", 25)
    EMAIL_HOST_USER = os.environ.get("LIAISE_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("LIAISE_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("LIAISE_SMTP_TLS", False)
else:
    raise ImproperlyConfigured(f"LIAISE_EMAIL={EMAIL_MODE!r}: use console, file or smtp.")
DEFAULT_FROM_EMAIL = os.environ.get("LIAISE_FROM_EMAIL", "Liaise <noreply@liaise.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env_int("LIAISE_SMTP_TIMEOUT", 30)  # seconds; only the worker talks to the mail server

# --- Background work --------------------------------------------------------------------------------------
# Django's Tasks API (django-tasks) on its database backend (django-tasks-db): the queue is a table in the
# same database, so the embedded default needs no other server. `liaise worker` runs the tasks (`liaise serve`
# starts one); see liaise/core/tasks.py.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "bulk"],
    }
}
# The first retry of a failed task waits this many seconds; each later one waits four times longer.
LIAISE_TASK_RETRY_SECONDS = max(1, env_int("LIAISE_TASK_RETRY_SECONDS", 30))
# A task still "running" this long after it started was left by a worker that died (kill -9, a lost machine):
# the worker marks it failed and queues its next attempt (tasks are idempotent). Longer than any task runs.
LIAISE_TASK_LEASE_SECONDS = max(60, env_int("LIAISE_TASK_LEASE_SECONDS", 900))

# --- Internationalisation ---------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600  # the language a visitor chose here (liaise.web.middleware)
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Languages that people's content (titles, summaries) can be written in.
CONTENT_LANGUAGES = (
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("de", _("German")),
    ("it", _("Italian")),
)
# The interface is offered in English plus every content language whose catalogue has been compiled:
# adding a language needs only its translations (src/liaise/locale/<code>/LC_MESSAGES/django.mo).
LANGUAGES = [
    (code, name)
    for code, name in CONTENT_LANGUAGES
    if code == "en" or (PACKAGE_DIR / "locale" / code / "LC_MESSAGES" / "django.mo").exists()
]
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in CONTENT_LANGUAGES)
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

# --- Static and uploaded files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
# Collected static files (`liaise serve` collects them when they changed); several servers of one release may share it.
STATIC_ROOT = Path(os.environ.get("LIAISE_STATIC_ROOT") or DATA_DIR / "static")
MEDIA_URL = "/media/"
# Uploaded files. Several nodes of a cluster share one directory (NFS, CephFS, ...): LIAISE_MEDIA_ROOT; or, with
# django-storages installed, an S3-compatible bucket: LIAISE_S3_BUCKET (see docs/deployment.md, "A cluster").
MEDIA_ROOT = Path(os.environ.get("LIAISE_MEDIA_ROOT") or DATA_DIR / "media").resolve()
LIAISE_MAX_UPLOAD_MB = env_int("LIAISE_MAX_UPLOAD_MB", 20)
# The accessibility statement's enforcement procedure: the national body a visitor may turn to when the answer
# to their feedback is not satisfactory (default: the European Commission's list of the national bodies).
LIAISE_ACCESSIBILITY_ENFORCEMENT_URL = os.environ.get(
    "LIAISE_ACCESSIBILITY_ENFORCEMENT_URL",
    "https://digital-strategy.ec.europa.eu/en/policies/web-accessibility-directive-monitoring-bodies")
# an uploaded DOCX/PPTX/ODT (a ZIP archive) is refused beyond these (liaise.core.archives): an archive bomb
LIAISE_UPLOAD_MAX_EXPANDED_MB = max(1, env_int("LIAISE_UPLOAD_MAX_EXPANDED_MB", 50))
LIAISE_UPLOAD_MAX_MEMBERS = max(1, env_int("LIAISE_UPLOAD_MAX_MEMBERS", 2000))
LIAISE_UPLOAD_MAX_RATIO = max(1, env_int("LIAISE_UPLOAD_MAX_RATIO", 100))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
S3_BUCKET = os.environ.get("LIAISE_S3_BUCKET", "").strip()
if S3_BUCKET:
    try:
        import storages.backends.s3  # noqa: F401 - only to know it is there
    except ImportError:
        raise ImproperlyConfigured(
            "LIAISE_S3_BUCKET is set but django-storages is not installed: pip install 'django-storages[s3]'."
        ) from None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("LIAISE_S3_ENDPOINT_URL") or None,  # MinIO, Ceph, Garage, a provider's
            "region_name": os.environ.get("LIAISE_S3_REGION") or None,
            "access_key": os.environ.get("LIAISE_S3_ACCESS_KEY") or None,  # else the usual AWS_* / instance role
            "secret_key": os.environ.get("LIAISE_S3_SECRET_KEY") or None,
            "location": os.environ.get("LIAISE_S3_PREFIX", "media"),
            "default_acl": "private",  # files are given out by Liaise's views only, after the permission check
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# --- Live Q&A ---------------------------------------------------------------------------------------------
# `liaise serve` runs the stream server (uvicorn, ASGI) on LIAISE_STREAM_PORT (default: PORT + 1) beside the pages
# (gunicorn, WSGI). Pages connect to the stream on the same host at that port, or, when a reverse proxy routes
# /live/<code>/stream to it on the pages' own origin, at the same origin (LIAISE_STREAM_SAME_ORIGIN=1).
LIVE_STREAM_PORT = env_int("LIAISE_STREAM_PORT", 0)
LIVE_STREAM_SAME_ORIGIN = env_bool("LIAISE_STREAM_SAME_ORIGIN", False)
# How a stream process learns that the feed has something new (see liaise.live.wakeup): "notify" (PostgreSQL
# NOTIFY/LISTEN), "redis" (PUBLISH/SUBSCRIBE on REDIS_URL), "poll" (nothing: it reads the feed every poll), or
# "auto": notify on PostgreSQL, redis where REDIS_URL is set on another engine, poll otherwise. A wake-up only
# makes the reader read at once: the feed in the database stays the truth and the poll its safety net.
LIVE_WAKEUP = os.environ.get("LIAISE_LIVE_WAKEUP", "auto").strip().lower() or "auto"
if LIVE_WAKEUP == "auto":
    LIVE_WAKEUP = "notify" if _db["ENGINE"].endswith("postgresql") else "redis" if REDIS_URL else "poll"
elif LIVE_WAKEUP not in ("notify", "redis", "poll"):
    raise ImproperlyConfigured(f"LIAISE_LIVE_WAKEUP={LIVE_WAKEUP!r}: use auto, notify, redis or poll.")
elif LIVE_WAKEUP == "notify" and not _db["ENGINE"].endswith("postgresql"):
    raise ImproperlyConfigured("LIAISE_LIVE_WAKEUP=notify needs PostgreSQL (DATABASE_URL=postgres://...).")
elif LIVE_WAKEUP == "redis" and not REDIS_URL:
    raise ImproperlyConfigured("LIAISE_LIVE_WAKEUP=redis needs REDIS_URL.")
# How often each stream process reads the feed: 250 ms with nothing else, 2 s as a safety net behind a wake-up.
LIVE_POLL_SECONDS = env_int("LIAISE_LIVE_POLL_MS", 250 if LIVE_WAKEUP == "poll" else 2000) / 1000
LIVE_HEARTBEAT_SECONDS = 15
LIVE_REPORT_THRESHOLD = env_int("LIAISE_LIVE_REPORT_THRESHOLD", 3)  # abuse reports that hold a question back
# Per minute. A hall shares one address behind its Wi-Fi, so the per-address limits are generous.
LIVE_RATE_LIMITS = {
    "ask": {"device": env_int("LIAISE_LIVE_ASK_PER_MINUTE", 3), "ip": env_int("LIAISE_LIVE_ASK_PER_IP", 200)},
    "vote": {"device": 60, "ip": env_int("LIAISE_LIVE_VOTE_PER_IP", 5000)},
    "report": {"device": 10, "ip": 300},
}

# --- API --------------------------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200

# --- Security ---------------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: live.js takes the token from the page's form field.
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "liaise.web.views.csrf_failure"
# Content-Security-Policy (django-csp; liaise.web.middleware.ContentSecurityPolicyMiddleware adds the live stream
# server's origin to connect-src when it runs on a port of its own). No inline script or style anywhere, except
# style on the pages that embed pygal's SVG charts (their <style> is drawn per chart) and on a newsletter's preview
# (the mail's own inline styles; see docs/deployment.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
HTTPS = env_bool("LIAISE_HTTPS", PRODUCTION)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("LIAISE_HSTS_SECONDS", 31_536_000)
    # A load balancer's health check comes over plain HTTP, without X-Forwarded-Proto: answer it, not redirect.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Only when asked: preloading is a promise to browsers that is slow to take back.
    SECURE_HSTS_PRELOAD = env_bool("LIAISE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # check --deploy would ask for preloading; it is a choice for the site's owner, not a default.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
BEHIND_PROXY = env_bool("LIAISE_BEHIND_PROXY", False)
# How many reverse proxies in front of Liaise append to X-Forwarded-For (each adds the address it was reached
# from). The client's address is the one the outermost trusted proxy saw; with 0, REMOTE_ADDR. Every rate limit
# counts by it (liaise.core.clients.client_address): set it right, or a hall behind one proxy is one client.
TRUSTED_PROXIES = env_int("LIAISE_TRUSTED_PROXIES", 1 if BEHIND_PROXY else 0)
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured(f"LIAISE_TRUSTED_PROXIES={TRUSTED_PROXIES} must be 0 or more.")
if BEHIND_PROXY:
    # Only behind a reverse proxy that sets X-Forwarded-Proto itself.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LIAISE_LOG_LEVEL", "WARNING")},
    # Django's own loggers go through the root handler only (no second console handler in development).
    "loggers": {"django": {"handlers": [], "propagate": True},
                # one line a retention policy a day, with its counts (liaise.core.personal_data.apply_retention)
                "liaise.retention": {"level": "INFO"}},
}

# --- Newsletters (liaise/outreach/newsletters.py) ----------------------------------------------------------
# At most this many newsletter mails a second (0: no limit); mail providers refuse or throttle senders that go
# faster than agreed, and 10/s is within what most allow.
LIAISE_NEWSLETTER_RATE = max(0, env_int("LIAISE_NEWSLETTER_RATE", 10))
# Mails one run of the sending task writes before handing over to the next run (other tasks go between them).
LIAISE_NEWSLETTER_BATCH = max(1, env_int("LIAISE_NEWSLETTER_BATCH", 200))
# A delivery claimed this long ago and not marked belongs to a worker that died: it is then checked (file
# backend) or recorded as "perhaps sent", never sent again blindly. Longer than one mail can take to send.
LIAISE_NEWSLETTER_LEASE_SECONDS = max(1, env_int("LIAISE_NEWSLETTER_LEASE_SECONDS", max(120, 4 * EMAIL_TIMEOUT)))
# How long a subscription's confirmation link works.
LIAISE_NEWSLETTER_CONFIRM_DAYS = max(1, env_int("LIAISE_NEWSLETTER_CONFIRM_DAYS", 7))

# --- Personal data: retention and the privacy page (liaise.core.personal_data; docs/deployment.md, "Retention") --
# Months after an event ends before its registrations are anonymised (name, email, needs and the link to an account
# blanked; the rows stay, so statistics and counts do not change). Cancelled registrations included.
LIAISE_RETAIN_REGISTRATIONS_MONTHS = max(1, env_int("LIAISE_RETAIN_REGISTRATIONS_MONTHS", 12))
# Months without a sign-in before an account is deactivated and its data erased; the person is warned by mail
# LIAISE_RETAIN_INACTIVE_WARNING_DAYS before. Site admins' accounts are never removed this way.
LIAISE_RETAIN_INACTIVE_ACCOUNTS_MONTHS = max(1, env_int("LIAISE_RETAIN_INACTIVE_ACCOUNTS_MONTHS", 36))
LIAISE_RETAIN_INACTIVE_WARNING_DAYS = max(1, env_int("LIAISE_RETAIN_INACTIVE_WARNING_DAYS", 30))
# Days the record of sign-in attempts is kept (django-axes, when installed), months of the audit log (auditlog).
# Who to write to about personal data (shown on /privacy/): by default the site's sender address.
LIAISE_PRIVACY_CONTACT = os.environ.get("LIAISE_PRIVACY_CONTACT", "").strip() or DEFAULT_FROM_EMAIL
