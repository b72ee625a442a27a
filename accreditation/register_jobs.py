"""Large downloads of the register, built in the background so that no request waits for them."""

import datetime
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import connection, transaction
from django.db.models import Prefetch, Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from config.site import site_url
from jobs.models import Job
from jobs.runner import check_capacity, runner, start_job
from reports import register_exports as builders

from .filters import RegisterFilter, published_entries
from .models import RegisterScopeItem
from .register_files import file_entries, file_options

PROGRESS_EVERY = 1000


def parse_modified_since(value: str) -> datetime.datetime | None:
    """A `modified_since` parameter (a date, or a date and time with its offset): only what changed since then.
    An empty value is None; a value that is neither raises ValueError."""
    value = value.strip()
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise ValueError(value)
        moment = datetime.datetime.combine(day, datetime.time())
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def entries_for(query: str):
    """The entries of the download the query asks for: the search's filters and `modified_since`, as the inline
    download reads them (the view refused a bad value before starting the job)."""
    parameters = QueryDict(query)
    register_filter = RegisterFilter(parameters or None, queryset=published_entries())
    register_filter.is_valid()
    entries = register_filter.qs.prefetch_related(
        Prefetch("scope_items", queryset=RegisterScopeItem.objects.select_related("field").order_by("title"))
    )
    since = parse_modified_since(parameters.get("modified_since", ""))
    return entries if since is None else entries.modified_since(since)


def register_export_job(*, query: str, user, client: str) -> Job:
    """The background job that builds this download of the register. An anonymous request of the same query
    while an identical job is running, or finished less than REGISTER_EXPORT_FRESH ago, gets that job; a signed-in
    person gets their own the same way. Otherwise a new job is started, within the caps of check_capacity
    (JobLimitReached past them)."""
    owner = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Serialise the look-up and the creation, so that simultaneous identical requests make one job.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext('reports.register_export_job'))")
        fresh = timezone.now() - settings.REGISTER_EXPORT_FRESH
        same = Job.objects.filter(kind=Job.Kind.REGISTER_EXPORT, created_by=owner, result__query=query).filter(
            Q(status__in=Job.ACTIVE, created_at__gte=timezone.now() - timedelta(hours=1))
            | Q(status=Job.Status.DONE, finished_at__gte=fresh)
        )
        existing = same.order_by("-created_at").first()
        if existing is not None:
            return existing
        check_capacity(Job.Kind.REGISTER_EXPORT, client)
        job = Job.objects.create(
            kind=Job.Kind.REGISTER_EXPORT, created_by=owner, result={"query": query, "client": client}
        )
        start_job(job)
    return job


@runner(Job.Kind.REGISTER_EXPORT)
def export_register(job: Job) -> None:
    entries = file_entries(entries_for(job.result.get("query", "")))
    Job.objects.filter(pk=job.pk).update(total=entries.count())

    def counted():
        for number, entry in enumerate(entries.iterator(chunk_size=2000), 1):
            if number % PROGRESS_EVERY == 0:
                Job.objects.filter(pk=job.pk).update(progress=number)
            yield entry

    handle = builders.xlsx_file(builders.entry_rows(counted(), site_url(), **file_options()))
    with handle:
        job.output.save(f"register-{timezone.localdate().isoformat()}.xlsx", File(handle), save=False)
    Job.objects.filter(pk=job.pk).update(
        output=job.output.name,
        status=Job.Status.DONE,
        progress=job.total or entries.count(),
        finished_at=timezone.now(),
    )
