"""The public register: search with filters and counts, provider pages (also as of a past date), certificate
verification and the feed of changes. Only published entries are ever read here."""

import datetime
import hashlib

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frameworks.models import EqfLevel
from frameworks.vocabularies import Country

from ..filters import RegisterFilter, published_entries
from ..models import IssuedDocument, Provider, RegisterEntry, RegisterEvent, RegisterScopeItem
from ..models.register import EntryStatus

PAGE_SIZE = 20
MAX_PAGE = 10_000
SUMMARY_SECONDS = 300


def filtered(request: HttpRequest) -> RegisterFilter:
    return RegisterFilter(request.GET or None, queryset=published_entries())


def facets(queryset) -> dict[str, list[tuple[str, str, int]]]:
    """Counts per filter value for the current result (one query per facet, whatever the data size)."""
    ids = queryset.order_by().values("pk")
    country = dict(Country.choices)
    by_country = queryset.order_by().values("provider__country").annotate(n=Count("pk")).order_by("provider__country")
    by_level = (
        RegisterScopeItem.objects.filter(entry__in=ids, eqf_level__isnull=False)
        .values("eqf_level")
        .annotate(n=Count("entry", distinct=True))
        .order_by("eqf_level")
    )
    by_status = queryset.order_by().values("effective_status").annotate(n=Count("pk")).order_by("effective_status")
    return {
        "country": [
            (row["provider__country"], country.get(row["provider__country"], ""), row["n"]) for row in by_country
        ],
        "eqf_level": [(str(row["eqf_level"]), EqfLevel(row["eqf_level"]).label, row["n"]) for row in by_level],
        "status": [
            (row["effective_status"], EntryStatus(row["effective_status"]).label, row["n"]) for row in by_status
        ],
    }


def register_version() -> str:
    """Changes whenever an entry or its history changes: part of every cache key of the register."""
    entry = RegisterEntry.objects.aggregate(last=Max("updated_at"))["last"]
    event = RegisterEvent.objects.aggregate(last=Max("recorded_at"))["last"]
    return f"{entry}|{event}"


def summary(register_filter: RegisterFilter, query: str) -> dict:
    """The result count and the counts per filter value, cached until the register changes: they cost the most
    to compute and are the same for every page of one search."""
    key = "register:summary:" + hashlib.sha256(f"{query}|{register_version()}".encode()).hexdigest()
    cached = cache.get(key)
    if cached is None:
        queryset = register_filter.qs
        cached = {"count": queryset.count(), "facets": facets(queryset)}
        cache.set(key, cached, SUMMARY_SECONDS)
    return cached


def search(request: HttpRequest) -> HttpResponse:
    register_filter = filtered(request)
    if register_filter.is_bound and not register_filter.is_valid():
        return render(
            request, "accreditation/register/search.html", {"filter": register_filter, "invalid": True}, status=400
        )
    entries = register_filter.qs.prefetch_related(
        Prefetch("scope_items", queryset=RegisterScopeItem.objects.order_by("title"))
    )
    page_number = request.GET.get("page", "1")
    if not page_number.isdigit() or not 1 <= int(page_number) <= MAX_PAGE:
        page_number = "1"
    query = request.GET.copy()
    query.pop("page", None)
    totals = summary(register_filter, query.urlencode())
    paginator = Paginator(entries, PAGE_SIZE)
    paginator.count = totals["count"]  # known from the summary: no second COUNT query
    page = paginator.get_page(page_number)
    return render(
        request,
        "accreditation/register/search.html",
        {
            "filter": register_filter,
            "page": page,
            "facets": totals["facets"],
            "query": query.urlencode(),
            "export_query": query.urlencode(),
        },
    )


def _as_of(request) -> datetime.date | None:
    value = request.GET.get("as_of", "")
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError:
        return None


def provider_page(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider.objects.filter(register_entries__isnull=False).distinct(), pk=pk)
    as_of = _as_of(request)
    if request.GET.get("as_of") and as_of is None:
        return render(
            request, "accreditation/register/provider.html", {"provider": provider, "bad_date": True}, status=400
        )
    entries = RegisterEntry.objects.filter(provider=provider).select_related(
        "agency", "authority", "decision", "application"
    )
    entries = entries.as_of(as_of) if as_of else entries.with_effective_status()
    entries = entries.prefetch_related(
        Prefetch(
            "scope_items", queryset=RegisterScopeItem.objects.select_related("version", "field").order_by("title")
        ),
        Prefetch("events", queryset=RegisterEvent.objects.order_by("effective_on", "pk")),
        Prefetch(
            "application__documents",
            queryset=IssuedDocument.objects.filter(kind__in=IssuedDocument.PUBLIC_KINDS).order_by("kind", "-version"),
        ),
    ).order_by("-valid_from")
    return render(
        request,
        "accreditation/register/provider.html",
        {"provider": provider, "entries": entries, "as_of": as_of, "today": timezone.localdate()},
    )


VERDICTS = {
    EntryStatus.ACTIVE: gettext_lazy("Valid"),
    EntryStatus.EXPIRED: gettext_lazy("Expired"),
    EntryStatus.SUSPENDED: gettext_lazy("Suspended"),
    EntryStatus.WITHDRAWN: gettext_lazy("Withdrawn"),
}


def verify(request: HttpRequest, certificate_id: str | None = None) -> HttpResponse:
    if certificate_id is None:
        typed = " ".join(request.GET.get("certificate_id", "").split()).upper()[:40]
        if typed:
            return redirect("register:verify", typed)
        return render(request, "accreditation/register/verify.html", {})
    entry = published_entries().filter(certificate_id=certificate_id.upper()[:40]).first()
    if entry is None:
        return render(
            request,
            "accreditation/register/verify.html",
            {"certificate_id": certificate_id[:40], "unknown": True},
            status=404,
        )
    return render(
        request,
        "accreditation/register/verify.html",
        {
            "certificate_id": entry.certificate_id,
            "entry": entry,
            "verdict": VERDICTS[entry.effective_status],
            "scope": entry.scope_items.order_by("title"),
            "last_event": entry.events.order_by("-effective_on", "-pk").first(),
        },
    )


class RegisterFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Trusted provider register: decisions and status changes")
    subtitle = gettext_lazy("Publications, suspensions, reinstatements and withdrawals of register entries.")

    def link(self):
        return reverse("register:search")

    def items(self):
        return RegisterEvent.objects.select_related("entry__provider").order_by("-recorded_at", "-pk")[:100]

    def item_title(self, event):
        return f"{event.entry.provider.legal_name}: {event.get_kind_display()}"

    def item_description(self, event):
        parts = [_("Status: %(status)s") % {"status": event.get_status_display()}]
        parts.append(_("Valid %(start)s to %(end)s") % {"start": event.valid_from, "end": event.valid_until})
        if event.reason:
            parts.append(event.reason)
        return " — ".join(parts)

    def item_link(self, event):
        return reverse("register:provider", args=[event.entry.provider_id]) + f"#entry-{event.entry.certificate_id}"

    def item_guid(self, event):
        return f"register-event-{event.pk}"

    def item_updateddate(self, event):
        return event.recorded_at

    def item_pubdate(self, event):
        return event.recorded_at
