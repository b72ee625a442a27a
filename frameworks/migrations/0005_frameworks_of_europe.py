"""Seed the national frameworks of the rest of Europe whose levels the EU vocabulary of national qualification
levels holds (http://data.europa.eu/snb/qdr/...), each framework's own concept URI, the national conventions of
hours per ECTS credit, the names of the first frameworks with their diacritics, and the EU standard's level element
as the Recommendation words it ("where applicable").

How the facts were chosen (stated so an administrator can weigh them):
- Level URIs are the vocabulary's concepts, matched by its labels ("SeQF Level 3", "CyQF Level 5a", "CQFW Entry
  1-3"). Where the vocabulary has no levels for a framework (Spain's MECES), the levels have no URI.
- Referencing: a framework whose levels sit one to one at the EQF level of the same number, where that is the
  established referencing, is "official"; frameworks with sub-levels (5a/5b, 5.1/5.2, 7.1/7.2) are referenced by
  the number before the sub-level and marked "check"; where the referencing is not known for certain (Iceland,
  Albania, Bosnia and Herzegovina) the levels are seeded without referencing rather than guessed, so a
  specification that uses one is told its level is not referenced.
- The year of referencing is given only where it is well established; it is the year the referencing report was
  presented to the EQF Advisory Group, not an exact date.
"""

from django.db import migrations

SOURCE_NOTE = (
    "Levels and their URIs from the EU vocabulary of national qualification levels (data.europa.eu/snb/qdr). "
    "Referencing as published in the country's EQF referencing report; confidence 'check' means it should be "
    "confirmed against that report before production use."
)
NOT_REFERENCED_NOTE = (
    " The referencing of the levels to the EQF is not seeded: confirm it against the country's referencing report "
    "and enter it in the admin."
)
BY_NUMBER_NOTE = " Sub-levels are referenced at the EQF level of their number (to be confirmed)."
ONE_TO_ONE_NOTE = " Eight levels referenced one to one."

QDR = "http://data.europa.eu/snb/qdr/"


def one_to_one(*ids: str) -> list[tuple[str, int, str]]:
    """Eight levels 1-8 at EQF 1-8, with their vocabulary ids in order."""
    return [(str(number), number, level_id) for number, level_id in enumerate(ids, 1)]


def by_number(*levels: tuple[str, str]) -> list[tuple[str, int, str]]:
    """Levels such as 5a or 7.1 at the EQF level of their leading number."""
    result = []
    for code, level_id in levels:
        digits = ""
        for character in code:
            if not character.isdigit():
                break
            digits += character
        result.append((code, int(digits), level_id))
    return result


def unreferenced(*levels: tuple[str, str]) -> list[tuple[str, None, str]]:
    return [(code, None, level_id) for code, level_id in levels]


# code: country, region, name, the framework's own vocabulary id, confidence, year of referencing, levels
# (code, EQF level or None, vocabulary id or "") in order, note.
FRAMEWORKS = {
    "SE-SeQF": {
        "country": "SE",
        "name": "Sveriges referensram för kvalifikationer för livslångt lärande",
        "uri": "c_d932c882",
        "confidence": "official",
        "year": 2016,
        "levels": one_to_one(
            "c_20b8cbc9", "c_e1f75f79", "c_4ec9e6c0", "c_6477e349",
            "c_b44f7367", "c_185bb246", "c_1ab773a2", "c_055b6cf8",
        ),
        "note": ONE_TO_ONE_NOTE,
    },
    "ES-MECES": {
        "country": "ES",
        "name": "Marco Español de Cualificaciones para la Educación Superior",
        "uri": "",
        "confidence": "official",
        "year": None,
        "levels": [("1", 5, ""), ("2", 6, ""), ("3", 7, ""), ("4", 8, "")],
        "titles": ["Técnico Superior", "Grado", "Máster", "Doctor"],
        "note": " The higher education framework beside MECU: level 1 (Técnico Superior) at EQF 5, 2 (Grado) at 6, "
        "3 (Máster) at 7, 4 (Doctor) at 8, as set by Real Decreto 22/2015. The EU vocabulary has no MECES levels, "
        "so they carry no URI.",
    },
    "UK-CQFW": {
        "country": "GB",
        "region": "Wales",
        "name": "Credit and Qualifications Framework for Wales",
        "uri": "c_36ff4631",
        "confidence": "check",
        "year": None,
        "levels": [
            ("entry", 1, "c_de548626"), ("1", 2, "c_c03aceeb"), ("2", 3, "c_826abaf9"), ("3", 4, "c_c7a9fba6"),
            ("4", 5, "c_3a511ca6"), ("5", 5, "c_3cae3a23"), ("6", 6, "c_fa76c0fa"), ("7", 7, "c_98740c52"),
            ("8", 8, "c_471f5da1"),
        ],
        "titles": ["Entry levels 1-3"],
        "note": " Referenced with England and Northern Ireland: Entry (one concept for Entry 1-3 in the vocabulary) "
        "at EQF 1, levels 4 and 5 both at EQF 5.",
    },
    "DK-NQF": {
        "country": "DK",
        "name": "Kvalifikationsrammen for livslang læring",
        "uri": "c_61ba90ec",
        "confidence": "official",
        "year": 2011,
        "levels": one_to_one(
            "c_67053d58", "c_f3d606a7", "c_2ff9f722", "c_e2461c86",
            "c_e130f5d2", "c_a19d301f", "c_b08ee037", "c_1aec7e1f",
        ),
        "note": ONE_TO_ONE_NOTE,
    },
    "EE-EstQF": {
        "country": "EE",
        "name": "Eesti kvalifikatsiooniraamistik",
        "uri": "c_e9fb041f",
        "confidence": "official",
        "year": 2011,
        "levels": one_to_one(
            "c_ed568080", "c_54b380be", "c_3f16a034", "c_7cb99427",
            "c_11b06734", "c_3dddfd70", "c_9173237a", "c_2616aeff",
        ),
        "note": ONE_TO_ONE_NOTE,
    },
    "GR-HQF": {
        "country": "GR",
        "name": "Εθνικό Πλαίσιο Προσόντων (Hellenic Qualifications Framework)",
        "uri": "c_0ea90db7",
        "confidence": "official",
        "year": 2015,
        "levels": one_to_one(
            "c_ec84c700", "c_6640cf62", "c_48930d0b", "c_f6c81729",
            "c_7db10cb9", "c_5e8da33b", "c_60582329", "c_c4deeb87",
        ),
        "note": ONE_TO_ONE_NOTE,
    },
    "HU-HuQF": {
        "country": "HU",
        "name": "Magyar Képesítési Keretrendszer",
        "uri": "c_009d9566",
        "confidence": "official",
        "year": 2015,
        "levels": one_to_one(
            "c_01be7324", "c_1b9935cd", "c_b763e7c8", "c_b9eadd5c",
            "c_13865e16", "c_9ec87162", "c_c2f4856f", "c_ea1b27b9",
        ),
        "note": ONE_TO_ONE_NOTE,
    },
    "LV-LQF": {
        "country": "LV",
        "name": "Latvijas kvalifikāciju ietvarstruktūra",
        "uri": "c_ac40cadc",
        "confidence": "official",
        "year": 2011,
        "levels": one_to_one(
            "c_41bf3e8a", "c_f1f60c76", "c_138c123b", "c_14b672c3",
            "c_7493dd0e", "c_a828cd20", "c_a61cdeca", "c_a6744590",
        ),
        "note": ONE_TO_ONE_NOTE,
    },
    "LT-LTQF": {
        "country": "LT",
        "name": "Lietuvos kvalifikacijų sandara",
        "uri": "c_a6d433f4",
        "confidence": "official",
        "year": 2012,
        "levels": one_to_one(
            "c_98b42a9f", "c_8525e36a", "c_9d34b310", "c_d1e9f55d",
            "c_b62fa7ef", "c_caa3091a", "c_dbbbe65b", "c_6e015474",
        ),
        "note": ONE_TO_ONE_NOTE,
    },
    "LU-CLQ": {
        "country": "LU",
        "name": "Cadre luxembourgeois des qualifications",
        "uri": "c_20b3be22",
        "confidence": "official",
        "year": 2012,
        "levels": one_to_one(
            "c_5eb9f21e", "c_2bc813ff", "c_317af58c", "c_26211a04",
            "c_b4cc88a4", "c_dfb0cd4d", "c_758b2f8a", "c_287bdf18",
        ),
        "note": ONE_TO_ONE_NOTE,
    },
    "RO-CNC": {
        "country": "RO",
        "name": "Cadrul Național al Calificărilor",
        "uri": "c_df7373da",
        "confidence": "official",
        "year": 2018,
        "levels": one_to_one(
            "c_d8706544", "c_6d9af464", "c_513ed8e7", "c_47645af5",
            "c_5bca675f", "c_8b75d6fc", "c_152a2ae2", "c_8f107ecd",
        ),
        "note": ONE_TO_ONE_NOTE,
    },
    "SK-SKKR": {
        "country": "SK",
        "name": "Slovenský kvalifikačný rámec",
        "uri": "c_4e6a97ff",
        "confidence": "official",
        "year": 2017,
        "levels": one_to_one(
            "c_1ea1c8f9", "c_db0fa54f", "c_fb6cbec3", "c_cc1ea43c",
            "c_98403355", "c_8a024f65", "c_defba593", "c_fb12c713",
        ),
        "note": ONE_TO_ONE_NOTE,
    },
    "SI-SOK": {
        "country": "SI",
        "name": "Slovensko ogrodje kvalifikacij",
        "uri": "c_0f8ae85c",
        "confidence": "official",
        "year": None,
        "levels": [
            ("1", 1, "c_77411555"), ("2", 2, "c_4b23518c"), ("3", 3, "c_e7e8d397"), ("4", 4, "c_66d10210"),
            ("5", 4, "c_5a909eaa"), ("6", 5, "c_4a3aea6f"), ("7", 6, "c_3f2a609e"), ("8", 7, "c_4e92151b"),
            ("9", 8, "c_74d66d27"), ("10", 8, "c_a9614000"),
        ],
        "note": " Ten levels: SOK 4 and 5 at EQF 4, 6 at EQF 5, 7 at EQF 6, 8 at EQF 7, 9 and 10 at EQF 8.",
    },
    "CY-CyQF": {
        "country": "CY",
        "name": "Κυπριακό Πλαίσιο Προσόντων (Cyprus Qualifications Framework)",
        "uri": "c_afce1c3a",
        "confidence": "check",
        "year": None,
        "levels": by_number(
            ("1", "c_02c7fedc"), ("2", "c_ffd9ca10"), ("3", "c_e44ef2dc"), ("4", "c_5cbacb43"),
            ("5a", "c_549bffac"), ("5b", "c_6cba2673"), ("5c", "c_16351043"), ("6", "c_8f872111"),
            ("7a", "c_f59c3ad4"), ("7b", "c_95481d1f"), ("7c", "c_a6c13e9f"), ("8", "c_99235760"),
        ),
        "note": BY_NUMBER_NOTE,
    },
    "BG-NQF": {
        "country": "BG",
        "name": "Национална квалификационна рамка (Bulgarian Qualifications Framework)",
        "uri": "c_c534839f",
        "confidence": "official",
        "year": None,
        "levels": [
            ("0", None, "c_50f03409"),
            *one_to_one(
                "c_11fef73b", "c_4854c1ef", "c_d57056ce", "c_40f3d416",
                "c_0b0b744e", "c_2b79a822", "c_bb023568", "c_311c2747",
            ),
        ],
        "titles": ["Preparatory level"],
        "note": " Level 0 (preparatory) is not referenced; levels 1 to 8 one to one.",
    },
    "CZ-NSK": {
        "country": "CZ",
        "name": "Národní soustava kvalifikací",
        "uri": "c_af98ac9a",
        "confidence": "check",
        "year": None,
        "levels": one_to_one(
            "c_5dfdf326", "c_6961eec3", "c_993b0d50", "c_fe9eb464",
            "c_b80ee6b1", "c_82e7da58", "c_1df7b6c9", "c_4276c6dc",
        ),
        "note": " The National Register of Qualifications (vocational qualifications), eight levels one to one.",
    },
    "IS-ISQF": {
        "country": "IS",
        "name": "Íslenskur hæfnirammi um menntun (Icelandic Qualifications Framework)",
        "uri": "c_2e41fe05",
        "confidence": "check",
        "year": None,
        "levels": unreferenced(
            ("1", "c_9d649d1c"), ("2", "c_ca8fda2e"), ("3", "c_38336a53"), ("4", "c_905af3bc"),
            ("5.1", "c_f0e7a81b"), ("5.2", "c_f0be67ef"), ("6.1", "c_57c17789"), ("6.2", "c_c339fb29"),
            ("7", "c_f8979fd7"),
        ),
        "note": NOT_REFERENCED_NOTE,
    },
    "NO-NKR": {
        "country": "NO",
        "name": "Nasjonalt kvalifikasjonsrammeverk for livslang læring",
        "uri": "c_ae44d998",
        "confidence": "check",
        "year": None,
        "levels": by_number(
            ("1", "c_2293fdad"), ("2", "c_0b8188d7"), ("3", "c_bbfedf33"), ("4", "c_81090d42"),
            ("5.1", "c_12ece3d4"), ("5.2", "c_92632be8"), ("6.1", "c_6b569351"), ("6.2", "c_52818ecd"),
            ("7", "c_fb307b49"), ("8", "c_95249ae7"),
        ),
        "note": BY_NUMBER_NOTE,
    },
    "CH-NQR-BB": {
        "country": "CH",
        "name": "Nationaler Qualifikationsrahmen Berufsbildung",
        "uri": "c_fcd47fb1",
        "confidence": "official",
        "year": 2015,
        "levels": one_to_one(
            "c_419407fa", "c_9ccd261b", "c_1d6c3de5", "c_dae3c198",
            "c_7038706c", "c_b83c6524", "c_468a5afc", "c_ce40bd02",
        ),
        "note": " Vocational and professional education and training (VPET) only." + ONE_TO_ONE_NOTE,
    },
    "BE-CFC": {
        "country": "BE",
        "region": "French Community (Wallonia-Brussels)",
        "name": "Cadre francophone des certifications",
        "uri": "c_f3b785c7",
        "confidence": "official",
        "year": 2013,
        "levels": one_to_one(
            "c_9c785d58", "c_15435c11", "c_19d85def", "c_baa10a4e",
            "c_cf6bd5a1", "c_09d0ebb0", "c_4e0e5f6b", "c_165020a6",
        ),
        "note": ONE_TO_ONE_NOTE,
    },
    "BE-QDG": {
        "country": "BE",
        "region": "German-speaking Community",
        "name": "Qualifikationsrahmen der Deutschsprachigen Gemeinschaft",
        "uri": "c_0d55867f",
        "confidence": "check",
        "year": None,
        "levels": one_to_one(
            "c_ab42f62f", "c_4d0bef61", "c_04d23b42", "c_ffa6243f",
            "c_f8aa9cdb", "c_f626da7f", "c_2af3aa2b", "c_cbec72ba",
        ),
        "note": ONE_TO_ONE_NOTE,
    },
    "LI-NQFL": {
        "country": "LI",
        "name": "Nationaler Qualifikationsrahmen für lebenslanges Lernen Liechtenstein",
        "uri": "c_bc619568",
        "confidence": "check",
        "year": None,
        "levels": one_to_one(
            "c_ae256098", "c_ab81fe6f", "c_73e5a71b", "c_e7f9e314",
            "c_9a2c4ae2", "c_ad62b6d5", "c_e6601cb4", "c_e160a72d",
        ),
        "note": ONE_TO_ONE_NOTE + " The vocabulary's 'NQFL' levels are taken to be Liechtenstein's (Luxembourg's "
        "are 'CLQ').",
    },
    "TR-TYC": {
        "country": "TR",
        "name": "Türkiye Yeterlilikler Çerçevesi",
        "uri": "c_1205be37",
        "confidence": "official",
        "year": 2017,
        "levels": one_to_one(
            "c_be0b95b2", "c_ee441642", "c_a7579d00", "c_a1595faf",
            "c_ce5b0bd4", "c_f4b6cea8", "c_0966da79", "c_17212c18",
        ),
        "note": ONE_TO_ONE_NOTE,
    },
    "ME-NQF": {
        "country": "ME",
        "name": "Montenegrin Qualifications Framework",
        "uri": "c_776b98db",
        "confidence": "check",
        "year": None,
        "levels": by_number(
            ("1.1", "c_aa951342"), ("1.2", "c_c0ef8a4e"), ("2", "c_e5b56761"), ("3", "c_f08d5131"),
            ("4.1", "c_52353560"), ("4.2", "c_ccc01a11"), ("5", "c_b7b67d5e"), ("6", "c_5d6112c5"),
            ("7.1", "c_f38ebe74"), ("7.2", "c_193238e8"), ("8", "c_ced2a6c3"),
        ),
        "note": BY_NUMBER_NOTE,
    },
    "RS-NQFS": {
        "country": "RS",
        "name": "Nacionalni okvir kvalifikacija Srbije",
        "uri": "c_69e1fd15",
        "confidence": "check",
        "year": None,
        "levels": by_number(
            ("1", "c_83bf6184"), ("2", "c_c072e4cc"), ("3", "c_8a1ce05d"), ("4", "c_71bf982b"),
            ("5", "c_dc2cd5c7"), ("6", "c_7e034a16"), ("6.1", "c_6bfeff7a"), ("6.2", "c_529912df"),
            ("7", "c_e4f11c13"), ("7.1", "c_cca41928"), ("7.2", "c_8cab3c22"), ("8", "c_e3116f9b"),
        ),
        "note": BY_NUMBER_NOTE + " The vocabulary holds both level 6 and 7 and their sub-levels; all are seeded.",
    },
    "MK-MQF": {
        "country": "MK",
        "name": "North Macedonian Qualifications Framework",
        "uri": "c_2b5d39b2",
        "confidence": "check",
        "year": None,
        "levels": by_number(
            ("1", "c_4f0c10a1"), ("2", "c_9aeca2ba"), ("3", "c_c9af811f"), ("4", "c_81be283e"),
            ("5", "c_ea16bfd2"), ("5A", "c_e0ba1a59"), ("5B", "c_b8a101cb"), ("6", "c_c484f777"),
            ("6A", "c_1a88119b"), ("6B", "c_55a34aab"), ("7", "c_4508cafb"), ("7A", "c_0f11cfc1"),
            ("7B", "c_2fce21e0"), ("8", "c_556a291d"),
        ),
        "note": BY_NUMBER_NOTE + " The vocabulary holds both levels 5, 6 and 7 and their sub-levels; all are seeded.",
    },
    "XK-KNQF": {
        "country": "XK",
        "name": "Kosovo National Qualifications Framework",
        "uri": "c_f4790dbf",
        "confidence": "check",
        "year": None,
        "levels": one_to_one(
            "c_7203c28f", "c_c8293950", "c_ec2e2ebe", "c_a31706ad",
            "c_030f5138", "c_ca282dd9", "c_fa8f5b4b", "c_4ba29707",
        ),
        "note": ONE_TO_ONE_NOTE,
    },
    "AL-AQF": {
        "country": "AL",
        "name": "Albanian Qualifications Framework",
        "uri": "c_d3b1f75e",
        "confidence": "check",
        "year": None,
        "levels": unreferenced(*[(str(n), level_id) for n, level_id in enumerate((
            "c_45ec22f4", "c_83fe9d36", "c_af16b647", "c_24cdfa3f",
            "c_cfe3e39b", "c_31779637", "c_56c0e2fd", "c_d104d536",
        ), 1)]),
        "note": NOT_REFERENCED_NOTE,
    },
    "BA-QF": {
        "country": "BA",
        "name": "Bosnia and Herzegovina Qualifications Framework",
        "uri": "c_da3760bf",
        "confidence": "check",
        "year": None,
        "levels": unreferenced(*[(str(n), level_id) for n, level_id in enumerate((
            "c_4653268d", "c_d80dc4a4", "c_9dac5a30", "c_f89fc721",
            "c_96e5a5e7", "c_1d0ca409", "c_c042a969", "c_36c9ff45",
        ), 1)]),
        "note": NOT_REFERENCED_NOTE,
    },
}  # fmt: skip

# The first fifteen: their own concept in the vocabulary, their names with diacritics, and the year of
# referencing where it is well established.
EXISTING = {
    "IE-NFQ": {"uri": "c_01169e3f", "year": 2009},
    "UK-SCQF": {"uri": "c_027221dd"},
    "UK-RQF": {"uri": "c_d0a601e6"},
    "MT-MQF": {"uri": "c_54f4d62a", "year": 2009},
    "NL-NLQF": {"uri": "c_5c66dcbc", "year": 2012},
    "HR-CROQF": {"uri": "c_59d0b819", "year": 2014},
    "DE-DQR": {"uri": "c_ef113b94", "year": 2012},
    "AT-NQR": {"uri": "c_4538e0af", "year": 2012},
    "PL-PQF": {"uri": "c_97cf01c4", "year": 2013},
    "PT-QNQ": {"uri": "c_5a1e9f89", "year": 2011, "name": "Quadro Nacional de Qualificações"},
    "FR-CNCP": {"uri": "c_c8bc1cb9", "year": 2010},
    "IT-QNQ": {"uri": "c_02d8bc18", "year": 2013},
    "ES-MECU": {"uri": "c_e8c5bfbe", "name": "Marco Español de Cualificaciones"},
    "FI-FiNQF": {"uri": "c_2d1fde14"},
    "BE-VKS": {"uri": "c_ed96825f", "year": 2011},
}

# Hours per ECTS credit where a country's own rule differs from ECTS's 25 to 30.
CONVENTIONS = [
    ("IE", 20, 25, "Ireland counts 20 to 25 hours of learner effort per ECTS credit."),
    ("MT", 25, 25, "Malta counts 25 hours per credit."),
    ("AT", 25, 25, "Austria counts 25 real hours per ECTS credit (Universitätsgesetz 2002)."),
    ("IT", 25, 25, "Italy counts 25 hours per university credit (CFU), which equals one ECTS credit."),
    ("FI", 27, 27, "Finland counts 27 hours per credit (opintopiste)."),
    ("NL", 28, 28, "The Netherlands count 28 hours per credit (studiepunt, WHW)."),
    ("PT", 25, 28, "Portugal counts 25 to 28 hours per ECTS credit (Decreto-Lei 42/2005)."),
]

LEVEL_ELEMENT_NAME = "Level and cycle (EQF, QF-EHEA), where applicable"


def seed(apps, schema_editor):
    Framework = apps.get_model("frameworks", "Framework")
    Level = apps.get_model("frameworks", "Level")
    LevelReferencing = apps.get_model("frameworks", "LevelReferencing")
    CreditSystem = apps.get_model("frameworks", "CreditSystem")
    CreditConvention = apps.get_model("frameworks", "CreditConvention")
    CredentialElement = apps.get_model("frameworks", "CredentialElement")

    for code, facts in EXISTING.items():
        changes = {"eu_uri": QDR + facts["uri"]}
        if "year" in facts:
            changes["referencing_year"] = facts["year"]
        if "name" in facts:
            changes["name"] = facts["name"]
        Framework.objects.filter(code=code).update(**changes)

    for code, facts in FRAMEWORKS.items():
        if Framework.objects.filter(code=code).exists():
            continue
        framework = Framework.objects.create(
            code=code,
            name=facts["name"],
            kind="national",
            country=facts["country"],
            region=facts.get("region", ""),
            confidence=facts["confidence"],
            source_note=SOURCE_NOTE + facts["note"],
            referencing_year=facts["year"],
            eu_uri=QDR + facts["uri"] if facts["uri"] else "",
        )
        titles = facts.get("titles", [])
        for ordinal, (level_code, eqf_level, level_id) in enumerate(facts["levels"], 1):
            level = Level.objects.create(
                framework=framework,
                code=level_code,
                ordinal=ordinal,
                title=titles[ordinal - 1] if ordinal <= len(titles) else "",
                eu_uri=QDR + level_id if level_id else "",
            )
            if eqf_level is not None:
                LevelReferencing.objects.create(level=level, eqf_level=eqf_level, confidence=facts["confidence"])

    ects = CreditSystem.objects.filter(code="ECTS").first()
    if ects is not None:
        for country, low, high, note in CONVENTIONS:
            CreditConvention.objects.get_or_create(
                credit_system=ects,
                country=country,
                defaults={"hours_per_credit_min": low, "hours_per_credit_max": high, "source_note": note},
            )
    CredentialElement.objects.filter(code="level").update(name=LEVEL_ELEMENT_NAME)


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0004_national_frameworks_uris_and_credit_conventions")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
