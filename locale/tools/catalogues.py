"""Keep the translation catalogues (locale/<lang>/LC_MESSAGES/django.po) in step with the sources and the
translations kept as data.

    .venv/bin/python locale/tools/catalogues.py            # update every catalogue, then report what is missing
    .venv/bin/python locale/tools/catalogues.py de fr      # only these languages
    .venv/bin/python locale/tools/catalogues.py --report   # report only, change nothing

An update (1) extracts the messages from the sources with Django's makemessages (without fuzzy matching, so a
changed English text is never silently given an old translation, and without obsolete entries), (2) writes each
catalogue's header with its language's plural rule from CLDR (Babel), (3) fills country and language names from
CLDR, and (4) merges the translations written as data in locale/tools/translations/<lang>.yaml and
locale/tools/translations/<lang>/*.yaml: a mapping from
the English msgid to its translation; for a message with a plural, a mapping from CLDR plural category (zero,
one, two, few, many, other) to the text. The YAML files are the truth: a translation corrected in a .po file
alone is overwritten by the next update unless it is also written in the YAML file.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from fnmatch import fnmatch
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[1]
BASE_DIR = LOCALE_DIR.parent
TRANSLATIONS_DIR = LOCALE_DIR / "tools" / "translations"

# Sources whose messages a visitor who is not signed in can meet: these must be translated in all 24 languages.
# Messages that public pages show from elsewhere (choice labels of models, for instance) are found by the
# test that walks the public pages (tests/i18n/test_public_pages_translated.py).
PUBLIC_SOURCES = (
    "templates/base.html",
    "templates/home.html",
    "templates/403.html",
    "templates/404.html",
    "templates/500.html",
    "templates/registration/*",
    "templates/includes/*",
    "accreditation/templates/accreditation/register/search.html",
    "accreditation/templates/accreditation/register/counts.html",
    "accreditation/templates/accreditation/register/_*.html",
    "accreditation/templates/accreditation/register/provider.html",
    "accreditation/templates/accreditation/register/agency.html",
    "accreditation/templates/accreditation/register/authority.html",
    "accreditation/templates/accreditation/register/verify.html",
    "accreditation/templates/accreditation/register/export_job.html",
    "accreditation/templates/accreditation/api_docs.html",
    "accreditation/views/public.py",
    "accreditation/views/register.py",
    "accreditation/views/register_exports.py",
    "accreditation/register_counts.py",
    "accreditation/filters.py",
    "accreditation/api/docs.py",
    "frameworks/templates/frameworks/lookup.html",
    "frameworks/forms.py",
    "frameworks/views.py",
    "frameworks/vocabularies.py",
    # The credential check and the sealed-document verification (register/check/, register/verify/document/).
    "trust/templates/trust/*",
    "trust/views/check.py",
    "trust/views/documents.py",
    "trust/credential_check.py",
    "trust/credential_input.py",
    "trust/credential_claims.py",
)

# Where the workspaces are translated besides English (the issue asks for at least these five).
WORKSPACE_LANGUAGES = ("de", "es", "fr", "it", "pl")

# Folders makemessages must not read: the virtualenv (a dot folder, skipped anyway), tests, benchmarks, output.
IGNORED = ["tests/*", "bench/*", "test-artifacts/*", "var/*", "*.egg-info/*", "locale/*", "screenshots/*"]

PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")


def setup_django() -> None:
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # A development tool, never a server: the settings' production guard does not apply.
    os.environ.setdefault("EMBEDDED_DEMO", "1")
    import django

    django.setup()


def languages() -> list[str]:
    """Every configured language except English, the language of the msgids."""
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES if code != "en"]


def catalogue_path(language: str, domain: str = "django") -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def is_public(occurrences: Iterable[tuple[str, str]]) -> bool:
    return any(fnmatch(path, pattern) for path, _line in occurrences for pattern in PUBLIC_SOURCES)


def placeholders(text: str) -> list[str]:
    """The %-placeholders of a message, sorted (named ones by name, positional ones by their conversion)."""
    return sorted(match.group(0) if match.group(1) is None else match.group(1) for match in PLACEHOLDER.finditer(text))


# Extraction -------------------------------------------------------------------------------------------------


def _makemessages_command(target: Path | None = None):
    from django.core.management.commands import makemessages

    class Command(makemessages.Command):
        # No fuzzy matching: a changed msgid starts untranslated instead of borrowing a near miss's translation.
        msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]

        def find_files(self, root):
            found = super().find_files(root)
            if target is not None:  # every message into the one folder, wherever its file is
                for translatable in found:
                    translatable.locale_dir = str(target)
            return found

    return Command()


def extract(language_codes: list[str]) -> None:
    """Run makemessages for these languages into locale/."""
    from django.core.management import call_command

    cwd = os.getcwd()
    os.chdir(BASE_DIR)
    try:
        call_command(
            _makemessages_command(),
            locale=language_codes,
            ignore_patterns=IGNORED,
            no_obsolete=True,
            no_wrap=True,
            verbosity=0,
        )
    finally:
        os.chdir(cwd)


def extract_template(folder: Path) -> Path:
    """Extract the messages of the sources into folder/django.pot without touching locale/ (used by the tests)."""
    from django.core.management import call_command

    cwd = os.getcwd()
    os.chdir(BASE_DIR)
    try:
        call_command(
            _makemessages_command(target=folder),
            locale=["en"],
            ignore_patterns=IGNORED,
            keep_pot=True,
            no_wrap=True,
            verbosity=0,
        )
    finally:
        os.chdir(cwd)
    return folder / "django.pot"


# Merging ----------------------------------------------------------------------------------------------------


def plural_rule(language: str) -> tuple[int, str]:
    from babel.messages.plurals import get_plural

    rule = get_plural(language)
    return rule.num_plurals, rule.plural_expr


def plural_categories(language: str) -> list[str]:
    """The CLDR category of each gettext plural form of the language, in the catalogue's order."""
    import gettext

    from babel import Locale

    count, expression = plural_rule(language)
    form_of = gettext.c2py(expression)
    locale = Locale.parse(language)
    categories: list[str] = []
    for index in range(count):
        sample = next((n for n in [*range(1000), 10**6] if form_of(n) == index), None)
        categories.append(locale.plural_form(sample) if sample is not None else "other")
    return categories


def reference_names(language: str) -> dict[str, str]:
    """Country and language names of frameworks.vocabularies, in the language, from CLDR (never typed here)."""
    from babel import Locale
    from django.utils import translation

    from frameworks.vocabularies import Country, Language

    locale = Locale.parse(language)
    names: dict[str, str] = {}
    with translation.override(None):
        for code, label in Country.choices:
            if code in locale.territories:
                names[str(label)] = locale.territories[code]
        for code, label in Language.choices:
            if code in locale.languages:
                names[str(label)] = locale.languages[code]
    return names


def translation_files(language: str) -> list[Path]:
    """The language's translation files: <lang>.yaml, then the files of <lang>/ by name (one per area of the
    interface, so that work on different areas never edits the same file)."""
    main = TRANSLATIONS_DIR / f"{language}.yaml"
    return [path for path in [main] if path.exists()] + sorted((TRANSLATIONS_DIR / language).glob("*.yaml"))


def load_translations(language: str) -> dict:
    """Every translation of the language; a msgid written in two files is an error, not a silent choice."""
    import yaml

    merged: dict = {}
    for path in translation_files(language):
        for msgid, text in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if msgid in merged and merged[msgid] != text:
                raise SystemExit(f"{path}: {msgid!r} is translated differently in another file of {language}")
            merged[msgid] = text
    return merged


def merge(language: str) -> None:
    import polib

    path = catalogue_path(language)
    catalogue = polib.pofile(str(path), wrapwidth=0)
    count, expression = plural_rule(language)
    catalogue.metadata.update(
        {
            "Project-Id-Version": "microcred-qa",
            "Language": language,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": f"nplurals={count}; plural={expression};",
        }
    )
    for key in ("Report-Msgid-Bugs-To", "Last-Translator", "Language-Team", "PO-Revision-Date", "POT-Creation-Date"):
        catalogue.metadata.pop(key, None)
    catalogue.metadata_is_fuzzy = False  # msgfmt would otherwise drop the header and its plural rule
    catalogue.header = "Translations of the micro-credential accreditation system. Made by locale/tools/catalogues.py."
    categories = plural_categories(language)
    translations = {**reference_names(language), **load_translations(language)}
    for entry in catalogue:
        if entry.obsolete or entry.msgid not in translations:
            continue
        value = translations[entry.msgid]
        if entry.msgid_plural:
            if isinstance(value, str):
                value = {"other": value}
            entry.msgstr_plural = {
                index: value.get(category, value.get("other", "")) for index, category in enumerate(categories)
            }
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.save(str(path))


# Reporting --------------------------------------------------------------------------------------------------


def is_translated(entry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def missing(language: str, public_only: bool) -> list:
    import polib

    catalogue = polib.pofile(str(catalogue_path(language)))
    return [
        entry
        for entry in catalogue
        if not entry.obsolete and not is_translated(entry) and (not public_only or is_public(entry.occurrences))
    ]


def report(language_codes: list[str]) -> int:
    """Print what each catalogue still lacks; the number of languages whose public messages are incomplete."""
    incomplete = 0
    for language in language_codes:
        public = missing(language, public_only=True)
        everything = missing(language, public_only=False)
        incomplete += bool(public)
        print(f"{language}: {len(public)} public and {len(everything)} in all untranslated")
        for entry in public[:20]:
            print(f"    {entry.msgid[:100]!r}")
    return incomplete


def main(argv: list[str]) -> int:
    setup_django()
    report_only = "--report" in argv
    chosen = [code for code in argv if not code.startswith("-")] or languages()
    if not report_only:
        extract(chosen)
        for language in chosen:
            merge(language)
    report(chosen)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
