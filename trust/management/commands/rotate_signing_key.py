"""Replace the current signing key by a new one; the old one stays published for what it signed."""

from django.core.management.base import BaseCommand

from trust import keys


class Command(BaseCommand):
    help = "Create a new signing key and retire the current one (it stays in the JWKS and the DID document)."

    def handle(self, *args, **options):
        previous = [key.kid for key in keys.all_keys() if key.signed_until is None]
        key = keys.create_key()
        self.stdout.write(f"New signing key {key.kid}.")
        if previous:
            self.stdout.write(f"Retired {', '.join(previous)}: still published, so what it signed still verifies.")
