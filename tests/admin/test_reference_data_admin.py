"""Administrators maintain reference data in the admin; edits that would break referencing are refused with a
clear message and nothing is saved. Tested as a staff member with only the needed permissions."""

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction

from frameworks.models import Framework, JudgementScale, Level, LevelReferencing, StandardSet
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_steward(client):
    user = UserFactory(username="steward", is_staff=True)
    codenames = [
        f"{action}_{model}"
        for action in ("add", "change", "view")
        for model in ("framework", "level", "levelreferencing", "standardset", "standard", "judgementscale")
    ]
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="frameworks", codename__in=codenames))
    client.force_login(user)
    return user


def test_an_nqf_level_mapped_to_eqf_9_is_refused(client, data_steward):
    unreferenced = Level.objects.get(framework__code="UK-SCQF", code="1")
    response = client.post(
        "/admin/frameworks/levelreferencing/add/",
        {"level": unreferenced.pk, "eqf_level": 9, "confidence": "check", "note": ""},
    )
    assert response.status_code == 200
    assert "Select a valid choice. 9 is not one of the available choices." in response.content.decode()
    assert not LevelReferencing.objects.filter(level=unreferenced).exists()


def test_the_database_refuses_eqf_9_too():
    level = Level.objects.get(framework__code="UK-SCQF", code="2")
    with pytest.raises(IntegrityError), transaction.atomic():
        LevelReferencing.objects.create(level=level, eqf_level=9)


def test_a_duplicate_level_code_in_a_framework_is_refused(client, data_steward):
    framework = Framework.objects.get(code="IE-NFQ")
    levels = list(framework.levels.order_by("ordinal"))
    data = {
        "code": framework.code,
        "name": framework.name,
        "kind": framework.kind,
        "country": framework.country,
        "region": "",
        "confidence": framework.confidence,
        "source_note": framework.source_note,
        "referencing_report_url": "",
        "referencing_date": "",
        "levels-TOTAL_FORMS": len(levels) + 1,
        "levels-INITIAL_FORMS": len(levels),
        "levels-MIN_NUM_FORMS": 0,
        "levels-MAX_NUM_FORMS": 1000,
    }
    for index, level in enumerate(levels):
        data.update(
            {
                f"levels-{index}-id": level.pk,
                f"levels-{index}-framework": framework.pk,
                f"levels-{index}-code": level.code,
                f"levels-{index}-ordinal": level.ordinal,
                f"levels-{index}-title": level.title,
                f"levels-{index}-eu_uri": "",
            }
        )
    new = len(levels)
    data.update({f"levels-{new}-code": "8", f"levels-{new}-ordinal": 99, f"levels-{new}-framework": framework.pk})
    response = client.post(f"/admin/frameworks/framework/{framework.pk}/change/", data)
    assert response.status_code == 200
    assert "Please correct the duplicate data for code" in response.content.decode() or (
        "This framework already has a level with this code." in response.content.decode()
    )
    assert framework.levels.filter(code="8").count() == 1


def test_a_standard_set_whose_scale_has_no_values_is_refused(client, data_steward):
    empty = JudgementScale.objects.create(code="empty", name="Empty scale")
    response = client.post(
        "/admin/frameworks/standardset/add/",
        {
            "code": "national-2027",
            "version": "2027",
            "title": "National standards 2027",
            "applies_to": "provider",
            "scale": empty.pk,
            "source": "",
            "is_active": "on",
            "standards-TOTAL_FORMS": 0,
            "standards-INITIAL_FORMS": 0,
            "standards-MIN_NUM_FORMS": 0,
            "standards-MAX_NUM_FORMS": 1000,
        },
    )
    assert "The judgement scale has no values; add them first." in response.content.decode()
    assert not StandardSet.objects.filter(code="national-2027").exists()


def test_a_staff_member_without_permission_cannot_edit(client):
    user = UserFactory(username="clerk", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/frameworks/framework/").status_code == 403


def test_register_and_audit_are_read_only_in_the_admin(client):
    user = UserFactory(username="auditor", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_auditevent", "change_auditevent", "add_auditevent"])
    )
    client.force_login(user)
    assert client.get("/admin/accreditation/auditevent/").status_code == 200
    assert client.get("/admin/accreditation/auditevent/add/").status_code == 403
