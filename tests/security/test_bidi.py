"""Right-to-left names and override characters stay inside their own isolate wherever user text sits in a sentence
(issue 11): an Arabic or Hebrew provider name, or one carrying U+202E, cannot reorder the verdict of the
verification page, the register's lines or the workspace summaries around it."""

import pytest

from accreditation.models import Agency, RegisterEntry, RegisterEvent, RegisterScopeItem
from accreditation.models.register import EntryStatus
from tests.factories import make_register_entry

pytestmark = pytest.mark.django_db

ARABIC = "الكلية التقنية الأطلسية"
HEBREW_WITH_OVERRIDE = "מכללה \u202eevil.exe"


@pytest.fixture
def entry(provider):
    provider.legal_name = ARABIC
    provider.region = HEBREW_WITH_OVERRIDE
    provider.save()
    entry = make_register_entry(provider=provider)
    Agency.objects.filter(pk=entry.agency_id).update(name=HEBREW_WITH_OVERRIDE)
    RegisterEvent.objects.create(
        entry=entry,
        kind=RegisterEvent.Kind.SUSPENDED,
        status=EntryStatus.SUSPENDED,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
        effective_on=entry.valid_from,
        reason=HEBREW_WITH_OVERRIDE,
    )
    RegisterEntry.objects.filter(pk=entry.pk).update(status=EntryStatus.SUSPENDED)
    return entry


def test_the_verification_verdict_isolates_the_name(client, entry):
    page = client.get(f"/register/verify/{entry.certificate_id}/").content.decode()
    assert f": <bdi>{ARABIC}</bdi> — {entry.certificate_id}" in page
    assert f"<bdi>{ARABIC}</bdi></a> (Ireland)" in page
    assert f" — <bdi>{HEBREW_WITH_OVERRIDE}</bdi>" in page  # the reason of the last change
    title = entry.scope_items.first().title
    assert f"<li><bdi>{title}</bdi>" in page


def test_the_provider_page_isolates_the_region_and_the_history(client, entry, provider):
    page = client.get(f"/register/providers/{provider.pk}/").content.decode()
    assert f'<h1 dir="auto">{ARABIC}</h1>' in page
    assert f"Ireland, <bdi>{HEBREW_WITH_OVERRIDE}</bdi>" in page
    assert f"Suspended — <bdi>{HEBREW_WITH_OVERRIDE}</bdi>" in page


def test_the_search_card_isolates_the_agency(client, entry):
    page = client.get("/register/").content.decode()
    assert f"Agency: <bdi>{HEBREW_WITH_OVERRIDE}</bdi> ·" in page


def test_workspaces_isolate_names_in_their_lines(client, entry, provider, provider_staff):
    client.force_login(provider_staff)
    home = client.get("/provider/").content.decode()
    assert f'<h1 dir="auto">{ARABIC}</h1>' in home
    application = entry.application
    detail = client.get(f"/applications/{application.pk}/").content.decode()
    assert f"<bdi>{ARABIC}</bdi> (Ireland)" in detail


def test_isolated_text_is_still_escaped(client, provider):
    provider.legal_name = '<script>alert("x")</script> كلية'
    provider.save()
    entry = make_register_entry(provider=provider)
    page = client.get(f"/register/verify/{entry.certificate_id}/").content.decode()
    assert "<bdi>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; كلية</bdi>" in page


def test_micro_credential_titles_are_isolated_on_the_cards_and_the_provider_page(client, entry):
    item = entry.scope_items.first()
    RegisterScopeItem.objects.filter(pk=item.pk).update(title=HEBREW_WITH_OVERRIDE)
    card = client.get("/register/").content.decode()
    assert f"<li><bdi>{HEBREW_WITH_OVERRIDE}</bdi>" in card
    page = client.get(f"/register/providers/{entry.provider_id}/").content.decode()
    assert f"<td><bdi>{HEBREW_WITH_OVERRIDE}</bdi></td>" in page
