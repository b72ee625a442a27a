"""Downloads of the register, with the same query parameters as the search page; large ones are streamed."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from config.site import site_url
from reports import register_exports as builders

from ..models import IssuedDocument, RegisterScopeItem
from .register import filtered

CHUNK = 2000


def _entries(request: HttpRequest):
    register_filter = filtered(request)
    if register_filter.is_bound and not register_filter.is_valid():
        return None, HttpResponse(
            "Invalid filter: " + "; ".join(f"{k}: {' '.join(v)}" for k, v in register_filter.errors.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    entries = register_filter.qs.prefetch_related(
        Prefetch("scope_items", queryset=RegisterScopeItem.objects.select_related("field").order_by("title"))
    )
    return entries, None


def _stamp() -> str:
    return timezone.localdate().isoformat()


def export_csv(request: HttpRequest) -> HttpResponse:
    entries, error = _entries(request)
    if error:
        return error
    rows = builders.entry_rows(entries.iterator(chunk_size=CHUNK), site_url(request))
    response = StreamingHttpResponse(builders.csv_chunks(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="register-{_stamp()}.csv"'
    return response


def export_xlsx(request: HttpRequest) -> HttpResponse:
    """Small results are built at once; large ones in the background, with a page that shows progress."""
    entries, error = _entries(request)
    if error:
        return error
    if entries.count() > settings.REGISTER_EXPORT_INLINE_MAX:
        from reports.jobs import start_job
        from reports.models import Job

        query = request.GET.copy()
        query.pop("page", None)
        job = Job.objects.create(
            kind=Job.Kind.REGISTER_EXPORT,
            created_by=request.user if request.user.is_authenticated else None,
            result={"query": query.urlencode()},
        )
        start_job(job)
        return redirect("register:export-job", job.token)
    handle = builders.xlsx_file(builders.entry_rows(entries.iterator(chunk_size=CHUNK), site_url(request)))
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
    records = (builders.entry_record(entry, site_url(request)) for entry in entries.iterator(chunk_size=CHUNK))
    meta = {"generated": timezone.now().isoformat(), "source": site_url(request) + reverse("register:search")}
    return StreamingHttpResponse(builders.json_chunks(records, meta), content_type="application/json")


def export_deqar(request: HttpRequest) -> HttpResponse:
    entries, error = _entries(request)
    if error:
        return error
    entries = entries.prefetch_related(
        Prefetch(
            "application__documents",
            queryset=IssuedDocument.objects.filter(kind__in=IssuedDocument.PUBLIC_KINDS).order_by("kind", "-version"),
        )
    )

    def reports():
        for entry in entries.iterator(chunk_size=CHUNK):
            urls = [
                site_url(request) + reverse("reports:public-document", args=[document.pk])
                for document in entry.application.documents.all()
            ]
            yield builders.deqar_report(entry, site_url(request), urls)

    meta = {"generated": timezone.now().isoformat(), "format": "DEQAR report submission"}
    return StreamingHttpResponse(builders.json_chunks(reports(), meta), content_type="application/json")


def export_elm(request: HttpRequest) -> HttpResponse:
    entries, error = _entries(request)
    if error:
        return error
    from reports.elm import elm_chunks

    return StreamingHttpResponse(
        elm_chunks(entries.iterator(chunk_size=CHUNK), site_url(request)), content_type="application/xml; charset=utf-8"
    )


def export_job(request: HttpRequest, token) -> HttpResponse:
    """The progress page of a large download, reached by its unguessable token."""
    from reports.models import Job

    job = get_object_or_404(Job, token=token, kind=Job.Kind.REGISTER_EXPORT)
    template = "reports/job_progress.html" if request.htmx else "accreditation/register/export_job.html"
    return render(request, template, {"job": job})


def export_job_file(request: HttpRequest, token) -> HttpResponse:
    from reports.models import Job

    job = get_object_or_404(Job, token=token, kind=Job.Kind.REGISTER_EXPORT, status=Job.Status.DONE)
    return FileResponse(
        job.output.open("rb"),
        as_attachment=True,
        filename=f"register-{job.created_at.date().isoformat()}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
