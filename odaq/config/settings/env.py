"""Environment reading shared by every settings module.

The embedded default (``ODAQ_ENV`` unset or ``embedded``) needs no variables at all:
SQLite under ``var/``, eager Celery, console e-mail. Production mode
(``ODAQ_ENV=production``) refuses to start without its secrets.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(environ.Env().str("ODAQ_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
_env_file = BASE_DIR / ".env"
if _env_file.exists():
    environ.Env.read_env(str(_env_file))

ODAQ_ENV = env.str("ODAQ_ENV", default="embedded")
if ODAQ_ENV not in {"embedded", "production", "test"}:
    raise ImproperlyConfigured(f"ODAQ_ENV must be embedded, production or test, not {ODAQ_ENV!r}")
PRODUCTION = ODAQ_ENV == "production"


def required(name: str) -> str:
    """Read a variable that production mode cannot run without."""
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when ODAQ_ENV=production")
    return value
