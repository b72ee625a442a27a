"""Settings: one module, driven by environment variables, with safe embedded defaults.

Embedded default (no variables set): SQLite in var/, console e-mail, in-process background jobs, DEBUG off.
Production: the same module with DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, SITE_URL, EMAIL_* and
CELERY_BROKER_URL set; `manage.py check --deploy` lists what is still missing.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# `make run`, `make test` and the test settings set EMBEDDED_DEMO=1: the demo's defaults below are then allowed.
EMBEDDED_DEMO = env_bool("EMBEDDED_DEMO", False)
DEMO_SECRET_KEY = "django-insecure-embedded-demo-key-change-me-in-production"  # noqa: S105 - public on purpose
# The fallback key is only for the embedded demo; without DEBUG or EMBEDDED_DEMO the app refuses it (below).
SECRET_KEY = os.environ.get("SECRET_KEY", DEMO_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Empty: absolute links use the address each request came in on (config.site); set it behind a proxy that
# rewrites the host, and for links made by cron jobs.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
if not DEBUG and not EMBEDDED_DEMO:
    # Fail closed: a production start without these would serve with a public key, any Host header, or links
    # built from whatever host a request claims.
    _missing = [
        problem
        for problem, present in (
            ("SECRET_KEY is the repository's demo key", SECRET_KEY != DEMO_SECRET_KEY),
            ("ALLOWED_HOSTS is not set", bool(os.environ.get("ALLOWED_HOSTS", "").strip())),
            ("SITE_URL is not set", bool(SITE_URL)),
        )
        if not present
    ]
    if _missing:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "Refusing to start in production: " + "; ".join(_missing) + ". Set them (README, Security), or set "
            "EMBEDDED_DEMO=1 to run the embedded demo as `make run` does."
        )
# The base of the register's persistent identifiers (entries, providers, agencies, authorities); empty: SITE_URL.
REGISTER_URI_BASE = os.environ.get("REGISTER_URI_BASE", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "guardian",
    # Before viewflow, so that its workflow_timers command (timers plus the security housekeeping) is the one run.
    "accreditation.security",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "viewflow",
    "viewflow.workflow",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "django_htmx",
    "base",
    "frameworks",
    "accreditation",
    "reviews",
    "reports",
    "jobs",
    "trust",
    "process",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Outside the session middleware, so that it sees (and marks Secure over HTTPS) the cookies it sets.
    "accreditation.security.headers.SecurityHeadersMiddleware",
    # Before anything reads the body (sessions, CSRF): refuses an upload whose declared size is over the limit.
    "accreditation.security.request_size.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the early page cache, whose register version read is the replica's when the page comes from it.
    "config.db_routers.ReplicaReadsMiddleware",
    # A repeated anonymous GET of a public page is answered here, before sessions, auth, CSRF, locale, ... run.
    "accreditation.page_cache.EarlyPublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.i18n.LanguageFromQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After authentication: a signed-in person's pages show times in their (or their organisation's) zone.
    "config.i18n.PersonalTimeZoneMiddleware",
    "accreditation.security.sessions.SessionTimeoutMiddleware",
    "accreditation.security.two_factor.TwoFactorRequiredMiddleware",
    "accreditation.security.ratelimits.RateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accreditation.page_cache.PublicPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After authentication, as django-axes requires: it answers a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
    "config.site.SiteAddressMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "accreditation.context_processors.workspace",
            ],
            # {{ value|isolate }}: user text inside a sentence, in <bdi> (right-to-left names, override characters).
            "builtins": ["accreditation.templatetags.bidi"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default keeps its database in var/, which a fresh checkout does not have yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Wait for the writer instead of failing at once; WAL lets readers go on while one request writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None  # the public sees published data only, never through object permissions

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Django's length check (at least 12 characters), which also logs each password change.
        "NAME": "accreditation.security.auth_events.MinimumLengthLoggingValidator",
        "OPTIONS": {"min_length": int(os.environ.get("PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "accreditation:tasks"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
# The 24 official languages of the EU, each named in itself (the switcher shows them so: a reader who cannot read
# the current language must still find their own). English stays the default for a first visit without a
# usable Accept-Language header.
LANGUAGES = [
    ("bg", "български"),
    ("cs", "čeština"),
    ("da", "dansk"),
    ("de", "Deutsch"),
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("es", "español"),
    ("et", "eesti"),
    ("fi", "suomi"),
    ("fr", "français"),
    ("ga", "Gaeilge"),
    ("hr", "hrvatski"),
    ("hu", "magyar"),
    ("it", "italiano"),
    ("lt", "lietuvių"),
    ("lv", "latviešu"),
    ("mt", "Malti"),
    ("nl", "Nederlands"),
    ("pl", "polski"),
    ("pt", "português"),
    ("ro", "română"),
    ("sk", "slovenčina"),
    ("sl", "slovenščina"),
    ("sv", "svenska"),
]
# The reader's choice (switcher or ?lang=) is remembered for a year in Django's language cookie.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every start when it is missing
# Evidence, reports and certificates live outside any web root and are served only by views that check
# permission; there is deliberately no MEDIA_URL.
PRIVATE_FILES_ROOT = Path(os.environ.get("PRIVATE_FILES_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_FILES_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG and env_bool("COLLECTED_STATIC", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True


def s3_storage_settings(*, bucket: str, region: str = "", endpoint_url: str = "", location: str = "") -> dict:
    """django-storages' S3 backend (any S3-compatible store) for the private files: objects never overwritten,
    read only through the app's own views, which check who may see them."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "region_name": region or None,
            "endpoint_url": endpoint_url or None,
            "location": location,
            "default_acl": None,
            "file_overwrite": False,
        },
    }


# Files shared by several web processes: FILE_STORAGE=s3 with AWS_STORAGE_BUCKET_NAME (and AWS_S3_REGION_NAME,
# AWS_S3_ENDPOINT_URL for another S3-compatible service, AWS_LOCATION for a prefix; the credentials are boto3's
# usual AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY). Needs the s3 extra: pip install -e '.[s3]'.
if os.environ.get("FILE_STORAGE", "local") == "s3":
    STORAGES["default"] = s3_storage_settings(
        bucket=os.environ["AWS_STORAGE_BUCKET_NAME"],
        region=os.environ.get("AWS_S3_REGION_NAME", ""),
        endpoint_url=os.environ.get("AWS_S3_ENDPOINT_URL", ""),
        location=os.environ.get("AWS_LOCATION", ""),
    )

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "accreditation@localhost")

# Background jobs: Celery with Redis when a broker is configured, otherwise in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Anonymous clients by the address TRUSTED_PROXIES vouch for, signed-in people by account.
    "DEFAULT_THROTTLE_CLASSES": [
        "accreditation.security.throttles.AnonThrottle",
        "accreditation.security.throttles.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        # An empty value turns that throttle off (the throughput benchmark measures serving, not throttling).
        "anon": os.environ.get("API_ANON_RATE", "120/minute") or None,
        "user": os.environ.get("API_USER_RATE", "600/minute") or None,
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Trusted micro-credential provider register API",
    "DESCRIPTION": "Read-only access to the public register of accredited micro-credential providers.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # One name for the EQF levels wherever an entry or a scope item carries one.
    "ENUM_NAME_OVERRIDES": {"EqfLevelEnum": "frameworks.models.EqfLevel"},
}

# The accreditation process.
ACCREDITATION = {
    "DEFAULT_VALIDITY_YEARS": int(os.environ.get("DEFAULT_VALIDITY_YEARS", "6")),
    "EVIDENCE_MAX_BYTES": int(os.environ.get("EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024))),
    "COMMENT_PERIOD": timedelta(days=int(os.environ.get("COMMENT_PERIOD_DAYS", "14"))),
    # The appeal period a refusal's decision letter states (ESG 2.7).
    "APPEAL_PERIOD_DAYS": int(os.environ.get("APPEAL_PERIOD_DAYS", "30")),
    # How long each human step may take before a reminder goes out (and, for the provider's comments,
    # before the process moves on without them).
    "STEP_DEADLINES": {
        "screen": timedelta(days=14),
        "revise": timedelta(days=30),
        "compose_panel": timedelta(days=14),
        "site_visit": timedelta(days=30),
        "review": timedelta(days=21),
        "consolidate": timedelta(days=14),
        "finalise": timedelta(days=7),
        "decide": timedelta(days=30),
    },
    "CONFLICT_COOLING_OFF_YEARS": int(os.environ.get("CONFLICT_COOLING_OFF_YEARS", "3")),
    # The follow-up of conditions (issue 13): each is due so many months after the decision; the provider is
    # reminded so many days before; after "more information needed" it has so many days to answer.
    "CONDITION_DUE_MONTHS": int(os.environ.get("CONDITION_DUE_MONTHS", "12")),
    "CONDITION_REMINDER_DAYS": int(os.environ.get("CONDITION_REMINDER_DAYS", "30")),
    "CONDITION_REPLY_DAYS": int(os.environ.get("CONDITION_REPLY_DAYS", "30")),
    # Reminders to the provider and the agency before an entry expires, in months (each sent once).
    "EXPIRY_REMINDER_MONTHS": tuple(
        sorted(
            {int(m) for m in os.environ.get("EXPIRY_REMINDER_MONTHS", "12,6,3").split(",") if m.strip()}, reverse=True
        )
    ),
}
VIEWFLOW = {"AUTOREGISTER": False}
# Register XLSX downloads of more entries than this are built in the background with a progress page.
REGISTER_EXPORT_INLINE_MAX = int(os.environ.get("REGISTER_EXPORT_INLINE_MAX", "5000"))

# --- Security (issue 11; the README's security section says what an operator must set) -----------------------
# HTTPS: cookies are marked Secure by default when SITE_URL is https (and on every response to an HTTPS request,
# see accreditation.security.headers). Behind a TLS-terminating proxy set BEHIND_PROXY=1 so that Django trusts its
# X-Forwarded-Proto, as Django documents for SECURE_PROXY_SSL_HEADER; only then does request.is_secure() hold.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", SITE_URL.startswith("https://"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Addresses (or networks) of the reverse proxies whose X-Forwarded-For is believed, e.g. "10.0.0.0/8,127.0.0.1".
# Empty: the header is ignored and the connection's address counts (rate limits, lockouts, logs).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Sessions end after SESSION_IDLE_TIMEOUT without a request (coordinators, reviewers, officers, administrators),
# SESSION_IDLE_TIMEOUT_PROVIDER for people with provider roles only or none, and SESSION_ABSOLUTE_TIMEOUT after
# sign-in (accreditation/security/sessions.py says why).
SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("SESSION_IDLE_MINUTES", "30")))
SESSION_IDLE_TIMEOUT_PROVIDER = timedelta(minutes=int(os.environ.get("SESSION_IDLE_MINUTES_PROVIDER", "60")))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=int(os.environ.get("SESSION_ABSOLUTE_HOURS", "12")))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())

# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT failures, the account and, separately, the address are
# refused for AXES_COOLOFF_TIME. Administrators lift a lockout in the admin (Axes > access attempts: delete) or
# with `manage.py axes_reset_username <name>` / `axes_reset_ip <address>`.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "accreditation.security.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "accreditation.security.views.locked_out"
AXES_VERBOSE = False
PASSWORD_RESET_PER_ADDRESS_PER_HOUR = int(os.environ.get("PASSWORD_RESET_PER_HOUR", "3"))

# Second factor (django-otp, TOTP): required for administrators and for members of organisations that ask for
# it, optional for everyone else (Account > Second factor).
TWO_FACTOR_ENFORCED = env_bool("TWO_FACTOR_ENFORCED", True)
OTP_TOTP_ISSUER = os.environ.get("OTP_ISSUER", "Micro-credential accreditation")

# Rate limits by URL name (accreditation.security.ratelimits): anonymous clients per address, signed-in people per
# account ("user_rate"). The API has DRF's throttles as well (REST_FRAMEWORK above). The counts live in the default
# cache: set REDIS_URL when more than one process serves the site.
RATE_LIMITS = {
    "register:search": {"rate": "60/m", "user_rate": "240/m"},
    "register:counts": {"rate": "60/m", "user_rate": "240/m"},
    "register:export*": {"rate": "10/m", "user_rate": "30/m"},
    "register:verify*": {"rate": "30/m", "user_rate": "120/m"},
    "api:*": {"rate": "120/m", "user_rate": "600/m"},
    "api-schema": {"rate": "30/m"},
    "audit-head": {"rate": "30/m"},
    # The trust app: signed downloads build the whole download, the check and the PDF verification parse uploads.
    "trust:signed-download": {"rate": "10/m", "user_rate": "30/m"},
    "trust:download-signature": {"rate": "10/m", "user_rate": "30/m"},
    "trust:check*": {"rate": "30/m", "user_rate": "120/m"},
    "trust:verify-document": {"rate": "30/m", "user_rate": "120/m"},
    "trust:*": {"rate": "120/m", "user_rate": "600/m"},
    "password_reset": {"rate": "10/h", "methods": ["POST"]},
    "security:two-factor-*": {"rate": "20/m", "methods": ["POST"]},
}
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)

# Headers: Content-Security-Policy (django-csp) with no inline script anywhere; Permissions-Policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # No 'unsafe-inline': htmx's indicator rules are in site.css (htmx-config in base.html), the charts use
        # classes and presentation attributes; tests/security/test_csp.py checks pages in a browser.
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = os.environ.get(
    "PERMISSIONS_POLICY",
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
)

# Error e-mails: ADMINS="Name <address>,..." receive the report of every server error.
ADMINS = [
    (address.split("<")[0].strip() or address, address.split("<")[-1].rstrip(">").strip())
    for address in env_list("ADMINS")
]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", os.environ.get("DEFAULT_FROM_EMAIL", "accreditation@localhost"))

# The audit chain's HMAC key (kept here, never in the database; empty: derived from SECRET_KEY, so set it before
# ever rotating SECRET_KEY), and the file of signed daily heads that workflow_timers appends to and verify_audit
# checks. Keep a copy of that file, or of the log, somewhere the database's administrators cannot write.
AUDIT_CHAIN_KEY = os.environ.get("AUDIT_CHAIN_KEY", "")
AUDIT_ANCHOR_FILE = Path(os.environ.get("AUDIT_ANCHOR_FILE", VAR_DIR / "audit-anchors.jsonl"))
# Background-job files (downloads, checked imports) older than this are removed by workflow_timers.
JOB_FILE_RETENTION = timedelta(hours=int(os.environ.get("JOB_FILE_RETENTION_HOURS", "24")))
# Large downloads: an identical one running or finished this recently is reused; at most this many run per client
# and overall.
REGISTER_EXPORT_FRESH = timedelta(minutes=int(os.environ.get("REGISTER_EXPORT_FRESH_MINUTES", "10")))
JOBS_ACTIVE_PER_CLIENT = int(os.environ.get("JOBS_ACTIVE_PER_CLIENT", "2"))
JOBS_ACTIVE_MAX = int(os.environ.get("JOBS_ACTIVE_MAX", "8"))
# Without a broker, background jobs run in a thread of the web process; JOBS_RUN_INLINE=1 runs them in the request
# itself (debugging, some tests).
JOBS_RUN_INLINE = env_bool("JOBS_RUN_INLINE", False)
# An agency's applications download (statistics) is built in the background above this many applications.
AGENCY_EXPORT_INLINE_MAX = int(os.environ.get("AGENCY_EXPORT_INLINE_MAX", "2000"))
# The catalogue import's limits: the workbook's size and its number of rows.
CATALOGUE_MAX_UPLOAD_BYTES = int(os.environ.get("CATALOGUE_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024)))
CATALOGUE_MAX_ROWS = int(os.environ.get("CATALOGUE_MAX_ROWS", "10000"))
# The largest request body accepted, checked from Content-Length before reading; 0: the evidence limit plus 1 MB.
REQUEST_MAX_BYTES = int(os.environ.get("REQUEST_MAX_BYTES", "0"))
# A TTF font for characters DejaVu lacks in PDFs (emoji); empty: Debian's Symbola when installed.
PDF_FALLBACK_FONT = os.environ.get("PDF_FALLBACK_FONT", "")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json_lines": {"()": "accreditation.security.auth_events.JsonLinesFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # Sign-in events and the audit chain's daily signed head, one JSON object per line: to a file when
        # SECURITY_LOG_FILE is set, to the console otherwise (for journald or a container's log collector).
        "security": (
            {"class": "logging.handlers.WatchedFileHandler", "filename": os.environ["SECURITY_LOG_FILE"]}
            if os.environ.get("SECURITY_LOG_FILE")
            else {"class": "logging.StreamHandler"}
        )
        | {"formatter": "json_lines"},
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"handlers": ["console", "mail_admins"], "level": "ERROR", "propagate": False},
        "security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}

# Signing (the trust app): the operator's keys, one PEM private key and X.509 certificate per key id, in this
# folder with its keys.json index. `manage.py ensure_signing_key` (run by `make run`) makes a demo key when none
# exists; `manage.py rotate_signing_key` replaces the current one. SIGNING_KEY_AUTOCREATE makes one on first use.
SIGNING_KEY_DIR = Path(os.environ.get("SIGNING_KEY_DIR", VAR_DIR / "keys"))
SIGNING_KEY_AUTOCREATE = env_bool("SIGNING_KEY_AUTOCREATE", False)
SIGNING_OPERATOR_NAME = os.environ.get("SIGNING_OPERATOR_NAME", "Trusted-provider register (demo operator)")

# A read replica for the public register (config/db_routers.py): its anonymous reads go there, everything else to
# the primary. A client that wrote reads from the primary for REPLICA_PIN_SECONDS afterwards.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=DATABASES["default"].get("CONN_MAX_AGE", 60)
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
READ_FROM_REPLICA = "replica" in DATABASES
DATABASE_ROUTERS = ["config.db_routers.ReplicaRouter"]
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "30"))

# DEQAR's Submission API (v2) that `manage.py deqar_submit` and the agency's "Send to DEQAR" button post reports
# to, e.g. https://backend.deqar.eu/submissionapi/v2/submit/report; each agency's token is on the agency. Empty:
# nothing is sent.
DEQAR_SUBMISSION_URL = os.environ.get("DEQAR_SUBMISSION_URL", "")

# Whole public pages cached until the register changes (accreditation/page_cache.py); 0 turns it off.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "300"))
PUBLIC_PAGE_MAX_AGE = int(os.environ.get("PUBLIC_PAGE_MAX_AGE", "60"))  # what a reverse proxy may keep
REGISTER_VERSION_SECONDS = int(os.environ.get("REGISTER_VERSION_SECONDS", "5"))
