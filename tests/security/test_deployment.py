"""Production settings: `check --deploy` is clean with the settings the README documents, and the app refuses to
start with the demo key, no ALLOWED_HOSTS or no SITE_URL unless it runs the embedded demo."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The production settings of the README's security section (values are examples).
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k7#p2@v9!x4q8z1m6n3b5c0w2e7r9t4y6u8i1o3p5a7s9d2f4g6h8j0l",
    "ALLOWED_HOSTS": "register.example.eu",
    "SITE_URL": "https://register.example.eu",
    "BEHIND_PROXY": "1",
    "TRUSTED_PROXIES": "10.0.0.0/8",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "AUDIT_CHAIN_KEY": "an-example-audit-chain-key-of-64-random-characters-kept-elsewhere",
    "ADMINS": "Operations <ops@register.example.eu>",
}


def _manage(tmp_path, *args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests run earlier in this process; no deployment has it.
        if key
        not in {
            "EMBEDDED_DEMO",
            "DJANGO_SETTINGS_MODULE",
            "DEBUG",
            "SECRET_KEY",
            "SITE_URL",
            "ALLOWED_HOSTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def _deploy_check(tmp_path):
    # The operator's signing keys are part of a production install (README); here a demo key in the temporary folder.
    made = _manage(tmp_path, "ensure_signing_key", **PRODUCTION)
    assert made.returncode == 0, made.stderr
    return _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    result = _deploy_check(tmp_path)
    issues = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("?:")]
    # The API schema's own warnings are listed by the next test.
    assert [line for line in issues if "drf_spectacular" not in line] == [], result.stdout + result.stderr


def test_check_deploy_has_no_api_schema_warnings(tmp_path):
    result = _deploy_check(tmp_path)
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY is the repository's demo key"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS is not set"),
        ("SITE_URL", "SITE_URL is not set"),
    ],
)
def test_production_refuses_to_start_without_its_settings(tmp_path, missing, message):
    settings = {key: value for key, value in PRODUCTION.items() if key != missing}
    result = _manage(tmp_path, "check", **settings)
    assert result.returncode != 0
    assert message in result.stderr


def test_the_embedded_demo_starts_without_them(tmp_path):
    result = _manage(tmp_path, "check", EMBEDDED_DEMO="1")
    assert result.returncode == 0, result.stderr
