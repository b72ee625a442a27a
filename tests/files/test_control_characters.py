"""Invisible control characters are refused wherever people write text, with a message that says where."""

import pytest
from django.core.exceptions import ValidationError

from accreditation.forms.catalogue import MicroCredentialForm, ProviderProfileForm
from accreditation.validators import no_control_characters
from reports.text import clean_text
from tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\ufffe"])
def test_the_validator_refuses_control_characters_and_says_where(character):
    with pytest.raises(ValidationError) as refused:
        no_control_characters(f"Data{character} analysis")
    assert "position 5" in refused.value.messages[0]
    assert f"U+{ord(character):04X}" in refused.value.messages[0]


@pytest.mark.parametrize("text", ["Tab\there", "Line one\nline two\r\nline three", "Müller — Ελληνικά · 日本"])
def test_the_validator_accepts_tabs_line_breaks_and_any_language(text):
    no_control_characters(text)


def test_clean_text_removes_what_the_validator_refuses_and_keeps_the_rest():
    assert clean_text("A\x0bB\tC\nD\x00E\ufffeF") == "AB\tC\nDEF"
    assert clean_text(42) == 42 and clean_text(None) is None


def test_the_provider_profile_form_refuses_a_vertical_tab_in_the_name():
    provider = ProviderFactory()
    form = ProviderProfileForm(
        {"legal_name": "Dublin\x0bInstitute", "type": provider.type, "country": "IE", "website": ""},
        instance=provider,
    )
    assert not form.is_valid()
    assert "control character" in form.errors["legal_name"][0]


def test_the_micro_credential_form_refuses_a_control_character_in_the_title():
    form = MicroCredentialForm({"title": "Data\x0banalysis"}, provider=ProviderFactory())
    assert not form.is_valid()
    assert "control character" in form.errors["title"][0]


def test_model_validation_refuses_it_too_for_the_admin_and_the_api():
    provider = ProviderFactory.build(legal_name="Bad\x1fName")
    with pytest.raises(ValidationError) as refused:
        provider.full_clean()
    assert "legal_name" in refused.value.message_dict


def test_the_provider_profile_keeps_a_ror_id_pasted_as_its_link_and_a_schac_code():
    provider = ProviderFactory()
    data = {"legal_name": provider.legal_name, "type": provider.type, "country": "IE", "website": ""}
    form = ProviderProfileForm(
        {**data, "ror_id": "https://ror.org/02TYRKY19", "schac_code": "TCD.ie"}, instance=provider
    )
    assert form.is_valid(), form.errors
    assert (form.instance.ror_id, form.instance.schac_code) == ("02tyrky19", "tcd.ie")


def test_the_provider_profile_refuses_malformed_ror_ids_and_schac_codes():
    provider = ProviderFactory()
    data = {"legal_name": provider.legal_name, "type": provider.type, "country": "IE", "website": ""}
    form = ProviderProfileForm({**data, "ror_id": "12345", "schac_code": "not a domain"}, instance=provider)
    assert not form.is_valid()
    assert "ror.org" in form.errors["ror_id"][0]
    assert "domain" in form.errors["schac_code"][0]


def test_forms_that_are_not_model_forms_refuse_them_too():
    from accreditation.forms.steps import DecisionForm, InformationResponseForm
    from accreditation.views.register_manage import StatusChangeForm
    from reviews.forms import InvitationForm

    answer = InformationResponseForm({"response": "See annex\x0b 2"})
    assert not answer.is_valid() and "control character" in answer.errors["response"][0]
    assert "control character" in DecisionForm({"rationale": "Compliant\x07"}).errors["rationale"][0]
    reason = StatusChangeForm({"change": "suspended", "reason": "Complaint\x1b"}, status="active")
    assert "control character" in reason.errors["reason"][0]
    declaration = InvitationForm({"declaration": "Former colleague\x00"}).errors.get("declaration", [""])[0]
    assert "control character" in declaration
