"""Where each persona lands: My tasks with every open piece of work (drafts too), the authority's register
entries with their actions, and a home page whose cards lead somewhere."""

import datetime

import pytest
from django.utils import timezone

from accreditation.services.register import change_entry_status
from tests.factories import ProviderFactory, make_register_entry
from tests.flow import draft_application

pytestmark = pytest.mark.django_db


def test_provider_staff_see_their_draft_in_my_tasks(client, provider, agency, authority, provider_staff):
    draft = draft_application(provider, agency, authority, provider_staff)
    client.force_login(provider_staff)
    page = client.get("/tasks/").content.decode()
    assert "You have no open tasks." not in page
    assert "Complete and submit the draft application" in page
    assert f'href="/provider/applications/{draft.pk}/"' in page and draft.reference in page


def test_another_providers_draft_is_not_listed(
    client, provider, agency, authority, provider_staff, other_provider_staff
):
    draft = draft_application(provider, agency, authority, provider_staff)
    client.force_login(other_provider_staff)
    page = client.get("/tasks/").content.decode()
    assert draft.reference not in page and "You have no open tasks." in page


def test_the_due_date_is_the_first_column(driver, client, coordinator):
    client.force_login(coordinator)
    page = client.get("/tasks/").content.decode()
    head = page[page.index("<thead>") : page.index("</thead>")]
    assert head.index("Due") < head.index("Task")
    assert 'data-label="Due"' in page


@pytest.fixture
def officer_entries(authority_officer):
    authority = authority_officer.memberships.get().authority
    today = timezone.localdate()
    made = {
        "soon": make_register_entry(
            provider=ProviderFactory(legal_name="Ending Soon College"),
            valid_from=today.replace(year=today.year - 6) + datetime.timedelta(days=40),
        ),
        "later": make_register_entry(provider=ProviderFactory(legal_name="Long Future Institute")),
        "paused": make_register_entry(provider=ProviderFactory(legal_name="Paused Academy")),
        "gone": make_register_entry(provider=ProviderFactory(legal_name="Withdrawn School")),
    }
    for entry in made.values():
        entry.authority = authority
        entry.save()
    change_entry_status(entry=made["paused"], change="suspended", reason="Complaint", by=authority_officer)
    change_entry_status(entry=made["gone"], change="withdrawn", reason="Closed", by=authority_officer)
    made["foreign"] = make_register_entry(provider=ProviderFactory(legal_name="Foreign Body"))
    return made


def test_the_authority_workspace_lists_its_entries_with_actions(client, authority_officer, officer_entries):
    client.force_login(authority_officer)
    page = client.get("/authority/").content.decode()
    section = page[page.index('id="h-entries"') :]
    assert section.index("Ending Soon College") < section.index("Long Future Institute")  # soonest ending first
    assert "ends in " in section and "days" in section
    assert f'href="/register/entries/{officer_entries["soon"].pk}/manage/">Suspend or withdraw' in section
    assert f'href="/register/entries/{officer_entries["paused"].pk}/manage/">Lift the suspension' in section
    assert "Withdrawn School" not in section  # not current
    assert "Foreign Body" not in section  # another authority's


def test_the_authority_workspace_filters_its_entries(client, authority_officer, officer_entries):
    client.force_login(authority_officer)
    expiring = client.get("/authority/", {"entries": "expiring"}).content.decode()
    section = expiring[expiring.index('id="h-entries"') :]
    assert "Ending Soon College" in section and "Long Future Institute" not in section
    everything = client.get("/authority/", {"entries": "all"}).content.decode()
    assert "Withdrawn School" in everything
    assert client.get("/authority/", {"entries": "<script>"}).status_code == 200  # unknown falls back


def test_home_cards_lead_to_the_register_and_to_verification(client):
    page = client.get("/").content.decode()
    assert 'href="/register/"' in page and "Browse the register" in page
    assert 'action="/register/verify/"' in page and 'name="certificate_id"' in page


def test_verification_from_the_home_card(client):
    entry = make_register_entry()
    response = client.get("/register/verify/", {"certificate_id": entry.certificate_id.lower()})
    assert response.status_code == 302 and response.url == f"/register/verify/{entry.certificate_id}/"


def test_the_authority_workspace_query_count_does_not_grow_with_entries(
    client, authority_officer, django_assert_max_num_queries
):
    authority = authority_officer.memberships.get().authority

    def add_entries(count):
        for _ in range(count):
            entry = make_register_entry(provider=ProviderFactory())
            entry.authority = authority
            entry.save()

    add_entries(1)
    client.force_login(authority_officer)
    with django_assert_max_num_queries(30) as one:
        client.get("/authority/")
    add_entries(4)
    with django_assert_max_num_queries(len(one.captured_queries)):
        body = client.get("/authority/").content.decode()
    assert body.count("Suspend or withdraw") == 5


def test_my_tasks_query_count_does_not_grow_with_drafts(
    client, provider, agency, authority, provider_staff, django_assert_max_num_queries
):
    draft_application(provider, agency, authority, provider_staff)
    client.force_login(provider_staff)
    with django_assert_max_num_queries(20) as one:
        client.get("/tasks/")
    for _ in range(4):
        draft_application(provider, agency, authority, provider_staff)
    with django_assert_max_num_queries(len(one.captured_queries)):
        body = client.get("/tasks/").content.decode()
    assert body.count("Complete and submit the draft application") == 5
