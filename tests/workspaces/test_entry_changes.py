"""The officer's changes to a register entry: only the changes its status allows are offered, refusals are worded
plainly, and the provider's staff get an e-mail for each suspension, lifting and withdrawal."""

import pytest
from django.core import mail

from accreditation.models.register import EntryStatus
from accreditation.services.register import change_entry_status
from tests.factories import MembershipFactory, UserFactory, make_register_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(authority_officer, provider, provider_staff):
    entry = make_register_entry(provider=provider)
    entry.authority = authority_officer.memberships.get().authority
    entry.save()
    return entry


def test_an_active_entry_is_not_offered_the_lifting_of_a_suspension(client, entry, authority_officer):
    client.force_login(authority_officer)
    page = client.get(f"/register/entries/{entry.pk}/manage/").content.decode()
    assert 'value="suspended"' in page and 'value="withdrawn"' in page
    assert 'value="reinstated"' not in page
    assert "suspension lifted" not in page.lower().replace("lift the suspension", "")


def test_a_suspended_entry_is_offered_lifting_and_withdrawal(client, entry, authority_officer):
    change_entry_status(entry=entry, change="suspended", reason="Complaint", by=authority_officer)
    client.force_login(authority_officer)
    page = client.get(f"/register/entries/{entry.pk}/manage/").content.decode()
    assert 'value="reinstated"' in page and "Lift the suspension" in page
    assert 'value="suspended"' not in page


def test_a_change_made_meanwhile_is_refused_in_plain_words(client, entry, authority_officer):
    client.force_login(authority_officer)
    client.get(f"/register/entries/{entry.pk}/manage/")
    change_entry_status(entry=entry, change="suspended", reason="Complaint", by=authority_officer)
    # The first officer's page still offered "suspend"; a second suspension is refused with a sentence.
    response = client.post(f"/register/entries/{entry.pk}/manage/", {"change": "suspended", "reason": "Again"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Only an active entry can be suspended; this entry is suspended." in body
    assert "cannot be" not in body


def test_a_withdrawn_entry_offers_no_change(client, entry, authority_officer):
    change_entry_status(entry=entry, change="withdrawn", reason="Closed", by=authority_officer)
    client.force_login(authority_officer)
    page = client.get(f"/register/entries/{entry.pk}/manage/").content.decode()
    assert "its status can no longer be changed" in page and 'name="change"' not in page


@pytest.mark.parametrize(
    ("changes", "subject"),
    [
        (["suspended"], "is suspended"),
        (["suspended", "reinstated"], "suspension of your register entry"),
        (["withdrawn"], "is withdrawn"),
    ],
)
def test_the_provider_is_told_by_email(
    entry, authority_officer, provider, provider_staff, django_capture_on_commit_callbacks, changes, subject
):
    colleague = UserFactory(username="colleague", email="colleague@example.org")
    MembershipFactory(user=colleague, role="provider_staff", provider=provider)
    for change in changes:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change_entry_status(entry=entry, change=change, reason=f"Reason for {change}", by=authority_officer)
    told = [m for m in mail.outbox if subject in m.subject]
    assert {address for m in told for address in m.to} == {provider_staff.email, colleague.email}
    assert entry.certificate_id in told[0].subject
    assert f"Reason for {changes[-1]}" in told[0].body
    assert f"/register/providers/{provider.pk}/" in told[0].body


def test_the_officer_is_told_who_was_informed(client, entry, authority_officer):
    client.force_login(authority_officer)
    response = client.post(
        f"/register/entries/{entry.pk}/manage/", {"change": "suspended", "reason": "Complaint"}, follow=True
    )
    assert "The provider is told by e-mail." in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUSPENDED
