"""Organisations and memberships are maintained in the admin, with bad edits refused by name; the process's
records (applications, decisions, the register, the audit trail) are read-only there, whatever the permissions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accreditation import audit
from accreditation.models import (
    Application,
    AuditEvent,
    Decision,
    Membership,
    MicroCredential,
    MicroCredentialVersion,
    RegisterEntry,
    RegisterEvent,
    Role,
)
from tests.factories import MicroCredentialFactory, UserFactory, freeze, make_register_entry

from .conftest import add_inline_row, form_data

pytestmark = pytest.mark.django_db

MEMBERSHIP_PERMISSIONS = [f"accreditation.{action}_membership" for action in ("add", "change", "view", "delete")]


@pytest.fixture
def registrar(staff_with):
    return staff_with(
        "accreditation.view_provider",
        "accreditation.change_provider",
        "accreditation.view_agency",
        "accreditation.change_agency",
        "accreditation.view_authority",
        "accreditation.change_authority",
        "accreditation.view_microcredential",
        "accreditation.change_microcredential",
        "auth.view_user",
        *MEMBERSHIP_PERMISSIONS,
    )


def role_options(body: str, prefix: str) -> list[str]:
    """The values offered by the role select of the inline's blank row template."""
    import lxml.html

    select = lxml.html.fromstring(body).get_element_by_id(f"id_{prefix}-__prefix__-role")
    return [option.get("value") for option in select.findall("option") if option.get("value")]


# --- Memberships -------------------------------------------------------------------------------------------


def test_provider_staff_are_added_on_the_provider_page_and_the_change_is_audited(client, registrar, provider):
    newcomer = UserFactory(username="newcomer")
    url = f"/admin/accreditation/provider/{provider.pk}/change/"
    assert role_options(client.get(url).content.decode(), "memberships") == ["provider_staff"]
    data = form_data(client, url)
    add_inline_row(data, "memberships", user=newcomer.pk, role="provider_staff")
    response = client.post(url, data)
    assert response.status_code == 302
    assert Membership.objects.filter(user=newcomer, provider=provider, role=Role.PROVIDER_STAFF).exists()
    event = AuditEvent.objects.get(verb="changed in the administration", target_type="accreditation.provider")
    assert event.actor == registrar
    assert event.data["inlines"]["memberships"]["added"][0].startswith("newcomer — Provider staff")


def test_agencies_offer_coordinators_and_reviewers_and_authorities_officers(client, registrar, agency, authority):
    body = client.get(f"/admin/accreditation/agency/{agency.pk}/change/").content.decode()
    assert role_options(body, "memberships") == ["coordinator", "reviewer"]
    body = client.get(f"/admin/accreditation/authority/{authority.pk}/change/").content.decode()
    assert role_options(body, "memberships") == ["officer"]


def test_a_person_already_on_the_staff_is_refused_by_name(client, registrar, provider, provider_staff):
    url = f"/admin/accreditation/provider/{provider.pk}/change/"
    data = form_data(client, url)
    index = add_inline_row(data, "memberships", user=provider_staff.pk, role="provider_staff")
    response = client.post(url, data)
    assert response.status_code == 200
    forms = response.context["inline_admin_formsets"][0].formset.forms
    assert forms[index].errors == {"user": ["provider_staff already has this role here."]}
    assert Membership.objects.filter(user=provider_staff, provider=provider).count() == 1


def test_the_same_person_twice_in_new_rows_is_refused(client, registrar, agency):
    person = UserFactory(username="twice")
    url = f"/admin/accreditation/agency/{agency.pk}/change/"
    data = form_data(client, url)
    add_inline_row(data, "memberships", user=person.pk, role="reviewer")
    second = add_inline_row(data, "memberships", user=person.pk, role="reviewer")
    response = client.post(url, data)
    assert response.status_code == 200
    forms = response.context["inline_admin_formsets"][0].formset.forms
    assert forms[second].errors == {"user": ["This person is listed twice with the same role."]}
    assert not Membership.objects.filter(user=person).exists()


def test_a_coordinator_of_an_agency_may_also_be_one_of_its_reviewers(client, registrar, agency, coordinator):
    url = f"/admin/accreditation/agency/{agency.pk}/change/"
    data = form_data(client, url)
    add_inline_row(data, "memberships", user=coordinator.pk, role="reviewer")
    assert client.post(url, data).status_code == 302
    assert set(Membership.objects.filter(user=coordinator).values_list("role", flat=True)) == {
        "coordinator",
        "reviewer",
    }


def test_a_role_that_does_not_fit_the_organisation_is_refused(client, registrar, provider):
    person = UserFactory(username="misplaced")
    data = form_data(client, "/admin/accreditation/membership/add/")
    data.update({"user": person.pk, "role": "coordinator", "provider": provider.pk})
    response = client.post("/admin/accreditation/membership/add/", data)
    assert response.status_code == 200
    assert (
        "Provider staff belong to a provider, coordinators and reviewers to an agency, officers to an authority."
        in response.content.decode()
    )
    assert not Membership.objects.filter(user=person).exists()


def test_a_bad_pic_is_refused_and_nothing_changes(client, registrar, provider):
    url = f"/admin/accreditation/provider/{provider.pk}/change/"
    data = form_data(client, url)
    data.update({"pic": "12AB", "legal_name": "Renamed College"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "A PIC has exactly nine digits." in response.content.decode()
    provider.refresh_from_db()
    assert (provider.legal_name, provider.pic) == ("Atlantic Technological College", "")


def test_a_specification_is_edited_and_audited(client, registrar):
    credential = MicroCredentialFactory(title="Cloud Basics")
    url = f"/admin/accreditation/microcredential/{credential.pk}/change/"
    data = form_data(client, url)
    data["title"] = "Cloud Fundamentals"
    assert client.post(url, data).status_code == 302
    assert MicroCredential.objects.get(pk=credential.pk).title == "Cloud Fundamentals"
    event = AuditEvent.objects.get(verb="changed in the administration", target_type="accreditation.microcredential")
    assert event.data == {"fields": ["title"], "inlines": {}}


# --- The process's records are read-only -------------------------------------------------------------------


def every_permission(model: str, app: str = "accreditation") -> list[str]:
    return [f"{app}.{action}_{model}" for action in ("add", "change", "delete", "view")]


def test_an_application_is_read_only_even_with_every_permission(client, staff_with, provider):
    staff_with(*every_permission("application"))
    entry = make_register_entry(provider=provider)
    application = entry.application
    url = f"/admin/accreditation/application/{application.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert application.reference in body and "Accredited" in body and 'name="_save"' not in body
    assert client.post(url, {"status": "draft"}).status_code == 403
    assert client.post(f"/admin/accreditation/application/{application.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/accreditation/application/add/").status_code == 403
    application.refresh_from_db()
    assert application.status == Application.Status.ACCREDITED


@pytest.mark.parametrize(
    ("app", "model", "get_object"),
    [
        ("accreditation", "decision", lambda entry: entry.decision),
        ("accreditation", "registerentry", lambda entry: entry),
        ("accreditation", "registerevent", lambda entry: entry.events.first()),
        ("accreditation", "microcredentialversion", lambda entry: entry.application.submitted_versions.first()),
        # The audit trail lives in the base app, below every other (issue 16).
        ("base", "auditevent", lambda entry: audit.record(actor=None, verb="tested", target=entry)),
    ],
)
def test_records_of_the_process_cannot_be_added_changed_or_deleted(client, staff_with, app, model, get_object):
    staff_with(*every_permission(model, app))
    obj = get_object(make_register_entry())
    model_class = type(obj)
    before = model_class.objects.count()
    base = f"/admin/{app}/{model}/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}{obj.pk}/change/").status_code == 200  # viewable
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}{obj.pk}/change/", {}).status_code == 403
    assert client.post(f"{base}{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    response = client.post(base, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})
    assert response.status_code in (200, 302)
    assert model_class.objects.count() == before


def test_read_only_models_are_the_ones_the_process_owns():
    from django.contrib import admin

    for model in (Application, Decision, RegisterEntry, RegisterEvent, AuditEvent, MicroCredentialVersion):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(None)
        assert not model_admin.has_change_permission(None)
        assert not model_admin.has_delete_permission(None)


def test_register_lists_read_in_queries_that_do_not_grow(client, staff_with):
    staff_with("accreditation.view_registerentry", "accreditation.view_registerevent")
    make_register_entry()
    counts = []
    for _round in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/accreditation/registerevent/").status_code == 200
            assert client.get("/admin/accreditation/registerentry/").status_code == 200
        counts.append(len(queries))
        make_register_entry()
        make_register_entry()
    assert counts[0] == counts[1]


def test_staff_without_the_view_permission_get_403(client, staff_with):
    staff_with("accreditation.view_provider")
    assert client.get("/admin/accreditation/provider/").status_code == 200
    assert client.get("/admin/base/auditevent/").status_code == 403
    assert client.get("/admin/accreditation/application/").status_code == 403


def test_a_frozen_version_is_kept_as_it_was(client, staff_with):
    staff_with(*every_permission("microcredentialversion"))
    version = freeze(MicroCredentialFactory(title="Frozen"))
    response = client.post(f"/admin/accreditation/microcredentialversion/{version.pk}/change/", {"title": "Thawed"})
    assert response.status_code == 403
    assert MicroCredentialVersion.objects.get(pk=version.pk).title == "Frozen"
