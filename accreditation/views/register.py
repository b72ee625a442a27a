"""The public register: search with filters and counts, provider pages (also as of a past date), certificate
verification and the feed of changes. Only published entries are ever read here."""

import datetime
import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy

from frameworks.vocabularies import Country
from reports.text import clean_text

from ..filters import RegisterFilter, published_entries
from ..models import IssuedDocument, Provider, RegisterEntry, RegisterEvent, RegisterScopeItem
from ..models.register import EntryStatus
from ..page_cache import register_version
from ..register_counts import count_by_value, facet_links, facets
from ..register_history import said_on
from ..register_index import read_through_indexes, suggestion

PAGE_SIZE = 20
FEW_MATCHES = 2000  # a text search with no more matches sorts them, rather than walking the sort order's index
PREVIEW = 3  # accredited micro-credentials listed per result; the provider's page lists them all
# Pages of a search beyond the first 1,000 results are not served (as large search engines do): reading page N
# means sorting and skipping every match before it, so page 500 of a search cost 18 times page 1. The page says to
# refine the search or download the whole result instead.
MAX_PAGE = 50
SUMMARY_SECONDS = 300


class CappedPaginator(Paginator):
    """Pages up to MAX_PAGE only, whatever the number of results."""

    @property
    def num_pages(self) -> int:
        return min(super().num_pages, MAX_PAGE)


def filtered(request: HttpRequest) -> RegisterFilter:
    return RegisterFilter(request.GET or None, queryset=published_entries())


def searches_text(register_filter: RegisterFilter) -> bool:
    return bool(getattr(register_filter.form, "cleaned_data", {}).get("q", "").strip())


def search_query(request: HttpRequest) -> str:
    """The search's parameters without the page: what identifies its counts."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def summary_key(query: str) -> str:
    return "register:summary:" + hashlib.sha256(f"{query}|{register_version()}".encode()).hexdigest()


def summary(register_filter: RegisterFilter, query: str, *, with_facets: bool) -> dict:
    """The result count and (`with_facets`) the counts per filter value, cached until the register changes: they
    cost the most to compute and are the same for every page of one search. `facets` is None until computed."""
    key = summary_key(query)
    cached = cache.get(key)
    if cached is None or (with_facets and cached["facets"] is None):
        with read_through_indexes(searches_text(register_filter)):
            if with_facets:
                total, counts = count_by_value(register_filter.qs)
                cached = {"count": total, "facets": facets(counts)}
            else:
                cached = {"count": register_filter.qs.count(), "facets": None}
        cache.set(key, cached, SUMMARY_SECONDS)
    return cached


def search(request: HttpRequest) -> HttpResponse:
    """A page of results. The counts per filter value come with it once known; the first time a search is made
    (since the register last changed) the page asks for them separately (`counts`), so that its results are
    not held up by counting every value of every filter over tens of thousands of entries."""
    register_filter = filtered(request)
    if register_filter.is_bound and not register_filter.is_valid():
        return render(
            request, "accreditation/register/search.html", {"filter": register_filter, "invalid": True}, status=400
        )
    # The card shows the entry's own copy of the provider's name: no join with 50,000 providers.
    entries = (
        register_filter.qs.select_related(None)
        .select_related("agency")
        .prefetch_related(
            Prefetch(
                "scope_items",
                # The version's languages and translations too: a card shows a title in the reader's language.
                queryset=RegisterScopeItem.objects.select_related("version")
                .only("entry_id", "title", "eqf_level", "version__languages", "version__translations")
                .order_by("title")[:PREVIEW],
                to_attr="scope_preview",
            )
        )
    )
    page_number = request.GET.get("page", "1")
    beyond = page_number.isdigit() and int(page_number) > MAX_PAGE
    if beyond:
        page_number = str(MAX_PAGE)
    elif not page_number.isdigit() or int(page_number) < 1:
        page_number = "1"
    query = search_query(request)
    totals = summary(register_filter, query, with_facets=False)
    paginator = CappedPaginator(entries, PAGE_SIZE)
    paginator.count = totals["count"]  # known from the summary: no second COUNT query
    few_matches = totals["count"] <= FEW_MATCHES
    with read_through_indexes(searches_text(register_filter), few_matches=few_matches):
        page = paginator.get_page(page_number)
        page.object_list = list(page.object_list)
    # Labels looked up once per page: a model's get_FOO_display() translates every choice on each call.
    countries, types = dict(Country.choices), dict(Provider.Type.choices)
    for entry in page.object_list:
        entry.more_items = entry.search_scope_size - len(entry.scope_preview)
        entry.country_label = countries.get(entry.search_country, entry.search_country)
        entry.type_label = types.get(entry.search_type, entry.search_type)
    suggested = None
    typed = " ".join(request.GET.get("q", "").split())
    if typed and not totals["count"]:
        # Nothing found: perhaps a typo in a name ("Dublni"); offer the search the register's names suggest.
        meant = suggestion(typed, register_version())
        if meant:
            again = request.GET.copy()
            again["q"] = meant
            again.pop("page", None)
            suggested = {"q": meant, "query": again.urlencode()}
    response = render(
        request,
        "accreditation/register/search.html",
        {
            "filter": register_filter,
            "page": page,
            "facets": None if totals["facets"] is None else facet_links(request, totals["facets"]),
            "counts_url": reverse("register:counts") + (f"?{query}" if query else ""),
            "query": query,
            "export_query": query,
            "capped": totals["count"] > MAX_PAGE * PAGE_SIZE and (beyond or page.number == MAX_PAGE),
            "shown": MAX_PAGE * PAGE_SIZE,
            "suggested": suggested,
        },
    )
    if totals["facets"] is None:
        # Its counts come in a moment: this page must not be kept, by the page cache or anyone else.
        add_never_cache_headers(response)
    return response


def counts(request: HttpRequest) -> HttpResponse:
    """The counts per filter value of a search: the fragment its page loads, or a page of their own."""
    register_filter = filtered(request)
    if register_filter.is_bound and not register_filter.is_valid():
        return render(
            request, "accreditation/register/search.html", {"filter": register_filter, "invalid": True}, status=400
        )
    totals = summary(register_filter, search_query(request), with_facets=True)
    context = {
        "facets": facet_links(request, totals["facets"]),
        "count": totals["count"],
        "search_url": reverse("register:search") + (f"?{search_query(request)}" if request.GET else ""),
    }
    if request.htmx:
        return render(request, "accreditation/register/_counts.html", context)
    return render(request, "accreditation/register/counts.html", context)


def _date_parameter(request, name: str) -> datetime.date | None:
    """A date given as YYYY-MM-DD; ValueError when it is given and is not one."""
    value = request.GET.get(name, "")
    if not value:
        return None
    try:
        parsed = parse_date(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValueError(name)
    return parsed


def provider_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A provider's accredited scope and history; `as_of` shows the register as it was on a past date, and
    `as_recorded_on` as it said it on that date before any later correction was recorded."""
    provider = get_object_or_404(Provider.objects.filter(register_entries__isnull=False).distinct(), pk=pk)
    try:
        as_of, recorded_on = _date_parameter(request, "as_of"), _date_parameter(request, "as_recorded_on")
    except ValueError:
        return render(
            request, "accreditation/register/provider.html", {"provider": provider, "bad_date": True}, status=400
        )
    if recorded_on and not as_of:
        as_of = timezone.localdate()
    entries = RegisterEntry.objects.filter(provider=provider).select_related(
        "agency", "authority", "decision", "application"
    )
    entries = entries.as_of(as_of) if as_of else entries.with_effective_status()
    entries = list(
        entries.prefetch_related(
            Prefetch(
                "scope_items", queryset=RegisterScopeItem.objects.select_related("version", "field").order_by("title")
            ),
            Prefetch("events", queryset=RegisterEvent.objects.order_by("effective_on", "pk")),
            Prefetch(
                "application__documents",
                queryset=IssuedDocument.objects.filter(kind__in=IssuedDocument.PUBLIC_KINDS).order_by(
                    "kind", "-version"
                ),
            ),
        ).order_by("-valid_from")
    )
    if recorded_on:
        entries = _as_recorded(entries, as_of, recorded_on)
    labels = dict(EntryStatus.choices)
    for entry in entries:
        entry.timeline = getattr(entry, "timeline", None) or list(entry.events.all())
        if as_of:
            entry.status_then_label = labels.get(entry.status_then, entry.status_then)
    return render(
        request,
        "accreditation/register/provider.html",
        {
            "provider": provider,
            "entries": entries,
            "as_of": as_of,
            "as_recorded_on": recorded_on,
            "today": timezone.localdate(),
        },
    )


def _as_recorded(entries: list, on: datetime.date, recorded_on: datetime.date) -> list:
    """The entries as the register said they were on `on`, from the history recorded by `recorded_on` only."""
    kept = []
    for entry in entries:
        said = said_on(entry, on, recorded_on)
        if said is None:
            continue
        entry.status_then, entry.valid_from, entry.valid_until = said.status, said.valid_from, said.valid_until
        entry.timeline = [event for event in entry.events.all() if event.recorded_at.date() <= recorded_on]
        kept.append(entry)
    return kept


VERDICTS = {
    EntryStatus.ACTIVE: gettext_lazy("Valid"),
    EntryStatus.EXPIRED: gettext_lazy("Expired"),
    EntryStatus.SUSPENDED: gettext_lazy("Suspended"),
    EntryStatus.WITHDRAWN: gettext_lazy("Withdrawn"),
}


def verify(request: HttpRequest, certificate_id: str | None = None) -> HttpResponse:
    if certificate_id is None:
        typed = " ".join(clean_text(request.GET.get("certificate_id", "")).split()).upper()[:40]
        if not typed:
            return render(request, "accreditation/register/verify.html", {})
        if "/" not in typed:
            return redirect("register:verify", typed)
        # No certificate id has a slash, and its URL could not carry one: answered here (it was a 500).
        certificate_id = typed
    # Control characters cannot be in an id, and PostgreSQL refuses a NUL in a query.
    certificate_id = clean_text(certificate_id)
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
