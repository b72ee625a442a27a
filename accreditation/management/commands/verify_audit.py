"""Verify the audit chain and report the first tampered event."""

from django.core import signing
from django.core.management.base import BaseCommand, CommandError

from accreditation.audit import read_signed_head, stored_anchors, verify_chain
from accreditation.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Checks that no audit event was changed, inserted or deleted, against the signed daily heads in "
        "AUDIT_ANCHOR_FILE and any --head kept elsewhere; reports the first broken link."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--head",
            action="append",
            default=[],
            help="A signed head saved earlier (from /audit/head or the log); may be given several times.",
        )

    def handle(self, *args, **options):
        try:
            anchors = stored_anchors() + [read_signed_head(token) for token in options["head"]]
        except (signing.BadSignature, ValueError, KeyError) as error:
            raise CommandError(f"A signed head is not genuine (not signed with AUDIT_CHAIN_KEY): {error}.") from error
        broken = verify_chain(anchors=anchors)
        if broken is not None:
            where = f"event #{broken.event_id}" if broken.event_id else "the end of the chain"
            raise CommandError(f"Audit chain broken at {where}: {broken.reason}.")
        count = AuditEvent.objects.count()
        self.stdout.write(
            self.style.SUCCESS(f"Audit chain intact: {count} events verified against {len(anchors)} signed heads.")
        )
