"""Settings of the ASSKomm portal, read from environment variables.

The defaults are for development only; production sets at least
DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and
EMAIL_URL (see README.md).
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from asskomm.deployment import PER_PROCESS_CACHES, postgresql_timeouts

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is off: "
            "set it to a long random string (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), "
            "or set DJANGO_DEBUG=1 for development."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS",
    default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else [],
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The address the portal is reached at, for links in e-mails sent outside a
# request (reminders, offers sent by management commands).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The portal's name wherever e-mails and pages name it.
SITE_NAME = env.str("SITE_NAME", default="ASSKomm-Portal")

INSTALLED_APPS = [
    "asskomm.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "asskomm.mail_app.MailQueueConfig",  # django-mailer, the e-mail queue
    "csp",
    "asskomm",
    "members",
    "events",
    "training",
    "library",
    "projects",
    "news",
    "search",
    "exchange",
    "figures",
    "working_group",
    "accessibility",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "asskomm.middleware.NulBytesMiddleware",
    "csp.middleware.CSPMiddleware",
    "asskomm.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "asskomm.middleware.SessionIdleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "asskomm.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "asskomm.urls"
WSGI_APPLICATION = "asskomm.wsgi.application"
SITE_ID = 1

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
                "training.context_processors.alumni_navigation",
            ],
        },
    },
]
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6's default, today
# Forms render through our templates (labels, help and errors wired for
# screen readers), allauth's forms included.
FORM_RENDERER = "asskomm.forms.PortalFormRenderer"

# Database: PostgreSQL is the database of record; without DATABASE_URL a
# SQLite file under var/ lets a newcomer try the portal with no server.
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'asskomm.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # BEGIN IMMEDIATE takes the write lock when a transaction starts, so
    # rules that read-then-write (capacity) are serialised on SQLite as the
    # row locks serialise them on PostgreSQL.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    # Persistent connections: a gunicorn worker keeps its connection for a
    # minute instead of opening one per request (checked before reuse). Not
    # in development, where runserver's thread per request would only leave
    # connections behind.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int(
        "DJANGO_CONN_MAX_AGE", default=0 if DEBUG else 60
    )
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database that hangs costs a request seconds, not gunicorn's 30 s
    # worker timeout: connecting and every statement have a limit (seconds;
    # 0 switches a limit off, e.g. for a long migration).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        postgresql_timeouts(
            connect=env.int("DJANGO_DB_CONNECT_TIMEOUT", default=5),
            statement=env.int("DJANGO_DB_STATEMENT_TIMEOUT", default=10),
            options=DATABASES["default"].get("OPTIONS", {}).get("options", ""),
        )
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every worker and host, because allauth counts failed
# logins in it: Redis when CACHE_URL names it, the database otherwise (its
# table is created by `migrate`). Never a per-process memory cache, with
# which each gunicorn worker would count on its own.
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://asskomm_cache")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis that does not answer fails the request fast, as the database does.
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 2, "socket_timeout": 2}
    )
if not DEBUG and CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES:
    raise ImproperlyConfigured(
        "CACHE_URL names a cache each worker process keeps for itself, so login limits "
        "would not hold across workers. Use rediscache://host:6379/1, or leave CACHE_URL "
        "unset for the database cache."
    )
# Whole public pages for anonymous visitors (asskomm/page_cache.py), kept at
# most this many seconds: what changes with time alone (an event starting)
# shows at most this late. 0 switches the page cache off.
ASSKOMM_PAGE_CACHE_SECONDS = env.int("ASSKOMM_PAGE_CACHE_SECONDS", default=300)
# A signed-in person's own pages, kept for their session alone and for less
# time (at most ASSKOMM_PAGE_CACHE_SECONDS): a reload or a return to a list
# within this many seconds comes from the cache. 0 renders them every time.
ASSKOMM_PERSONAL_PAGE_CACHE_SECONDS = env.int("ASSKOMM_PERSONAL_PAGE_CACHE_SECONDS", default=60)
# Shared by all workers, as the versions that make stale pages unreachable
# must be. Without Redis the pages have a database table of their own with a
# limit on its entries, so that pages culled from it can never take a count
# of failed logins along. With Redis they sit beside the login limits
# (without a memory limit Redis evicts nothing), or, with PAGE_CACHE_URL, in
# a Redis of their own.
CACHES["pages"] = env.cache_url(
    "PAGE_CACHE_URL",
    default=(
        env.str("CACHE_URL")
        if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        else "dbcache://asskomm_page_cache"
    ),
)
if CACHES["pages"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["pages"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 2, "socket_timeout": 2}
    )
elif CACHES["pages"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    CACHES["pages"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 3000)
if not DEBUG and ASSKOMM_PAGE_CACHE_SECONDS and CACHES["pages"]["BACKEND"] in PER_PROCESS_CACHES:
    raise ImproperlyConfigured(
        "PAGE_CACHE_URL names a cache each worker process keeps for itself: a change "
        "seen by one worker would leave the others showing stale pages. Use a Redis, "
        "leave PAGE_CACHE_URL unset, or set ASSKOMM_PAGE_CACHE_SECONDS=0."
    )

# The pages for a free text (a search's words) in each worker's own memory,
# bounded, so that endless new words push out only other searches; the
# shared version above still decides whether such a page is current.
CACHES["free_text_pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "asskomm-free-text-pages",
    "OPTIONS": {"MAX_ENTRIES": env.int("ASSKOMM_FREE_TEXT_PAGES", default=200)},
}

# Filters offer "all" rather than a row of dashes.
FILTERS_EMPTY_CHOICE_LABEL = _("all")

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2 for every new or changed password; the others only verify old
# hashes, which Django rehashes with Argon2 at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:dashboard"

# django-allauth: e-mail address as the only login, verified before use.
ACCOUNT_LOGIN_METHODS = {"email"}
LOGIN_FAILURES_PER_ACCOUNT = 5
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupForm"
ACCOUNT_FORMS = {"signup": "members.signup.SignupForm"}  # same time for known addresses
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ASSKomm] "
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
# People are named by their full name (the e-mail address while they have none).
ACCOUNT_USER_DISPLAY = "members.adapters.user_display"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Failed logins: the account decides. Five wrong passwords for one e-mail
# address within five minutes and that address is refused for the rest of
# the five minutes, whichever worker or host answers (the counts live in the
# shared cache). The per-address limits are only a flood guard, set high
# enough that a town hall or the police network behind one address never
# locks its people out.
ACCOUNT_RATE_LIMITS = {
    "login": "120/m/ip",
    "login_failed": f"{LOGIN_FAILURES_PER_ACCOUNT}/5m/key,60/m/ip",
    # Reports of barriers (accessibility.views), anonymous: a flood guard
    # per visitor address, high enough for a town hall behind one address.
    "report_barrier": "20/h/ip",
}

# Changing the e-mail address asks for the password (or a second factor)
# again; views that need the same use
# allauth.account.decorators.reauthentication_required.
ACCOUNT_REAUTHENTICATION_REQUIRED = True

# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) and
# recovery codes, for everyone; staff must have it before the admin opens
# (asskomm.admin_site.AdminSite).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ASSKomm"

# E-mail: every e-mail is written to a queue in the database, in the
# transaction of the action that causes it (django-mailer). The worker,
# `manage.py deliver_mail`, hands it to the server EMAIL_URL names, e.g.
# smtp+tls://user:password@mail.example.org:587; by default it prints it.
if not DEBUG and not env.str("EMAIL_URL", default="").startswith("smtp"):
    raise ImproperlyConfigured(
        "EMAIL_URL does not name an SMTP server. It is required when DJANGO_DEBUG is off, "
        "e.g. smtp+tls://user:password@mail.example.org:587; without it the portal would "
        "print password-reset links to the log."
    )
_email = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(_email)
MAILER_EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_BACKEND = "mailer.backend.DbBackend"
# A server that does not answer must not stall the worker: give up on a
# connection after 30 seconds, and end a pass after 5 failed e-mails (the
# rest wait for the next pass).
EMAIL_TIMEOUT = 30
MAILER_EMAIL_MAX_DEFERRED = 5
# A failed delivery is tried again after 5 minutes, then after 10, 20, …
# (at most 6 hours apart), 10 times: for about a day. Then the e-mail counts
# as failed and waits in the admin for staff (asskomm/mail_queue.py).
MAILER_ERROR_HANDLER = "asskomm.mail_queue.defer_on_failure"
MAILER_EMAIL_MAX_RETRIES = 10
MAIL_RETRY_DELAY = timedelta(minutes=5)
MAIL_RETRY_MAX_DELAY = timedelta(hours=6)
# Workers never send the same e-mail twice: each holds a row lock on the
# e-mail it sends (PostgreSQL; on SQLite the IMMEDIATE transactions). No lock
# file, which a killed worker would leave behind, blocking the next.
MAILER_USE_FILE_LOCK = False
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ASSKomm <asskomm@example.org>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Where membership requests and other matters for the ASSKomm team are
# announced; empty: the team looks at the admin's start page.
TEAM_EMAIL = env.str("ASSKOMM_TEAM_EMAIL", default="")
# Retention: after how many days `manage.py purge_expired` deletes what
# nobody needs any more (README, "Retention").
ASSKOMM_RETENTION = {
    # rejected and withdrawn applications of completed cohorts, with the
    # supervisor's data, counted from their last status change
    "applications_closed_days": env.int("ASSKOMM_RETAIN_CLOSED_APPLICATIONS_DAYS", default=365),
    # cancelled event registrations, counted from the cancellation
    "registrations_cancelled_days": env.int(
        "ASSKOMM_RETAIN_CANCELLED_REGISTRATIONS_DAYS", default=90
    ),
    # sign-ups whose e-mail address was never confirmed
    "unverified_signups_days": env.int("ASSKOMM_RETAIN_UNVERIFIED_SIGNUPS_DAYS", default=30),
    # guests' names, addresses, organisations and notes, counted from the end
    # of the event (the registration stays, for the counts)
    "guest_data_days": env.int("ASSKOMM_RETAIN_GUEST_DATA_DAYS", default=30),
    # reports of barriers, counted from the team's answer (open ones stay)
    "barrier_reports_days": env.int("ASSKOMM_RETAIN_BARRIER_REPORTS_DAYS", default=365),
}
# The ASSKomm team's contact, on /contact/, in the accessibility statement
# and as the address reports of barriers go to when ASSKOMM_TEAM_EMAIL is
# empty. The address lines are separated by ";". Empty: not shown.
ASSKOMM_CONTACT = {
    "organisation": env.str(
        "ASSKOMM_CONTACT_ORGANISATION", default="Landespräventionsrat Sachsen – ASSKomm-Team"
    ),
    "address": [
        line.strip()
        for line in env.str("ASSKOMM_CONTACT_ADDRESS", default="").split(";")
        if line.strip()
    ],
    "email": env.str("ASSKOMM_CONTACT_EMAIL", default=TEAM_EMAIL or "asskomm@example.org"),
    "phone": env.str("ASSKOMM_CONTACT_PHONE", default=""),
}

# Who gets an e-mail with the details when a page fails (the 500 page says
# the team has been told only when someone is).
ADMINS = [("ASSKomm", address) for address in env.list("DJANGO_ADMINS", default=[])]

# Internationalisation: German first, English second.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# Our catalogue first; then our formal-address ("Sie") overrides of
# django-allauth's German, which says "du".
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "allauth"]
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Berlin")
USE_TZ = True
# The portal's own date formats (asskomm/formats/<language>/formats.py);
# write dates through asskomm.dates.when, in templates the |when filter.
FORMAT_MODULE_PATH = ["asskomm.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise looks there, even before collectstatic
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
    # Uploaded documents: never served directly; views hand them out after a
    # permission check. On one host under MEDIA_ROOT/private; with several
    # hosts in a private bucket of S3-compatible object storage.
    "private": {"BACKEND": "events.uploads.PrivateStorage"},
}
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=VAR_DIR / "media")
if env.str("DJANGO_S3_BUCKET", default=""):
    STORAGES["private"] = {
        "BACKEND": "events.uploads.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": env.str("DJANGO_S3_BUCKET"),
            "endpoint_url": env.str("DJANGO_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("DJANGO_S3_REGION", default="") or None,
            "access_key": env.str("DJANGO_S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("DJANGO_S3_SECRET_KEY", default="") or None,
            "location": "private",
        },
    }

SESSION_COOKIE_HTTPONLY = True
# A session ends after this long without a request (two hours by default):
# SessionIdleMiddleware moves its end at most every few minutes, rather than
# a write on every request (SESSION_SAVE_EVERY_REQUEST).
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_IDLE_MINUTES", default=120) * 60
# With Redis as the cache, a session is read from there (and written through
# to the database, which keeps it should Redis be emptied): every signed-in
# request saves a query, a page from the page cache half of its queries.
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "asskomm.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Only the portal's own origin: the templates load nothing from another host
# and have no inline scripts, styles or handlers (a test checks).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # allauth's two-factor set-up shows its QR code as a data: image.
        "img-src": ["'self'", "data:"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The browser features the portal never uses, switched off for it and for
# anything it might embed.
PERMISSIONS_POLICY = [
    "accelerometer",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]
# Behind a TLS-terminating proxy every request comes from the proxy's
# address: trust the proxy's X-Forwarded-Proto, and take the visitor's
# address for allauth's rate limits from X-Forwarded-For (the entry the
# last DJANGO_TRUSTED_PROXY_COUNT proxies added) or from the header the
# proxy sets (DJANGO_CLIENT_IP_HEADER, e.g. X-Real-IP).
BEHIND_PROXY = env.bool("DJANGO_BEHIND_PROXY", default=False)
ALLAUTH_TRUSTED_PROXY_COUNT = env.int(
    "DJANGO_TRUSTED_PROXY_COUNT", default=1 if BEHIND_PROXY else 0
)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("DJANGO_CLIENT_IP_HEADER", default="") or None
# Load balancers and monitoring ask over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = False
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload is the operator's decision

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_traceback_for_403": {"()": "asskomm.deployment.NoTracebackFor403"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        # A 403 is the portal working as meant: one line, no traceback.
        "django.request": {"filters": ["no_traceback_for_403"]},
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}
