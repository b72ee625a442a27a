"""The catalogues call a micro-credential what the language versions of the Council Recommendation of 16 June 2022
(OJ C 243, 27.6.2022) call it, everywhere: German "Microcredential", French "microcertification", Spanish
"microcredencial", Italian "microcredenziale", Polish "mikropoświadczenie", Dutch "microcredential", Portuguese
"microcredencial". The sources are named in the header of locale/tools/translations/<lang>/languages.yaml."""

import re

import polib
import pytest

from .conftest import catalogues

# The stem every translation of a text about micro-credentials contains, and spellings that must never appear.
OFFICIAL_TERMS = {
    "de": ("microcredential", ["mikro-credential", "micro-credential", "mikrocredential", "mikrozertifikat"]),
    "fr": ("microcertification", ["micro-certification", "microcrédential", "micro-credential", "microcredential"]),
    "es": ("microcredencial", ["micro-credencial", "microcredential", "micro-credential"]),
    "it": ("microcredenzial", ["micro-credenzial", "microcredential", "micro-credential"]),
    "pl": ("mikropoświadcz", ["mikro-poświadcz", "mikrokwalifikac", "microcredential", "micro-credential"]),
    "nl": ("microcredential", ["micro-credential", "microcertificaat"]),
    "pt": ("microcredencia", ["micro-credencia", "microcredential", "micro-credential"]),
}


# A value quoted as the data holds it (e.g. the scope type 'micro-credentials' of the exports) is a code, not a word.
QUOTED = re.compile(r"[„«“‘'][^„«“”»‘’']*[”»“’']")


def texts(entry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def words(text: str) -> str:
    return QUOTED.sub("", text).lower()


@pytest.mark.parametrize("language", sorted(OFFICIAL_TERMS))
def test_micro_credential_is_called_by_its_official_name(language):
    stem, wrong = OFFICIAL_TERMS[language]
    catalogue = polib.pofile(str(catalogues.catalogue_path(language)))
    about = [
        entry for entry in catalogue if catalogues.is_translated(entry) and "micro-credential" in entry.msgid.lower()
    ]
    assert len(about) >= 10
    missing = [entry.msgid for entry in about if not all(stem in text.lower() for text in texts(entry))]
    assert not missing, f"{language}: texts about micro-credentials without “{stem}”: {missing[:5]}"
    variants = [
        (entry.msgid, text)
        for entry in catalogue
        for text in texts(entry)
        if any(variant in words(text) for variant in wrong)
    ]
    assert not variants, f"{language}: another spelling than the Recommendation's: {variants[:5]}"
