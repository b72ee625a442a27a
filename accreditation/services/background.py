"""Starting the background jobs that the accreditation workspaces ask for: views call these, never Job.objects."""

from django.db import transaction

from jobs.models import Job
from jobs.runner import start_job

from ..models import Authority, Provider


@transaction.atomic
def start_certificate_reissue(*, authority: Authority, by) -> Job:
    """A new certificate version for every current entry of the authority, built in the background."""
    job = Job.objects.create(kind=Job.Kind.CERTIFICATE_REISSUE, authority=authority, created_by=by)
    start_job(job)  # runs once this transaction commits
    return job


@transaction.atomic
def start_catalogue_import(*, provider: Provider, workbook, by) -> Job:
    """Check a provider's uploaded catalogue workbook in the background (its rows are added on confirmation)."""
    job = Job(kind=Job.Kind.CATALOGUE_IMPORT, provider=provider, created_by=by)
    job.source.save("catalogue.xlsx", workbook, save=False)
    job.save()
    start_job(job)  # runs once this transaction commits
    return job
