"""The seeded reference data holds the facts the rest of the system relies on."""

import importlib

import pytest
from django.apps import apps

from frameworks.models import (
    CredentialElement,
    CreditSystem,
    FieldOfStudy,
    Framework,
    JudgementScale,
    Level,
    LevelReferencing,
    StandardSet,
)
from tests.reference import reference_file

pytestmark = pytest.mark.django_db

NATIONAL = {
    "IE-NFQ": ("IE", 10),
    "UK-SCQF": ("GB", 12),
    "UK-RQF": ("GB", 11),
    "MT-MQF": ("MT", 10),
    "NL-NLQF": ("NL", 10),
    "HR-CROQF": ("HR", 11),
    "DE-DQR": ("DE", 8),
    "AT-NQR": ("AT", 8),
    "PL-PQF": ("PL", 8),
    "PT-QNQ": ("PT", 8),
    "FR-CNCP": ("FR", 8),
    "IT-QNQ": ("IT", 8),
    "ES-MECU": ("ES", 8),
    "FI-FiNQF": ("FI", 8),
    "BE-VKS": ("BE", 8),
}


def eqf_of(framework: str, code: str):
    referencing = LevelReferencing.objects.filter(level__framework__code=framework, level__code=code).first()
    return referencing.eqf_level if referencing else None


def test_the_first_fifteen_national_frameworks_with_the_eqf_and_the_qf_ehea():
    assert dict(Framework.objects.national().filter(code__in=NATIONAL).values_list("code", "country")) == {
        code: country for code, (country, _levels) in NATIONAL.items()
    }
    assert Framework.objects.get(code="EQF").kind == Framework.Kind.EQF
    assert Framework.objects.get(code="QF-EHEA").kind == Framework.Kind.QF_EHEA


@pytest.mark.parametrize(("code", "levels"), [(code, levels) for code, (_c, levels) in NATIONAL.items()])
def test_each_framework_has_its_levels_in_order(code, levels):
    ordinals = list(Level.objects.filter(framework__code=code).values_list("ordinal", flat=True))
    assert ordinals == list(range(1, levels + 1))


def test_eqf_levels_carry_their_descriptors():
    levels = Level.objects.filter(framework__code="EQF")
    assert [level.code for level in levels] == [str(n) for n in range(1, 9)]
    assert all(level.knowledge and level.skills and level.autonomy for level in levels)
    assert levels.get(code="8").skills.startswith("most advanced skills including synthesis and evaluation")


@pytest.mark.parametrize(
    ("framework", "code", "eqf"),
    [
        ("IE-NFQ", "7", 6),
        ("IE-NFQ", "8", 6),
        ("IE-NFQ", "10", 8),
        ("UK-SCQF", "7", 5),
        ("UK-SCQF", "8", 5),
        ("UK-SCQF", "1", None),
        ("UK-RQF", "E3", 1),
        ("UK-RQF", "E1", None),
        ("MT-MQF", "B", None),
        ("NL-NLQF", "4+", 4),
        ("HR-CROQF", "4.2", 4),
        ("QF-EHEA", "short", 5),
        ("QF-EHEA", "first", 6),
        ("QF-EHEA", "third", 8),
    ],
)
def test_referencing_facts(framework, code, eqf):
    assert eqf_of(framework, code) == eqf


def test_confidence_and_source_notes_are_kept():
    assert Framework.objects.get(code="IE-NFQ").confidence == "official"
    assert Framework.objects.get(code="UK-SCQF").confidence == "check"
    assert LevelReferencing.objects.get(level__framework__code="FR-CNCP", level__code="5").confidence == "check"
    assert all(Framework.objects.national().values_list("source_note", flat=True))


def test_isced_fields():
    broad = FieldOfStudy.objects.filter(code__regex=r"^[0-9]{2}$").exclude(code="99")
    assert sorted(broad.values_list("code", flat=True)) == [f"{n:02d}" for n in range(11)]
    assert FieldOfStudy.objects.get(code="06").name.startswith("Information and Communication Technologies")
    assert FieldOfStudy.objects.get(code="061").parent.code == "06"


def test_ects_counts_25_to_30_hours():
    ects = CreditSystem.objects.get(code="ECTS")
    assert (ects.hours_per_credit_min, ects.hours_per_credit_max) == (25, 30)


def test_esg_and_the_eu_principles_as_standard_sets():
    part1 = StandardSet.objects.get(code="esg-2015-part1", version="2015")
    assert part1.standards.count() == 10
    assert part1.standards.get(code="1.3").title == "Student-centred learning, teaching and assessment"
    assert StandardSet.objects.get(code="esg-2015-part2").standards.count() == 7
    assert StandardSet.objects.get(code="esg-2015-part3").standards.count() == 7
    assert StandardSet.objects.get(code="eu-mc-principles").standards.count() == 10
    assert set(StandardSet.objects.for_providers().values_list("code", flat=True)) == {
        "esg-2015-part1",
        "eu-mc-principles",
    }


def test_judgement_scales():
    panel = JudgementScale.objects.get(code="esg-panel")
    assert [v.label for v in panel.values.all()] == [
        "Fully compliant",
        "Substantially compliant",
        "Partially compliant",
        "Not compliant",
    ]
    assert [v.is_positive for v in panel.values.all()] == [True, False, False, False]
    assert JudgementScale.objects.get(code="esg-committee").values.count() == 3


def test_eu_credential_elements():
    mandatory = CredentialElement.objects.filter(mandatory=True)
    assert mandatory.count() == 11
    assert set(mandatory.filter(on_issued_credential_only=True).values_list("code", flat=True)) == {
        "learner_identification",
        "date_of_issuing",
    }
    assert CredentialElement.objects.filter(mandatory=False).count() == 5


def test_national_levels_carry_their_eu_vocabulary_uri():
    assert Level.objects.get(framework__code="IE-NFQ", code="8").eu_uri == "http://data.europa.eu/snb/qdr/c_218a7e54"
    assert Level.objects.get(framework__code="UK-RQF", code="E3").eu_uri == "http://data.europa.eu/snb/qdr/c_b3a26e65"
    # Not guessed where the vocabulary gives no clear match.
    assert not Level.objects.filter(framework__code__in=["FR-CNCP", "BE-VKS"]).exclude(eu_uri="").exists()


def test_every_level_uri_is_in_the_eu_vocabulary_under_a_matching_label():
    vocabulary = reference_file("nqf-vocabulary.xsd")
    from lxml import etree

    namespace = {"xs": "http://www.w3.org/2001/XMLSchema"}
    labels = {
        element.get("value"): " ".join(" ".join(element.itertext()).split())
        for element in etree.parse(str(vocabulary)).iterfind(".//xs:enumeration", namespace)
    }
    prefixes = {
        "IE-NFQ": "IE NQF",
        "UK-SCQF": "SCQF",
        "UK-RQF": "RQF",
        "MT-MQF": "MQF",
        "NL-NLQF": "NLQF",
        "HR-CROQF": "CROQF",
        "DE-DQR": "DQR",
        "AT-NQR": "AT: NQF",
        "PL-PQF": "PQF",
        "PT-QNQ": "QNQ",
        "IT-QNQ": "IT NQF",
        "ES-MECU": "MECU",
        "FI-FiNQF": "FiNQF",
    }
    suffixes = {"E1": "Entry Levels 1-2", "E2": "Entry Levels 1-2", "E3": "Entry Level 3", "entry": "Entry Level"}
    levels = (
        Level.objects.exclude(eu_uri="")
        .exclude(framework__code="EQF")
        .filter(framework__code__in=prefixes)
        .select_related("framework")
    )
    assert levels.count() == 10 + 12 + 11 + 10 + 10 + 11 + 8 * 7
    for level in levels:
        expected = f"{prefixes[level.framework.code]} {suffixes.get(level.code, f'Level {level.code}')}"
        assert labels[level.eu_uri] == expected


def test_the_uri_migration_fills_levels_seeded_without_them():
    Level.objects.filter(framework__code="IE-NFQ").update(eu_uri="")
    migration = importlib.import_module("frameworks.migrations.0003_national_level_eu_uris")
    migration.add_uris(apps, None)
    assert Level.objects.get(framework__code="IE-NFQ", code="10").eu_uri.endswith("/c_ac9adabb")
