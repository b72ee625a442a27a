"""The move of the audit chain to `base` and of background jobs to `jobs` (issue 16) changes only the migration
state: rows written before it (through the old apps' models) are there after it, the chain verifies, new events
continue it, and a job keeps its token, file names and results."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accreditation import audit
from base.models import AuditEvent
from jobs.models import Job
from tests.factories import ApplicationFactory, UserFactory

# The migrations just before the move.
BEFORE = [("accreditation", "0015_specification_translations"), ("reports", "0003_job_agency_and_import_stage")]
MOVES = [("base", None), ("jobs", None)]
# The migrations are state-only (no SQL of their own), so one database shows them; PostgreSQL is the deployed one.
# Migrating the whole project back and forth costs minutes: once per CI run is enough.
on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="run on PostgreSQL only (the SQLite run skips this costly test)"
)


def _executor() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


@on_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rows_written_before_the_move_are_kept_and_the_chain_goes_on():
    officer = UserFactory()
    application = ApplicationFactory(status="submitted")
    audit.record(actor=officer, verb="submitted", target=application)
    audit.record(actor=officer, verb="moved", target=application, data={"to": "screening"})

    executor = _executor()
    executor.migrate([*MOVES, *BEFORE])  # back: the models live in accreditation and reports again
    old = _executor().loader.project_state(BEFORE).apps
    OldJob, OldEvent = old.get_model("reports", "Job"), old.get_model("accreditation", "AuditEvent")
    assert OldJob._meta.db_table == "reports_job" and OldEvent._meta.db_table == "accreditation_auditevent"
    job = OldJob.objects.create(
        kind="catalogue_import",
        status="done",
        provider_id=application.provider_id,
        created_by_id=officer.pk,
        result={"rows": 3, "errors": 0},
        output="jobs/catalogue_import/x-checked.xlsx",
    )
    assert OldEvent.objects.count() == 2

    _executor().migrate(_executor().loader.graph.leaf_nodes())  # forward, through the move

    moved = Job.objects.get(pk=job.pk)
    assert (moved.token, moved.result, moved.output.name) == (job.token, {"rows": 3, "errors": 0}, job.output.name)
    assert moved.provider == application.provider and moved.created_by == officer
    assert AuditEvent.objects.count() == 2 and audit.verify_chain() is None
    audit.record(actor=officer, verb="screened", target=application)
    assert AuditEvent.objects.count() == 3 and audit.verify_chain() is None
    assert [event.verb for event in application.audit_events.order_by("pk")] == ["submitted", "moved", "screened"]
