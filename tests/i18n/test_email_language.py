"""E-mails reach each person in their language: the one they chose on their preferences page, else the language of
their organisation's country, else the site's; subject, body and the footer alike."""

import datetime

import pytest
from django.core import mail

from accreditation.models import PersonalPreference
from tests.factories import MembershipFactory, ProviderFactory, UserFactory, make_register_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_provider(authority):
    provider = ProviderFactory(legal_name="Université de Lyon", country="FR")
    entry = make_register_entry(provider=provider)
    entry.authority = authority
    entry.save()
    return provider, entry


def staff_of(provider, username):
    user = UserFactory(username=username, email=f"{username}@example.org")
    MembershipFactory(user=user, role="provider_staff", provider=provider)
    return user


def suspend(client, officer, entry, captured):
    client.force_login(officer)
    with captured(execute=True):
        response = client.post(f"/register/entries/{entry.pk}/manage/", {"change": "suspended", "reason": "Plainte"})
    assert response.status_code == 302
    return {address: message for message in mail.outbox for address in message.to}


def test_staff_of_a_french_provider_are_written_to_in_french(
    client, authority_officer, french_provider, django_capture_on_commit_callbacks
):
    provider, entry = french_provider
    claire = staff_of(provider, "claire")
    letters = suspend(client, authority_officer, entry, django_capture_on_commit_callbacks)
    letter = letters[claire.email]
    assert letter.subject == f"Votre inscription au registre {entry.certificate_id} est suspendue"
    assert "L’autorité nationale a modifié l’inscription au registre de Université de Lyon" in letter.body
    assert "Motif : Plainte" in letter.body
    assert "Ouvrez-la ici :" in letter.body and "Open it here" not in letter.body
    assert "Système d’accréditation des microcertifications" in letter.body


def test_each_recipient_reads_their_own_language(
    client, authority_officer, french_provider, django_capture_on_commit_callbacks
):
    provider, entry = french_provider
    claire = staff_of(provider, "claire")
    jan = staff_of(provider, "jan")
    PersonalPreference.objects.create(user=jan, language="pl")
    sean = staff_of(provider, "sean")
    PersonalPreference.objects.create(user=sean, language="en")
    letters = suspend(client, authority_officer, entry, django_capture_on_commit_callbacks)
    assert "suspendue" in letters[claire.email].subject
    assert letters[jan.email].subject == f"Wpis {entry.certificate_id} w rejestrze został zawieszony"
    assert "Otwórz tutaj:" in letters[jan.email].body
    assert letters[sean.email].subject == f"Your register entry {entry.certificate_id} is suspended"
    # One letter per person: nobody sees another's address.
    assert all(len(message.to) == 1 for message in mail.outbox)


def test_the_date_in_the_letter_is_written_the_readers_way(
    client, authority_officer, french_provider, django_capture_on_commit_callbacks
):
    provider, entry = french_provider
    claire = staff_of(provider, "claire")
    letters = suspend(client, authority_officer, entry, django_capture_on_commit_callbacks)
    from django.utils import timezone

    today = timezone.localdate()
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre"]
    months += ["novembre", "décembre"]
    assert f"le {today.day} {months[today.month - 1]} {today.year}" in letters[claire.email].body
    assert today.isoformat() not in letters[claire.email].body


def test_a_person_without_an_organisation_gets_the_sites_language(settings):
    from accreditation.preferences import language_of

    assert language_of(UserFactory(username="nobody")) == settings.LANGUAGE_CODE == "en"


@pytest.mark.parametrize(
    ("country", "language"),
    [("FR", "fr"), ("DE", "de"), ("AT", "de"), ("BE", "nl"), ("LU", "fr"), ("IE", "en"), ("MT", "mt"), ("CY", "el")],
)
def test_the_default_is_the_first_official_language_of_the_country(country, language):
    from accreditation.preferences import language_for_country

    assert language_for_country(country) == language


@pytest.mark.parametrize(
    ("country", "zone"),
    [("FR", "Europe/Paris"), ("ES", "Europe/Madrid"), ("PT", "Europe/Lisbon"), ("CY", "Asia/Nicosia")],
)
def test_the_default_zone_is_the_countrys_main_one(country, zone):
    from accreditation.preferences import zone_for_country

    assert zone_for_country(country) == zone


def test_an_expiry_reminder_reaches_french_staff_in_french_and_a_polish_reader_in_polish(
    french_provider, django_capture_on_commit_callbacks
):
    from accreditation.services.expiry import send_expiry_reminders

    provider, entry = french_provider
    claire = staff_of(provider, "claire")
    jan = staff_of(provider, "jan")
    PersonalPreference.objects.create(user=jan, language="pl")
    three_months_before = entry.valid_until - datetime.timedelta(days=80)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_expiry_reminders(today=three_months_before) == 1
    letters = {address: message for message in mail.outbox for address in message.to}
    assert letters[claire.email].subject.startswith("L'accréditation de Université de Lyon expire le ")
    assert letters[jan.email].subject.startswith("Akredytacja dostawcy Université de Lyon wygasa ")
