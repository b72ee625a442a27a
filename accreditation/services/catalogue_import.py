"""Writes of a catalogue import: confirming a checked catalogue, and importing it."""

from django.db import transaction
from django.utils.translation import gettext as _

from frameworks.alignment import derive_eqf_level
from jobs.models import Job
from jobs.runner import start_job

from .. import audit
from ..models import MicroCredential, Provider


class ImportRefused(Exception):
    """The catalogue cannot be imported as asked; the message says why."""


@transaction.atomic
def import_catalogue(*, provider: Provider, specifications: list[MicroCredential], by) -> int:
    """Add specifications, each already validated by the catalogue form, to the provider's catalogue: all of
    them or none. One audit event records the count."""
    for specification in specifications:
        specification.provider = provider
        if specification.eqf_level is None:
            specification.eqf_level = derive_eqf_level(specification.nqf_level)
    created = MicroCredential.objects.bulk_create(specifications, batch_size=500)
    audit.record(actor=by, verb="imported a catalogue", target=provider, data={"count": len(created)})
    return len(created)


@transaction.atomic
def confirm_catalogue_import(*, job: Job, by) -> Job:
    """The author confirms a checked file without errors: its rows are imported in the background."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.kind != Job.Kind.CATALOGUE_IMPORT or job.created_by_id != by.pk:
        raise ImportRefused(_("Only the person who uploaded a catalogue can import it."))
    if job.status in (Job.Status.IMPORTING, Job.Status.IMPORTED):
        raise ImportRefused(_("This file has already been imported."))
    if job.status != Job.Status.DONE or job.result.get("errors", 1):
        raise ImportRefused(_("Only a checked file without errors can be imported."))
    job.status = Job.Status.IMPORTING
    job.progress = 0
    job.save(update_fields=["status", "progress"])
    start_job(job)
    return job
