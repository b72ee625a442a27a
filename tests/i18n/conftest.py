"""The translation tests read the catalogues of locale/ and need them compiled: a catalogue whose .mo is missing
or older than its .po is compiled here (as `make catalogues` does), so that these tests also run on their own."""

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


def load_catalogue_tool():
    spec = importlib.util.spec_from_file_location("catalogue_tool", LOCALE_DIR / "tools" / "catalogues.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalogues = load_catalogue_tool()


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("GNU gettext's msgfmt is missing: run `make gettext`.")
    compiled = False
    for po in LOCALE_DIR.glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            partial = mo.with_suffix(f".mo.{os.getpid()}")
            subprocess.run([msgfmt, "--check-format", "-o", str(partial), str(po)], check=True)
            partial.replace(mo)
            compiled = True
    if compiled:
        from django.utils.translation import trans_real

        trans_real._translations.clear()
        trans_real._default = None
