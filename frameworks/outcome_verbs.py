"""Action verbs of learning outcomes, grouped by the cognitive demand they usually express (after the revised
Bloom taxonomy). The alignment checks read outcomes against these bands; the lists are data, kept short and
open to review, not a grammar.

British spellings are listed; American ones (-ize, -yze) are added below so either reads the same.
"""

# Remembering and understanding: enough at lower EQF levels, too weak on their own from EQF 6.
REMEMBER_UNDERSTAND = {
    "classify",
    "define",
    "describe",
    "discuss",
    "explain",
    "identify",
    "illustrate",
    "indicate",
    "interpret",
    "label",
    "list",
    "locate",
    "match",
    "memorise",
    "mention",
    "name",
    "outline",
    "paraphrase",
    "recall",
    "recognise",
    "record",
    "relate",
    "remember",
    "repeat",
    "report",
    "reproduce",
    "restate",
    "state",
    "summarise",
}

# Applying and analysing.
APPLY_ANALYSE = {
    "analyse",
    "apply",
    "calculate",
    "carry",  # "carry out"
    "categorise",
    "collaborate",
    "communicate",
    "compare",
    "compute",
    "conduct",
    "configure",
    "contrast",
    "demonstrate",
    "deploy",
    "diagnose",
    "differentiate",
    "distinguish",
    "display",
    "document",
    "draft",
    "employ",
    "enhance",
    "estimate",
    "examine",
    "execute",
    "exhibit",
    "handle",
    "implement",
    "install",
    "investigate",
    "maintain",
    "measure",
    "model",
    "monitor",
    "operate",
    "organise",
    "perform",
    "practise",
    "prepare",
    "present",
    "prioritise",
    "program",
    "reference",
    "select",
    "show",
    "sequence",
    "solve",
    "test",
    "troubleshoot",
    "use",
    "write",
}

# Evaluating and creating, and taking responsibility (the EQF's autonomy descriptors from level 5 up).
EVALUATE_CREATE = {
    "adapt",
    "appraise",
    "argue",
    "balance",
    "assess",
    "author",
    "build",
    "compose",
    "construct",
    "create",
    "critique",
    "defend",
    "design",
    "develop",
    "devise",
    "evaluate",
    "formulate",
    "generate",
    "influence",
    "innovate",
    "integrate",
    "invent",
    "judge",
    "justify",
    "lead",
    "manage",
    "plan",
    "produce",
    "propose",
    "question",
    "recommend",
    "reflect",
    "research",
    "review",
    "synthesise",
    "transform",
    "validate",
}

# Verbs of a state of mind: what the learner knows or understands cannot be observed, so an outcome that opens
# with one says nothing an assessment can check ("The learner knows about machine learning").
UNOBSERVABLE = frozenset(
    {
        "appreciate",
        "aware",
        "believe",
        "comprehend",
        "conscious",
        "familiar",
        "grasp",
        "know",
        "learn",
        "realise",
        "realize",
        "understand",
    }
)

# "Demonstrate" and its kin count at what is shown: an understanding of ... (remembering and understanding), the
# ability to <verb> (the band of that verb), or a skill shown in practice (applying).
SHOWING = frozenset({"demonstrate", "display", "exhibit", "show"})
STATES_OF_MIND = frozenset({"appreciation", "awareness", "comprehension", "familiarity", "knowledge", "understanding"})
CAPACITIES = frozenset({"ability", "capability", "capacity", "competence", "readiness", "skill", "skills"})
ARTICLES = frozenset({"a", "an", "the", "their", "his", "her", "some", "sound", "good", "basic", "broad", "deep"})

# Headings of the domains outcomes are grouped under (the EQF's and the usual national ones).
DOMAIN_HEADINGS = frozenset(
    {
        "knowledge",
        "skills",
        "skill",
        "competence",
        "competences",
        "competencies",
        "attitudes",
        "abilities",
        "autonomy",
        "responsibility",
        "responsibility and autonomy",
        "autonomy and responsibility",
        "knowledge and understanding",
        "intellectual skills",
        "practical skills",
        "transferable skills",
        "learning outcomes",
    }
)

# Short words frequent in English text, and in the other languages outcomes are often written in: the verb lists
# are English, so outcomes in another language get no verb findings. Words shared with English are left out.
ENGLISH_FUNCTION_WORDS = frozenset(
    {"the", "and", "of", "to", "for", "with", "on", "their", "using", "from", "within", "which", "how", "into", "own"}
)
OTHER_LANGUAGE_FUNCTION_WORDS = {
    "fr": frozenset({"le", "la", "les", "des", "du", "et", "une", "pour", "avec", "dans", "sur", "aux", "leur", "ses"}),
    "de": frozenset({"der", "die", "das", "und", "mit", "von", "für", "dem", "eine", "zu", "im", "auf", "sowie"}),
    "es": frozenset({"el", "los", "las", "del", "y", "con", "para", "una", "por", "sus", "se", "sobre"}),
    "it": frozenset({"il", "gli", "di", "della", "delle", "dei", "e", "con", "per", "una", "nel", "sulla"}),
    "pt": frozenset({"os", "do", "da", "dos", "das", "com", "para", "uma", "em", "na", "sobre"}),
    "nl": frozenset({"het", "een", "en", "van", "met", "voor", "te", "op", "hun", "zijn", "naar"}),
    "sv": frozenset({"och", "att", "för", "med", "av", "på", "som", "inom", "sina"}),
    "da": frozenset({"og", "af", "til", "på", "som", "inden", "sine"}),
    "pl": frozenset({"i", "w", "z", "na", "oraz", "się", "dla", "ich"}),
    "fi": frozenset({"ja", "sekä", "tai", "omia"}),
}

# Words that open an outcome written as a topic ("Knowledge of ...", "Introduction to ...") rather than as
# something the learner does.
TOPIC_OPENERS = {
    "ability",
    "appreciation",
    "awareness",
    "basics",
    "competence",
    "concepts",
    "familiarity",
    "fundamentals",
    "introduction",
    "knowledge",
    "overview",
    "principles",
    "skills",
    "theory",
    "understanding",
}
TOPIC_SUFFIXES = ("tion", "ment", "ness", "ity", "ance", "ence", "ics")

# Words that lead in to the verb: "Students will be able to analyse ...", "The learner can design ...".
LEAD_IN = {
    "a",
    "able",
    "an",
    "are",
    "be",
    "can",
    "could",
    "graduate",
    "graduates",
    "is",
    "learner",
    "learners",
    "participant",
    "participants",
    "shall",
    "should",
    "student",
    "students",
    "the",
    "they",
    "to",
    "will",
    "you",
}


def _with_american_spellings(verbs: set[str]) -> frozenset[str]:
    variants = {verb.replace("yse", "yze").replace("ise", "ize") for verb in verbs}
    return frozenset(verbs | variants)


REMEMBER_UNDERSTAND = _with_american_spellings(REMEMBER_UNDERSTAND)
APPLY_ANALYSE = _with_american_spellings(APPLY_ANALYSE)
EVALUATE_CREATE = _with_american_spellings(EVALUATE_CREATE)
