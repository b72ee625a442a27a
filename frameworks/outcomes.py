"""Reading learning outcomes as the alignment checks need them: which lines are outcomes (not domain headings such
as "Knowledge:" or lead-ins such as "On completion learners will be able to:"), the verb each outcome opens with
once numbering, lead-ins and adverbs ("critically evaluate") are skipped, the band of that verb, and whether the
outcomes are written in English at all (the verb lists are English only). Pure functions over text."""

import re
from dataclasses import dataclass

from . import outcome_verbs as verbs

NUMBERING = re.compile(r"^(lo)?\(?([0-9]+|[a-z]|[ivx]+)[.):]$")
BULLETS = " -•*–\t"
PUNCTUATION = ".,;:!?\"“”'()"
# How many words a line may have before its verb ("On successful completion of this module the learner will be
# able to ..."): beyond it a line is read as it stands.
LEAD_IN_SPAN = 14
SUBJECTS = frozenset({"learner", "learners", "student", "students", "participant", "participants", "graduates", "you"})
MODALS = frozenset({"will", "can", "should", "shall"})


def _words(text: str) -> list[str]:
    return [word for word in (token.strip(PUNCTUATION) for token in text.lower().split()) if word]


def is_heading(line: str) -> bool:
    """A domain heading ("Knowledge:", "Skills", "Responsibility and autonomy:") or a lead-in line that ends where
    the outcomes begin ("On completion learners will be able to:", "Students will be able to")."""
    text = line.strip().rstrip(":").strip().lower()
    if text in verbs.DOMAIN_HEADINGS:
        return True
    words = _words(text)
    if words[-2:] == ["able", "to"]:
        return True
    # "On completion of the module the learner will" (the outcomes follow on the next lines).
    if len(words) >= 2 and words[-2] in SUBJECTS and words[-1] in MODALS and verb_band(words[0]) is None:
        return True
    # A line that ends with a colon introduces what follows unless it is itself an outcome ("Compare these:").
    return line.rstrip().endswith(":") and len(words) <= LEAD_IN_SPAN and verb_band(first_word(line)) is None


def strip_heading(line: str) -> str:
    """An outcome written after its domain on the same line ("Skills: apply the method") without the domain."""
    head, separator, rest = line.partition(":")
    if separator and head.strip().lower() in verbs.DOMAIN_HEADINGS and rest.strip():
        return rest.strip()
    return line


def outcome_lines(text: str) -> list[str]:
    """The outcomes, one per line, without bullets, headings or lead-in lines."""
    lines = [line.strip(BULLETS) for line in (text or "").splitlines()]
    return [strip_heading(line) for line in lines if line and not is_heading(line)]


def lemmas(word: str) -> list[str]:
    """The word and the base forms it may be a third-person form of ("analyses" -> "analyse", "knows" -> "know")."""
    candidates = [word]
    if word.endswith("ies"):
        candidates.append(word[:-3] + "y")
    if word.endswith("es"):
        candidates.append(word[:-2])
    if word.endswith("s"):
        candidates.append(word[:-1])
    return [candidate for candidate in candidates if candidate]


def _member(word: str, members) -> bool:
    return any(candidate in members for candidate in lemmas(word))


def verb_band(word: str) -> str | None:
    """The band of a verb ("remember", "apply", "create"), also for a third-person form; None if unknown."""
    for band, members in (
        ("remember", verbs.REMEMBER_UNDERSTAND),
        ("apply", verbs.APPLY_ANALYSE),
        ("create", verbs.EVALUATE_CREATE),
    ):
        if _member(word, members):
            return band
    return None


def is_unobservable(word: str) -> bool:
    """A verb of a state of mind ("know", "understand", "be aware of") that no assessment can observe."""
    return _member(word, verbs.UNOBSERVABLE)


def is_topic(word: str) -> bool:
    """A noun that opens an outcome written as a topic ("Knowledge of ...", "Introduction to ...")."""
    if verb_band(word) is not None or is_unobservable(word):
        return False
    return word in verbs.TOPIC_OPENERS or (len(word) > 5 and word.endswith(verbs.TOPIC_SUFFIXES))


def _skip_lead_in(words: list[str]) -> list[str]:
    if "able" in words[:LEAD_IN_SPAN] and words[words.index("able") + 1 : words.index("able") + 2] == ["to"]:
        words = words[words.index("able") + 2 :]
    while words and words[0] in verbs.LEAD_IN:
        words = words[1:]
    return words


def _is_adverb(word: str, following: list[str]) -> bool:
    # "critically evaluate", "effectively communicate": an -ly word that is no verb itself, before a verb.
    return (
        word.endswith("ly")
        and verb_band(word) is None
        and bool(following)
        and (verb_band(following[0]) is not None or is_unobservable(following[0]))
    )


def opening_words(outcome: str) -> list[str]:
    """The outcome's words from its verb on: numbering, lead-ins and adverbs before the verb skipped."""
    raw = outcome.lower().split()
    while raw and NUMBERING.match(raw[0]):
        raw.pop(0)
    words = _skip_lead_in(_words(" ".join(raw)))
    while words and _is_adverb(words[0], words[1:]):
        words = words[1:]
    return words


def first_word(outcome: str) -> str:
    """The word an outcome starts with once numbering, lead-ins and adverbs are skipped ("1. Students will be
    able to critically analyse ..." -> "analyse")."""
    words = opening_words(outcome)
    return words[0] if words else ""


def outcome_band(outcome: str) -> str | None:
    """The band the outcome reads at. "Demonstrate" counts at what is demonstrated: an understanding of, or the
    ability to apply, or (by itself) a skill shown in practice."""
    words = opening_words(outcome)
    if not words:
        return None
    if _member(words[0], verbs.SHOWING):
        rest = [word for word in words[1:] if word not in verbs.ARTICLES]
        if rest and rest[0] in verbs.STATES_OF_MIND:
            return "remember"
        if rest and rest[0] in verbs.CAPACITIES and "to" in rest[1:3]:
            position = rest.index("to", 1)
            following = rest[position + 1 : position + 2]
            return (verb_band(following[0]) if following else None) or "apply"
    return verb_band(words[0])


@dataclass(frozen=True)
class LanguageGuess:
    english: bool
    language: str  # ISO 639-1 code of the likeliest other language, "" when unknown or English


def guess_language(lines: list[str]) -> LanguageGuess:
    """Whether outcomes are written in English, by counting common short words of English and of the other EU
    languages the outcome lists do not cover, and English verbs at the start of lines. Rough, and enough to keep
    English-verb findings off outcomes in another language."""
    words = [word for line in lines for word in _words(line)]
    english = sum(word in verbs.ENGLISH_FUNCTION_WORDS for word in words)
    english += sum(verb_band(first_word(line)) is not None or is_unobservable(first_word(line)) for line in lines)
    others = {
        code: sum(word in function_words for word in words)
        for code, function_words in verbs.OTHER_LANGUAGE_FUNCTION_WORDS.items()
    }
    language, score = max(others.items(), key=lambda item: item[1]) if others else ("", 0)
    if score > english:
        return LanguageGuess(False, language)
    if english == 0 and any(not character.isascii() for character in "".join(words) if character.isalpha()):
        return LanguageGuess(False, "")
    return LanguageGuess(True, "")
