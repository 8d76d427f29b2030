import hashlib
from datetime import timedelta
from ipaddress import ip_network

from django.core.exceptions import ImproperlyConfigured

from .env import PRODUCTION, VAR_DIR, env, required

if PRODUCTION:
    SECRET_KEY = required("SECRET_KEY")
    ALLOWED_HOSTS = [h.strip() for h in required("ALLOWED_HOSTS").split(",") if h.strip()]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
else:
    # The embedded default runs on one machine with no secrets; this key is never used in production.
    SECRET_KEY = env.str("SECRET_KEY", default="embedded-only-not-secret-" + "x" * 40)
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

# Audit log: every record carries an HMAC with this key, which must not live in the database (a copy of the
# database alone cannot forge a chain). Checkpoints (sequence number + hash) are appended to a file outside the
# database, so a removed tail of the log is found too. Keep the key stable: records signed with another key fail.
if PRODUCTION:
    ODAQ_AUDIT_KEY = required("ODAQ_AUDIT_KEY")
else:
    ODAQ_AUDIT_KEY = env.str("ODAQ_AUDIT_KEY", default="") or hashlib.sha256(
        f"odaq-audit:{SECRET_KEY}".encode()).hexdigest()
ODAQ_AUDIT_CHECKPOINT_DIR = env.path("ODAQ_AUDIT_CHECKPOINT_DIR", default=str(VAR_DIR / "audit"))

# Content-Security-Policy on every response (odaq.core.middleware), in every mode so tests and browser journeys see
# it: scripts, styles, fonts and connections from this site only; no inline script, style or on* handler.
ODAQ_CONTENT_SECURITY_POLICY = env.str("ODAQ_CONTENT_SECURITY_POLICY", default="; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
    "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
]))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Second factor: TOTP is mandatory for staff in production; the embedded demo waives it
# and shows a "demo mode" banner instead.
ODAQ_REQUIRE_STAFF_TOTP = env.bool("ODAQ_REQUIRE_STAFF_TOTP", default=PRODUCTION)
OTP_TOTP_ISSUER = "Odaq"

# Reverse proxies (IPs or CIDRs) whose X-Forwarded-For is believed: the client's address for login
# throttling, registration limits and the audit log (odaq.core.net.client_ip). Empty: REMOTE_ADDR as is.
try:
    ODAQ_TRUSTED_PROXIES = [str(ip_network(x, strict=False)) for x in env.list("ODAQ_TRUSTED_PROXIES", default=[])]
except ValueError as exc:
    raise ImproperlyConfigured(f"ODAQ_TRUSTED_PROXIES: {exc}") from exc

# Self-registration: attempts allowed per client address and hour (portal.services.count_registration_attempt).
ODAQ_REGISTRATION_LIMIT = env.int("ODAQ_REGISTRATION_LIMIT", default=10)

# Login throttling (django-axes): lock an account (however its login is typed: e-mail or phone) for one
# client address after repeated failures; the same account from another address is not locked.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_USERNAME_CALLABLE = "odaq.core.auth.axes_username"
AXES_CLIENT_IP_CALLABLE = "odaq.core.net.client_ip"
