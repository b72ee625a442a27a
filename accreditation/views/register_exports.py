"""Downloads of the register, with the same query parameters as the search page; large ones are streamed."""

import datetime
import hashlib
import json

from django.conf import settings
from django.db.models import F, Max, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import condition

from config.site import site_url
from frameworks.vocabularies import Country
from jobs.models import Job
from reports import deqar as deqar_builder
from reports import elm, elm_jsonld
from reports import register_exports as builders

from .. import deqar, register_outputs
from ..filters import published_entries
from ..identifiers import register_uris
from ..models import Decision, RegisterEvent, RegisterScopeItem
from ..register_files import file_entries, file_options
from ..register_jobs import parse_modified_since, register_export_job
from .identifiers import representation
from .register import filtered

CHUNK = 2000
# An ELM record reads every accredited micro-credential's whole specification: 2,000 entries at a time held
# some 300 MB of rows at the register's scale, 200 stay near 30 MB.
ELM_CHUNK = 200


def modified_since(request: HttpRequest) -> datetime.datetime | None:
    """The `modified_since` parameter (a date, or a date and time with its offset): only what changed since then.
    A value that is neither raises ValueError. The background download reads it the same way."""
    return parse_modified_since(request.GET.get("modified_since", ""))


def _bad_request(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def _entries(request: HttpRequest):
    register_filter = filtered(request)
    if register_filter.is_bound and not register_filter.is_valid():
        return None, _bad_request(
            "Invalid filter: " + "; ".join(f"{k}: {' '.join(v)}" for k, v in register_filter.errors.items())
        )
    try:
        since = modified_since(request)
    except (ValueError, OverflowError):
        return None, _bad_request(
            "Invalid filter: modified_since: give a date (YYYY-MM-DD) or an ISO 8601 date and time."
        )
    entries = register_filter.qs.prefetch_related(
        Prefetch(
            "scope_items",
            # The frozen version's translations as one joined column: the JSON gives each title in every language.
            queryset=RegisterScopeItem.objects.select_related("field")
            .annotate(version_translations=F("version__translations"))
            .order_by("title"),
        )
    )
    if since is not None:
        entries = entries.modified_since(since)
    return entries, None


def _stamp() -> str:
    return timezone.localdate().isoformat()


def export_csv(request: HttpRequest) -> HttpResponse:
    entries, error = _entries(request)
    if error:
        return error
    rows = builders.entry_rows(
        file_entries(entries).iterator(chunk_size=CHUNK), site_url(request), **file_options(request)
    )
    response = StreamingHttpResponse(builders.csv_chunks(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="register-{_stamp()}.csv"'
    return response


def export_xlsx(request: HttpRequest) -> HttpResponse:
    """Small results are built at once; large ones in the background, with a page that shows progress."""
    entries, error = _entries(request)
    if error:
        return error
    if entries.count() > settings.REGISTER_EXPORT_INLINE_MAX:
        from accreditation.security.ratelimits import client_key
        query = request.GET.copy()
        query.pop("page", None)
        # An identical job running or fresh is reused; past the caps this raises JobLimitReached (a 429).
        job = register_export_job(query=query.urlencode(), user=request.user, client=client_key("", request))
        return redirect("register:export-job", job.token)
    handle = builders.xlsx_file(
        builders.entry_rows(
            file_entries(entries).iterator(chunk_size=CHUNK), site_url(request), **file_options(request)
        )
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"register-{_stamp()}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def export_json(request: HttpRequest) -> HttpResponse:
    entries, error = _entries(request)
    if error:
        return error
    options = file_options(request)
    records = (
        builders.entry_record(entry, site_url(request), **options)
        for entry in file_entries(entries).iterator(chunk_size=CHUNK)
    )
    meta = {"generated": timezone.now().isoformat(), "source": site_url(request) + reverse("register:search")}
    return StreamingHttpResponse(builders.json_chunks(records, meta), content_type="application/json")


# Filters that only register entries answer: with one of them, refusals (never on the register) are left out.
ENTRY_ONLY_FILTERS = {"q", "status", "valid_on", "eqf_level", "field", "ects_min", "ects_max", "participation_form"}


def _deqar_decisions(request: HttpRequest):
    """The decisions of the entries the register's filters select, and, unless a filter only entries have is
    used, the refusals of the same country, type of provider and agency."""
    entries, error = _entries(request)
    if error:
        return None, error
    chosen = Q(register_entry__in=entries.values("pk"))
    if not any(request.GET.get(name) for name in ENTRY_ONLY_FILTERS):
        form = filtered(request).form
        values = form.cleaned_data if form.is_bound and form.is_valid() else {}
        refusals = Q(outcome=Decision.Outcome.REFUSE)
        if values.get("country"):
            refusals &= Q(application__provider__country=values["country"])
        if values.get("provider_type"):
            refusals &= Q(application__provider__type=values["provider_type"])
        if values.get("agency"):
            refusals &= Q(application__agency=values["agency"])
        since = modified_since(request)
        if since is not None:
            refusals &= Q(decided_at__gte=since)
        chosen |= refusals
    return deqar.decisions().filter(chosen), None


def export_deqar(request: HttpRequest) -> HttpResponse:
    """A JSON array of DEQAR Submission API v2 reports, one per decision that DEQAR can accept (see
    reports.deqar for what is left out, and `export/deqar-warnings.json` for why)."""
    decisions, error = _deqar_decisions(request)
    if error:
        return error
    site = site_url(request)
    reports = (result.report for result in deqar.results(decisions, site) if result.report is not None)
    response = StreamingHttpResponse(deqar_builder.json_array_chunks(reports), content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="deqar-{_stamp()}.json"'
    return response


def export_deqar_warnings(request: HttpRequest) -> HttpResponse:
    """Per decision of the DEQAR download: whether DEQAR can accept its report, and what was left out."""
    decisions, error = _deqar_decisions(request)
    if error:
        return error
    records = (
        {"local_identifier": r.local_identifier, "sendable": r.report is not None, "warnings": list(r.warnings)}
        for r in deqar.results(decisions, site_url(request))
    )
    return StreamingHttpResponse(deqar_builder.json_array_chunks(records), content_type="application/json")


def export_elm(request: HttpRequest) -> HttpResponse:
    """ELM accreditations as AMS 3.3.1 XML: every status by default, each marked (see reports.elm)."""
    entries, error = _entries(request)
    if error:
        return error
    site, uris = site_url(request), register_uris(request)
    records = register_outputs.accreditations(
        register_outputs.for_elm(entries).iterator(chunk_size=ELM_CHUNK), uris, site
    )
    return StreamingHttpResponse(elm.elm_chunks(records), content_type="application/xml; charset=utf-8")


def _jsonld_response(entries, request: HttpRequest) -> StreamingHttpResponse:
    site, uris = site_url(request), register_uris(request)
    items = register_outputs.jsonld_items(register_outputs.for_elm(entries).iterator(chunk_size=ELM_CHUNK), uris, site)
    return StreamingHttpResponse(elm_jsonld.jsonld_chunks(items), content_type="application/ld+json")


def export_elm_jsonld(request: HttpRequest) -> HttpResponse:
    """ELM 3 JSON-LD: the accreditations and their accredited micro-credentials as qualifications."""
    entries, error = _entries(request)
    if error:
        return error
    return _jsonld_response(entries, request)


def _country_entries(country: str):
    return published_entries().filter(authority__country=country.upper())


def _country_last_modified(request: HttpRequest, country: str) -> datetime.datetime | None:
    entries = _country_entries(country)
    moments = [
        entries.aggregate(last=Max("updated_at"))["last"],
        RegisterEvent.objects.filter(entry__in=entries.values("pk")).aggregate(last=Max("recorded_at"))["last"],
    ]
    moments = [moment for moment in moments if moment]
    return max(moments) if moments else None


def _country_etag(request: HttpRequest, country: str) -> str:
    last = _country_last_modified(request, country)
    count = _country_entries(country).count()
    return hashlib.sha256(f"{country.upper()}|{last}|{count}|{register_uris(request).base}".encode()).hexdigest()[:32]


@condition(etag_func=_country_etag, last_modified_func=_country_last_modified)
def export_elm_country(request: HttpRequest, country: str) -> HttpResponse:
    """The accreditation dataset of one country's authorities, at a stable URL the QDR polls: every status,
    each marked; Last-Modified and ETag change only when one of its entries does, so polling answers 304."""
    country = country.upper()
    if country not in Country.values:
        raise Http404
    return _jsonld_response(_country_entries(country), request)


def _one_entry(entry):
    return register_outputs.for_elm(published_entries().filter(pk=entry.pk))


@representation("entry", "application/ld+json")
def entry_as_jsonld(request: HttpRequest, entry) -> HttpResponse:
    """An entry's URI in ELM 3 JSON-LD: its accreditation and its accredited micro-credentials."""
    return _jsonld_response(_one_entry(entry), request)


@representation("entry", "application/xml")
def entry_as_elm_xml(request: HttpRequest, entry) -> HttpResponse:
    """An entry's URI as an ELM accreditation document (AMS 3.3.1 XML)."""
    records = register_outputs.accreditations(_one_entry(entry), register_uris(request), site_url(request))
    return HttpResponse("".join(elm.elm_chunks(records)), content_type="application/xml; charset=utf-8")


@representation("micro-credential", "application/ld+json")
def micro_credential_as_jsonld(request: HttpRequest, item) -> HttpResponse:
    """An accredited micro-credential's URI as an ELM qualification."""
    uris = register_uris(request)
    entry = _one_entry(item.entry).get()
    scope_item = next(i for i in entry.scope_items.all() if i.pk == item.pk)
    node = elm_jsonld.qualification(register_outputs.specification(scope_item, uris, uris.entry(entry.pk)))
    document = {"@context": elm_jsonld.CONTEXT, "@graph": [node]}
    return HttpResponse(json.dumps(document, ensure_ascii=False), content_type="application/ld+json")


def export_job(request: HttpRequest, token) -> HttpResponse:
    """The progress page of a large download, reached by its unguessable token."""
    job = get_object_or_404(Job, token=token, kind=Job.Kind.REGISTER_EXPORT)
    template = "jobs/job_progress.html" if request.htmx else "accreditation/register/export_job.html"
    return render(request, template, {"job": job})


def export_job_file(request: HttpRequest, token) -> HttpResponse:
    job = get_object_or_404(Job, token=token, kind=Job.Kind.REGISTER_EXPORT, status=Job.Status.DONE)
    return FileResponse(
        job.output.open("rb"),
        as_attachment=True,
        filename=f"register-{job.created_at.date().isoformat()}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
