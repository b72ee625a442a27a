"""Send each agency's new and changed decision reports to DEQAR's Submission API v2 and say what happened."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ... import deqar
from ...models import Agency


class Command(BaseCommand):
    help = "POST new and PUT changed DEQAR reports of every decision, with each agency's token."

    def add_arguments(self, parser):
        parser.add_argument("--agency", help="Only this agency (its acronym or DEQAR id).")
        parser.add_argument("--url", default="", help="The Submission API URL (default: DEQAR_SUBMISSION_URL).")
        parser.add_argument("--site", default="", help="The site's address for links (default: SITE_URL).")

    def handle(self, *args, agency=None, url="", site="", **options):
        url = url or settings.DEQAR_SUBMISSION_URL
        if not url:
            raise CommandError("Set DEQAR_SUBMISSION_URL (or give --url): nothing was sent.")
        site = (site or settings.SITE_URL).rstrip("/")
        if not site:
            raise CommandError("Set SITE_URL (or give --site): DEQAR needs absolute links to the reports.")
        agencies = Agency.objects.exclude(deqar_token="")
        if agency:
            agencies = agencies.filter(acronym=agency) | agencies.filter(deqar_id=agency)
            if not agencies.exists():
                raise CommandError(f"No agency {agency!r} with a DEQAR token.")
        counts: dict[str, int] = {}
        for each in agencies.order_by("name"):
            for submission in deqar.submit_agency(each, site=site, url=url):
                counts[submission.state] = counts.get(submission.state, 0) + 1
                line = f"{submission.decision.application.reference}: {submission.get_state_display()}"
                if submission.report_id:
                    line += f" (DEQAR report {submission.report_id})"
                if submission.message:
                    line += f" — {submission.message}"
                self.stdout.write(line)
        self.stdout.write(
            ", ".join(f"{state}: {count}" for state, count in sorted(counts.items())) or "Nothing to send."
        )
