"""Browser tests: Playwright drives Debian's chromium (never a downloaded browser) against pytest-django's live
server; every page visited is checked with axe-core for WCAG 2.1 AA. The browser fixtures are in tests/conftest.py,
the helpers in tests/browser.py."""

from pathlib import Path

import pytest

from tests.browser import SCREENSHOTS, assert_accessible, login, logout  # noqa: F401 - used by the tests here


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
