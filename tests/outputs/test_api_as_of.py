"""The API answers what the register said on a date (`as_of`) and, for corrections, as it was recorded on a day
(`as_recorded_on`), as the provider page and the trust list do (issue 12, bitemporal history)."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_corrected_register_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected():
    return make_corrected_register_entry()


def entries(client, **params):
    response = client.get("/api/v1/entries/", params)
    assert response.status_code == 200, response.content
    return {item["certificate_id"]: item for item in response.json()["results"]}


def test_today_and_as_of_a_past_date(client, corrected):
    entry, _ = corrected
    assert entries(client)[entry.certificate_id]["state"]["status"] == "expired"
    ten_days_ago = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    then = entries(client, as_of=ten_days_ago)[entry.certificate_id]
    assert then["status"] == then["state"]["status"] == "active" and then["state"]["as_of"] == ten_days_ago


def test_as_recorded_before_the_correction(client, corrected):
    entry, first = corrected
    month_ago = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    said = entries(client, as_recorded_on=month_ago)[entry.certificate_id]
    assert said["state"]["status"] == "active" and said["status"] == "active"
    assert said["state"]["valid_until"] == first.valid_until.isoformat()
    assert said["state"]["as_recorded_on"] == month_ago


def test_entries_not_yet_published_or_recorded_are_left_out(client, corrected):
    entry, _ = corrected
    before = (entry.published_on - datetime.timedelta(days=1)).isoformat()
    assert entry.certificate_id not in entries(client, as_of=before)
    long_ago = (timezone.localdate() - datetime.timedelta(days=500)).isoformat()
    assert entry.certificate_id not in entries(client, as_recorded_on=long_ago)


@pytest.mark.parametrize("parameter", ["as_of", "as_recorded_on"])
def test_a_bad_date_is_a_400_naming_it(client, parameter):
    response = client.get("/api/v1/entries/", {parameter: "2026-02-31"})
    assert response.status_code == 400 and parameter in response.json()
