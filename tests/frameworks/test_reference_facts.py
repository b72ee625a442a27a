"""The alignment checks read the reference data the admin edits: hours per credit (with a country's own convention)
and which elements of the EU standard are mandatory, through one snapshot loaded per request."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from frameworks import alignment
from frameworks.models import CredentialElement, CreditConvention, CreditSystem
from frameworks.reference import HoursPerCredit, ReferenceFacts, load_reference_facts
from tests.admin.conftest import form_data, row_index
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_with(client):
    """A signed-in staff member holding exactly the named model permissions of the frameworks app."""

    def make(*permissions: str):
        from django.contrib.auth.models import Permission

        user = UserFactory(username="reference-steward", is_staff=True)
        for permission in permissions:
            app_label, codename = permission.split(".")
            user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        client.force_login(user)
        return user

    return make


def spec(**overrides):
    values = {
        "title": "Applied Data Analysis",
        "awarding_body": "Atlantic Technological College",
        "country": "DE",
        "region": "",
        "learning_outcomes": "Analyse data sets\nEvaluate data sources",
        "workload_hours": 125,
        "ects": Decimal("5"),
        "nqf_level": None,
        "eqf_level": 6,
        "cycle": "",
        "assessment_type": "project",
        "participation_form": "online",
        "quality_assurance": "Internal approval",
        "prerequisites": "",
    }
    values.update(overrides)
    return SimpleNamespace(**values)


def workload_messages(specification, facts=None):
    findings = alignment.check_specification(specification, facts or load_reference_facts())
    return [str(f) for f in findings if f.element == "workload"]


def test_the_snapshot_holds_the_seeded_facts():
    facts = load_reference_facts()
    assert facts.hours_per_credit == HoursPerCredit(
        Decimal(25), Decimal(30), "ECTS", "", CreditSystem.objects.get(code="ECTS").note
    )
    assert facts.hours_for("IE").low == 20 and facts.hours_for("IE").high == 25
    assert facts.hours_for("DE") == facts.hours_per_credit  # no convention of its own
    assert facts.mandatory_elements == {
        "title",
        "country",
        "awarding_body",
        "learning_outcomes",
        "workload",
        "level",
        "assessment_type",
        "participation_form",
        "quality_assurance",
    }
    with pytest.raises(AttributeError):
        facts.hours_per_credit = None  # frozen: a check cannot change what the next one reads


def test_loading_the_snapshot_takes_three_queries_and_checking_takes_none(django_assert_num_queries):
    with django_assert_num_queries(3):
        facts = load_reference_facts()
    with django_assert_num_queries(0):
        alignment.check_specification(spec(), facts)


def test_ireland_counts_20_to_25_hours_per_ects_credit():
    # 100 hours for 5 ECTS is 20 h per credit: fine in Ireland, a warning elsewhere.
    assert workload_messages(spec(country="IE", workload_hours=100)) == []
    assert workload_messages(spec(country="DE", workload_hours=100)) == [
        "100 hours for 5 ECTS is 20 hours per credit: ECTS counts 25 to 30, and this check accepts 22.5 to 33."
    ]
    # 150 hours for 5 ECTS is 30 h: fine under ECTS, above Ireland's 25 h + 10 %.
    assert workload_messages(spec(country="IE", workload_hours=150)) == [
        "150 hours for 5 ECTS is 30 hours per credit: ECTS in Ireland counts 20 to 25, and this check accepts 18 "
        "to 27.5."
    ]


def test_a_single_figure_convention_reads_as_one_number():
    # The Netherlands count 28 hours per credit.
    assert workload_messages(spec(country="NL", workload_hours=100)) == [
        "100 hours for 5 ECTS is 20 hours per credit: ECTS in Netherlands counts 28, and this check accepts 25.2 "
        "to 30.8."
    ]


def test_editing_ects_in_the_admin_changes_the_finding(client, staff_with):
    staff_with(
        "frameworks.change_creditsystem",
        "frameworks.view_creditsystem",
        "frameworks.change_creditconvention",
        "frameworks.view_creditconvention",
        "frameworks.add_creditconvention",
    )
    specification = spec(country="DE", workload_hours=100)  # 20 h per credit
    assert workload_messages(specification)  # outside 25-30 as seeded

    ects = CreditSystem.objects.get(code="ECTS")
    url = f"/admin/frameworks/creditsystem/{ects.pk}/change/"
    data = form_data(client, url)
    data["hours_per_credit_min"] = "20"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/admin/frameworks/creditsystem/"

    assert workload_messages(specification) == []


def test_editing_a_national_convention_in_the_admin_changes_the_finding(client, staff_with):
    staff_with(
        "frameworks.change_creditsystem",
        "frameworks.view_creditsystem",
        "frameworks.change_creditconvention",
        "frameworks.view_creditconvention",
        "frameworks.add_creditconvention",
    )
    specification = spec(country="IE", workload_hours=150)  # 30 h per credit: above Ireland's convention
    assert workload_messages(specification)

    url = f"/admin/frameworks/creditsystem/{CreditSystem.objects.get(code='ECTS').pk}/change/"
    data = form_data(client, url)
    index = row_index(data, "conventions", "country", "IE")
    data[f"conventions-{index}-hours_per_credit_max"] = "30"
    assert client.post(url, data)["Location"] == "/admin/frameworks/creditsystem/"

    assert CreditConvention.objects.get(country="IE").hours_per_credit_max == 30
    assert workload_messages(specification) == []


def test_making_an_element_optional_in_the_admin_drops_its_finding(client, staff_with):
    staff_with("frameworks.change_credentialelement", "frameworks.view_credentialelement")
    specification = spec(quality_assurance="")
    codes = [f.element for f in alignment.missing_mandatory_elements(specification, load_reference_facts())]
    assert codes == ["quality_assurance"]

    element = CredentialElement.objects.get(code="quality_assurance")
    url = f"/admin/frameworks/credentialelement/{element.pk}/change/"
    data = form_data(client, url)
    data.pop("mandatory", None)  # an unticked box is not submitted
    assert client.post(url, data)["Location"] == "/admin/frameworks/credentialelement/"

    assert alignment.missing_mandatory_elements(specification, load_reference_facts()) == []


def test_making_an_optional_element_mandatory_adds_its_finding():
    CredentialElement.objects.filter(code="prerequisites").update(mandatory=True)
    findings = alignment.missing_mandatory_elements(spec(), load_reference_facts())
    assert [(f.element, str(f)) for f in findings] == [
        ("prerequisites", "Missing mandatory element: Prerequisites to enrol.")
    ]


def test_without_the_credit_system_the_hours_check_says_nothing():
    facts = ReferenceFacts(hours_per_credit=None, mandatory_elements=frozenset())
    assert alignment.check_hours_per_credit(spec(workload_hours=1), facts) == []
