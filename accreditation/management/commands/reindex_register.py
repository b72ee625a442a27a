"""Rewrite the register's search columns of every entry (after a bulk import, or a change of the bit sets)."""

from django.core.management.base import BaseCommand

from accreditation.models import RegisterEntry
from accreditation.register_index import index_entries


class Command(BaseCommand):
    help = "Rewrites what the register searches, filters and counts on, for every published entry."

    def handle(self, *args, **options):
        done = index_entries(RegisterEntry.objects.all())
        self.stdout.write(self.style.SUCCESS(f"{done} register entries indexed."))
