"""The register's search columns and what the public sees of them: counts per filter value for every filter,
links that set a filter, and copies that follow the provider's own changes."""

import copy
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from lxml import html

from accreditation.filters import RegisterFilter
from accreditation.models import RegisterEntry
from accreditation.register_index import BROAD_FIELDS, EQF_LEVELS, FORMS
from accreditation.services.identity import approve_identity_change, pending_change
from frameworks.models import FieldOfStudy
from tests.factories import AgencyFactory, ProviderFactory, field, make_register_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied():
    """Three entries with different scopes: levels, fields, forms and workloads."""
    agency = AgencyFactory(name="Quality Agency Malta")
    nursing = make_register_entry(
        provider=ProviderFactory(legal_name="Harbour School of Nursing", country="MT", type="vet"),
        specifications=[
            {
                "title": "Wound Care",
                "eqf_level": 5,
                "field": field("091"),
                "participation_form": "onsite",
                "ects": Decimal("3.0"),
                "learning_outcomes": "Dress a chronic wound safely",
            },
            {
                "title": "Night Shift Leadership",
                "eqf_level": 6,
                "field": field("091"),
                "participation_form": "blended",
                "ects": Decimal("6.0"),
            },
        ],
    )
    RegisterEntry.objects.filter(pk=nursing.pk).update(agency=agency)
    make_register_entry(
        provider=ProviderFactory(legal_name="Cloud Skills Company", country="IE", type="company"),
        specifications=[{"title": "Serverless Basics", "eqf_level": 4, "ects": Decimal("2.0")}],
    )
    make_register_entry(
        provider=ProviderFactory(legal_name="Dublin University of Data", country="IE", type="university"),
        specifications=[{"title": f"Data Course {n}", "eqf_level": 7, "ects": Decimal("10.0")} for n in range(5)],
    )
    return nursing


def facet_counts(body: str) -> dict[str, dict[str, str]]:
    """{facet title: {value label: count}} as the page shows them."""
    tree = html.fromstring(body)
    section = tree.get_element_by_id("h-facets").getparent()
    counts = {}
    for heading in section.findall("h3"):
        shown = (re.match(r"(.*?) \((\d+)\)", li.text_content()) for li in heading.getnext().findall("li"))
        counts[heading.text_content()] = {match[1]: match[2] for match in shown}
    return counts


def test_counts_per_value_of_every_filter(client, varied):
    counts = facet_counts(client.get("/register/counts/").content.decode())
    assert counts["Country"] == {"Ireland": "2", "Malta": "1"}
    assert counts["Type of provider"] == {
        "Higher education institution": "1",
        "Vocational education and training provider": "1",
        "Company": "1",
    }
    assert counts["EQF level"] == {"EQF level 4": "1", "EQF level 5": "1", "EQF level 6": "1", "EQF level 7": "1"}
    assert counts["Field (ISCED-F)"]["Health and welfare"] == "1"
    assert counts["Field (ISCED-F)"]["Information and Communication Technologies (ICTs)"] == "2"
    assert counts["Form of participation"] == {"Online": "2", "On site": "1", "Blended": "1"}
    assert counts["QA agency"]["Quality Agency Malta"] == "1"
    assert counts["Status"] == {"Active": "3"}


def test_counts_follow_the_filters(client, varied):
    counts = facet_counts(client.get("/register/counts/", {"country": "IE"}).content.decode())
    assert counts["EQF level"] == {"EQF level 4": "1", "EQF level 7": "1"}
    assert "Health and welfare" not in counts["Field (ISCED-F)"]


def test_a_count_links_to_its_filter_replacing_the_value_in_use(client, varied):
    client.get("/register/counts/", {"country": "IE", "eqf_level": "7"})  # as the page asks for them
    body = client.get("/register/", {"country": "IE", "eqf_level": "7", "page": "1"}).content.decode()
    tree = html.fromstring(body)
    section = tree.get_element_by_id("h-facets").getparent()
    hrefs = {a.text_content(): a.get("href") for a in section.iter("a")}
    # The value in use is marked and can be removed; the other filters stay.
    current = section.xpath(".//strong[@aria-current='true']")
    assert [c.text_content() for c in current] == ["Ireland (1)", "EQF level 7 (1)"]
    assert hrefs["remove this filter (Country)"] == "/register/?eqf_level=7"
    assert hrefs["remove this filter (EQF level)"] == "/register/?country=IE"
    university = hrefs["Higher education institution"]
    assert university == "/register/?country=IE&eqf_level=7&provider_type=university"
    # Following a link gives exactly the counted number of entries.
    assert "1 provider entry" in client.get(university).content.decode()


@pytest.mark.parametrize(
    "params, names",
    [
        ({"participation_form": "onsite"}, ["Harbour School of Nursing"]),
        ({"field": "09"}, ["Harbour School of Nursing"]),
        ({"eqf_level": "6"}, ["Harbour School of Nursing"]),
        ({"ects_min": "8"}, ["Dublin University of Data"]),
        ({"ects_max": "2"}, ["Cloud Skills Company"]),
        ({"ects_min": "3", "ects_max": "3"}, ["Harbour School of Nursing"]),
        ({"provider_type": "company"}, ["Cloud Skills Company"]),
        ({"q": "chronic wound"}, ["Harbour School of Nursing"]),
        ({"q": "wound serverless"}, []),  # every word must match
        ({"q": "SERVERLESS"}, ["Cloud Skills Company"]),
    ],
)
def test_each_filter_finds_what_the_scope_holds(client, varied, params, names):
    body = client.get("/register/", params).content.decode()
    tree = html.fromstring(body)
    found = [a.text_content() for a in tree.xpath("//article[contains(@class, 'register-entry')]/h2/a")]
    assert found == names


def test_results_list_a_few_micro_credentials_and_link_to_the_rest(client, varied):
    body = client.get("/register/", {"q": "dublin"}).content.decode()
    assert "5 accredited micro-credentials · 10 ECTS" in body
    assert body.count("Data Course") == 3
    assert "and 2 more" in body


def test_a_renamed_provider_is_found_by_its_new_name_only_once_the_rename_is_approved(client, provider_staff, provider):
    entry = make_register_entry(provider=provider)
    old_word = entry.search_name.split()[0]
    client.force_login(provider_staff)
    response = client.post(
        "/provider/profile/",
        {
            "legal_name": "Renamed Technological University",
            "type": "company",
            "country": "MT",
            "reason": "The college became a company in Malta.",
        },
    )
    assert response.status_code == 302
    client.logout()
    renamed = {"q": "renamed", "country": "MT", "provider_type": "company"}
    assert "0 provider entries" in client.get("/register/", renamed).content.decode()
    assert "1 provider entry" in client.get("/register/", {"q": old_word}).content.decode()

    approve_identity_change(change=pending_change(provider), by=entry.decision.officer)
    body = client.get("/register/", renamed).content.decode()
    assert "1 provider entry" in body and "Renamed Technological University" in body
    assert "0 provider entries" in client.get("/register/", {"q": old_word}).content.decode()


def test_reindex_command_repairs_the_columns(varied):
    RegisterEntry.objects.update(search_text="", search_levels=0, search_name="")
    call_command("reindex_register", stdout=io.StringIO())
    entry = RegisterEntry.objects.get(pk=varied.pk)
    assert entry.search_name == "Harbour School of Nursing"
    assert entry.search_levels == EQF_LEVELS.mask([5, 6])
    assert entry.search_fields == BROAD_FIELDS.mask(["09"])
    assert entry.search_forms == FORMS.mask(["onsite", "blended"])
    assert (entry.search_ects_min, entry.search_ects_max, entry.search_scope_size) == (3, 6, 2)
    assert "dress a chronic wound safely" in entry.search_text


def test_every_broad_field_of_the_reference_data_has_a_bit():
    broad = FieldOfStudy.objects.filter(parent__isnull=True).values_list("code", flat=True)
    assert broad and set(broad) <= set(BROAD_FIELDS.bits)


def parsed(markup: str) -> tuple:
    """What a browser takes from a widget's markup: its element, attributes and options."""
    element = html.fragment_fromstring(markup)
    options = [(o.get("value"), o.get("selected") is not None, o.text) for o in element.iter("option")]
    return element.tag, dict(element.attrib), options


def django_markup(bound_field) -> str:
    """The field as Django's own widget (the quick widget's base class) renders it."""
    widget = copy.copy(bound_field.field.widget)
    widget.__class__ = next(cls for cls in type(widget).__mro__ if cls.__module__ == "django.forms.widgets")
    return bound_field.as_widget(widget=widget)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"q": 'a "quoted" <word>', "country": "MT", "eqf_level": "6", "field": "06", "ects_min": "2.5"},
        {"participation_form": "online", "status": "expired", "valid_on": "2025-03-01", "sort": "-valid_until"},
    ],
)
def test_quick_widgets_render_what_djangos_widgets_render(data, agency):
    data = {**data, "agency": str(agency.pk)} if data else data
    form = RegisterFilter(data or None, queryset=RegisterEntry.objects.all()).form
    for bound_field in form:
        assert parsed(str(bound_field)) == parsed(django_markup(bound_field)), bound_field.name
    for name, value in data.items():  # what was chosen shows as chosen
        _tag, attributes, options = parsed(str(form[name]))
        assert (value, True) in [(v, selected) for v, selected, _text in options] or attributes["value"] == value


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("provider", ["Alpha Data School", "Bravo Data School", "Charlie Data School"]),
        ("-valid_until", ["Bravo Data School", "Charlie Data School", "Alpha Data School"]),
        ("valid_until", ["Alpha Data School", "Charlie Data School", "Bravo Data School"]),
    ],
)
def test_text_search_results_keep_the_chosen_order(client, sort, expected):
    for name, years in (("Charlie Data School", 4), ("Alpha Data School", 2), ("Bravo Data School", 6)):
        make_register_entry(provider=ProviderFactory(legal_name=name), years=years)
    make_register_entry(provider=ProviderFactory(legal_name="Unrelated Institute"))
    body = client.get("/register/", {"q": "data school", "sort": sort}).content.decode()
    found = [a.text_content() for a in html.fromstring(body).xpath("//article/h2/a")]
    assert found == expected


def test_text_search_query_count_does_not_grow_with_data(client, django_assert_max_num_queries):
    make_register_entry(provider=ProviderFactory(legal_name="Data School 0"))
    with django_assert_max_num_queries(20) as baseline:
        client.get("/register/", {"q": "data school"})
    for n in range(1, 9):
        make_register_entry(provider=ProviderFactory(legal_name=f"Data School {n}"), credentials=3)
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        body = client.get("/register/", {"q": "data school"}).content.decode()
    assert "9 provider entries" in body


def test_a_new_search_shows_its_results_at_once_and_its_counts_when_counted(client, varied):
    """The first time, the page asks for its counts (htmx, or a link without JavaScript); then they come with it."""
    body = client.get("/register/", {"country": "IE", "page": "1"}).content.decode()
    assert "2 provider entries" in body and "Cloud Skills Company" in body
    placeholder = html.fromstring(body).xpath("//*[@hx-get]")[0]
    assert placeholder.get("hx-get") == "/register/counts/?country=IE"
    assert 'href="/register/counts/?country=IE"' in body  # the <noscript> link
    fragment = client.get("/register/counts/", {"country": "IE"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and facet_counts(fragment)["EQF level"] == {"EQF level 4": "1", "EQF level 7": "1"}
    again = client.get("/register/", {"country": "IE", "page": "1"}).content.decode()
    assert not html.fromstring(again).xpath("//*[@hx-get]")
    current = html.fromstring(again).xpath("//strong[@aria-current='true']")
    assert [strong.text_content() for strong in current] == ["Ireland (2)"]


def test_the_counts_page_without_javascript_links_back_and_refuses_bad_filters(client, varied):
    body = client.get("/register/counts/", {"provider_type": "company"}).content.decode()
    assert "1 provider entry matches this search." in body
    assert 'href="/register/?provider_type=company"' in body
    assert facet_counts(body)["Type of provider"] == {"Company": "1"}
    response = client.get("/register/counts/", {"eqf_level": "12"})
    assert response.status_code == 400 and "Some filters could not be used" in response.content.decode()
