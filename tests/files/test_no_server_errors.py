"""Input that used to answer 500: any value must get a page or a clear 4xx."""

import pytest
from django import forms

from accreditation.models import Agency
from tests.factories import make_register_entry

pytestmark = pytest.mark.django_db
TOO_BIG = str(2**63)


def test_a_huge_integer_in_a_multiple_choice_of_objects_is_an_ordinary_form_error():
    """SQLite raised OverflowError for it (Django's `in` lookup does not guard against overflow)."""

    class Choice(forms.Form):
        agencies = forms.ModelMultipleChoiceField(queryset=Agency.objects.all())

    form = Choice({"agencies": [TOO_BIG, "-" + TOO_BIG + "0"]})
    assert not form.is_valid()
    assert "not one of the available choices" in form.errors["agencies"][0]


def test_the_in_lookup_still_finds_the_rows_whose_ids_fit(db):
    agency = make_register_entry().agency
    assert list(Agency.objects.filter(pk__in=[agency.pk, int(TOO_BIG)])) == [agency]
    assert list(Agency.objects.filter(pk__in=[int(TOO_BIG)])) == []


@pytest.mark.parametrize("typed", ["MC/2026/0001", "a/b", "../../admin", "x" * 300, "MC-2026-0001\x00"])
def test_a_certificate_id_with_a_slash_or_junk_typed_into_the_verification_form_is_not_a_500(client, typed):
    response = client.get("/register/verify/", {"certificate_id": typed})
    assert response.status_code in (302, 404)
    page = client.get(response["Location"]) if response.status_code == 302 else response
    assert page.status_code == 404
    assert "Unknown: no accreditation with the id" in page.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"agency": TOO_BIG},
        {"field": TOO_BIG},
        {"eqf_level": TOO_BIG},
        {"ects_min": "1e999"},
        {"ects_max": "nan"},
        {"valid_on": "99999-01-01"},
        {"page": TOO_BIG},
        {"status": TOO_BIG},
        {"sort": TOO_BIG},
        {"country": "\x00"},
    ],
)
@pytest.mark.parametrize("path", ["/register/", "/register/counts/", "/register/export.csv", "/api/v1/entries/"])
def test_register_and_api_parameters_never_answer_500(client, query, path):
    make_register_entry()
    assert client.get(path, query).status_code < 500
