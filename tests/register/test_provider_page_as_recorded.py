"""The provider page shows what the register said on a date, and, with `as_recorded_on`, what it said before a
later correction was recorded (issue 12, bitemporal history)."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_corrected_register_entry, make_register_entry

pytestmark = pytest.mark.django_db


def test_today_the_corrected_entry_is_expired(client):
    entry, _ = make_corrected_register_entry()
    page = client.get(f"/register/providers/{entry.provider_id}/").content.decode()
    assert "Expired" in page and "Correction: the decision" in page


def test_as_recorded_a_month_ago_it_was_accredited_until_its_first_end_date(client):
    entry, first = make_corrected_register_entry()
    month_ago = timezone.localdate() - datetime.timedelta(days=30)
    page = client.get(
        f"/register/providers/{entry.provider_id}/", {"as_recorded_on": month_ago.isoformat()}
    ).content.decode()
    assert "as recorded by" in page and "accredited" in page
    assert first.valid_until.strftime("%Y") in page
    assert "Correction: the decision" not in page  # not yet recorded then
    assert 'value="' + month_ago.isoformat() + '"' in page  # the form keeps what was asked


def test_as_of_a_past_date_shows_the_status_in_words(client):
    entry, _ = make_corrected_register_entry()
    long_after = timezone.localdate() - datetime.timedelta(days=1)
    page = client.get(f"/register/providers/{entry.provider_id}/", {"as_of": long_after.isoformat()}).content.decode()
    assert ">Expired<" in page


@pytest.mark.parametrize("parameter", ["as_of", "as_recorded_on"])
def test_a_bad_date_is_a_clear_400(client, parameter):
    entry = make_register_entry()
    response = client.get(f"/register/providers/{entry.provider_id}/", {parameter: "2026-02-31"})
    assert response.status_code == 400
    assert "Give the date as YYYY-MM-DD" in response.content.decode()
