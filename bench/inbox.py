"""Server time and SQL queries of "My tasks" for a coordinator with 10,000 open tasks, beside a reference measured
in the same run: the same page for a coordinator with 10 open tasks.

Each case is the median of `--runs` requests through Django's test client (template rendering included, the
process's code and templates loaded once first, as a running server has them). The data is made once, in bulk,
in the database DATABASE_URL names (kept for later runs): one application and process per task, each task with a
deadline timer (a third of them overdue), spread over three steps.

createdb -h 127.0.0.1 -U postgres mc_workspaces_bench
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/mc_workspaces_bench
.venv/bin/python manage.py migrate && .venv/bin/python bench/inbox.py
"""

import argparse
import datetime
import statistics
import time

import _setup  # noqa: F401
from django.contrib.auth import get_user_model
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from accreditation.models import Agency, Application, Authority, Membership, Provider, Role

try:
    from process.flows import AccreditationFlow
except ImportError:  # before the flow moved to the process app
    from accreditation.flows import AccreditationFlow

STEPS = ("screen", "compose_panel", "consolidate")
BATCH = 2000


def _user(username: str, agency: Agency):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": "Bench", "last_name": username, "email": f"{username}@bench.test"}
    )
    if created:
        Membership.objects.create(user=user, role=Role.COORDINATOR, agency=agency)
    return user


def make_tasks(owner, count: int, provider, agency, authority, prefix: str) -> None:
    """`count` open human tasks for `owner`, each on its own application and process, with a deadline timer."""
    have = Task.objects.filter(owner=owner, status=STATUS.ASSIGNED, flow_task_type="HUMAN").count()
    now = timezone.now()
    for start in range(have, count, BATCH):
        size = min(BATCH, count - start)
        with transaction.atomic():
            processes = Process.objects.bulk_create(
                Process(flow_class=AccreditationFlow, status="NEW") for _ in range(size)
            )
            Application.objects.bulk_create(
                Application(
                    reference=f"{prefix}-{start + i}",
                    provider=provider,
                    agency=agency,
                    authority=authority,
                    status=Application.Status.SCREENING,
                    process=process,
                    created_by=owner,
                    coordinator=owner,
                )
                for i, process in enumerate(processes)
            )
            tasks = Task.objects.bulk_create(
                Task(
                    process=process,
                    flow_task=getattr(AccreditationFlow, STEPS[(start + i) % len(STEPS)]),
                    flow_task_type="HUMAN",
                    status=STATUS.ASSIGNED,
                    owner=owner,
                )
                for i, process in enumerate(processes)
            )
            timers = Task.objects.bulk_create(
                Task(
                    process=task.process,
                    flow_task=task.flow_task,
                    flow_task_type="TIMER",
                    status=STATUS.NEW,
                    scheduled=now + datetime.timedelta(days=((start + i) % 30) - 10),
                )
                for i, task in enumerate(tasks)
            )
            Task.previous.through.objects.bulk_create(
                Task.previous.through(from_task_id=timer.pk, to_task_id=task.pk)
                for task, timer in zip(tasks, timers, strict=True)
            )


def timed(client: Client, params: dict) -> tuple[float, int, int]:
    reset_queries()
    start = time.perf_counter()
    response = client.get("/tasks/", params)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed, len(connection.queries), response.content.count(b"<tr")


@override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"])
def main(count: int, runs: int) -> None:
    agency, _ = Agency.objects.get_or_create(name="Inbox bench agency", defaults={"country": "IE"})
    authority, _ = Authority.objects.get_or_create(name="Inbox bench authority", defaults={"country": "IE"})
    provider, _ = Provider.objects.get_or_create(
        legal_name="Inbox bench provider", defaults={"type": Provider.Type.values[0], "country": "IE"}
    )
    big, small = _user("inbox_bench_10k", agency), _user("inbox_bench_10", agency)
    made = time.perf_counter()
    make_tasks(big, count, provider, agency, authority, "IB")
    make_tasks(small, 10, provider, agency, authority, "IS")
    print(f"data ready in {time.perf_counter() - made:.1f} s ({count} and 10 open tasks)")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")  # the bulk-made rows counted, as autovacuum would soon
    cases = [
        ("reference: 10 open tasks, page 1", small, {}),
        (f"{count} open tasks, page 1", big, {}),
        (f"{count} open tasks, page 100", big, {"page": "100"}),
        (f"{count} open tasks, overdue only", big, {"overdue": "on"}),
        (f"{count} open tasks, one step", big, {"step": get_task_ref(AccreditationFlow.compose_panel)}),
    ]
    clients = {}
    for user in (small, big):
        clients[user.pk] = Client()
        clients[user.pk].force_login(user)
        timed(clients[user.pk], {})  # code and templates loaded once, as a running server has them
    print(f"{'case':42} {'median ms':>10} {'min ms':>8} {'queries':>8} {'rows':>5}")
    for label, user, params in cases:
        times, queries, rows = [], 0, 0
        for _ in range(runs):
            elapsed, queries, rows = timed(clients[user.pk], params)
            times.append(elapsed)
        print(f"{label:42} {statistics.median(times):10.1f} {min(times):8.1f} {queries:8d} {rows - 1:5d}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    arguments = parser.parse_args()
    main(arguments.tasks, arguments.runs)
