"""The EU standard's elements as the Council Recommendation has them: the level only where applicable (a provider
may state that none applies), recognition of prior learning as an assessment, work-based learning and
volunteering as forms of participation, several awarding bodies and issuer countries. Through the provider's form,
the submission and the catalogue import."""

import io

import pytest
from django.db import IntegrityError, transaction
from openpyxl import Workbook

from accreditation.catalogue_import import validate_rows
from accreditation.models import Application, MicroCredential
from frameworks.models import Level
from reports.catalogue import COLUMNS, CatalogueSheet
from tests.factories import ApplicationFactory, MicroCredentialFactory
from tests.flow import PDF_BYTES
from tests.provider.test_provider_workspace import upload

pytestmark = pytest.mark.django_db


def typed(provider, **values) -> dict:
    data = {
        "title": "Volunteer Coordination",
        "awarding_body": "Atlantic Technological College",
        "country": "IE",
        "learning_outcomes": "Plan volunteer rotas for a community project\nEvaluate the project's outcomes",
        "workload_hours": "50",
        "ects": "2",
        "assessment_type": "prior_learning",
        "participation_form": "volunteer",
        "quality_assurance": "Internal approval",
    }
    data.update(values)
    return data


def save(client, provider, **values):
    return client.post(f"/provider/catalogue/new/?provider={provider.pk}", typed(provider, **values))


def test_a_specification_that_states_no_level_applies_is_complete(client, provider_staff, provider):
    client.force_login(provider_staff)
    response = save(client, provider, level_not_applicable="on")
    assert response.status_code == 302
    credential = MicroCredential.objects.get(title="Volunteer Coordination")
    assert credential.level_not_applicable and credential.nqf_level is None and credential.eqf_level is None
    assert (credential.assessment_type, credential.participation_form) == ("prior_learning", "volunteer")
    page = client.get(f"/provider/catalogue/{credential.pk}/").content.decode()
    assert "Missing mandatory element" not in page


def test_without_a_level_or_the_statement_the_level_is_missing(client, provider_staff, provider):
    client.force_login(provider_staff)
    body = client.post("/provider/catalogue/findings/", {"provider": provider.pk, **typed(provider)}).content.decode()
    assert "Missing mandatory element: Level (NQF or EQF), or a statement that no level applies." in body


def test_stating_no_level_beside_a_level_is_refused_next_to_the_box(client, provider_staff, provider):
    client.force_login(provider_staff)
    level = Level.objects.get(framework__code="IE-NFQ", code="6")
    body = save(client, provider, level_not_applicable="on", nqf_level=level.pk).content.decode()
    assert "You ticked that no level applies, yet a level is given: untick it or clear the level." in body
    assert not MicroCredential.objects.filter(title="Volunteer Coordination").exists()
    panel = client.post(
        "/provider/catalogue/findings/",
        {"provider": provider.pk, **typed(provider, level_not_applicable="on", eqf_level="5")},
    ).content.decode()
    assert "You stated that no level applies, yet a level is given: remove one or the other." in panel


def test_the_database_refuses_a_level_beside_the_statement(provider):
    credential = MicroCredentialFactory.build(provider=provider, level_not_applicable=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        credential.save()


def test_work_based_learning_is_a_form_of_participation(client, provider_staff, provider):
    client.force_login(provider_staff)
    level = Level.objects.get(framework__code="IE-NFQ", code="6")
    assert save(client, provider, participation_form="work_based", nqf_level=level.pk).status_code == 302
    assert MicroCredential.objects.get().get_participation_form_display() == "Work-based learning"


def test_several_awarding_bodies_and_issuer_countries(client, provider_staff, provider):
    client.force_login(provider_staff)
    response = save(
        client,
        provider,
        level_not_applicable="on",
        other_awarding_bodies="Université de Liège\nUniversiteit Maastricht\n",
        other_countries="be, nl, IE",
    )
    assert response.status_code == 302
    credential = MicroCredential.objects.get()
    assert credential.awarding_bodies == [
        "Atlantic Technological College",
        "Université de Liège",
        "Universiteit Maastricht",
    ]
    assert credential.issuer_countries == ["IE", "BE", "NL"]  # normalised, the first country not repeated


def test_an_unknown_issuer_country_is_refused_with_its_code(client, provider_staff, provider):
    client.force_login(provider_staff)
    body = save(client, provider, level_not_applicable="on", other_countries="BE,QQ").content.decode()
    assert "Give two-letter country codes separated by commas, e.g. BE,NL; not known: QQ." in body
    assert not MicroCredential.objects.exists()


def test_an_awarding_body_elsewhere_satisfies_the_element(client, provider_staff, provider):
    client.force_login(provider_staff)
    body = client.post(
        "/provider/catalogue/findings/",
        {"provider": provider.pk, **typed(provider, awarding_body="", other_awarding_bodies="Université de Liège")},
    ).content.decode()
    assert "Missing mandatory element: Awarding body." not in body


def test_submission_accepts_a_credential_without_a_level_and_freezes_the_new_elements(
    client, provider_staff, provider, agency, authority, coordinator
):
    credential = MicroCredentialFactory(
        provider=provider,
        nqf_level=None,
        eqf_level=None,
        cycle="",
        level_not_applicable=True,
        other_awarding_bodies="Université de Liège",
        other_countries="BE",
        assessment_type="prior_learning",
    )
    draft = ApplicationFactory(provider=provider, agency=agency, authority=authority, created_by=provider_staff)
    draft.micro_credentials.set([credential])
    client.force_login(provider_staff)
    upload(client, draft, "ser.pdf", PDF_BYTES)
    response = client.post(f"/provider/applications/{draft.pk}/submit/", {"confirmed": "yes"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Application.Status.SCREENING
    version = draft.submitted_versions.get()
    assert (version.level_not_applicable, version.other_awarding_bodies, version.other_countries) == (
        True,
        "Université de Liège",
        "BE",
    )


def test_the_catalogue_import_reads_the_new_elements(provider):
    row = {
        "title": "Volunteer Coordination",
        "awarding_body": "Atlantic Technological College",
        "other_awarding_bodies": "Université de Liège",
        "country": "IE",
        "other_countries": "BE",
        "learning_outcomes": "Plan volunteer rotas\nEvaluate the project's outcomes",
        "workload_hours": 50,
        "ects": 2,
        "level_not_applicable": "yes",
        "assessment_type": "Recognition of prior learning",
        "participation_form": "Volunteering",
        "quality_assurance": "Internal approval",
    }
    [result] = list(validate_rows([(2, row)], provider))
    assert result.errors == []
    specification = result.specification
    assert specification.level_not_applicable is True
    assert (specification.assessment_type, specification.participation_form) == ("prior_learning", "volunteer")
    assert specification.other_countries == "BE"

    [refused] = list(validate_rows([(3, {**row, "level_not_applicable": "perhaps"})], provider))
    assert [problem.text for problem in refused.errors] == [
        "No level applies: Write yes or no (or leave the cell empty for no)."
    ]


def test_files_made_from_the_earlier_template_still_import(provider):
    added = {"other_awarding_bodies", "other_countries", "level_not_applicable"}
    assert {column.key for column in COLUMNS if not column.required_in_header} == added
    earlier = [column for column in COLUMNS if column.key not in added]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Catalogue"
    sheet.append([column.header for column in earlier])
    level = {"nqf_level": "IE-NFQ 6"}
    sheet.append([{**typed(provider), **level}.get(column.key) for column in earlier])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    with CatalogueSheet(buffer) as catalogue:
        [result] = list(validate_rows(catalogue.rows(), provider))
    assert result.errors == [] and result.specification.nqf_level.code == "6"
