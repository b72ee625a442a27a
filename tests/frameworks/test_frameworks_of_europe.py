"""Every EQF-referenced national framework whose levels the EU vocabulary holds is seeded, each level with its EU
URI, the framework with its own, and the referencing where it is established; checked against the vocabulary
itself (read from the shared reference folder: a missing file fails these tests)."""

import re
from pathlib import Path

import pytest
from lxml import etree

from frameworks.models import Framework, Level, LevelReferencing

pytestmark = pytest.mark.django_db

VOCABULARY = Path(__file__).resolve().parents[3] / "shared" / "reference" / "nqf-vocabulary.xsd"
QDR = "http://data.europa.eu/snb/qdr/"

# Framework code -> the vocabulary's label of its levels ("<prefix> Level <code>").
LEVEL_LABELS = {
    "SE-SeQF": "SeQF",
    "DK-NQF": "DK NQF",
    "EE-EstQF": "EstQF",
    "GR-HQF": "HQF",
    "HU-HuQF": "HuQF",
    "LV-LQF": "LQF",
    "LT-LTQF": "LTQF",
    "LU-CLQ": "CLQ",
    "RO-CNC": "ROQF",
    "SK-SKKR": "SKKR",
    "SI-SOK": "SQF",
    "CY-CyQF": "CyQF",
    "BG-NQF": "BQF",
    "CZ-NSK": "NSK",
    "IS-ISQF": "ISQF",
    "NO-NKR": "NKR",
    "CH-NQR-BB": "NQF VPET",
    "BE-CFC": "CFC",
    "BE-QDG": "QDG",
    "LI-NQFL": "NQFL",
    "TR-TYC": "TQF",
    "ME-NQF": "ME NQF",
    "RS-NQFS": "NQFS",
    "XK-KNQF": "KS NQF",
    "AL-AQF": "AQF",
    "BA-QF": "BH NQF",
    "UK-CQFW": "CQFW",
}
SPECIAL_LEVEL_LABELS = {("UK-CQFW", "entry"): "CQFW Entry 1-3", ("MK-MQF", "5A"): "NNMQF Level 5 A"}


@pytest.fixture(scope="module")
def vocabulary() -> dict[str, str]:
    """The vocabulary's concepts: URI -> label."""
    if not VOCABULARY.exists():
        pytest.fail(f"{VOCABULARY} is missing: the shared reference folder must be beside the project")
    namespace = {"xs": "http://www.w3.org/2001/XMLSchema"}
    return {
        element.get("value"): " ".join(" ".join(element.itertext()).split())
        for element in etree.parse(str(VOCABULARY)).iterfind(".//xs:enumeration", namespace)
    }


def framework_concepts(vocabulary: dict[str, str]) -> dict[str, str]:
    """The concepts that are frameworks, not levels (their labels name no level)."""
    return {uri: label for uri, label in vocabulary.items() if not re.search(r"\b(Level|Levels|Entry)\b", label)}


def eqf_of(framework: str, code: str):
    referencing = LevelReferencing.objects.filter(level__framework__code=framework, level__code=code).first()
    return referencing.eqf_level if referencing else None


def test_every_framework_of_the_vocabulary_is_seeded_with_its_uri(vocabulary):
    concepts = framework_concepts(vocabulary)
    assert len(concepts) == 43
    seeded = dict(Framework.objects.national().exclude(eu_uri="").values_list("eu_uri", "code"))
    assert set(concepts) == set(seeded)
    assert seeded[QDR + "c_d932c882"] == "SE-SeQF"
    assert seeded[QDR + "c_36ff4631"] == "UK-CQFW"
    assert seeded[QDR + "c_f3b785c7"] == "BE-CFC" and seeded[QDR + "c_0d55867f"] == "BE-QDG"
    assert seeded[QDR + "c_ed96825f"] == "BE-VKS"


def test_spains_higher_education_framework_sits_beside_mecu():
    assert set(Framework.objects.filter(country="ES").values_list("code", flat=True)) == {"ES-MECU", "ES-MECES"}
    meces = Level.objects.filter(framework__code="ES-MECES")
    assert [(level.code, level.title, level.referencing.eqf_level) for level in meces] == [
        ("1", "Técnico Superior", 5),
        ("2", "Grado", 6),
        ("3", "Máster", 7),
        ("4", "Doctor", 8),
    ]
    assert not meces.exclude(eu_uri="").exists()  # the vocabulary has no MECES levels: no URI is made up
    assert "Real Decreto 22/2015" in Framework.objects.get(code="ES-MECES").source_note


@pytest.mark.parametrize(("code", "prefix"), LEVEL_LABELS.items())
def test_each_level_carries_the_uri_the_vocabulary_labels_with_it(vocabulary, code, prefix):
    levels = list(Level.objects.filter(framework__code=code))
    assert levels, code
    for level in levels:
        expected = SPECIAL_LEVEL_LABELS.get((code, level.code), f"{prefix} Level {level.code}")
        assert vocabulary[level.eu_uri] == expected


def test_north_macedonian_sub_levels_match_the_vocabulary(vocabulary):
    for level in Level.objects.filter(framework__code="MK-MQF"):
        spaced = re.sub(r"^(\d)([AB])$", r"\1 \2", level.code)
        assert vocabulary[level.eu_uri] == f"NNMQF Level {spaced}"


def test_every_level_uri_of_every_framework_is_in_the_vocabulary_once(vocabulary):
    uris = list(Level.objects.exclude(eu_uri="").exclude(framework__kind="eqf").values_list("eu_uri", flat=True))
    assert set(uris) <= set(vocabulary)
    repeated = {uri for uri in uris if uris.count(uri) > 1}
    assert repeated == {QDR + "c_778f8030"}  # RQF Entry 1 and 2 share the vocabulary's one concept


@pytest.mark.parametrize(
    ("framework", "code", "eqf"),
    [
        ("SE-SeQF", "1", 1),
        ("SE-SeQF", "8", 8),
        ("DK-NQF", "6", 6),
        ("HU-HuQF", "5", 5),
        ("RO-CNC", "7", 7),
        ("SI-SOK", "4", 4),
        ("SI-SOK", "5", 4),  # Slovenia: ten levels, SOK 5 at EQF 4
        ("SI-SOK", "6", 5),
        ("SI-SOK", "7", 6),
        ("SI-SOK", "8", 7),
        ("SI-SOK", "9", 8),
        ("SI-SOK", "10", 8),
        ("UK-CQFW", "entry", 1),
        ("UK-CQFW", "4", 5),
        ("UK-CQFW", "5", 5),  # Wales as England: levels 4 and 5 at EQF 5
        ("CY-CyQF", "5b", 5),
        ("CY-CyQF", "7c", 7),
        ("NO-NKR", "5.2", 5),
        ("BG-NQF", "0", None),  # Bulgaria's preparatory level is not referenced
        ("BG-NQF", "1", 1),
        ("IS-ISQF", "5.1", None),  # not known for certain: not seeded
        ("AL-AQF", "4", None),
        ("BE-CFC", "6", 6),
        ("CH-NQR-BB", "6", 6),
    ],
)
def test_referencing_of_the_new_frameworks(framework, code, eqf):
    assert eqf_of(framework, code) == eqf


def test_uncertain_referencing_is_marked_as_such():
    assert Framework.objects.get(code="SE-SeQF").confidence == "official"
    for code in ("CY-CyQF", "NO-NKR", "ME-NQF", "RS-NQFS", "MK-MQF", "IS-ISQF", "AL-AQF", "BA-QF", "UK-CQFW"):
        assert Framework.objects.get(code=code).confidence == "check", code
    assert LevelReferencing.objects.get(level__framework__code="NO-NKR", level__code="6.1").confidence == "check"
    unreferenced = Framework.objects.get(code="IS-ISQF")
    assert "not seeded" in unreferenced.source_note
    assert not LevelReferencing.objects.filter(level__framework=unreferenced).exists()
    assert all(Framework.objects.national().values_list("source_note", flat=True))


def test_names_keep_their_diacritics():
    names = dict(Framework.objects.values_list("code", "name"))
    assert names["PT-QNQ"] == "Quadro Nacional de Qualificações"
    assert names["ES-MECU"] == "Marco Español de Cualificaciones"
    assert names["RO-CNC"] == "Cadrul Național al Calificărilor"
    assert names["SK-SKKR"] == "Slovenský kvalifikačný rámec"
    assert names["TR-TYC"] == "Türkiye Yeterlilikler Çerçevesi"


def test_the_year_of_referencing_only_where_it_is_established():
    years = dict(Framework.objects.national().values_list("code", "referencing_year"))
    assert years["IE-NFQ"] == 2009 and years["SE-SeQF"] == 2016 and years["RO-CNC"] == 2018
    assert years["IS-ISQF"] is None and years["UK-CQFW"] is None
    assert not Framework.objects.exclude(referencing_date=None).exists()  # no exact dates are claimed


def test_the_lookup_page_offers_the_new_frameworks(client):
    response = client.get("/frameworks/", {"framework": "SI-SOK", "level": "9"})
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    assert "SI-SOK level 9 corresponds to EQF level 8." in text
    assert "SI-SOK level 10 is also at EQF level 8" in text
    assert QDR + "c_0f8ae85c" in text
