"""Counts read right in languages with more than two plural forms (Polish, Czech, Slovenian, Irish, Latvian)."""

import pytest
from django.utils import translation

MESSAGE = ("%(counter)s provider entry", "%(counter)s provider entries")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "pl",
            {
                1: "1 wpis dostawcy",
                3: "3 wpisy dostawców",
                5: "5 wpisów dostawców",
                22: "22 wpisy dostawców",
                12: "12 wpisów dostawców",
            },
        ),
        ("cs", {1: "1 záznam poskytovatele", 4: "4 záznamy poskytovatelů", 5: "5 záznamů poskytovatelů"}),
        (
            "sl",
            {
                1: "1 vpis ponudnika",
                2: "2 vpisa ponudnikov",
                3: "3 vpisi ponudnikov",
                5: "5 vpisov ponudnikov",
                101: "101 vpis ponudnika",
            },
        ),
        ("ga", {1: "1 iontráil soláthraí", 7: "7 n-iontráil soláthraí", 11: "11 iontráil soláthraí"}),
        ("lv", {1: "1 nodrošinātāja ieraksts", 10: "10 nodrošinātāju ierakstu", 3: "3 nodrošinātāju ieraksti"}),
        ("de", {1: "1 Anbietereintrag", 2: "2 Anbietereinträge"}),
        (
            "fr",
            {0: "0 inscription de prestataire", 1: "1 inscription de prestataire", 2: "2 inscriptions de prestataires"},
        ),
    ],
)
def test_each_count_takes_its_languages_form(language, expected):
    with translation.override(language):
        for number, text in expected.items():
            assert translation.ngettext(*MESSAGE, number) % {"counter": number} == text
