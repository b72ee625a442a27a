"""Seed the reference data: EQF, QF-EHEA, national frameworks and their EQF referencing, ISCED-F fields, ECTS,
judgement scales, standard sets (ESG 2015 Parts 1-3, EU micro-credential principles) and the EU
micro-credential elements. Facts carried over from the project's reference notes (frameworks.yaml)."""

from django.db import migrations

EQF = {
    1: {
        "knowledge": "basic general knowledge",
        "skills": "basic skills for simple tasks",
        "autonomy": "works or studies under direct supervision in a structured context",
    },
    2: {
        "knowledge": "basic factual knowledge of a field",
        "skills": "uses relevant information and simple rules and tools to solve routine problems",
        "autonomy": "works under supervision with some autonomy",
    },
    3: {
        "knowledge": "facts, principles, processes and general concepts of a field",
        "skills": "selects and applies basic methods, tools and materials",
        "autonomy": "takes responsibility for completing tasks and adapts to circumstances",
    },
    4: {
        "knowledge": "factual and theoretical knowledge in broad contexts",
        "skills": "generates solutions to specific problems",
        "autonomy": "self-manages within guidelines and supervises others' routine work",
    },
    5: {
        "knowledge": "comprehensive specialised knowledge and awareness of its boundaries",
        "skills": "develops creative solutions to abstract problems",
        "autonomy": "manages and supervises where change is unpredictable and reviews own and others' "
        "performance",
    },
    6: {
        "knowledge": "advanced knowledge with critical understanding of theories and principles",
        "skills": "mastery and innovation to solve complex and unpredictable problems",
        "autonomy": "manages complex projects and takes decisions in unpredictable contexts",
    },
    7: {
        "knowledge": "highly specialised knowledge partly at the forefront of a field and basis for original "
        "thinking",
        "skills": "specialised problem solving for research and innovation across fields",
        "autonomy": "manages and transforms complex contexts and reviews strategic performance of teams",
    },
    8: {
        "knowledge": "knowledge at the most advanced frontier of a field",
        "skills": "most advanced skills including synthesis and evaluation to redefine knowledge or practice",
        "autonomy": "substantial authority, innovation and scholarly integrity",
    },
}

CYCLES = {
    "short": {"eqf": 5, "ects": "about 120"},
    "first": {"eqf": 6, "ects": "180-240"},
    "second": {"eqf": 7, "ects": "90-120 (at least 60)"},
    "third": {"eqf": 8, "ects": "not usually expressed in ECTS"},
}

ECTS = {
    "hours_per_credit": [25, 30],
    "note": "Malta counts 25 hours per credit. DEQAR classifies a non-degree programme under 60 ECTS as a "
    "micro-credential.",
}

NATIONAL = {
    "IE-NFQ": {
        "country": "IE",
        "region": "",
        "name": "National Framework of Qualifications",
        "confidence": "official",
        "levels": [
            ("1", 1),
            ("2", 1),
            ("3", 2),
            ("4", 3),
            ("5", 4),
            ("6", 5),
            ("7", 6),
            ("8", 6),
            ("9", 7),
            ("10", 8),
        ],
        "one_to_one": False,
    },
    "UK-SCQF": {
        "country": "GB",
        "region": "Scotland",
        "name": "Scottish Credit and Qualifications Framework",
        "confidence": "check",
        "levels": [
            ("1", None),
            ("2", None),
            ("3", 1),
            ("4", 2),
            ("5", 3),
            ("6", 4),
            ("7", 5),
            ("8", 5),
            ("9", 6),
            ("10", 6),
            ("11", 7),
            ("12", 8),
        ],
        "one_to_one": False,
    },
    "UK-RQF": {
        "country": "GB",
        "region": "England and Northern Ireland",
        "name": "Regulated Qualifications Framework",
        "confidence": "check",
        "levels": [
            ("E1", None),
            ("E2", None),
            ("E3", 1),
            ("1", 2),
            ("2", 3),
            ("3", 4),
            ("4", 5),
            ("5", 5),
            ("6", 6),
            ("7", 7),
            ("8", 8),
        ],
        "one_to_one": False,
    },
    "MT-MQF": {
        "country": "MT",
        "region": "",
        "name": "Malta Qualifications Framework",
        "confidence": "official",
        "levels": [
            ("A", None),
            ("B", None),
            ("1", 1),
            ("2", 2),
            ("3", 3),
            ("4", 4),
            ("5", 5),
            ("6", 6),
            ("7", 7),
            ("8", 8),
        ],
        "one_to_one": False,
    },
    "NL-NLQF": {
        "country": "NL",
        "region": "",
        "name": "Dutch Qualifications Framework",
        "confidence": "official",
        "levels": [
            ("entry", None),
            ("1", 1),
            ("2", 2),
            ("3", 3),
            ("4", 4),
            ("4+", 4),
            ("5", 5),
            ("6", 6),
            ("7", 7),
            ("8", 8),
        ],
        "one_to_one": False,
    },
    "HR-CROQF": {
        "country": "HR",
        "region": "",
        "name": "Croatian Qualifications Framework",
        "confidence": "check",
        "levels": [
            ("1", 1),
            ("2", 2),
            ("3", 3),
            ("4.1", 4),
            ("4.2", 4),
            ("5", 5),
            ("6", 6),
            ("7.1", 7),
            ("7.2", 7),
            ("8.1", 8),
            ("8.2", 8),
        ],
        "one_to_one": False,
    },
    "DE-DQR": {
        "country": "DE",
        "region": "",
        "name": "Deutscher Qualifikationsrahmen",
        "confidence": "official",
        "levels": [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), ("6", 6), ("7", 7), ("8", 8)],
        "one_to_one": True,
    },
    "AT-NQR": {
        "country": "AT",
        "region": "",
        "name": "Nationaler Qualifikationsrahmen",
        "confidence": "official",
        "levels": [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), ("6", 6), ("7", 7), ("8", 8)],
        "one_to_one": True,
    },
    "PL-PQF": {
        "country": "PL",
        "region": "",
        "name": "Polish Qualifications Framework",
        "confidence": "official",
        "levels": [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), ("6", 6), ("7", 7), ("8", 8)],
        "one_to_one": True,
    },
    "PT-QNQ": {
        "country": "PT",
        "region": "",
        "name": "Quadro Nacional de Qualificacoes",
        "confidence": "official",
        "levels": [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), ("6", 6), ("7", 7), ("8", 8)],
        "one_to_one": True,
    },
    "FR-CNCP": {
        "country": "FR",
        "region": "",
        "name": "Cadre national des certifications professionnelles",
        "confidence": "check",
        "levels": [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), ("6", 6), ("7", 7), ("8", 8)],
        "one_to_one": True,
    },
    "IT-QNQ": {
        "country": "IT",
        "region": "",
        "name": "Quadro nazionale delle qualificazioni",
        "confidence": "check",
        "levels": [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), ("6", 6), ("7", 7), ("8", 8)],
        "one_to_one": True,
    },
    "ES-MECU": {
        "country": "ES",
        "region": "",
        "name": "Marco Espanol de Cualificaciones",
        "confidence": "check",
        "levels": [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), ("6", 6), ("7", 7), ("8", 8)],
        "one_to_one": True,
    },
    "FI-FiNQF": {
        "country": "FI",
        "region": "",
        "name": "Finnish National Qualifications Framework",
        "confidence": "official",
        "levels": [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), ("6", 6), ("7", 7), ("8", 8)],
        "one_to_one": True,
    },
    "BE-VKS": {
        "country": "BE",
        "region": "Flanders",
        "name": "Vlaamse kwalificatiestructuur",
        "confidence": "official",
        "levels": [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), ("6", 6), ("7", 7), ("8", 8)],
        "one_to_one": True,
    },
}

# Each national level's concept in the EU vocabulary of national qualification levels
# (http://data.europa.eu/snb/qdr/<id>), matched by the vocabulary's labels ("IE NQF Level 8", "SCQF Level 7",
# "RQF Entry Level 3", ...). RQF Entry 1 and 2 share the vocabulary's one concept "RQF Entry Levels 1-2"; the
# vocabulary labels Italy's levels "IT NQF" and Portugal's "QNQ". FR-CNCP (the vocabulary has only the former
# RNCP levels I-V) and BE-VKS (no level labelled as Flemish) are left without URIs rather than guessed.
EU_LEVEL_URI = "http://data.europa.eu/snb/qdr/"
EU_LEVEL_IDS = {
    "IE-NFQ": {
        "1": "c_53e465cb", "2": "c_060f2f91", "3": "c_4c88e501", "4": "c_57c9e957", "5": "c_4053e803",
        "6": "c_670e54c7", "7": "c_38f52397", "8": "c_218a7e54", "9": "c_c6ada0f4", "10": "c_ac9adabb",
    },
    "UK-SCQF": {
        "1": "c_505223a4", "2": "c_2ce57891", "3": "c_31146b2c", "4": "c_61aa9cbc", "5": "c_5e46ea39",
        "6": "c_c167deaa", "7": "c_326c93a5", "8": "c_d9cf9fd5", "9": "c_e2e0f7fc", "10": "c_021f233f",
        "11": "c_517309ca", "12": "c_c3f2cd03",
    },
    "UK-RQF": {
        "E1": "c_778f8030", "E2": "c_778f8030", "E3": "c_b3a26e65", "1": "c_f015bac8", "2": "c_e83742bd",
        "3": "c_dddf1163", "4": "c_308a1766", "5": "c_dec9edae", "6": "c_c392e7a2", "7": "c_3a94d1b4",
        "8": "c_064b59e6",
    },
    "MT-MQF": {
        "A": "c_0ab74a56", "B": "c_a648b6db", "1": "c_761cdbf1", "2": "c_42cf00ab", "3": "c_55c66aa8",
        "4": "c_c9f6d6e5", "5": "c_a3c7575d", "6": "c_333a51d9", "7": "c_eacc0583", "8": "c_782b35df",
    },
    "NL-NLQF": {
        "entry": "c_b42dd23b", "1": "c_3e11a3fd", "2": "c_c749fa23", "3": "c_f97cdbb5", "4": "c_ff656b33",
        "4+": "c_c2700f4e", "5": "c_18c9e9fe", "6": "c_1711a061", "7": "c_478359fc", "8": "c_2835a50f",
    },
    "HR-CROQF": {
        "1": "c_d34c0ab3", "2": "c_d5feaf10", "3": "c_3a9600c8", "4.1": "c_486071a1", "4.2": "c_49672c5a",
        "5": "c_dcc9aca1", "6": "c_cb53bf24", "7.1": "c_d6860258", "7.2": "c_6ab8a29d", "8.1": "c_a43afd6a",
        "8.2": "c_2203f32f",
    },
    "DE-DQR": {
        "1": "c_f77c7095", "2": "c_c71cce15", "3": "c_c37d888a", "4": "c_12a84182", "5": "c_bd9f8e42",
        "6": "c_6919ed25", "7": "c_184f7fed", "8": "c_341d539b",
    },
    "AT-NQR": {
        "1": "c_479252dc", "2": "c_c3234df7", "3": "c_1f1297d8", "4": "c_67af56a4", "5": "c_e8dd63b9",
        "6": "c_1dcef432", "7": "c_0e78414e", "8": "c_c94a713e",
    },
    "PL-PQF": {
        "1": "c_fcf3bd8d", "2": "c_14db1595", "3": "c_e018d301", "4": "c_c145999e", "5": "c_045fd11d",
        "6": "c_cb086da3", "7": "c_e860b49b", "8": "c_ec518d13",
    },
    "PT-QNQ": {
        "1": "c_1eeca5f9", "2": "c_fd9234c1", "3": "c_5c91e0ca", "4": "c_7d534b92", "5": "c_d2b47671",
        "6": "c_8cf0774e", "7": "c_0fe2b814", "8": "c_370653aa",
    },
    "IT-QNQ": {
        "1": "c_d7b593f0", "2": "c_5af633b3", "3": "c_2151e983", "4": "c_c160a2a0", "5": "c_334b891b",
        "6": "c_f875790f", "7": "c_1a6b4df9", "8": "c_34a78e36",
    },
    "ES-MECU": {
        "1": "c_9f7b21f9", "2": "c_a358d163", "3": "c_d81640d2", "4": "c_9f9cd022", "5": "c_cdd36a4b",
        "6": "c_6422359b", "7": "c_37f3c037", "8": "c_62866e36",
    },
    "FI-FiNQF": {
        "1": "c_b9b2b42d", "2": "c_c660dbf8", "3": "c_63c1f703", "4": "c_cbf250da", "5": "c_fd8ce5f6",
        "6": "c_8a7da315", "7": "c_3b2bd7b5", "8": "c_7fa9dfe4",
    },
}  # fmt: skip


def eu_level_uri(framework_code: str, level_code: str) -> str:
    level_id = EU_LEVEL_IDS.get(framework_code, {}).get(level_code)
    return EU_LEVEL_URI + level_id if level_id else ""


FIELDS = [
    ("00", "Generic programmes and qualifications"),
    ("000", "Generic programmes and qualifications not further defined"),
    ("001", "Basic programmes and qualifications"),
    ("002", "Literacy and numeracy"),
    ("003", "Personal skills and development"),
    ("009", "Generic programmes and qualifications not elsewhere classified"),
    ("01", "Education"),
    ("011", "Education"),
    ("018", "Inter-disciplinary programmes and qualifications involving education"),
    ("02", "Arts and humanities"),
    ("020", "Arts and humanities not further defined"),
    ("021", "Arts"),
    ("022", "Humanities (except languages)"),
    ("023", "Languages"),
    ("028", "Inter-disciplinary programmes and qualifications involving arts and humanities"),
    ("029", "Arts and humanities not elsewhere classified"),
    ("03", "Social sciences, journalism and information"),
    ("030", "Social sciences, journalism and information not further defined"),
    ("031", "Social and behavioural sciences"),
    ("032", "Journalism and information"),
    (
        "038",
        "Inter-disciplinary programmes and qualifications involving social sciences, journalism and information",
    ),
    ("039", "Social sciences, journalism and information not elsewhere classified"),
    ("04", "Business, administration and law"),
    ("040", "Business, administration and law not further defined"),
    ("041", "Business and administration"),
    ("042", "Law"),
    ("048", "Inter-disciplinary programmes and qualifications involving business, administration and law"),
    ("049", "Business, administration and law not elsewhere classified"),
    ("05", "Natural sciences, mathematics and statistics"),
    ("050", "Natural sciences, mathematics and statistics not further defined"),
    ("051", "Biological and related sciences"),
    ("052", "Environment"),
    ("053", "Physical sciences"),
    ("054", "Mathematics and statistics"),
    (
        "058",
        "Inter-disciplinary programmes and qualifications involving natural sciences, mathematics and statistics",
    ),
    ("059", "Natural sciences, mathematics and statistics not elsewhere classified"),
    ("06", "Information and Communication Technologies (ICTs)"),
    ("061", "Information and Communication Technologies (ICTs)"),
    (
        "068",
        "Inter-disciplinary programmes and qualifications involving Information and Communication Technologies "
        "(ICTs)",
    ),
    ("07", "Engineering, manufacturing and construction"),
    ("070", "Engineering, manufacturing and construction not further defined"),
    ("071", "Engineering and engineering trades"),
    ("072", "Manufacturing and processing"),
    ("073", "Architecture and construction"),
    (
        "078",
        "Inter-disciplinary programmes and qualifications involving engineering, manufacturing and construction",
    ),
    ("079", "Engineering, manufacturing and construction not elsewhere classified"),
    ("08", "Agriculture, forestry, fisheries and veterinary"),
    ("080", "Agriculture, forestry, fisheries and veterinary not further defined"),
    ("081", "Agriculture"),
    ("082", "Forestry"),
    ("083", "Fisheries"),
    ("084", "Veterinary"),
    (
        "088",
        "Inter-disciplinary programmes and qualifications involving agriculture, forestry, fisheries and "
        "veterinary",
    ),
    ("089", "Agriculture, forestry, fisheries and veterinary not elsewhere classified"),
    ("09", "Health and welfare"),
    ("090", "Health and welfare not further defined"),
    ("091", "Health"),
    ("092", "Welfare"),
    ("098", "Inter-disciplinary programmes and qualifications involving health and welfare"),
    ("099", "Health and welfare not elsewhere classified"),
    ("10", "Services"),
    ("100", "Services not further defined"),
    ("101", "Personal services"),
    ("102", "Hygiene and occupational health services"),
    ("103", "Security services"),
    ("104", "Transport services"),
    ("108", "Inter-disciplinary programmes and qualifications involving services"),
    ("109", "Services not elsewhere classified"),
    ("99", "Field unknown"),
    ("999", "Field unknown"),
]

ESG = {
    "part1": {
        "1.1": "Policy for quality assurance",
        "1.2": "Design and approval of programmes",
        "1.3": "Student-centred learning, teaching and assessment",
        "1.4": "Student admission, progression, recognition and certification",
        "1.5": "Teaching staff",
        "1.6": "Learning resources and student support",
        "1.7": "Information management",
        "1.8": "Public information",
        "1.9": "On-going monitoring and periodic review of programmes",
        "1.10": "Cyclical external quality assurance",
    },
    "part2": {
        "2.1": "Consideration of internal quality assurance",
        "2.2": "Designing methodologies fit for purpose",
        "2.3": "Implementing processes",
        "2.4": "Peer-review experts",
        "2.5": "Criteria for outcomes",
        "2.6": "Reporting",
        "2.7": "Complaints and appeals",
    },
    "part3": {
        "3.1": "Activities, policy and processes for quality assurance",
        "3.2": "Official status",
        "3.3": "Independence",
        "3.4": "Thematic analysis",
        "3.5": "Resources",
        "3.6": "Internal quality assurance and professional conduct",
        "3.7": "Cyclical external review of agencies",
    },
}

SCALES = {
    "panel": ["fully compliant", "substantially compliant", "partially compliant", "not compliant"],
    "committee": ["compliant", "partially compliant", "not compliant"],
}

# (code, name, mandatory, on each issued credential only, position)
ELEMENTS = [
    ("learner_identification", "identification of the learner", True, True, 1),
    ("title", "title of the micro-credential", True, False, 2),
    ("country", "country or region of the issuer", True, False, 3),
    ("awarding_body", "awarding body", True, False, 4),
    ("date_of_issuing", "date of issuing", True, True, 5),
    ("learning_outcomes", "learning outcomes", True, False, 6),
    ("workload", "notional workload (in ECTS wherever possible)", True, False, 7),
    ("level", "level and, where applicable, cycle (EQF, QF-EHEA)", True, False, 8),
    ("assessment_type", "type of assessment", True, False, 9),
    ("participation_form", "form of participation (online, onsite, blended)", True, False, 10),
    ("quality_assurance", "type of quality assurance", True, False, 11),
    ("prerequisites", "prerequisites to enrol", False, False, 21),
    ("supervision", "supervision and identity verification during assessment", False, False, 22),
    ("grading", "grade achieved", False, False, 23),
    ("stackability", "integration and stackability options", False, False, 24),
    ("further_information", "further information", False, False, 25),
]

PRINCIPLES = [
    "quality",
    "transparency",
    "relevance",
    "valid assessment",
    "learning pathways",
    "recognition",
    "portability",
    "learner-centred",
    "authenticity",
    "information and guidance",
]
SOURCE_NOTE = (
    "Seeded from the project's reference notes on national referencing to the EQF. Confidence 'check' means the "
    "mapping should be confirmed against the country's referencing report before production use."
)
ESG_SOURCE = (
    "Standards and Guidelines for Quality Assurance in the European Higher Education Area (ESG), 2015"
)
MC_SOURCE = (
    "Council Recommendation of 16 June 2022 on a European approach to micro-credentials (2022/C 243/02)"
)


def seed(apps, schema_editor):
    Framework = apps.get_model("frameworks", "Framework")
    Level = apps.get_model("frameworks", "Level")
    LevelReferencing = apps.get_model("frameworks", "LevelReferencing")
    FieldOfStudy = apps.get_model("frameworks", "FieldOfStudy")
    CreditSystem = apps.get_model("frameworks", "CreditSystem")
    JudgementScale = apps.get_model("frameworks", "JudgementScale")
    ScaleValue = apps.get_model("frameworks", "ScaleValue")
    StandardSet = apps.get_model("frameworks", "StandardSet")
    Standard = apps.get_model("frameworks", "Standard")
    CredentialElement = apps.get_model("frameworks", "CredentialElement")

    eqf = Framework.objects.create(
        code="EQF",
        name="European Qualifications Framework",
        kind="eqf",
        confidence="official",
        source_note="Council Recommendation of 22 May 2017 on the European Qualifications Framework.",
    )
    for number, descriptors in EQF.items():
        level = Level.objects.create(
            framework=eqf,
            code=str(number),
            ordinal=number,
            title=f"EQF level {number}",
            eu_uri=f"http://data.europa.eu/snb/eqf/{number}",
            **descriptors,
        )
        LevelReferencing.objects.create(level=level, eqf_level=number, confidence="official")

    ehea = Framework.objects.create(
        code="QF-EHEA",
        name="Framework of Qualifications for the European Higher Education Area",
        kind="qf-ehea",
        confidence="official",
        source_note="Bologna Process; cycles referenced to EQF levels 5 to 8.",
    )
    for ordinal, (cycle, facts) in enumerate(CYCLES.items(), 1):
        level = Level.objects.create(
            framework=ehea,
            code=cycle,
            ordinal=ordinal,
            title=f"{cycle.capitalize()} cycle",
            knowledge=f"Usual credits: {facts['ects']}.",
        )
        LevelReferencing.objects.create(level=level, eqf_level=facts["eqf"], confidence="official")

    for code, fw in NATIONAL.items():
        framework = Framework.objects.create(
            code=code,
            name=fw["name"],
            kind="national",
            country=fw["country"],
            region=fw["region"],
            confidence=fw["confidence"],
            source_note=SOURCE_NOTE + (" Eight levels referenced one to one." if fw["one_to_one"] else ""),
        )
        for ordinal, (level_code, eqf_level) in enumerate(fw["levels"], 1):
            level = Level.objects.create(
                framework=framework, code=level_code, ordinal=ordinal, eu_uri=eu_level_uri(code, level_code)
            )
            if eqf_level is not None:
                LevelReferencing.objects.create(level=level, eqf_level=eqf_level, confidence=fw["confidence"])

    broad = {}
    for code, name in FIELDS:
        parent = broad.get(code[:2]) if len(code) == 3 else None
        field = FieldOfStudy.objects.create(code=code, name=name, parent=parent)
        if len(code) == 2:
            broad[code] = field

    low, high = ECTS["hours_per_credit"]
    CreditSystem.objects.create(
        code="ECTS",
        name="European Credit Transfer and Accumulation System",
        hours_per_credit_min=low,
        hours_per_credit_max=high,
        note=ECTS["note"],
    )

    scales = {}
    for scale_code, labels in SCALES.items():
        scale = JudgementScale.objects.create(
            code=f"esg-{scale_code}",
            name=" / ".join(labels).capitalize(),
        )
        for rank, label in enumerate(labels, 1):
            ScaleValue.objects.create(
                scale=scale,
                code=label.replace(" ", "-"),
                label=label.capitalize(),
                rank=rank,
                is_positive=rank == 1,
            )
        scales[scale_code] = scale

    parts = [
        ("esg-2015-part1", "ESG 2015 Part 1: Internal quality assurance", "provider", ESG["part1"]),
        ("esg-2015-part2", "ESG 2015 Part 2: External quality assurance", "agency", ESG["part2"]),
        ("esg-2015-part3", "ESG 2015 Part 3: Quality assurance agencies", "agency", ESG["part3"]),
    ]
    for set_code, title, applies_to, standards in parts:
        standard_set = StandardSet.objects.create(
            code=set_code,
            version="2015",
            title=title,
            applies_to=applies_to,
            scale=scales["panel"],
            source=ESG_SOURCE,
        )
        for ordinal, (code, standard_title) in enumerate(standards.items(), 1):
            Standard.objects.create(
                standard_set=standard_set, code=code, title=standard_title, ordinal=ordinal
            )

    principles = StandardSet.objects.create(
        code="eu-mc-principles",
        version="2022",
        title="EU principles for the design and issuance of micro-credentials",
        applies_to="provider",
        scale=scales["panel"],
        source=MC_SOURCE + ", Annex II",
    )
    for ordinal, name in enumerate(PRINCIPLES, 1):
        Standard.objects.create(
            standard_set=principles,
            code=f"P{ordinal}",
            title=name.capitalize(),
            ordinal=ordinal,
        )

    for code, name, mandatory, issued_only, ordinal in ELEMENTS:
        CredentialElement.objects.create(
            code=code,
            name=name[0].upper() + name[1:],
            mandatory=mandatory,
            on_issued_credential_only=issued_only,
            ordinal=ordinal,
            note=MC_SOURCE + ", Annex I",
        )


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
