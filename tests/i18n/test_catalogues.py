"""The catalogues are complete and clean: every message a public page's sources use is translated in all 24
languages, no entry is fuzzy or obsolete, placeholders match, plural forms follow
each language's CLDR rule."""

import polib
import pytest
from django.conf import settings

from .conftest import catalogues

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return polib.pofile(str(catalogues.extract_template(tmp_path_factory.mktemp("pot"))))


@pytest.fixture(scope="module")
def loaded():
    return {language: polib.pofile(str(catalogues.catalogue_path(language))) for language in LANGUAGES}


def test_every_official_language_has_a_catalogue():
    assert len(LANGUAGES) == 23  # the 24 official languages of the EU, English being the msgids' own
    for language in LANGUAGES:
        assert catalogues.catalogue_path(language).exists(), language


def test_every_public_message_is_translated_in_every_language(template, loaded):
    public = {(entry.msgctxt, entry.msgid) for entry in template if catalogues.is_public(entry.occurrences)}
    assert len(public) > 100  # the public sources were found
    problems = {}
    for language, catalogue in loaded.items():
        translated = {(entry.msgctxt, entry.msgid) for entry in catalogue if catalogues.is_translated(entry)}
        untranslated = sorted(message for _context, message in public - translated)
        if untranslated:
            problems[language] = untranslated
    assert not problems, (
        "Public messages without a translation: write them in locale/tools/translations/<language>.yaml and run "
        "`make messages`. "
        + "; ".join(f"{language}: {len(msgids)}, e.g. {msgids[:3]}" for language, msgids in problems.items())
    )


def test_no_fuzzy_or_obsolete_entries(loaded):
    for language, catalogue in loaded.items():
        fuzzy = [entry.msgid for entry in catalogue if "fuzzy" in entry.flags]
        obsolete = [entry.msgid for entry in catalogue if entry.obsolete]
        assert not fuzzy, f"{language}: fuzzy entries {fuzzy[:5]}"
        assert not obsolete, f"{language}: obsolete entries {obsolete[:5]}"
        assert not catalogue.metadata_is_fuzzy, f"{language}: the header is fuzzy (msgfmt would drop it)"


def test_placeholders_of_each_translation_are_those_of_its_msgid(loaded):
    problems = []
    for language, catalogue in loaded.items():
        for entry in catalogue.translated_entries():
            if entry.msgid_plural:
                expected = catalogues.placeholders(entry.msgid_plural)
                for index, text in entry.msgstr_plural.items():
                    if catalogues.placeholders(text) != expected:
                        problems.append(f"{language} {entry.msgid!r}[{index}]: {text!r}")
            elif catalogues.placeholders(entry.msgstr) != catalogues.placeholders(entry.msgid):
                problems.append(f"{language} {entry.msgid!r}: {entry.msgstr!r}")
    assert not problems, "\n".join(problems[:20])


def test_plural_forms_follow_each_languages_rule(loaded):
    for language, catalogue in loaded.items():
        count, expression = catalogues.plural_rule(language)
        assert catalogue.metadata["Plural-Forms"] == f"nplurals={count}; plural={expression};", language
        for entry in catalogue:
            if entry.msgid_plural and catalogues.is_translated(entry):
                assert sorted(entry.msgstr_plural) == list(range(count)), (language, entry.msgid)
