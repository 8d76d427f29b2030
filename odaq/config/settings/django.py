from django.utils.translation import gettext_lazy as _

from .env import BASE_DIR, PRODUCTION, VAR_DIR, env, required

DEBUG = env.bool("DEBUG", default=False)

if PRODUCTION:
    DATABASE_URL = required("DATABASE_URL")
    if not DATABASE_URL.startswith(("postgres://", "postgresql://", "pgsql://")):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL in production mode")
else:
    DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'odaq.sqlite3'}")

DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60 if PRODUCTION else 0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django binds parameters on the client, so its own queries are never prepared. With a threshold set, psycopg
    # prepares the statements that ask for it (odaq.core.db: the token check and casting a ballot).
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 2**31 - 1
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "treebeard",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "odaq.core",
    "odaq.orgs",
    "odaq.portal",
    "odaq.law",
    "odaq.notify",
    "odaq.appeals",
    "odaq.aigov",
    "odaq.assistant",
    "odaq.voting",
    "odaq.surveys",
    "odaq.disputes",
    "odaq.practice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "odaq.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "odaq.core.middleware.LanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "odaq.orgs.middleware.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "odaq.config.urls"
WSGI_APPLICATION = "odaq.config.wsgi.application"
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "odaq.core.auth.EmailOrPhoneBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:cabinet"
LOGOUT_REDIRECT_URL = "portal:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "odaq" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "odaq.core.context_processors.platform",
                "odaq.orgs.context_processors.staff",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "odaq" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
if PRODUCTION:
    EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
    vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Odaq <noreply@odaq.kz>")

DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Production shares one cache among all workers (throttles, rate limits, task de-duplication): Redis.
CACHES = {
    "default": env.cache_url("CACHE_URL", default="redis://127.0.0.1:6379/1" if PRODUCTION else "locmemcache://odaq")
}
ODAQ_CONSENT_VERSION = env.str("ODAQ_CONSENT_VERSION", default="2026-1")

# The embedded default serves static files straight from the apps (no collectstatic step).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

# Absolute address used in e-mails (invitations, password links).
ODAQ_SITE_URL = env.str("ODAQ_SITE_URL", default="http://127.0.0.1:8000")
# Contacts shown on the about page; operators override them with ODAQ_CONTACTS_* variables.
ODAQ_CONTACTS = {
    key: value
    for key, value in {
        "email": env.str("ODAQ_CONTACTS_EMAIL", default=""),
        "phone": env.str("ODAQ_CONTACTS_PHONE", default=""),
        "address": env.str("ODAQ_CONTACTS_ADDRESS", default=""),
    }.items()
    if value
}
