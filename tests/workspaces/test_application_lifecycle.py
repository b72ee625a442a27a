"""The provider deletes a draft it no longer wants and withdraws a submitted application before the decision:
each asks first on a page of its own (no script), only the provider's own staff may do it, and the audit trail and
the application's page say what happened."""

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from accreditation.audit import verify_chain
from accreditation.models import Application, AuditEvent
from tests.flow import draft_application, task_of

pytestmark = pytest.mark.django_db


def _body(response):
    return response.content.decode()


def test_the_provider_deletes_a_draft_after_confirming(
    client, provider, agency, authority, provider_staff, django_capture_on_commit_callbacks
):
    draft = draft_application(provider, agency, authority, provider_staff)
    stored = draft.evidence.get().file
    client.force_login(provider_staff)
    page = _body(client.get(f"/provider/applications/{draft.pk}/"))
    assert f'action="/provider/applications/{draft.pk}/delete/"' in page and "Delete the draft" in page

    url = f"/provider/applications/{draft.pk}/delete/"
    ask = client.post(url)
    body = _body(ask)
    assert ask.status_code == 200 and f"Delete the draft {draft.reference}?" in body
    assert "This cannot be undone" in body and 'name="confirmed" value="yes"' in body
    assert "<script" not in body.split("</main>")[0].split("<main")[-1]
    assert Application.objects.filter(pk=draft.pk).exists()

    back = client.post(url, {"confirmed": "no"})
    assert back.status_code == 302 and back.url == f"/provider/applications/{draft.pk}/"
    assert Application.objects.filter(pk=draft.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"confirmed": "yes"}, follow=True)
    assert f"The draft {draft.reference} is deleted." in _body(done)
    assert done.redirect_chain[-1][0] == "/provider/"
    assert not Application.objects.filter(pk=draft.pk).exists()
    assert not stored.storage.exists(stored.name)
    event = AuditEvent.objects.get(verb="deleted a draft application")
    assert event.application_reference == draft.reference and event.actor_id == provider_staff.pk
    assert verify_chain() is None
    assert client.get(f"/provider/applications/{draft.pk}/").status_code == 404


def test_staff_of_another_provider_cannot_delete_a_draft(
    client, provider, agency, authority, provider_staff, other_provider_staff, coordinator
):
    draft = draft_application(provider, agency, authority, provider_staff)
    for intruder in (other_provider_staff, coordinator):
        client.force_login(intruder)
        assert client.post(f"/provider/applications/{draft.pk}/delete/", {"confirmed": "yes"}).status_code == 404
    assert Application.objects.filter(pk=draft.pk).exists()


def test_a_submitted_application_cannot_be_deleted(client, driver, provider_staff):
    client.force_login(provider_staff)
    response = client.post(f"/provider/applications/{driver.application.pk}/delete/", {"confirmed": "yes"}, follow=True)
    assert "cannot be deleted; withdraw it instead" in _body(response)
    assert Application.objects.filter(pk=driver.application.pk).exists()


def _open_human_tasks(application):
    return Task.objects.filter(process=application.process).exclude(
        status__in=[STATUS.DONE, STATUS.CANCELED, STATUS.REVIVED]
    )


def test_the_provider_withdraws_an_application_under_review(
    client, driver, provider_staff, coordinator, reviewers, mailoutbox, django_capture_on_commit_callbacks
):
    driver.screen(coordinator)
    chair, expert, student = reviewers
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    driver.review(chair)
    application = driver.refresh()
    assert application.status == Application.Status.REVIEW
    mailoutbox.clear()

    client.force_login(provider_staff)
    page = _body(client.get(f"/applications/{application.pk}/"))
    assert f'href="/applications/{application.pk}/withdraw/"' in page
    url = f"/applications/{application.pk}/withdraw/"
    form = _body(client.get(url))
    assert "Why do you withdraw the application?" in form

    empty = client.post(url, {"reason": "  "})
    assert empty.status_code == 400 and "This field is required." in _body(empty)
    ask = client.post(url, {"reason": "We close the programme."})
    body = _body(ask)
    assert "every open task is closed and the agency is told" in body and "We close the programme." in body
    assert driver.refresh().status == Application.Status.REVIEW

    back = _body(client.post(url, {"reason": "We close the programme.", "confirmed": "no"}))
    assert "We close the programme." in back and "<textarea" in back  # what was typed comes back

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"reason": "We close the programme.", "confirmed": "yes"}, follow=True)
    page = _body(done)
    assert f"{application.reference} is withdrawn" in page
    assert "Withdrawn by the provider" in page and "We close the programme." in page
    assert "withdrew the application" in page  # the history
    application = driver.refresh()
    assert application.status == Application.Status.WITHDRAWN and application.closed_at is not None
    assert application.process.status == PROCESS.CANCELED
    assert not _open_human_tasks(application).exists()
    assert f'href="/applications/{application.pk}/withdraw/"' not in page

    subject = f"Application {application.reference} withdrawn by {application.provider}"
    told = {address for message in mailoutbox if message.subject == subject for address in message.to}
    assert {coordinator.email, expert.email, student.email} <= told  # the agency and those holding a task
    assert chair.email not in told  # the chair's review was done: no task left to close
    assert "We close the programme." in next(m.body for m in mailoutbox if m.subject == subject)
    assert verify_chain() is None

    # The reviewers' pages no longer offer the review, and the coordinator's inbox is empty of it.
    client.force_login(coordinator)
    assert application.reference not in _body(client.get("/tasks/"))


def test_withdrawing_during_screening_closes_the_screening_task(client, driver, provider_staff, coordinator):
    task = task_of(driver.application, "screen")
    client.force_login(provider_staff)
    url = f"/applications/{driver.application.pk}/withdraw/"
    assert client.post(url, {"reason": "Wrong agency.", "confirmed": "yes"}).status_code == 302
    task.refresh_from_db()
    assert task.status == STATUS.CANCELED
    client.force_login(coordinator)
    assert client.get(f"/tasks/{task.pk}/screen/").status_code in (403, 404, 302)


def test_only_the_providers_staff_may_withdraw(client, driver, other_provider_staff, coordinator, authority_officer):
    url = f"/applications/{driver.application.pk}/withdraw/"
    for intruder in (other_provider_staff, coordinator, authority_officer):
        client.force_login(intruder)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "x", "confirmed": "yes"}).status_code == 404
    assert driver.refresh().status == Application.Status.SCREENING


def test_a_decided_application_cannot_be_withdrawn(
    client, driver, coordinator, reviewers, provider_staff, authority_officer
):
    driver.to_decision(coordinator, reviewers, provider_staff)
    driver.decide(authority_officer, "refuse", rationale="Not met.")
    client.force_login(provider_staff)
    url = f"/applications/{driver.application.pk}/withdraw/"
    response = client.post(url, {"reason": "Too late.", "confirmed": "yes"}, follow=True)
    assert "can no longer be withdrawn" in _body(response)
    assert driver.refresh().status == Application.Status.REFUSED


def test_a_draft_is_deleted_not_withdrawn(client, provider, agency, authority, provider_staff):
    draft = draft_application(provider, agency, authority, provider_staff)
    client.force_login(provider_staff)
    response = client.get(f"/applications/{draft.pk}/withdraw/", follow=True)
    assert "can no longer be withdrawn" in _body(response)
