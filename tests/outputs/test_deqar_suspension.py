"""DEQAR has no suspension: the report of a suspended entry keeps its decision and validity, its summary says
that the accreditation is suspended, and DEQAR is sent the change when the suspension starts and when it is lifted."""

import pytest
from django.utils import timezone

from accreditation import deqar
from accreditation.models import Membership, RegisterEvent, Role
from accreditation.services.register import change_entry_status
from tests.factories import ProviderFactory, UserFactory, make_register_entry

from .deqar_v2 import Registry, StandInDeqar, validate

pytestmark = pytest.mark.django_db
SITE = "http://testserver"


def test_a_suspension_is_said_in_the_summary_and_sent_then_taken_back_when_lifted():
    entry = make_register_entry(provider=ProviderFactory(legal_name="Paused College", type="vet", eter_id="IE7777"))
    agency = entry.agency
    agency.acronym, agency.deqar_activities_programme, agency.deqar_token = "QAI", "182", "secret-token"
    agency.save()
    officer = UserFactory()
    Membership.objects.create(user=officer, role=Role.OFFICER, authority=entry.authority)
    registry = Registry(institutions={"IE7777": True})
    with StandInDeqar(registry) as stand_in:
        assert deqar.submit_decision(entry.decision, site=SITE, url=stand_in.url).state == "accepted"
        first = stand_in.requests[-1][1]
        assert "Suspended" not in first.get("summary", "")

        change_entry_status(entry=entry, change=RegisterEvent.Kind.SUSPENDED, reason="Complaint", by=officer)
        result = deqar.builder.build_report(deqar.report_data(entry.decision, SITE))
        assert any("DEQAR has no suspension" in w for w in result.warnings)
        submission = deqar.submit_decision(entry.decision, site=SITE, url=stand_in.url)
        method, sent = stand_in.requests[-1]
        assert (method, submission.state) == ("PUT", "accepted")
        assert validate(sent, registry, update=True) == []
        assert sent["decision"] == first["decision"] == "positive"
        assert sent["valid_to"] == first["valid_to"] == entry.valid_until.isoformat()
        assert f"Suspended on the register since {timezone.localdate().isoformat()}" in sent["summary"]

        change_entry_status(entry=entry, change=RegisterEvent.Kind.REINSTATED, reason="Dismissed", by=officer)
        deqar.submit_decision(entry.decision, site=SITE, url=stand_in.url)
        method, lifted = stand_in.requests[-1]
        assert method == "PUT" and len(stand_in.requests) == 3
        assert "Suspended" not in lifted.get("summary", "")
        assert lifted["valid_to"] == first["valid_to"]
