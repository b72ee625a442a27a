"""Personas as fixtures: each is a real, non-superuser account with one membership."""

import pytest
from django.urls import get_resolver

from accreditation.models import Role

from .factories import (
    AgencyFactory,
    AuthorityFactory,
    MembershipFactory,
    ProviderFactory,
    UserFactory,
)


@pytest.fixture(scope="session", autouse=True)
def _urlconf_built():
    # viewflow's node.reverse() needs the URLconf loaded once.
    get_resolver().url_patterns  # noqa: B018


@pytest.fixture
def provider(db):
    return ProviderFactory(legal_name="Atlantic Technological College", country="IE")


@pytest.fixture
def other_provider(db):
    return ProviderFactory(legal_name="Other Institute", country="IE")


@pytest.fixture
def agency(db):
    return AgencyFactory(name="Quality Agency of Ireland", acronym="QAI")


@pytest.fixture
def other_agency(db):
    return AgencyFactory(name="Another Agency", acronym="AA")


@pytest.fixture
def authority(db):
    return AuthorityFactory(name="Irish Qualifications Authority", country="IE")


@pytest.fixture
def other_authority(db):
    return AuthorityFactory(name="Maltese Authority", country="MT")


def _member(username: str, role: str, **organisation):
    user = UserFactory(username=username, first_name=username.split("_")[0].capitalize(), last_name="Tester")
    MembershipFactory(user=user, role=role, **organisation)
    return user


@pytest.fixture
def provider_staff(provider):
    return _member("provider_staff", Role.PROVIDER_STAFF, provider=provider)


@pytest.fixture
def other_provider_staff(other_provider):
    return _member("other_staff", Role.PROVIDER_STAFF, provider=other_provider)


@pytest.fixture
def coordinator(agency):
    return _member("coordinator", Role.COORDINATOR, agency=agency)


@pytest.fixture
def other_coordinator(other_agency):
    return _member("other_coordinator", Role.COORDINATOR, agency=other_agency)


@pytest.fixture
def authority_officer(authority):
    return _member("officer", Role.OFFICER, authority=authority)


@pytest.fixture
def other_officer(other_authority):
    return _member("other_officer", Role.OFFICER, authority=other_authority)


@pytest.fixture
def outsider(db):
    """Signed in, but without any membership."""
    return UserFactory(username="outsider")


# The flow's fixtures (reviewers, a submitted application, the UI driver, the timer dispatcher) serve several
# test packages.
from .flow import driver, fire_timers, reviewers, submitted  # noqa: E402, F401


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests empty the database after each test; reseed the reference data when it is gone
    (serialized rollback alone proved unreliable once many transactional tests share a run)."""
    import importlib

    from django.apps import apps

    from frameworks.models import Framework

    if not Framework.objects.exists():
        importlib.import_module("frameworks.migrations.0002_reference_data").seed(apps, None)


@pytest.fixture(autouse=True)
def _empty_cache():
    """The register caches its counts per search; every test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()


# The browser fixtures live here so that every package's browser tests share one Chromium (two sync Playwright
# instances cannot run in one process).
import os  # noqa: E402
import shutil  # noqa: E402

from .browser import CHROMIUM_ARGS, SCREENSHOTS  # noqa: E402


@pytest.fixture(scope="session")
def browser():
    # The live server runs in a thread beside Playwright's event loop; Django must allow that for these tests.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: run `make browser` (CI installs it).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, reference_data, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()


# Tests that migrate the database backwards and forwards: whatever runs after them on the same worker may meet a
# database whose permissions no longer match, so they run last.
MIGRATING_TESTS = ("tests/security/test_layers_migration.py", "tests/workflow/test_flow_moved.py")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Every transactional test restores the database it found (serialized_rollback). One that does not leaves the
    table rows its flush re-creates (content types, permissions) for the next one on the same worker, whose restore
    then fails on them: which pairs meet depends on how xdist shares the tests out, so the failure comes and goes."""
    offenders = [
        item.nodeid
        for item in items
        for marker in item.iter_markers("django_db")
        if marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback")
    ]
    if offenders:
        raise pytest.UsageError(
            "transactional tests must also pass serialized_rollback=True: " + ", ".join(sorted(set(offenders)))
        )
    items.sort(key=lambda item: item.nodeid.startswith(MIGRATING_TESTS))

