"""Public search by what a reader has at hand (issue 14): a certificate number, the provider's Erasmus code or PIC,
its city; tolerant of accents the reader cannot type; and a "did you mean" when a typo finds nothing."""

import pytest

from tests.factories import ProviderFactory, make_register_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    dublin = make_register_entry(
        provider=ProviderFactory(
            legal_name="Dublin Institute of Design", erasmus_code="IRL DUBLIN77", pic="999123456", region="Dublin"
        ),
        credentials=1,
    )
    lodz = make_register_entry(
        provider=ProviderFactory(legal_name="Uniwersytet Łódzki Politechnika", region="Łódź"), credentials=1
    )
    cork = make_register_entry(provider=ProviderFactory(legal_name="Harbour Skills Centre", region="Cork"))
    return {"dublin": dublin, "lodz": lodz, "cork": cork}


def found(client, q) -> set[str]:
    response = client.get("/register/", {"q": q})
    assert response.status_code == 200
    text = response.content.decode()
    return {name for name in ("Dublin Institute", "Łódzki", "Harbour Skills") if name in text}


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("certificate", "Dublin Institute"),
        ("erasmus", "Dublin Institute"),
        ("erasmus_compact", "Dublin Institute"),
        ("IRL DUBLIN77", "Dublin Institute"),
        ("999123456", "Dublin Institute"),
    ],
)
def test_an_identifier_finds_its_provider_only(client, entries, typed, expected):
    q = {
        "certificate": f"  {entries['dublin'].certificate_id.lower()} ",
        "erasmus": "irl dublin77",
        "erasmus_compact": "IRLDUBLIN77",
    }.get(typed, typed)
    assert found(client, q) == {expected}


def test_the_city_finds_the_providers_there(client, entries):
    assert found(client, "cork") == {"Harbour Skills"}


def test_accents_need_not_be_typed_and_may_be_typed(client, entries):
    assert found(client, "lodzki") == {"Łódzki"}
    assert found(client, "Łódzki") == {"Łódzki"}
    assert found(client, "LODZ") == {"Łódzki"}  # its city, without its letters


def test_a_typo_that_finds_nothing_offers_what_was_meant(client, entries):
    response = client.get("/register/", {"q": "Dublni", "country": entries["dublin"].provider.country})
    text = response.content.decode()
    assert "No entry matches these filters." in text and "Did you mean:" in text
    assert f'?q=dublin&amp;country={entries["dublin"].provider.country}">dublin</a>' in text
    followed = client.get("/register/", {"q": "dublin", "country": entries["dublin"].provider.country})
    assert "Dublin Institute" in followed.content.decode()


def test_nothing_close_offers_nothing(client, entries):
    text = client.get("/register/", {"q": "xqzvw"}).content.decode()
    assert "No entry matches these filters." in text and "Did you mean:" not in text


def test_the_api_finds_an_entry_by_its_certificate_number(client, entries):
    entry = entries["cork"]
    rows = client.get("/api/v1/entries/", {"q": entry.certificate_id}).json()["results"]
    assert [row["certificate_id"] for row in rows] == [entry.certificate_id]
