"""Batch document generation: reissue the certificates of an authority's current register entries (for example
after the authority's name or the certificate layout changed). Each becomes a new version; issued ones never
change."""

from django.utils import timezone

from jobs.models import Job
from jobs.runner import runner

from .models import IssuedDocument, RegisterEntry
from .models.register import EntryStatus
from .services.documents import issue_document


def entries_to_reissue(authority):
    today = timezone.localdate()
    return RegisterEntry.objects.filter(
        authority=authority, status__in=[EntryStatus.ACTIVE, EntryStatus.SUSPENDED], valid_until__gte=today
    ).select_related("application", "decision")


@runner(Job.Kind.CERTIFICATE_REISSUE)
def reissue_certificates(job: Job) -> None:
    entries = list(entries_to_reissue(job.authority))
    Job.objects.filter(pk=job.pk).update(total=len(entries))
    reissued = []
    for number, entry in enumerate(entries, 1):
        document = issue_document(
            application=entry.application,
            kind=IssuedDocument.Kind.CERTIFICATE,
            by=job.created_by,
            decision=entry.decision,
        )
        reissued.append({"certificate_id": entry.certificate_id, "version": document.version})
        Job.objects.filter(pk=job.pk).update(progress=number)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE, finished_at=timezone.now(), result={"reissued": reissued}
    )
