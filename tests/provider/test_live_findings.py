"""The live findings panel, as provider staff see it while typing: what Save would refuse is shown before Save,
and the outcome and workload findings read what is typed. Through the findings endpoint the page posts to."""

import re
from html import unescape

import pytest

from accreditation.models import MicroCredential
from frameworks.models import CreditConvention, Level

pytestmark = pytest.mark.django_db

URL = "/provider/catalogue/findings/"


def panel_text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def typed(provider, **values) -> dict:
    data = {
        "provider": provider.pk,
        "title": "Cloud Basics",
        "awarding_body": "Atlantic Technological College",
        "country": "IE",
        "learning_outcomes": "Configure a cloud service\nEvaluate its security",
        "workload_hours": "125",
        "ects": "5",
        "assessment_type": "project",
        "participation_form": "online",
        "quality_assurance": "Internal approval",
    }
    data.update(values)
    return data


def test_an_eqf_level_that_contradicts_the_national_level_is_shown_while_typing(client, provider_staff, provider):
    client.force_login(provider_staff)
    level = Level.objects.get(framework__code="IE-NFQ", code="7")  # referenced to EQF 6
    response = client.post(URL, typed(provider, nqf_level=level.pk, eqf_level="5"))
    assert response.status_code == 200
    text = panel_text(response)
    assert "Problem: The declared EQF level 5 does not match EQF 6 derived from IE-NFQ 7." in text
    # ...and Save refuses the same values, saying why next to the field.
    save = client.post("/provider/catalogue/new/", typed(provider, nqf_level=level.pk, eqf_level="5"))
    assert "IE-NFQ 7 is referenced to EQF 6; leave the EQF level empty or correct it." in save.content.decode()
    assert not MicroCredential.objects.filter(title="Cloud Basics").exists()


def test_a_consistent_level_shows_only_the_derived_level(client, provider_staff, provider):
    client.force_login(provider_staff)
    level = Level.objects.get(framework__code="IE-NFQ", code="7")
    text = panel_text(client.post(URL, typed(provider, nqf_level=level.pk, eqf_level="6")))
    assert "IE-NFQ 7 corresponds to EQF level 6." in text
    assert "Problem" not in text


def test_a_value_invalid_on_its_own_is_left_out_rather_than_guessed(client, provider_staff, provider):
    client.force_login(provider_staff)
    response = client.post(URL, typed(provider, eqf_level="9", ects="abc"))
    assert response.status_code == 200
    text = panel_text(response)
    assert "Missing mandatory element: Level (NQF or EQF), or a statement that no level applies." in text
    assert "Give the workload in ECTS as well" in text  # the hours are read, the unreadable ECTS are not


def test_the_learner_knows_about_machine_learning_gets_a_finding(client, provider_staff, provider):
    client.force_login(provider_staff)
    outcomes = "The learner knows about machine learning\nApply a classifier to a data set"
    text = panel_text(client.post(URL, typed(provider, eqf_level="5", learning_outcomes=outcomes)))
    assert (
        "Check: “The learner knows about machine learning” states what the learner knows or understands, which no "
        "assessment can observe" in text
    )


def test_headings_lead_ins_and_verbs_ending_like_nouns_give_no_findings(client, provider_staff, provider):
    client.force_login(provider_staff)
    outcomes = (
        "On completion learners will be able to:\nKnowledge:\nCritically evaluate cloud architectures\n"
        "Skills:\nEnhance the security of a deployment\nBalance cost against resilience"
    )
    text = panel_text(client.post(URL, typed(provider, eqf_level="7", learning_outcomes=outcomes)))
    assert text.endswith("No findings."), text


def test_outcomes_in_french_are_not_verb_checked_and_the_panel_says_so(client, provider_staff, provider):
    client.force_login(provider_staff)
    outcomes = "Configurer un service dans le nuage\nÉvaluer la sécurité des déploiements"
    text = panel_text(client.post(URL, typed(provider, eqf_level="7", learning_outcomes=outcomes, languages="fr")))
    assert "Note: These outcomes look written in French: the action-verb check covers English only" in text
    assert "recognised action verb" not in text


def test_the_workload_check_uses_irelands_convention(client, provider_staff, provider):
    client.force_login(provider_staff)
    # 100 hours for 5 ECTS: 20 h per credit, within Ireland's 20-25, outside ECTS's 25-30 elsewhere.
    assert "hours per credit" not in panel_text(client.post(URL, typed(provider, eqf_level="6", workload_hours="100")))
    text = panel_text(client.post(URL, typed(provider, eqf_level="6", workload_hours="100", country="DE")))
    assert "100 hours for 5 ECTS is 20 hours per credit: ECTS counts 25 to 30" in text
    # The admin's edit of the convention is what the next request reads.
    CreditConvention.objects.filter(country="IE").update(hours_per_credit_min=24)
    text = panel_text(client.post(URL, typed(provider, eqf_level="6", workload_hours="100")))
    assert "ECTS in Ireland counts 24 to 25" in text


def test_the_panel_is_only_for_staff_of_a_provider(client, outsider, provider):
    client.force_login(outsider)
    assert client.post(URL, typed(provider)).status_code == 404
    client.logout()
    assert client.post(URL, typed(provider)).status_code == 302  # to sign in
    assert client.get(URL).status_code in (302, 405)
