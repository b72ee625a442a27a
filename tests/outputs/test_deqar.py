"""The DEQAR download and submission, checked against a local stand-in that applies DEQAR v2's rules."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from accreditation import deqar
from accreditation.models import Decision, DeqarSubmission, RegisterEntry, RegisterEvent
from accreditation.models.register import EntryStatus
from tests.factories import ApplicationFactory, ProviderFactory, UserFactory, make_register_entry

from .deqar_v2 import Registry, StandInDeqar, validate

pytestmark = pytest.mark.django_db
SITE = "http://testserver"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def configure(agency, **values):
    defaults = {
        "acronym": "QAI",
        "deqar_activities_institutional": "181",
        "deqar_activities_programme": "182",
        "deqar_token": "secret-token",
    }
    for name, value in {**defaults, **values}.items():
        setattr(agency, name, value)
    agency.save()
    return agency


def refuse(provider, agency):
    application = ApplicationFactory(provider=provider, agency=agency, status="refused", scope="institutional")
    return Decision.objects.create(
        application=application,
        outcome=Decision.Outcome.REFUSE,
        rationale="The internal quality assurance does not cover assessment.",
        authority=application.authority,
        officer=UserFactory(),
    )


@pytest.fixture
def world():
    hei = make_register_entry(
        provider=ProviderFactory(legal_name="Atlantic University", deqar_id="DEQARINST0042", eter_id="IE0001"),
        specifications=[{"ects": Decimal("5")}, {"ects": Decimal("2.5")}, {"eqf_level": 4, "ects": Decimal("5")}],
    )
    agency = configure(hei.agency)
    vet = make_register_entry(
        provider=ProviderFactory(legal_name="Cork Skills", type="vet", eter_id="IE9999"),
        conditions="Report yearly on completion rates",
    )
    unknown = make_register_entry(provider=ProviderFactory(legal_name="Nameless Company", type="company"))
    for entry in (vet, unknown):
        RegisterEntry.objects.filter(pk=entry.pk).update(agency=agency)
        type(entry.application).objects.filter(pk=entry.application_id).update(agency=agency)
    refusal = refuse(ProviderFactory(legal_name="Refused Institute", type="ngo", pic="123456789"), agency)
    registry = Registry(institutions={"DEQARINST0042": False, "IE9999": True, "123456789": True})
    return {"hei": hei, "vet": vet, "unknown": unknown, "refusal": refusal, "agency": agency, "registry": registry}


def test_download_is_an_array_of_reports_deqar_accepts(client, world):
    reports = json.loads(body(client.get("/register/export/deqar.json")))
    assert isinstance(reports, list)
    by_id = {report["local_identifier"]: report for report in reports}
    for report in reports:
        assert validate(report, world["registry"]) == [], report
    hei = by_id[world["hei"].application.reference]
    assert hei["institutions"] == [{"deqar_id": "DEQARINST0042"}]  # DEQAR id first, the ETER id not repeated
    assert hei["status"] == "part of obligatory EQA system"
    assert hei["activities"] == [{"id": "182"}]
    assert [p["workload_ects"] for p in hei["programmes"]] == [5]  # 2.5 ECTS and EQF 4 are left out
    assert hei["programmes"][0]["qf_ehea_level"] == "first cycle"
    assert hei["programmes"][0]["nqf_level"].startswith("level ")
    assert hei["programmes"][0]["field_study"]
    assert "Analyse data sets" in hei["programmes"][0]["learning_outcome_description"]
    vet = by_id[world["vet"].application.reference]
    assert vet["status"] == "voluntary"
    assert vet["institutions"] == [{"eter_id": "IE9999"}]
    assert vet["decision"] == "positive with conditions or restrictions"
    assert "Report yearly on completion rates" in vet["summary"]
    refusal = by_id[world["refusal"].application.reference]
    assert refusal["decision"] == "negative"
    assert refusal["institutions"] == [{"identifier": "123456789", "resource": "EU-PIC"}]
    assert "valid_to" not in refusal
    assert world["unknown"].application.reference not in by_id
    assert "null" not in json.dumps(reports)


def test_what_is_left_out_is_listed_per_decision(client, world):
    warnings = {w["local_identifier"]: w for w in json.loads(body(client.get("/register/export/deqar-warnings.json")))}
    hei = warnings[world["hei"].application.reference]
    assert hei["sendable"] is True
    assert any("EQF level 4" in w for w in hei["warnings"])
    assert any("whole number of ECTS" in w and "2.5" in w for w in hei["warnings"])
    unknown = warnings[world["unknown"].application.reference]
    assert unknown["sendable"] is False
    assert any("no identifier DEQAR knows" in w for w in unknown["warnings"])


def test_download_honours_the_status_filter_and_leaves_refusals_out_then(client, world):
    RegisterEntry.objects.filter(pk=world["vet"].pk).update(status=EntryStatus.WITHDRAWN)
    reports = json.loads(body(client.get("/register/export/deqar.json", {"status": "withdrawn"})))
    assert [r["local_identifier"] for r in reports] == [world["vet"].application.reference]
    everything = json.loads(body(client.get("/register/export/deqar.json", {"country": "IE"})))
    assert world["refusal"].application.reference in {r["local_identifier"] for r in everything}


def test_a_withdrawal_ends_the_report_on_the_withdrawal_date(client, world):
    entry = world["vet"]
    on = timezone.localdate() - datetime.timedelta(days=3)
    RegisterEvent.objects.create(
        entry=entry,
        kind="withdrawn",
        status="withdrawn",
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
        effective_on=on,
        reason="Fraud",
    )
    RegisterEntry.objects.filter(pk=entry.pk).update(status=EntryStatus.WITHDRAWN)
    reports = json.loads(body(client.get("/register/export/deqar.json")))
    report = next(r for r in reports if r["local_identifier"] == entry.application.reference)
    assert report["valid_to"] == on.isoformat()


def test_bad_modified_since_is_400(client, world):
    response = client.get("/register/export/deqar.json", {"modified_since": "last week"})
    assert response.status_code == 400
    assert "modified_since" in response.content.decode()


def test_submission_posts_new_reports_then_puts_changed_ones_only(world):
    with StandInDeqar(world["registry"]) as stand_in:
        first = {s.decision_id: s for s in deqar.submit_agency(world["agency"], site=SITE, url=stand_in.url)}
        assert {s.state for s in first.values()} == {"accepted", "not_sendable"}
        accepted = [s for s in first.values() if s.state == "accepted"]
        assert len(accepted) == 3 and all(s.report_id for s in accepted)
        assert [m for m, _ in stand_in.requests] == ["POST"] * 3
        assert all(isinstance(report, dict) for _, report in stand_in.requests)  # one report per request

        deqar.submit_agency(world["agency"], site=SITE, url=stand_in.url)
        assert len(stand_in.requests) == 3  # nothing changed: nothing sent

        entry = world["hei"]
        RegisterEvent.objects.create(
            entry=entry,
            kind="withdrawn",
            status="withdrawn",
            valid_from=entry.valid_from,
            valid_until=entry.valid_until,
            effective_on=timezone.localdate(),
            reason="Closed",
        )
        RegisterEntry.objects.filter(pk=entry.pk).update(status=EntryStatus.WITHDRAWN)
        deqar.submit_agency(world["agency"], site=SITE, url=stand_in.url)
        method, report = stand_in.requests[-1]
        assert (method, len(stand_in.requests)) == ("PUT", 4)
        assert report["report_id"] == first[entry.decision_id].report_id
        assert report["valid_to"] == timezone.localdate().isoformat()
        assert stand_in.reports[int(report["report_id"])]["valid_to"] == timezone.localdate().isoformat()


def test_transient_failures_are_retried_and_refusals_keep_deqars_message(world):
    with StandInDeqar(world["registry"]) as stand_in:
        stand_in.fail_next = 2
        pauses = []
        submission = deqar.submit_decision(world["vet"].decision, site=SITE, url=stand_in.url, pause=pauses.append)
        assert submission.state == "accepted"
        assert len(pauses) == 2 and len(stand_in.requests) == 3

        stand_in.fail_next = 5
        failed = deqar.submit_decision(world["refusal"], site=SITE, url=stand_in.url, pause=lambda s: None)
        assert failed.state == "failed" and failed.http_status == 503

        world["registry"].institutions.pop("DEQARINST0042")
        refused = deqar.submit_decision(world["hei"].decision, site=SITE, url=stand_in.url)
        assert refused.state == "refused"
        assert "Please provide valid DEQAR ID" in refused.message
        assert refused.sent["local_identifier"] == world["hei"].application.reference


def test_the_command_sends_and_says_what_happened(world, settings, capsys):
    with StandInDeqar(world["registry"]) as stand_in:
        settings.DEQAR_SUBMISSION_URL = stand_in.url
        call_command("deqar_submit", site=SITE)
    out = capsys.readouterr().out
    assert "Accepted by DEQAR (DEQAR report" in out
    assert "Cannot be sent" in out and "no identifier DEQAR knows" in out
    assert DeqarSubmission.objects.filter(state="accepted").count() == 3


def test_coordinators_see_their_agencys_reports_and_send_them(client, world, settings):
    from accreditation.models import Membership, Role

    coordinator = UserFactory()
    Membership.objects.create(user=coordinator, role=Role.COORDINATOR, agency=world["agency"])
    outsider = UserFactory()
    assert client.get(f"/agency/{world['agency'].pk}/deqar/").status_code == 302  # sign in first
    client.force_login(outsider)
    assert client.get(f"/agency/{world['agency'].pk}/deqar/").status_code == 404
    client.force_login(coordinator)
    page = client.get(f"/agency/{world['agency'].pk}/deqar/").content.decode()
    assert world["unknown"].application.reference in page and "no identifier DEQAR knows" in page
    with StandInDeqar(world["registry"]) as stand_in:
        settings.DEQAR_SUBMISSION_URL = stand_in.url
        response = client.post(f"/agency/{world['agency'].pk}/deqar/send/", follow=True)
    assert "3 of 4 reports are accepted by DEQAR." in response.content.decode()
    assert "Accepted by DEQAR" in response.content.decode()
