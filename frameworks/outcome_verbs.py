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
    "know",
    "label",
    "list",
    "locate",
    "match",
    "memorise",
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
    "understand",
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
    "deploy",
    "diagnose",
    "differentiate",
    "distinguish",
    "document",
    "draft",
    "employ",
    "estimate",
    "examine",
    "execute",
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
    "select",
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
    "recommend",
    "research",
    "review",
    "synthesise",
    "transform",
    "validate",
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
