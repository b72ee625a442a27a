"""viewflow's workflow_timers, then the register's sweeps (accreditation.timers: scheduled suspensions, reminders
before conditions are due and entries expire, condition follow-ups to start), plus the housekeeping that must run
as regularly: the audit chain's signed daily head, and removal of background-job files older than JOB_FILE_RETENTION."""

from viewflow.management.commands.workflow_timers import Command as TimersCommand

from accreditation import timers
from accreditation.audit import write_daily_anchor
from jobs.runner import remove_old_job_files


class Command(TimersCommand):
    help = TimersCommand.help + "; anchor the audit chain's head once a day; remove old job files"

    def handle(self, **options):
        super().handle(**options)
        for line in timers.run_sweeps():
            self.stdout.write(line)
        anchored = write_daily_anchor()
        removed = remove_old_job_files()
        anchor = "anchored" if anchored else "already anchored today"
        self.stdout.write(f"audit head {anchor}, {removed} job file(s) removed")
