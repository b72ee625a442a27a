"""Fixtures of the security tests: the JSON lines the security loggers write, and the limits switched on."""

import io
import json
import logging

import pytest

from accreditation.security.auth_events import JsonLinesFormatter


@pytest.fixture
def security_log():
    """The JSON objects written to the "security" loggers during the test, as a list that fills as they come."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLinesFormatter())
    logger = logging.getLogger("security")
    logger.addHandler(handler)

    class Lines(list):
        def refresh(self):
            self[:] = [json.loads(line) for line in stream.getvalue().splitlines()]
            return self

        def events(self):
            return [line["event"] for line in self.refresh()]

    yield Lines()
    logger.removeHandler(handler)


@pytest.fixture
def rate_limits(settings):
    settings.RATELIMIT_ENABLE = True
    return settings


@pytest.fixture
def two_factor_enforced(settings):
    settings.TWO_FACTOR_ENFORCED = True
    return settings
