"""Agency downloads too large to build while the request waits, built in the background."""

import tempfile

from django.core.files import File
from django.utils import timezone

from accreditation.models import Application

from .agency_exports import write_applications
from .jobs import runner, update
from .models import Job
from .statistics import application_rows


def agency_applications(agency):
    return Application.objects.filter(agency=agency).exclude(status=Application.Status.DRAFT)


@runner(Job.Kind.APPLICATIONS_EXPORT)
def export_applications(job: Job) -> None:
    applications = agency_applications(job.agency)
    update(job, total=applications.count())
    rows = application_rows(applications)
    with tempfile.TemporaryFile() as handle:
        write_applications(rows, handle)
        handle.seek(0)
        job.output.save(f"applications-{timezone.localdate().isoformat()}.xlsx", File(handle), save=False)
    update(
        job,
        output=job.output.name,
        status=Job.Status.DONE,
        progress=len(rows),
        total=len(rows),
        finished_at=timezone.now(),
    )
