"""Test settings: the project's own settings with what only tests need changed.

- A fast password hasher, as Django's own test settings use: the production hasher's 1,000,000 PBKDF2 iterations
  cost about half a second per user, and the flow fixtures make six users each.
- Files (evidence, issued documents, job files) go to a temporary folder per test run, never into var/private/.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

# The embedded demo's defaults (demo key, local hosts) are what the tests run with; set before the import, since
# config.settings refuses them in production. Subprocesses the tests start inherit it.
os.environ.setdefault("EMBEDDED_DEMO", "1")

from config.settings import *  # noqa: F403
from config.settings import DATABASES, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Rate limits and the second-factor requirement are off except in the tests that turn them on to test them.
RATELIMIT_ENABLE = False
TWO_FACTOR_ENFORCED = False
# No file of signed audit heads: each test's database starts a new chain (the audit tests give one of their own).
AUDIT_ANCHOR_FILE = ""

PRIVATE_FILES_ROOT = Path(tempfile.mkdtemp(prefix="microcred-test-files-"))
STORAGES = {
    **STORAGES,
    "default": {**STORAGES["default"], "OPTIONS": {"location": PRIVATE_FILES_ROOT, "base_url": None}},
}
atexit.register(shutil.rmtree, PRIVATE_FILES_ROOT, ignore_errors=True)

# Signing keys are made on first use in a temporary folder per test run, never in var/keys/.
SIGNING_KEY_DIR = Path(tempfile.mkdtemp(prefix="microcred-test-keys-"))
SIGNING_KEY_AUTOCREATE = True
atexit.register(shutil.rmtree, SIGNING_KEY_DIR, ignore_errors=True)

# PostgreSQL: a test's commits need not wait for the disk (the tests that commit, such as the browser and race tests,
# commit often); a crash loses at most the last commits of a database that is thrown away anyway.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].get("OPTIONS", {})
    DATABASES["default"] = {
        **DATABASES["default"],
        "OPTIONS": {**_options, "options": f"{_options.get('options', '')} -c synchronous_commit=off".strip()},
    }

# A replica alias that mirrors the test database, so that the routing tests can turn READ_FROM_REPLICA on; off
# elsewhere, because a second connection cannot see a test's uncommitted rows.
DATABASES = {**DATABASES, "replica": {**DATABASES["default"], "TEST": {"MIRROR": "default"}}}
READ_FROM_REPLICA = False
