"""The public frameworks page: anyone looks up a national level and sees its EQF level beside the others."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """The page's visible text, tags removed and spaces collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style|datalist)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


def table_rows(response, caption_start: str) -> list[str]:
    """The text of each body row of the table whose caption starts with caption_start."""
    body = response.content.decode()
    table = next(t for t in re.findall(r"<table>.*?</table>", body, flags=re.S) if caption_start in t)
    rows = re.findall(r"<tr\b.*?</tr>", table.split("<tbody>")[1], flags=re.S)
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", row))).strip() for row in rows]


def test_the_page_offers_every_framework_with_its_country_without_signing_in(client):
    response = client.get("/frameworks/")
    assert response.status_code == 200
    rows = table_rows(response, "All frameworks")
    assert len(rows) == 46  # the EQF, the QF-EHEA and 44 national frameworks
    assert rows[0].startswith("EQF European Qualifications Framework European 8")
    assert "IE-NFQ National Framework of Qualifications Ireland 10 Official referencing" in rows
    assert "UK-SCQF Scottish Credit and Qualifications Framework United Kingdom (Scotland) 12" in " ".join(rows)
    body = response.content.decode()
    assert '<label for="fw">Framework</label>' in body and '<label for="lv">Level' in body
    assert body.count('<option value="') == 46 + 1  # every framework, and the prompt


def test_looking_up_irish_level_8_shows_eqf_6_and_the_other_levels(client):
    response = client.get("/frameworks/", {"framework": "IE-NFQ", "level": "8"})
    text = text_of(response)
    assert "IE-NFQ level 8 corresponds to EQF level 6." in text
    assert "IE-NFQ level 7 is also at EQF level 6: the referencing is a table, not a formula." in text
    assert "In higher education, EQF level 6 is the level of the QF-EHEA first cycle." in text
    rows = table_rows(response, "Levels of IE-NFQ")
    assert [row.split()[0] for row in rows] == [str(n) for n in range(1, 11)]
    assert rows[7].startswith(
        "8 6 Official referencing advanced knowledge with critical understanding of theories and principles"
    )
    assert rows[0].startswith("1 1 Official referencing basic general knowledge")
    body = response.content.decode()
    assert '<tr class="highlight">' in body and body.count('aria-current="true"') == 1


@pytest.mark.parametrize(
    ("framework", "level", "expected", "also"),
    [
        ("UK-SCQF", "7", "UK-SCQF level 7 corresponds to EQF level 5.", "UK-SCQF level 8 is also at EQF level 5"),
        ("UK-SCQF", "10", "UK-SCQF level 10 corresponds to EQF level 6.", "UK-SCQF level 9 is also at EQF level 6"),
        ("UK-RQF", "E3", "UK-RQF level E3 corresponds to EQF level 1.", None),
        ("NL-NLQF", "4+", "NL-NLQF level 4+ corresponds to EQF level 4.", "NL-NLQF level 4 is also at EQF level 4"),
        ("IE-NFQ", "1", "IE-NFQ level 1 corresponds to EQF level 1.", "IE-NFQ level 2 is also"),
        ("DE-DQR", "5", "DE-DQR level 5 corresponds to EQF level 5.", None),
        ("QF-EHEA", "second", "QF-EHEA level second corresponds to EQF level 7.", None),
    ],
)
def test_level_look_ups(client, framework, level, expected, also):
    text = text_of(client.get("/frameworks/", {"framework": framework, "level": level}))
    assert expected in text
    if also:
        assert also in text
    else:
        assert "is also at EQF level" not in text and "are also at EQF level" not in text


def test_unreferenced_level_says_so_and_keeps_the_confidence(client):
    response = client.get("/frameworks/", {"framework": "UK-SCQF", "level": "1"})
    text = text_of(response)
    assert "UK-SCQF level 1 is not referenced to the EQF." in text
    assert "To be confirmed against the referencing report" in text  # the framework's confidence
    assert "production use" not in text and "Seeded from" not in text  # the seeding note is for the admin
    rows = table_rows(response, "Levels of UK-SCQF")
    assert rows[0] == "1 not referenced — — — —"
    assert rows[6].startswith("7 5 To be confirmed against the referencing report")


def test_a_framework_alone_shows_its_table_without_a_verdict(client):
    response = client.get("/frameworks/", {"framework": "MT-MQF"})
    assert response.status_code == 200
    assert len(table_rows(response, "Levels of MT-MQF")) == 10
    assert "corresponds to EQF level" not in text_of(response)


def test_codes_are_matched_regardless_of_case(client):
    text = text_of(client.get("/frameworks/", {"framework": "uk-rqf", "level": "e3"}))
    assert "UK-RQF level E3 corresponds to EQF level 1." in text


def test_unknown_framework_gets_a_clear_message(client):
    response = client.get("/frameworks/", {"framework": "XX-NOPE", "level": "3"})
    assert response.status_code == 404
    text = text_of(response)
    assert "There is no framework with the code “XX-NOPE”." in text
    assert len(table_rows(response, "All frameworks")) == 46  # the page still offers every framework


def test_unknown_level_gets_a_clear_message_listing_the_levels(client):
    response = client.get("/frameworks/", {"framework": "IE-NFQ", "level": "99"})
    assert response.status_code == 404
    text = text_of(response)
    assert "IE-NFQ has no level “99”. Its levels are 1, 2, 3, 4, 5, 6, 7, 8, 9, 10." in text
    assert len(table_rows(response, "Levels of IE-NFQ")) == 10  # the framework is still shown
    assert 'href="#lv"' in response.content.decode()  # the message leads to the field


def test_a_level_without_a_framework_asks_for_one(client):
    response = client.get("/frameworks/", {"level": "6"})
    assert response.status_code == 200
    assert "Choose a framework first." in text_of(response)


def test_hostile_parameters_are_harmless(client):
    response = client.get("/frameworks/", {"framework": "<script>alert(1)</script>" * 50, "level": "' OR 1=1 --"})
    assert response.status_code == 404
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "There is no framework with the code “&lt;script&gt;alert(1)&lt;/script&gt;&lt;scr…”." in body  # shortened
    response = client.get("/frameworks/", {"framework": "IE-NFQ", "level": "\x00" * 3})
    assert response.status_code in (200, 404)


@pytest.mark.parametrize(
    "params",
    [{}, {"framework": "IE-NFQ", "level": "8"}, {"framework": "UK-SCQF", "level": "12"}, {"framework": "EQF"}],
)
def test_query_count_is_constant(client, django_assert_max_num_queries, settings, params):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # the page's own queries, not the page cache's
    with django_assert_max_num_queries(2):
        response = client.get("/frameworks/", params)
    assert "European Qualifications Framework" in response.content.decode()
