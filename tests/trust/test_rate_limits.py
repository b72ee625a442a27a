"""The trust app's costly routes are rate limited like the register's downloads."""

import pytest

from accreditation.security.ratelimits import rule_for


@pytest.mark.parametrize(
    ("url_name", "rate"),
    [
        ("trust:signed-download", "10/m"),
        ("trust:download-signature", "10/m"),
        ("trust:check", "30/m"),
        ("trust:check-api", "30/m"),
        ("trust:verify-document", "30/m"),
        ("trust:trust-list", "120/m"),
    ],
)
def test_trust_routes_have_a_rate(url_name, rate):
    _pattern, rule = rule_for(url_name)
    assert rule["rate"] == rate
