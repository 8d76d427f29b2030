import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PROD = {
    "ODAQ_ENV": "production",
    "SECRET_KEY": "k" * 20 + "Q7v!x9Zp2Lm#4rT8yW1sB6nD0cF3hJ5gK@uE",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "ALLOWED_HOSTS": "odaq.example.kz",
    "ODAQ_AUDIT_KEY": "audit-" + "k" * 40,
}


def _manage(*args, **env_changes):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "ODAQ_AUDIT_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update({k: v for k, v in env_changes.items() if v is not None})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "ODAQ_AUDIT_KEY"])
def test_production_refuses_to_start_without_a_required_variable(missing):
    result = _manage("check", **{**PROD, missing: None})
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_refuses_sqlite():
    result = _manage("check", **{**PROD, "DATABASE_URL": "sqlite:///tmp/x.sqlite3"})
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_deploy_check_is_clean_under_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PROD)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_embedded_default_needs_no_variables():
    result = _manage("check", ODAQ_ENV="embedded")
    assert result.returncode == 0, result.stderr


def test_every_page_has_a_content_security_policy_with_self_sources(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe-inline" not in policy
    assert client.get("/api/docs/")["Content-Security-Policy"] == policy


def test_api_docs_serve_swagger_ui_from_the_pinned_package_not_a_cdn(client, db):
    page = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "<style" not in page
    assert "<script>" not in page  # the init script is a file (?script)
