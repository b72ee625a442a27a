"""Load the demo data set (idempotent) and print the demo accounts."""

from django.conf import settings
from django.core.management.base import BaseCommand

from process.demo import ACCOUNTS, PASSWORD, load_demo


class Command(BaseCommand):
    help = "Loads the demo data set once and prints the demo accounts, one per persona."

    def handle(self, *args, **options):
        # The demo's people have made-up addresses: the hand-over e-mails of the seeded steps go nowhere.
        settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
        created = load_demo()
        self.stdout.write(
            self.style.SUCCESS("Demo data loaded.") if created else "Demo data already present: nothing added."
        )
        self.stdout.write(f"\nDemo accounts (password for all: {PASSWORD})")
        self.stdout.write(f"  {'admin':<12} Administrator (Django admin at /admin/)")
        for username, first, last, role, _org in ACCOUNTS:
            self.stdout.write(f"  {username:<12} {role.label:<20} {first} {last}")
        self.stdout.write("")
