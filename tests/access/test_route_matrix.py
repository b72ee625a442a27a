"""Persona x route matrix: every URL pattern of the project (read from the URL resolver: a new route without a
row here fails `test_every_route_has_a_row`), requested by every persona with real ids of objects at several
stages of an application, must answer what its row expects; a POST refused to a persona must change nothing.

To add a route: add a row to ROUTES under its pattern (as `all_routes()` prints it) with one or more cases:
`public()` (everyone 200), `alike()` (everyone the same answer, never a 5xx), or `only(personas, ...)` (those
personas get `ok`, the anonymous visitor the sign-in page, everyone else `denied`, 404 unless the row says 403).
The admin site's routes are checked by `test_admin_site_is_for_administrators_only`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accreditation.models import Application

from .routes import all_routes
from .world import (
    ADMIN,
    ANON,
    CHAIR,
    COORD,
    COORD_B,
    EXPERT,
    OFFICER,
    OFFICER_B,
    PERSONAS,
    REVIEWER_OFF,
    STAFF_A,
    STAFF_B,
    STUDENT,
    TWO_ROLES,
    World,
    fingerprint,
)

LOGIN = "sign-in page"
ALL = frozenset(PERSONAS)
SIGNED_IN = ALL - {ANON}
PANEL = frozenset({CHAIR, EXPERT, STUDENT})
REVIEWERS = PANEL | {REVIEWER_OFF, TWO_ROLES}
STAFF = frozenset({STAFF_A, STAFF_B})
COORDINATORS = frozenset({COORD, COORD_B})
OFFICERS = frozenset({OFFICER, OFFICER_B, TWO_ROLES})
# Who sees provider A's application at each stage: its staff always; once submitted its agency and authority;
# once the panel is seated, the panel (through guardian's view_application).
SEES = {
    "draft": frozenset({STAFF_A}),
    "screening": frozenset({STAFF_A, COORD, OFFICER, TWO_ROLES}),
    "review": frozenset({STAFF_A, COORD, OFFICER, TWO_ROLES}) | PANEL,
    "decided": frozenset({STAFF_A, COORD, OFFICER, TWO_ROLES}) | PANEL,
}
# The draft report: those preparing it, not the authority (not even an officer holding a reviewer membership).
PREPARES = frozenset({STAFF_A, COORD}) | PANEL


@dataclass(frozen=True)
class Case:
    kwargs: Callable[[World], dict]
    allowed: frozenset = ALL
    ok: int = 200
    denied: int = 404
    anonymous: int | str = LOGIN
    get: bool = True
    post: dict | None = None  # sent by every persona outside `allowed`: refused, and no effect
    alike: bool = False  # everyone gets the same answer (public routes whose answer depends on the data only)
    label: str = ""


def _kwargs(**names) -> Callable[[World], dict]:
    """URL kwargs from the world's ids: _kwargs(pk="decided application")."""
    return lambda world: {key: world.ids[name] for key, name in names.items()}


def fixed(**kwargs) -> Callable[[World], dict]:
    return lambda world: kwargs


NONE = fixed()


def public(kwargs=NONE, ok: int = 200, label: str = "") -> Case:
    return Case(kwargs, ALL, ok=ok, anonymous=ok, label=label)


def alike(kwargs=NONE, label: str = "") -> Case:
    return Case(kwargs, ALL, alike=True, label=label)


def only(allowed, kwargs=NONE, *, ok=200, denied=404, get=True, post=None, label="") -> Case:
    return Case(kwargs, frozenset(allowed), ok=ok, denied=denied, get=get, post=post, label=label)


def on_task(step_id: str, owner: str, *, post: dict, ok: int = 200) -> Case:
    """A task page: its owner gets `ok` (302 back to the application once the task is done), everyone else 404."""
    return only({owner}, _kwargs(pk=step_id), ok=ok, post=post, label=step_id)


def application_case(stage: str, route_kwargs: dict | None = None) -> Case:
    return only(SEES[stage], _kwargs(**(route_kwargs or {"pk": f"{stage} application"})), label=stage)


UUID = "0b6a2c4e-3a34-4f25-9d38-0f7a8d1b2c3d"

ROUTES: dict[str, list[Case]] = {
    # Public pages and downloads: the same for everyone.
    "": [public()],
    "healthz": [public()],
    "favicon.ico": [alike()],
    "frameworks/": [public()],
    "register/": [public()],
    "register/counts/": [public()],
    "register/providers/<int:pk>/": [
        public(_kwargs(pk="provider A"), label="published provider"),
        public(_kwargs(pk="provider B"), ok=404, label="provider never accredited"),
    ],
    "register/verify/": [public()],
    "register/verify/<str:certificate_id>/": [public(_kwargs(certificate_id="certificate id"))],
    "register/feed.atom": [public()],
    "register/events.json": [public()],
    "register/export.csv": [public()],
    "register/export.xlsx": [public()],
    "register/export.json": [public()],
    "register/export/elm.xml": [public()],
    "register/export/elm.jsonld": [public()],
    "register/export/elm/<str:country>.jsonld": [alike(fixed(country="IE"))],
    "register/export/deqar.json": [public()],
    "register/export/deqar-warnings.json": [alike()],
    "register/exports/<uuid:token>/": [public(fixed(token=UUID), ok=404, label="unknown job")],
    "register/exports/<uuid:token>/register.xlsx": [public(fixed(token=UUID), ok=404, label="unknown job")],
    "register/exports/<uuid:token>/register.xlsx.jws": [alike(fixed(token=UUID))],
    "register/documents/<int:pk>/": [
        public(_kwargs(pk="final_report"), label="final report"),
        public(_kwargs(pk="certificate"), label="certificate"),
        public(_kwargs(pk="draft_report"), ok=404, label="draft report"),
    ],
    "register/entries/<int:pk>/credential.jwt": [public(_kwargs(pk="entry"))],
    "register/entries/<int:pk>/credential.json": [public(_kwargs(pk="entry"))],
    "register/status/<str:purpose>/<int:number>.jwt": [alike(fixed(purpose="revocation", number=1))],
    "register/verify/document/": [alike()],
    "register/check/": [public()],
    "register/check.json": [alike()],
    # Persistent identifiers of what the register publishes.
    # Without an Accept header these send the reader on to the page (303, content negotiation).
    "register/entries/<int:pk>/": [public(_kwargs(pk="entry"), ok=303)],
    "register/micro-credentials/<int:pk>/": [public(_kwargs(pk="scope item"), ok=303)],
    "register/providers/<int:pk>/record.json": [
        public(_kwargs(pk="provider A"), label="published provider"),
        alike(_kwargs(pk="provider B"), label="provider never accredited"),
    ],
    "audit/head": [alike()],
    "register/agencies/<int:pk>/": [public(_kwargs(pk="agency"))],
    "register/authorities/<int:pk>/": [public(_kwargs(pk="authority"))],
    "register/trust-list.jws": [public()],
    "register/trust-list.json": [public()],
    "register/signed/<path:name>.jws": [alike(fixed(name="export.csv"))],
    "register/signed/<path:name>": [alike(fixed(name="export.csv"))],
    ".well-known/jwks.json": [public()],
    ".well-known/did.json": [public()],
    # The read-only API: public data only, the same for everyone.
    "api/v1/": [public()],
    "api/v1/<drf_format_suffix:format>": [public(fixed(format="json"))],
    "api/v1/^entries/$": [public()],
    "api/v1/^entries\\.(?P<format>[a-z0-9]+)/?$": [public(fixed(format="json"))],
    "api/v1/^entries/(?P<certificate_id>[^/.]+)/$": [public(_kwargs(certificate_id="certificate id"))],
    "api/v1/^entries/(?P<certificate_id>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": [
        public(lambda world: {"certificate_id": world.ids["certificate id"], "format": "json"})
    ],
    "api/v1/^providers/$": [public()],
    "api/v1/^providers\\.(?P<format>[a-z0-9]+)/?$": [public(fixed(format="json"))],
    "api/v1/^providers/(?P<pk>[^/.]+)/$": [
        public(_kwargs(pk="provider A"), label="published provider"),
        public(_kwargs(pk="provider B"), ok=404, label="provider never accredited"),
    ],
    "api/v1/^providers/(?P<pk>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": [
        public(lambda world: {"pk": world.ids["provider B"], "format": "json"}, ok=404, label="never accredited")
    ],
    "api/schema/": [public()],
    "api/docs/": [public()],
    # Accounts.
    "accounts/login/": [public()],
    "accounts/logout/": [public(ok=405)],
    "accounts/password_reset/": [public()],
    "accounts/password_reset/done/": [public()],
    "accounts/reset/<uidb64>/<token>/": [public(fixed(uidb64="MQ", token="bad-token"))],
    "accounts/reset/done/": [public()],
    "accounts/password_change/": [only(SIGNED_IN)],
    "accounts/password_change/done/": [only(SIGNED_IN)],
    # The administrator has a device: setting one up sends them on to it; the others have none to verify.
    "accounts/two-factor/": [only(SIGNED_IN - {ADMIN}, denied=302)],
    "accounts/two-factor/verify/": [only({ADMIN}, denied=302)],
    "accounts/two-factor/remove/": [only(SIGNED_IN)],
    "accounts/preferences/": [only(SIGNED_IN)],
    "i18n/setlang/": [alike()],
    # My tasks and the flow's steps: only the owner, and only while they hold the right behind the task.
    "tasks/": [only(SIGNED_IN)],
    "tasks/<int:pk>/": [only({COORD}, _kwargs(pk="screen task"), ok=302)],
    "tasks/<int:pk>/screen/": [
        on_task("screen task", COORD, post={"outcome": "accept"}),
        on_task("done screen", COORD, post={"outcome": "accept"}, ok=302),
    ],
    "tasks/<int:pk>/revise/": [on_task("done revise", STAFF_A, post={"response": "Here."}, ok=302)],
    "tasks/<int:pk>/revise/attach/": [
        only({STAFF_A}, _kwargs(pk="done revise"), ok=302, get=False, post={"kind": "response"}, label="done revise")
    ],
    "tasks/<int:pk>/revise/remove/": [
        only({STAFF_A}, _kwargs(pk="done revise"), ok=302, get=False, post={"document": "1"}, label="done revise")
    ],
    "tasks/<int:pk>/compose-panel/": [on_task("done compose_panel", COORD, post={}, ok=302)],
    "tasks/<int:pk>/site-visit/": [
        # No site visit in this agency's process: a task of another step under this URL is not found.
        only(set(), _kwargs(pk="screen task"), post={"site_visit_mode": "online"}, label="screen task")
    ],
    "tasks/<int:pk>/review/": [
        on_task("review task", EXPERT, post={"answer": "decline", "declaration": "Not me."}),
        on_task("done review", EXPERT, post={"answer": "accept"}, ok=302),
    ],
    "tasks/<int:pk>/review/submit/": [
        only({EXPERT}, _kwargs(pk="done review"), ok=302, get=False, post={"summary": "x"}, label="done review")
    ],
    "tasks/<int:pk>/consolidate/": [on_task("done consolidate", COORD, post={"summary": "x"}, ok=302)],
    "tasks/<int:pk>/consolidate/complete/": [
        only({COORD}, _kwargs(pk="done consolidate"), ok=302, get=False, post={}, label="done consolidate")
    ],
    "tasks/<int:pk>/comment/": [on_task("done comment", STAFF_A, post={"text": "Fine."}, ok=302)],
    "tasks/<int:pk>/finalise/": [on_task("done finalise", COORD, post={"confirm": "on"}, ok=302)],
    "tasks/<int:pk>/decide-identity-change/": [
        on_task("identity change task", OFFICER, post={"outcome": "refuse", "reason": "No."}),
        on_task("screen task", "nobody", post={"outcome": "refuse", "reason": "No."}),
    ],
    "tasks/<int:pk>/report-on-condition/": [on_task("report condition task", STAFF_A, post={"text": "Done."})],
    "tasks/<int:pk>/assess-condition-report/": [
        on_task("assess condition task", COORD, post={"assessment": "met"}),
        on_task("report condition task", "nobody", post={"assessment": "met"}),
    ],
    "tasks/<int:pk>/decide-on-condition/": [
        on_task("decide condition task", OFFICER, post={"decision": "withdraw", "reason": "x", "confirmed": "yes"})
    ],
    "tasks/<int:pk>/decide/": [
        on_task("done decide", OFFICER, post={"outcome": "refuse", "rationale": "No."}, ok=302),
        on_task("screen task", "nobody", post={"outcome": "refuse", "rationale": "No."}),
    ],
    # Applications and what derives from them.
    "applications/<int:pk>/": [application_case(stage) for stage in SEES],
    "applications/<int:pk>/evidence/<int:doc_pk>/": [
        application_case(stage, {"pk": f"{stage} application", "doc_pk": f"{stage} evidence"}) for stage in SEES
    ],
    "documents/<int:pk>/": [
        only(PREPARES, _kwargs(pk="draft_report"), label="draft report"),
        only(SEES["decided"], _kwargs(pk="final_report"), label="final report"),
        only(SEES["decided"], _kwargs(pk="decision_letter"), label="decision letter"),
    ],
    # The provider workspace.
    "provider/": [only(STAFF)],
    "provider/profile/": [only(STAFF, post={"legal_name": "Renamed", "type": "company", "country": "MT"})],
    "provider/catalogue/new/": [only(STAFF, post={"title": "Planted"})],
    "provider/catalogue/<int:pk>/": [only({STAFF_A}, _kwargs(pk="credential of A"), post={"title": "Renamed"})],
    "provider/catalogue/findings/": [only(STAFF, get=False, post={"title": "x"})],
    "provider/catalogue/import/": [only(STAFF, post={})],
    "provider/catalogue/import/template.xlsx": [only(STAFF)],
    "provider/applications/new/": [only(STAFF, post={"summary": "Planted"})],
    "provider/applications/<int:pk>/": [
        only({STAFF_A}, _kwargs(pk="draft application"), post={"summary": "Changed"}, label="draft"),
        only({STAFF_A}, _kwargs(pk="decided application"), ok=302, post={"summary": "Changed"}, label="decided"),
    ],
    "provider/applications/<int:pk>/evidence/": [
        only({STAFF_A}, _kwargs(pk="draft application"), ok=302, post={"kind": "annex", "title": "x"}, label="draft")
    ],
    "provider/applications/<int:pk>/evidence/<int:doc_pk>/remove/": [
        only({STAFF_A}, _kwargs(pk="draft application", doc_pk="draft evidence"), get=False, post={}, label="draft")
    ],
    "provider/applications/<int:pk>/submit/": [
        only({STAFF_A}, _kwargs(pk="draft application"), get=False, post={}, label="draft")
    ],
    "provider/applications/<int:pk>/delete/": [
        only({STAFF_A}, _kwargs(pk="draft application"), get=False, post={"confirmed": "yes"}, label="draft")
    ],
    "applications/<int:pk>/withdraw/": [
        only({STAFF_A}, _kwargs(pk="screening application"), post={"reason": "x", "confirmed": "yes"}, label="open"),
        only({STAFF_A}, _kwargs(pk="decided application"), ok=302, post={"reason": "x"}, label="decided"),
    ],
    # The agency workspace.
    "agency/": [only(COORDINATORS)],
    "agency/reviewers/": [only(COORDINATORS)],
    "agency/exports/applications.xlsx": [only(COORDINATORS)],
    "agency/exports/reviewers.xlsx": [only(COORDINATORS)],
    "agency/<int:pk>/deqar/": [only({COORD}, _kwargs(pk="agency"))],
    "agency/<int:pk>/deqar/send/": [only({COORD}, _kwargs(pk="agency"), get=False, post={})],
    "panel-members/<int:pk>/chase/": [only({COORD}, _kwargs(pk="chair's seat"), get=False, post={})],
    "panel-members/<int:pk>/replace/": [
        only({COORD}, _kwargs(pk="chair's seat"), post={"reviewer": "1"}, label="under review"),
        only(set(), _kwargs(pk="decided chair's seat"), post={"reviewer": "1"}, label="decided"),
    ],
    # Reviewers.
    "reviews/": [only(REVIEWERS)],
    "reviews/profile/": [only(REVIEWERS, post={"languages": "xx"})],
    "reviews/applications/<int:pk>/print/": [
        only({COORD}, _kwargs(pk="decided application"), label="decided"),
        only({COORD}, _kwargs(pk="screening application"), ok=404, label="no panel yet"),
    ],
    # The authority.
    "authority/": [only(OFFICERS)],
    "authority/certificates/reissue/": [only(OFFICERS, get=False, post={})],
    "register/entries/<int:pk>/manage/": [
        only({OFFICER, TWO_ROLES}, _kwargs(pk="entry"), denied=403, post={"change": "withdrawn", "reason": "x"})
    ],
    # Statistics and background jobs.
    "statistics/": [only(COORDINATORS | OFFICERS)],
    "statistics.xlsx": [only(COORDINATORS | OFFICERS)],
    "jobs/<int:pk>/": [only({STAFF_A}, _kwargs(pk="job"))],
    "jobs/<int:pk>/checked.xlsx": [only({STAFF_A}, _kwargs(pk="job"))],
    "jobs/<int:pk>/file/": [only({STAFF_A}, _kwargs(pk="job"))],
    "jobs/<int:pk>/import/": [only({STAFF_A}, _kwargs(pk="job"), get=False, post={})],
}


def test_every_route_has_a_row():
    routes = {route for route in all_routes() if not route.startswith("admin/")}
    assert sorted(routes - set(ROUTES)) == [], "routes without a row in the access matrix"
    assert sorted(set(ROUTES) - routes) == [], "rows of routes that no longer exist"


def _expected(case: Case, persona: str):
    if persona == ANON:
        return case.anonymous
    return case.ok if persona in case.allowed else case.denied


def _answers(response, expected) -> bool:
    if expected == LOGIN:
        return response.status_code == 302 and response["Location"].startswith(reverse("login"))
    return response.status_code == expected


def _url(route: str, case: Case, world: World) -> str:
    return reverse(all_routes()[route], kwargs=case.kwargs(world))


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    # The matrix sends many requests from one address: rate limits have tests of their own.
    settings.RATELIMIT_ENABLE = False


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_route(route, world, db):
    problems = []
    for case in ROUTES[route]:
        url = _url(route, case, world)
        seen = {}
        for persona in PERSONAS:
            client = world.clients[persona]
            if case.get:
                response = client.get(url)
                seen[persona] = response.status_code
                if response.status_code >= 500:
                    problems.append(f"{case.label} GET {url} as {persona}: {response.status_code}")
                elif not case.alike and not _answers(response, _expected(case, persona)):
                    problems.append(
                        f"{case.label} GET {url} as {persona}: {response.status_code}, "
                        f"expected {_expected(case, persona)}"
                    )
            if case.post is not None and persona not in case.allowed:
                before = fingerprint()
                response = client.post(url, case.post)
                if not _answers(response, _expected(case, persona)):
                    problems.append(
                        f"{case.label} POST {url} as {persona}: {response.status_code}, "
                        f"expected {_expected(case, persona)}"
                    )
                if fingerprint() != before:
                    problems.append(f"{case.label} POST {url} as {persona} changed something")
        if case.alike and len(set(seen.values())) > 1:
            problems.append(f"{case.label} GET {url}: answers differ by persona {seen}")
    assert not problems, "\n".join(problems)


# The admin site guards all its pages in one place (AdminSite.admin_view): one persona of each kind stands for the
# rest there, which keeps this test fast.
ADMIN_PERSONAS = (ANON, STAFF_A, COORD, CHAIR, OFFICER, TWO_ROLES, ADMIN)
# The admin site's own pages open to anyone (its sign-in form; signing out is a POST).
ADMIN_OPEN = {"admin:login", "admin:logout"}


def _admin_models() -> dict:
    """{URL name: model} for each model's pages on the admin site."""
    names = {}
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        for action in ("changelist", "add", "change", "delete", "history", "password_change"):
            names[prefix + action] = model
    return names


def _admin_url(route: str, name: str | None, models: dict) -> str:
    if name is None:
        # Unnamed: the old object URL that redirects to its change page, and the catch-all of unknown pages.
        if "<path:object_id>" in route:
            return "/" + route.replace("<path:object_id>", "1")
        return reverse("admin:index") + "no-such-page/"
    kwargs = {}
    for argument in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route):
        argument = argument[0] or argument[1]
        if argument in ("object_id", "id", "pk"):
            model = models.get(name)
            first = model._default_manager.order_by("pk").first() if model is not None else None
            kwargs[argument] = first.pk if first is not None else 1
        elif argument == "content_type_id":
            kwargs[argument] = ContentType.objects.get_for_model(Application).pk
        elif argument == "app_label":
            kwargs[argument] = "accreditation"
    return reverse(name, kwargs=kwargs)


def _admin_expects(route: str, name: str | None, persona: str, response, admin_login: str) -> bool:
    if response.status_code >= 500:
        return False
    if name in ADMIN_OPEN:
        return True
    if name is None and "<path:object_id>" in route:
        return response.status_code == 302  # to the change page, which has its own row
    signed_out = response.status_code == 302 and response["Location"].startswith(admin_login)
    # The administrator is let in; a page's own rules may still refuse (read-only models: 403; unknown: 404).
    return not signed_out if persona == ADMIN else signed_out


def test_admin_site_is_for_administrators_only(world, db):
    """Every admin route: everyone but the administrator is sent to the admin's sign-in page, and a POST from
    them (to add, change or delete) changes nothing; the administrator gets the page."""
    models = _admin_models()
    admin_login = reverse("admin:login")
    problems = []
    for route, name in sorted(all_routes().items()):
        if not route.startswith("admin/"):
            continue
        url = _admin_url(route, name, models)
        for persona in ADMIN_PERSONAS:
            response = world.clients[persona].get(url)
            if not _admin_expects(route, name, persona, response, admin_login):
                problems.append(f"GET {url} as {persona}: {response.status_code} {response.get('Location', '')}")
        if name and name.endswith(("_add", "_change", "_delete", "_password_change")):
            before = fingerprint()
            for persona in ADMIN_PERSONAS:
                if persona == ADMIN:
                    continue
                response = world.clients[persona].post(url, {"post": "yes", "legal_name": "Taken over"})
                if response.status_code != 302:
                    problems.append(f"POST {url} as {persona}: {response.status_code}")
            if fingerprint() != before:
                problems.append(f"a POST to {url} by someone other than the administrator changed something")
    assert not problems, "\n".join(problems)
