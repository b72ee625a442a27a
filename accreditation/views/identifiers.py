"""The register's persistent identifiers dereference here (accreditation.identifiers mints them).

An entry's or accredited micro-credential's URI answers by content negotiation: a browser is sent to the page
that shows it (303, as the W3C's "Cool URIs for the Semantic Web" advises for a thing that is not a document);
other representations plug in by registering a builder for a media type, for example

    @representation("entry", "application/ld+json")
    def entry_as_json_ld(request, entry): ...

(ELM JSON-LD and XML, the signed credential `application/vc+jwt`). A client that accepts none of the registered
types gets 406 with the list of those it may ask for. Agencies and authorities have public pages of their own.
"""

from collections.abc import Callable

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from ..filters import published_entries
from ..identifiers import register_uris
from ..models import Agency, Authority, RegisterScopeItem

HTML = "text/html"
Builder = Callable[[HttpRequest, object], HttpResponse]
# kind ("entry", "micro-credential", "provider", "agency", "authority") -> media type -> builder
REPRESENTATIONS: dict[str, dict[str, Builder]] = {}


def representation(kind: str, media_type: str) -> Callable[[Builder], Builder]:
    """Register `builder(request, obj)` as the answer to `Accept: media_type` at the URIs of this kind."""

    def register(builder: Builder) -> Builder:
        REPRESENTATIONS.setdefault(kind, {})[media_type] = builder
        return builder

    return register


def negotiate(request: HttpRequest, kind: str, obj, html: Callable[[], HttpResponse]) -> HttpResponse:
    """The representation the client prefers among HTML and those registered for the kind."""
    builders = REPRESENTATIONS.get(kind, {})
    offered = [HTML, *builders]
    accept = request.headers.get("Accept", "")
    chosen = request.get_preferred_type(offered) if accept.strip() else HTML
    if chosen is None:
        response = HttpResponse(
            _("None of the requested types is available. Ask for one of: %(types)s.") % {"types": ", ".join(offered)},
            status=406,
            content_type="text/plain; charset=utf-8",
        )
    elif chosen == HTML:
        response = html()
    else:
        response = builders[chosen](request, obj)
    if builders:
        patch_vary_headers(response, ["Accept"])
    response["Link"] = f'<{getattr(register_uris(request), kind.replace("-", "_"))(obj.pk)}>; rel="canonical"'
    return response


def entry(request: HttpRequest, pk: int) -> HttpResponse:
    """A register entry's URI; for browsers its section of the provider's page."""
    found = get_object_or_404(published_entries(), pk=pk)
    page = reverse("register:provider", args=[found.provider_id]) + f"#entry-{found.certificate_id}"
    return negotiate(request, "entry", found, lambda: _see_other(page))


def micro_credential(request: HttpRequest, pk: int) -> HttpResponse:
    """An accredited micro-credential's URI; for browsers the entry that accredits it, on the provider's page."""
    item = get_object_or_404(
        RegisterScopeItem.objects.select_related("entry").filter(entry__in=published_entries().values("pk")), pk=pk
    )
    page = reverse("register:provider", args=[item.entry.provider_id]) + f"#entry-{item.entry.certificate_id}"
    return negotiate(request, "micro-credential", item, lambda: _see_other(page))


def _see_other(location: str) -> HttpResponse:
    response = HttpResponse(status=303)
    response["Location"] = location
    return response


def _organisation_page(request, kind: str, organisation, entries, template: str) -> HttpResponse:
    entries = (
        entries.select_related(None)
        .select_related("provider")
        .annotate(items=Count("scope_items"))
        .order_by("provider__legal_name", "pk")
    )
    context = {
        "organisation": organisation,
        "uri": getattr(register_uris(request), kind)(organisation.pk),
        "entries": entries,
    }
    return negotiate(request, kind, organisation, lambda: render(request, template, context))


def agency(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Agency, pk=pk)
    return _organisation_page(
        request, "agency", found, published_entries().filter(agency=found), "accreditation/register/agency.html"
    )


def authority(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Authority, pk=pk)
    return _organisation_page(
        request,
        "authority",
        found,
        published_entries().filter(authority=found),
        "accreditation/register/authority.html",
    )
