"""Verify the audit chain and report the first tampered event."""

from django.core.management.base import BaseCommand, CommandError

from accreditation.audit import verify_chain
from accreditation.models import AuditEvent


class Command(BaseCommand):
    help = "Checks that no audit event was changed or deleted; reports the first broken link."

    def handle(self, *args, **options):
        broken = verify_chain()
        if broken is not None:
            where = f"event #{broken.event_id}" if broken.event_id else "the end of the chain"
            raise CommandError(f"Audit chain broken at {where}: {broken.reason}.")
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {AuditEvent.objects.count()} events verified."))
