"""Make a demo signing key when none exists (run by `make run`); say nothing more when one does."""

from django.conf import settings
from django.core.management.base import BaseCommand

from trust import keys


class Command(BaseCommand):
    help = "Create a demo signing key and certificate in SIGNING_KEY_DIR when it holds none."

    def handle(self, *args, **options):
        existing = [key for key in keys.all_keys() if key.signed_until is None]
        if existing:
            self.stdout.write(f"Signing key {existing[-1].kid} in {settings.SIGNING_KEY_DIR}.")
            return
        key = keys.create_key()
        self.stdout.write(
            self.style.WARNING(
                f"No signing key was configured: created a demo key {key.kid} with a self-signed certificate in "
                f"{settings.SIGNING_KEY_DIR}. It is for the demo only: in production set SIGNING_KEY_DIR to the "
                "operator's keys."
            )
        )
