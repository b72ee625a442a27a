"""Administrators maintain reference data in the admin; edits that would break the referencing are refused with a
clear message next to the field and nothing is saved. Tested as staff holding only the model permissions needed."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from accreditation.models import AuditEvent
from frameworks.models import Framework, JudgementScale, Level, LevelReferencing, ScaleValue, StandardSet
from tests.factories import UserFactory

from .conftest import add_inline_row, form_data, row_index

pytestmark = pytest.mark.django_db

EQF_9 = "EQF level 9 does not exist: an EQF level is between 1 and 8."


@pytest.fixture
def steward(staff_with):
    return staff_with(
        *[
            f"frameworks.{action}_{model}"
            for action in ("add", "change", "view")
            for model in ("framework", "level", "levelreferencing", "standardset", "standard", "judgementscale")
        ],
        "frameworks.view_scalevalue",
        "frameworks.add_scalevalue",
        "frameworks.change_scalevalue",
        "frameworks.delete_scalevalue",
    )


def inline_errors(response, index: int = 0) -> list[dict]:
    return [form.errors for form in response.context["inline_admin_formsets"][index].formset.forms]


# --- An EQF level outside 1-8 -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["9", "0"])
def test_referencing_a_level_to_an_eqf_level_outside_1_to_8_is_refused(client, steward, value):
    unreferenced = Level.objects.get(framework__code="UK-SCQF", code="1")
    response = client.post(
        "/admin/frameworks/levelreferencing/add/",
        {"level": unreferenced.pk, "eqf_level": value, "confidence": "check", "note": ""},
    )
    assert response.status_code == 200
    message = f"EQF level {value} does not exist: an EQF level is between 1 and 8."
    assert response.context["adminform"].form.errors == {"eqf_level": [message]}
    assert message in response.content.decode()
    assert not LevelReferencing.objects.filter(level=unreferenced).exists()


def test_eqf_9_on_the_level_page_is_refused(client, steward):
    level = Level.objects.get(framework__code="IE-NFQ", code="8")
    url = f"/admin/frameworks/level/{level.pk}/change/"
    data = form_data(client, url)
    data["referencing-0-eqf_level"] = "9"
    data["title"] = "Honours Bachelor Degree"
    response = client.post(url, data)
    assert response.status_code == 200
    assert inline_errors(response) == [{"eqf_level": [EQF_9]}]
    level.refresh_from_db()
    assert (level.title, level.referencing.eqf_level) == ("", 6)  # nothing saved, not even the title


def test_eqf_9_in_the_framework_page_is_refused(client, steward):
    framework = Framework.objects.get(code="IE-NFQ")
    url = f"/admin/frameworks/framework/{framework.pk}/change/"
    data = form_data(client, url)
    data[f"levels-{row_index(data, 'levels', 'code', '7')}-eqf_level"] = "9"
    data["name"] = "Renamed"
    response = client.post(url, data)
    assert response.status_code == 200
    errors = inline_errors(response)
    assert errors[6] == {"eqf_level": [EQF_9]}
    assert all(not e for i, e in enumerate(errors) if i != 6)
    framework.refresh_from_db()
    assert framework.name == "National Framework of Qualifications"
    assert LevelReferencing.objects.get(level__framework=framework, level__code="7").eqf_level == 6


def test_the_database_and_model_validation_refuse_eqf_9_too():
    level = Level.objects.get(framework__code="UK-SCQF", code="2")
    with pytest.raises(ValidationError) as refused:
        LevelReferencing(level=level, eqf_level=9).full_clean()
    assert "eqf_level" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        LevelReferencing.objects.create(level=level, eqf_level=9)


# --- Level codes and positions used once per framework -----------------------------------------------------


@pytest.mark.parametrize(("framework_code", "new_code"), [("IE-NFQ", "8"), ("UK-RQF", "e3")])
def test_a_duplicate_level_code_in_the_framework_page_is_refused(client, steward, framework_code, new_code):
    framework = Framework.objects.get(code=framework_code)
    count = framework.levels.count()
    url = f"/admin/frameworks/framework/{framework.pk}/change/"
    data = form_data(client, url)
    index = add_inline_row(data, "levels", code=new_code, ordinal="99", eqf_level="6", referencing_confidence="check")
    response = client.post(url, data)
    assert response.status_code == 200
    assert inline_errors(response)[index] == {"code": ["This framework already has a level with this code."]}
    assert framework.levels.count() == count


def test_two_new_levels_with_one_code_are_refused(client, steward):
    framework = Framework.objects.get(code="IE-NFQ")
    url = f"/admin/frameworks/framework/{framework.pk}/change/"
    data = form_data(client, url)
    add_inline_row(data, "levels", code="11", ordinal="11", eqf_level="8", referencing_confidence="check")
    second = add_inline_row(data, "levels", code="11", ordinal="12", eqf_level="8", referencing_confidence="check")
    response = client.post(url, data)
    assert inline_errors(response)[second] == {"code": ["This framework already has a level with this code."]}
    assert "Two levels of this framework share a code or a position." in response.content.decode()
    assert not framework.levels.filter(code="11").exists()


def test_a_duplicate_level_position_in_the_framework_page_is_refused(client, steward):
    framework = Framework.objects.get(code="MT-MQF")
    url = f"/admin/frameworks/framework/{framework.pk}/change/"
    data = form_data(client, url)
    index = add_inline_row(data, "levels", code="9", ordinal="3", eqf_level="", referencing_confidence="check")
    response = client.post(url, data)
    assert inline_errors(response)[index] == {"ordinal": ["This framework already has a level at this position."]}
    assert not framework.levels.filter(code="9").exists()


def test_a_duplicate_level_code_on_the_level_page_is_refused(client, steward):
    framework = Framework.objects.get(code="IE-NFQ")
    data = form_data(client, "/admin/frameworks/level/add/")
    data.update({"framework": str(framework.pk), "code": "8", "ordinal": "42"})
    response = client.post("/admin/frameworks/level/add/", data)
    assert response.status_code == 200
    assert "This framework already has a level with this code." in response.content.decode()
    assert framework.levels.filter(code="8").count() == 1


def test_swapping_two_codes_is_refused_not_a_server_error(client, steward):
    framework = Framework.objects.get(code="UK-SCQF")
    url = f"/admin/frameworks/framework/{framework.pk}/change/"
    data = form_data(client, url)
    first, second = row_index(data, "levels", "code", "1"), row_index(data, "levels", "code", "2")
    data[f"levels-{first}-code"], data[f"levels-{second}-code"] = "2", "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "This framework already has a level with this code." in response.content.decode()
    assert list(framework.levels.values_list("code", flat=True)[:2]) == ["1", "2"]


# --- The referencing edited beside the levels ---------------------------------------------------------------


def test_the_framework_page_edits_the_referencing_and_audits_it(client, steward):
    framework = Framework.objects.get(code="UK-SCQF")
    url = f"/admin/frameworks/framework/{framework.pk}/change/"
    data = form_data(client, url)
    assert data[f"levels-{row_index(data, 'levels', 'code', '7')}-eqf_level"] == "5"  # shown in the row
    data[f"levels-{row_index(data, 'levels', 'code', '2')}-eqf_level"] = "1"
    data[f"levels-{row_index(data, 'levels', 'code', '2')}-referencing_confidence"] = "official"
    data[f"levels-{row_index(data, 'levels', 'code', '12')}-eqf_level"] = ""  # no longer referenced
    response = client.post(url, data)
    assert response.status_code == 302
    added = LevelReferencing.objects.get(level__framework=framework, level__code="2")
    assert (added.eqf_level, added.confidence) == (1, "official")
    assert not LevelReferencing.objects.filter(level__framework=framework, level__code="12").exists()
    event = AuditEvent.objects.get(verb="changed in the administration", target_repr=str(framework))
    assert event.actor == steward
    assert sorted(name for name, _fields in event.data["inlines"]["levels"]["changed"]) == ["UK-SCQF 12", "UK-SCQF 2"]


def test_a_new_framework_is_added_with_its_levels_and_their_referencing(client, steward):
    data = form_data(client, "/admin/frameworks/framework/add/")
    data.update({"code": "LU-QF", "name": "Luxembourg Qualifications Framework", "kind": "national", "country": "LU"})
    add_inline_row(data, "levels", code="1", ordinal="1", eqf_level="1", referencing_confidence="check")
    add_inline_row(data, "levels", code="2", ordinal="2", eqf_level="", referencing_confidence="check")
    response = client.post("/admin/frameworks/framework/add/", data)
    assert response.status_code == 302
    framework = Framework.objects.get(code="LU-QF")
    assert [
        (level.code, getattr(getattr(level, "referencing", None), "eqf_level", None))
        for level in framework.levels.all()
    ] == [
        ("1", 1),
        ("2", None),
    ]
    assert AuditEvent.objects.filter(verb="added in the administration", target_repr=str(framework)).exists()


def test_the_framework_page_reads_its_levels_and_referencing_in_queries_that_do_not_grow(client, steward):
    counts = []
    for code in ("DE-DQR", "UK-SCQF"):  # 8 and 12 levels
        framework = Framework.objects.get(code=code)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/admin/frameworks/framework/{framework.pk}/change/")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- Standard sets and their scales ------------------------------------------------------------------------


def test_a_standard_set_whose_scale_has_no_values_is_refused(client, steward):
    empty = JudgementScale.objects.create(code="empty", name="Empty scale")
    data = form_data(client, "/admin/frameworks/standardset/add/")
    data.update({"code": "national-2027", "version": "2027", "title": "National standards 2027", "scale": empty.pk})
    add_inline_row(data, "standards", code="N1", title="Policy", ordinal="1")
    response = client.post("/admin/frameworks/standardset/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "scale": ["The judgement scale has no values; add them first."]
    }
    assert not StandardSet.objects.filter(code="national-2027").exists()


def test_a_scale_in_use_cannot_lose_all_its_values(client, steward):
    scale = JudgementScale.objects.get(code="esg-panel")
    url = f"/admin/frameworks/judgementscale/{scale.pk}/change/"
    data = form_data(client, url)
    for index in range(int(data["values-TOTAL_FORMS"])):
        data[f"values-{index}-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Standard sets use this scale" in response.content.decode()
    assert "it must keep at least one value" in response.content.decode()
    assert ScaleValue.objects.filter(scale=scale).count() == 4


def test_a_scale_in_use_may_lose_some_values(client, steward):
    scale = JudgementScale.objects.get(code="esg-panel")
    url = f"/admin/frameworks/judgementscale/{scale.pk}/change/"
    data = form_data(client, url)
    data[f"values-{row_index(data, 'values', 'code', 'partially-compliant')}-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    assert list(scale.values.values_list("code", flat=True)) == [
        "fully-compliant",
        "substantially-compliant",
        "not-compliant",
    ]


def test_deleting_every_value_of_a_scale_in_use_from_the_value_list_is_refused(client, steward):
    scale = JudgementScale.objects.get(code="esg-panel")  # ESG 2015 and the EU principles use it
    values = list(scale.values.values_list("pk", flat=True))
    response = client.post(
        "/admin/frameworks/scalevalue/", {"action": "delete_selected", "_selected_action": values, "post": "yes"}
    )
    assert response.status_code == 200
    assert "its scale would be left without values" in response.content.decode()
    assert scale.values.count() == 4
    response = client.post(f"/admin/frameworks/scalevalue/{values[1]}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert scale.values.count() == 3


def test_an_unused_scale_may_lose_all_its_values(client, steward):
    scale = JudgementScale.objects.get(code="esg-committee")  # no standard set uses it
    values = list(scale.values.values_list("pk", flat=True))
    client.post(
        "/admin/frameworks/scalevalue/", {"action": "delete_selected", "_selected_action": values, "post": "yes"}
    )
    assert scale.values.count() == 0


# --- Permissions -------------------------------------------------------------------------------------------


def test_a_staff_member_without_permission_cannot_see_or_edit(client, staff_with):
    staff_with()
    assert client.get("/admin/frameworks/framework/").status_code == 403
    framework = Framework.objects.get(code="IE-NFQ")
    response = client.post(f"/admin/frameworks/framework/{framework.pk}/change/", {"name": "x"})
    assert response.status_code == 403
    assert Framework.objects.get(code="IE-NFQ").name == "National Framework of Qualifications"


def test_view_permission_alone_shows_the_referencing_read_only(client, staff_with):
    staff_with("frameworks.view_framework", "frameworks.view_level")
    framework = Framework.objects.get(code="IE-NFQ")
    response = client.get(f"/admin/frameworks/framework/{framework.pk}/change/")
    assert response.status_code == 200
    assert "Close" in response.content.decode() and 'name="_save"' not in response.content.decode()
    response = client.post(f"/admin/frameworks/framework/{framework.pk}/change/", {"name": "x"})
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/admin/frameworks/framework/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_people_who_are_not_staff_are_sent_to_sign_in(client):
    client.force_login(UserFactory(username="not_staff"))
    response = client.get("/admin/frameworks/framework/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
