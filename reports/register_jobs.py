"""Large downloads of the register, built in the background so that no request waits for them."""

from django.core.files import File
from django.db.models import Prefetch
from django.http import QueryDict
from django.utils import timezone

from config.site import site_url

from . import register_exports as builders
from .jobs import runner
from .models import Job

PROGRESS_EVERY = 1000


def entries_for(query: str):
    from accreditation.filters import RegisterFilter, published_entries
    from accreditation.models import RegisterScopeItem

    register_filter = RegisterFilter(QueryDict(query) or None, queryset=published_entries())
    register_filter.is_valid()
    return register_filter.qs.prefetch_related(
        Prefetch("scope_items", queryset=RegisterScopeItem.objects.select_related("field").order_by("title"))
    )


@runner(Job.Kind.REGISTER_EXPORT)
def export_register(job: Job) -> None:
    from accreditation.register_files import file_entries, file_options

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
