"""The public frameworks page: anyone looks up a national level and sees its EQF level beside the others."""

import pytest

pytestmark = pytest.mark.django_db


def test_looking_up_irish_level_8_shows_eqf_6_and_the_other_levels(client):
    body = client.get("/frameworks/", {"framework": "IE-NFQ", "level": "8"}).content.decode()
    assert "IE-NFQ level 8 corresponds to EQF level 6." in body
    assert "Levels of IE-NFQ and their EQF levels" in body
    assert "advanced knowledge with critical understanding of theories and principles" in body  # EQF 6 descriptor
    assert body.count("<tr") >= 10 + 17  # ten levels and every framework listed


def test_unreferenced_level_says_so(client):
    body = client.get("/frameworks/", {"framework": "UK-SCQF", "level": "1"}).content.decode()
    assert "UK-SCQF level 1 is not referenced to the EQF." in body
    assert "To be confirmed against the referencing report" in body  # the confidence note is kept


def test_unknown_framework_or_level_gets_a_clear_message(client):
    response = client.get("/frameworks/", {"framework": "XX-NOPE"})
    assert response.status_code == 404
    assert "There is no framework with the code “XX-NOPE”." in response.content.decode()
    body = client.get("/frameworks/", {"framework": "IE-NFQ", "level": "99"}).content.decode()
    assert "IE-NFQ has no level “99”." in body


def test_hostile_parameters_are_harmless(client):
    response = client.get("/frameworks/", {"framework": "<script>alert(1)</script>" * 50, "level": "' OR 1=1 --"})
    assert response.status_code == 404
    assert "<script>alert" not in response.content.decode()


def test_query_count_is_constant(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        client.get("/frameworks/", {"framework": "UK-RQF", "level": "E3"})
