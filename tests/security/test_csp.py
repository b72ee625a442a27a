"""The Content-Security-Policy allows no inline style (nor inline script): the header says so, no template or chart
carries a style attribute or element, and pages in a real browser report no violation of the policy."""

import re
from pathlib import Path

import pytest

from reports.charts import bar_chart
from tests.browser import login
from tests.factories import UserFactory, make_register_entry

ROOT = Path(__file__).resolve().parents[2]
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)


def _directive(policy: str, name: str) -> str:
    return next(part.strip() for part in policy.split(";") if part.strip().startswith(name + " "))


@pytest.mark.django_db
def test_the_policy_allows_styles_and_scripts_only_from_our_files(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert _directive(policy, "style-src") == "style-src 'self'"
    assert _directive(policy, "script-src") == "script-src 'self'"


def test_no_template_has_an_inline_style():
    templates = [p for p in ROOT.glob("*/templates/**/*.html") if ".venv" not in p.parts]
    templates += list((ROOT / "templates").glob("**/*.html"))
    assert [str(p.relative_to(ROOT)) for p in templates if INLINE_STYLE.search(p.read_text())] == []


def test_charts_use_presentation_attributes_not_styles():
    svg = bar_chart("Applications by country", [("Ireland", 3), ("Malta", 1)])
    assert not INLINE_STYLE.search(svg) and 'class="chart"' in svg


def test_htmx_is_told_not_to_add_its_indicator_style(client, db):
    page = client.get("/").content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in page
    css = (ROOT / "static" / "css" / "site.css").read_text()
    assert ".htmx-request .htmx-indicator" in css


# Collects every violation the page reports, from before its first script runs.
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline') + ' ' +
                              (event.sourceFile || '') + ':' + event.lineNumber);
});
"""


def _violations(page, path: str) -> list[str]:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_report_no_policy_violation(page, provider_staff, provider, coordinator, settings):
    settings.TWO_FACTOR_ENFORCED = False  # the administrator's pages are what is checked here
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(LISTEN)
    entry = make_register_entry(provider=provider)
    public = [
        "/",
        "/register/",
        f"/register/providers/{provider.pk}/",
        f"/register/verify/{entry.certificate_id}/",
        "/register/check/",
        "/frameworks/",
        "/api/docs/",
        "/accounts/login/",
    ]
    found = {path: _violations(page, path) for path in public}

    login(page, provider_staff)
    for path in ["/tasks/", "/provider/", "/provider/profile/", "/provider/catalogue/new/", "/accounts/two-factor/"]:
        found[path] = _violations(page, path)
    # An htmx request (the live findings of the specification form) runs with its indicator.
    page.goto("/provider/catalogue/new/")
    page.fill("#id_title", "Data analysis")
    page.locator("#id_title").dispatch_event("change")
    page.wait_for_load_state("networkidle")
    found["htmx findings"] = page.evaluate("window.__cspViolations")
    page.context.clear_cookies()

    login(page, coordinator)
    for path in ["/agency/", "/statistics/"]:
        found[path] = _violations(page, path)
    page.context.clear_cookies()

    admin = UserFactory(username="csp-admin", is_staff=True, is_superuser=True)
    login_page = page
    login_page.goto("/admin/login/")
    login_page.fill("#id_username", admin.username)
    login_page.fill("#id_password", "correct-horse-battery-staple")
    login_page.click("input[type=submit], button[type=submit]")
    login_page.wait_for_load_state()
    for path in ["/admin/", "/admin/accreditation/provider/", f"/admin/accreditation/provider/{provider.pk}/change/"]:
        found[path] = _violations(page, path)

    assert {path: found_here for path, found_here in found.items() if found_here} == {}
    assert [line for line in console if "Content Security Policy" in line] == []
