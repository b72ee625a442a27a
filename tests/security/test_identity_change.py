"""A provider on the register cannot rename itself: identity changes made on the profile become a request that an
officer of the accrediting authority approves or refuses (issue 11). Driven as the personas do, through the
profile page and the officer's task page; the register, verification page, API and search are read as the public
reads them."""

import pytest
from django.core import mail
from lxml import html
from pypdf import PdfReader

from accreditation.models import (
    AuditEvent,
    Decision,
    IdentityChangeRequest,
    IssuedDocument,
    RegisterEntry,
    RegisterEvent,
)
from tests.factories import make_register_entry

pytestmark = pytest.mark.django_db

PROFILE = "/provider/profile/"


@pytest.fixture
def entry(provider, authority, authority_officer):
    """Provider "Atlantic Technological College" accredited by the officer's authority."""
    entry = make_register_entry(provider=provider)
    RegisterEntry.objects.filter(pk=entry.pk).update(authority=authority)
    Decision.objects.filter(pk=entry.decision_id).update(authority=authority, officer=authority_officer)
    entry.application.__class__.objects.filter(pk=entry.application_id).update(authority=authority)
    entry.refresh_from_db()
    return entry


def profile_data(provider, **changes) -> dict:
    fields = ["legal_name", "acronym", "type", "country", "region", "website", "national_id", "erasmus_code", "pic"]
    fields += ["deqar_id", "eter_id", "ror_id", "schac_code"]
    data = {name: getattr(provider, name) for name in fields}
    return {**data, "provider": provider.pk, **changes}


def request_rename(client, provider, name="Western Digital Academy", **extra):
    return client.post(PROFILE, profile_data(provider, legal_name=name, **extra), follow=True)


def task_url(change: IdentityChangeRequest) -> str:
    task = change.process.task_set.get(flow_task_type="HUMAN")
    return f"/tasks/{task.pk}/decide-identity-change/"


def test_a_provider_not_yet_on_the_register_renames_itself_directly(client, provider, provider_staff):
    client.force_login(provider_staff)
    page = request_rename(client, provider).content.decode()
    assert "The provider profile is saved." in page
    provider.refresh_from_db()
    assert provider.legal_name == "Western Digital Academy"
    assert not IdentityChangeRequest.objects.exists()


def test_a_rename_of_an_accredited_provider_waits_for_approval_and_the_register_keeps_the_name(
    client, provider, provider_staff, entry, authority_officer
):
    client.force_login(provider_staff)
    response = request_rename(
        client, provider, website="https://new.example.org", reason="Merged with Western Institute on 1 May."
    )
    page = response.content.decode()
    assert "sent to Irish Qualifications Authority for approval" in page
    assert "Identity change awaiting approval" in page and "Western Digital Academy" in page
    provider.refresh_from_db()
    assert provider.legal_name == "Atlantic Technological College"
    assert provider.website == "https://new.example.org"  # not identity: saved at once
    change = IdentityChangeRequest.objects.get()
    assert change.status == "pending" and change.authority_id == entry.authority_id
    assert change.old_values == {"legal_name": "Atlantic Technological College"}
    assert change.new_values == {"legal_name": "Western Digital Academy"}

    client.logout()
    for url in [f"/register/providers/{provider.pk}/", f"/register/verify/{entry.certificate_id}/"]:
        public = client.get(url).content.decode()
        assert "Atlantic Technological College" in public and "Western Digital Academy" not in public
    api = client.get("/api/v1/entries/", {"q": "Atlantic"}).json()
    assert [item["certificate_id"] for item in api["results"]] == [entry.certificate_id]
    assert "Western Digital" not in client.get("/api/v1/entries/").content.decode()
    csv = b"".join(client.get("/register/export.csv").streaming_content).decode("utf-8-sig")
    assert "Atlantic Technological College" in csv and "Western Digital" not in csv
    assert "Atlantic Technological College" in client.get("/register/", {"q": "Atlantic"}).content.decode()

    client.force_login(authority_officer)
    tasks = client.get("/tasks/").content.decode()
    assert "Approve or refuse a change of a provider&#x27;s identity" in tasks
    row = html.fromstring(tasks).xpath('//tr[.//a[contains(., "identity")]]')[0]
    assert row.xpath('string(td[@data-label="Provider"])').strip() == "Atlantic Technological College"
    task = change.process.task_set.get(flow_task_type="HUMAN")
    assert client.get(f"/tasks/{task.pk}/")["Location"] == task_url(change)  # the list's link


def test_an_identity_change_needs_a_reason_and_loses_nothing_typed(client, provider, provider_staff, entry):
    client.force_login(provider_staff)
    response = request_rename(client, provider, region="Connacht")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Say why the identity changes" in page
    assert 'value="Western Digital Academy"' in page and 'value="Connacht"' in page
    provider.refresh_from_db()
    assert provider.legal_name == "Atlantic Technological College" and provider.region == ""
    assert not IdentityChangeRequest.objects.exists()


def test_identifiers_type_and_country_are_identity_too(client, provider, provider_staff, entry):
    client.force_login(provider_staff)
    client.post(PROFILE, profile_data(provider, pic="999999999", country="MT", type="company", reason="Moved."))
    change = IdentityChangeRequest.objects.get()
    assert change.new_values == {"pic": "999999999", "country": "MT", "type": "company"}
    provider.refresh_from_db()
    assert (provider.pic, provider.country, provider.type) == ("", "IE", "university")


def test_one_request_at_a_time(client, provider, provider_staff, entry):
    client.force_login(provider_staff)
    request_rename(client, provider, reason="Merger.")
    page = request_rename(client, provider, name="Third Name", reason="Again.").content.decode()
    assert "already awaiting approval" in page
    assert IdentityChangeRequest.objects.count() == 1


def test_the_officer_approves_and_the_register_history_certificate_and_search_follow(
    client, provider, provider_staff, entry, authority_officer, django_capture_on_commit_callbacks
):
    client.force_login(provider_staff)
    request_rename(client, provider, reason="Merged with Western Institute.")
    change = IdentityChangeRequest.objects.get()
    mail.outbox.clear()

    client.force_login(authority_officer)
    task_page = client.get(task_url(change)).content.decode()
    assert "Atlantic Technological College" in task_page and "Western Digital Academy" in task_page
    assert "Merged with Western Institute." in task_page
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(task_url(change), {"outcome": "approve", "reason": ""}, follow=True).content.decode()
    assert "The new identity of Western Digital Academy is on the register." in done

    provider.refresh_from_db()
    assert provider.legal_name == "Western Digital Academy"
    change.refresh_from_db()
    assert change.status == "approved" and change.decided_by == authority_officer
    event = RegisterEvent.objects.get(entry=entry, kind=RegisterEvent.Kind.IDENTITY_CHANGED)
    assert "Atlantic Technological College → Western Digital Academy" in event.reason
    certificate = IssuedDocument.objects.filter(application=entry.application, kind="certificate").latest("version")
    text = "".join(page.extract_text() for page in PdfReader(certificate.file.open("rb")).pages)
    assert "Western Digital Academy" in text

    client.logout()
    public = client.get(f"/register/providers/{provider.pk}/").content.decode()
    assert "Western Digital Academy" in public and "Provider&#x27;s identity changed" in public
    assert "Western Digital Academy" in client.get(f"/register/verify/{entry.certificate_id}/").content.decode()
    assert "Western Digital Academy" in client.get("/register/", {"q": "Western"}).content.decode()
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"requested an identity change", "approved an identity change"} <= verbs
    assert [message.to for message in mail.outbox] == [[provider_staff.email]]
    assert "Western Digital Academy" in mail.outbox[0].subject


def test_the_officer_refuses_with_a_reason_and_nothing_changes(
    client, provider, provider_staff, entry, authority_officer, django_capture_on_commit_callbacks
):
    client.force_login(provider_staff)
    request_rename(client, provider, reason="New brand.")
    change = IdentityChangeRequest.objects.get()
    mail.outbox.clear()
    client.force_login(authority_officer)
    no_reason = client.post(task_url(change), {"outcome": "refuse", "reason": " "})
    assert "Give the reason for the refusal" in no_reason.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(task_url(change), {"outcome": "refuse", "reason": "A brand is not a legal name."})

    provider.refresh_from_db()
    assert provider.legal_name == "Atlantic Technological College"
    assert not RegisterEvent.objects.filter(kind=RegisterEvent.Kind.IDENTITY_CHANGED).exists()
    assert "A brand is not a legal name." in mail.outbox[0].body
    client.force_login(provider_staff)
    profile = client.get(PROFILE).content.decode()
    assert "Earlier identity changes" in profile and "A brand is not a legal name." in profile


def test_only_the_assigned_officer_of_the_authority_opens_the_task(
    client, provider, provider_staff, entry, authority_officer, other_officer, coordinator, authority
):
    from tests.conftest import _member

    colleague = _member("colleague", "officer", authority=authority)
    client.force_login(provider_staff)
    request_rename(client, provider, reason="Merger.")
    change = IdentityChangeRequest.objects.get()
    for person in (provider_staff, other_officer, coordinator, colleague):
        client.force_login(person)
        assert client.get(task_url(change)).status_code == 404
        assert client.post(task_url(change), {"outcome": "approve"}).status_code == 404
    provider.refresh_from_db()
    assert provider.legal_name == "Atlantic Technological College"
    client.logout()
    assert client.get(task_url(change)).status_code == 302

    # An officer who left the authority no longer decides.
    authority_officer.memberships.all().delete()
    client.force_login(authority_officer)
    assert client.get(task_url(change)).status_code == 404


def _at_once(*calls) -> list[str]:
    """Run the calls in threads released together; returns the errors raised (repr)."""
    import threading

    from django.db import connection

    barrier, errors = threading.Barrier(len(calls)), []

    def run(call):
        try:
            barrier.wait()
            call()
        except Exception as error:  # surfaced by the caller's assertion
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_approvals_at_once_have_one_effect(reference_data, provider, provider_staff, entry, authority_officer):
    from django.db import connection
    from django.test import Client

    if connection.vendor != "postgresql":
        pytest.skip("needs real row locks: SQLite ignores SELECT FOR UPDATE; CI runs this on PostgreSQL")
    staff = Client()
    staff.force_login(provider_staff)
    request_rename(staff, provider, reason="Merger.")
    change = IdentityChangeRequest.objects.get()
    url, answers = task_url(change), []

    def approve():
        tab = Client(raise_request_exception=True)
        tab.force_login(authority_officer)
        answers.append(tab.post(url, {"outcome": "approve"}, follow=True).content.decode())

    assert _at_once(approve, approve) == []
    assert RegisterEvent.objects.filter(entry=entry, kind=RegisterEvent.Kind.IDENTITY_CHANGED).count() == 1
    assert IssuedDocument.objects.filter(application=entry.application, kind="certificate").count() == 1
    assert AuditEvent.objects.filter(verb="approved an identity change").count() == 1
    assert sorted("already" in answer for answer in answers) == [False, True]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_requests_at_once_make_one(reference_data, provider, provider_staff, entry):
    from django.db import connection
    from django.test import Client

    if connection.vendor != "postgresql":
        pytest.skip("needs real row locks: SQLite ignores SELECT FOR UPDATE; CI runs this on PostgreSQL")

    def ask(name):
        def call():
            tab = Client(raise_request_exception=True)
            tab.force_login(provider_staff)
            request_rename(tab, provider, name=name, reason="Merger.")

        return call

    assert _at_once(ask("Name One"), ask("Name Two")) == []
    assert IdentityChangeRequest.objects.count() == 1
