"""The credential check and the document verification in a real browser, with axe-core's WCAG 2.1 AA check."""

import json
import threading

import pytest
from django.utils import timezone

from accreditation.models import IssuedDocument
from accreditation.services.documents import issue_document
from tests.browser import assert_accessible
from tests.factories import ProviderFactory, make_register_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_verifier_checks_a_pasted_credential(page):
    provider = ProviderFactory(legal_name="Browser Test Institute of Technology")
    entry = make_register_entry(provider=provider, specifications=[{"title": "Cloud Security Basics", "eqf_level": 5}])
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2", "http://data.europa.eu/snb/model/context/edc-ap"],
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "issuer": {"legalName": {"en": entry.provider.legal_name}},
        "issued": f"{timezone.localdate().isoformat()}T08:00:00Z",
        "credentialSubject": {"hasClaim": [{"title": {"en": "Cloud Security Basics"}}]},
    }
    page.goto("/register/check/")
    assert_accessible(page)
    page.get_by_label("Paste the credential").fill(json.dumps(credential))
    page.click("main button:has-text('Check')")
    assert "Covered" in page.inner_text("main .verdict")
    assert entry.certificate_id in page.inner_text("main")
    assert_accessible(page)


def test_a_reader_uploads_a_sealed_certificate(page, tmp_path):
    entry = make_register_entry()
    pdf = tmp_path / "certificate.pdf"

    def issue():  # pyHanko runs its own event loop, which cannot start inside Playwright's (this thread's)
        document = issue_document(
            application=entry.application, kind=IssuedDocument.Kind.CERTIFICATE, decision=entry.decision
        )
        pdf.write_bytes(document.file.open("rb").read())

    worker = threading.Thread(target=issue)
    worker.start()
    worker.join()
    page.goto("/register/verify/")
    page.click("text=upload a sealed certificate")
    assert_accessible(page)
    page.set_input_files("input[type=file]", str(pdf))
    page.click("main button:has-text('Check the document')")
    assert "Sealed by the register and not modified since." in page.inner_text("main .verdict")
    assert_accessible(page)
