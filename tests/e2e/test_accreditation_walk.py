"""The accredit path through the real UI, each step by the persona whose task it is, every page checked for
accessibility: from a provider's draft to a published register entry with its certificate."""

import pytest

from accreditation.models import Application, MicroCredential
from tests.factories import MicroCredentialFactory
from tests.flow import PDF_BYTES

from .conftest import assert_accessible, login, logout

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def open_task(page, title):
    page.goto("/tasks/")
    page.click(f"main a:has-text('{title}')")
    page.wait_for_load_state()


def fill_all(page, prefix, option_index):
    for select in page.locator(f"select[name^='{prefix}']").all():
        select.select_option(index=option_index)


def test_draft_to_register_entry_across_all_roles(
    page, tmp_path, provider, agency, authority, provider_staff, coordinator, authority_officer, reviewers
):
    MicroCredentialFactory(provider=provider, title="Applied Data Analysis")

    # Provider staff: draft, evidence, submit.
    login(page, provider_staff)
    page.goto("/provider/")
    assert_accessible(page)
    page.click("text=New application")
    page.select_option("#id_agency", str(agency.pk))
    page.check("text=Applied Data Analysis")
    page.fill("#id_summary", "Our data analysis short course.")
    page.click("button:has-text('Create the draft')")
    assert "Attach the self-evaluation report." in page.inner_text("main")
    assert_accessible(page)
    report = tmp_path / "self-evaluation.pdf"
    report.write_bytes(PDF_BYTES)
    page.select_option("#id_kind", "self_evaluation")
    page.fill("#id_title", "Self-evaluation report")
    page.set_input_files("#id_file", str(report))
    page.click("button:has-text('Attach')")
    page.click("button:has-text('Submit to the agency')")
    assert "You can no longer edit the application" in page.inner_text("main")  # the confirmation step
    assert_accessible(page)
    page.click("button:has-text('Submit the application')")
    assert "is submitted to the agency" in page.inner_text("main")
    application = Application.objects.get(provider=provider)
    assert application.status == Application.Status.SCREENING
    assert_accessible(page)
    logout(page)

    # Coordinator: screen and compose the panel from the suggestion.
    login(page, coordinator)
    open_task(page, "Screen the application")
    assert_accessible(page)
    page.check("input[value=accept]")
    page.click("button:has-text('Record the screening')")
    open_task(page, "Compose the review panel")
    assert "Suggested panel" in page.inner_text("main")
    assert_accessible(page)
    page.click("button:has-text('Invite the panel')")
    assert "reviewers are invited" in page.inner_text("main")
    logout(page)

    # Three reviewers, each on their own: accept, judge, submit.
    for reviewer in reviewers:
        login(page, reviewer)
        open_task(page, "Review the application")
        assert_accessible(page)
        page.check("input[value=accept]")
        page.click("button:has-text('Send my answer')")
        fill_all(page, "value_", 1)
        fill_all(page, "level_", 1)
        fill_all(page, "workload_", 1)
        page.select_option("#id_recommendation", "accredit")
        assert_accessible(page)
        page.click("button:has-text('Submit the review')")
        assert "Your review is submitted" in page.inner_text("main")
        logout(page)

    # Coordinator: consolidate.
    login(page, coordinator)
    open_task(page, "Consolidate the reviews")
    assert_accessible(page)
    fill_all(page, "value_", 1)
    page.select_option("#id_recommendation", "accredit")
    page.click("button:has-text('Complete and send the draft report')")
    logout(page)

    # Provider: comment on the draft report.
    login(page, provider_staff)
    open_task(page, "Comment on the draft report")
    assert_accessible(page)
    page.fill("#id_text", "No factual errors.")
    page.click("button:has-text('Send my comments')")
    logout(page)

    # Coordinator: finalise.
    login(page, coordinator)
    open_task(page, "Finalise the review report")
    page.check("#id_confirm")
    page.click("button:has-text('Issue the final report')")
    logout(page)

    # Officer: decide.
    login(page, authority_officer)
    page.goto("/authority/")
    assert application.reference in page.inner_text("main")
    assert_accessible(page)
    open_task(page, "Decide on the application")
    assert_accessible(page)
    page.check("input[value=accredit]")
    page.fill("#id_rationale", "Meets ESG Part 1 and the EU principles.")
    page.click("button:has-text('Record the decision')")
    assert "published on the public register at once" in page.inner_text("main")  # the confirmation step
    page.click("button:has-text('Record the decision')")

    application.refresh_from_db()
    assert application.status == Application.Status.ACCREDITED
    entry = application.register_entry
    assert [item.title for item in entry.scope_items.all()] == ["Applied Data Analysis"]
    page.goto(f"/applications/{application.pk}/")
    body = page.inner_text("main")
    assert "Accredited" in body and "Accreditation certificate v1" in body
    assert_accessible(page)
    assert MicroCredential.objects.count() == 1
