"""The data migration of the flow's move to the process layer: processes started while the flow lived in
accreditation/flows.py keep running (viewflow stores the flow's dotted path in every process and task row)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from viewflow.workflow.models import Process, Task

from process.flows import AccreditationFlow
from tests.flow import task_of

OLD = "accreditation/flows.AccreditationFlow"
NEW = "process/flows.AccreditationFlow"
BEFORE = ("process", "0001_condition_process")  # the migration before the flow's move


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _stored(table: str, column: str, process_id: int) -> list[str]:
    key = "id" if table == "viewflow_process" else "process_id"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE {key} = %s ORDER BY id", [process_id])  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_running_process_stored_under_the_old_path_goes_on_after_the_migration(
    reference_data, driver, client, coordinator
):
    application = driver.application
    process_id = application.process_id
    # Back to before the migration, with the rows as the old module wrote them.
    executor = MigrationExecutor(connection)
    _migrate([BEFORE])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE viewflow_process SET flow_class = %s WHERE id = %s", [OLD, process_id])
        cursor.execute(
            "UPDATE viewflow_task SET flow_task = REPLACE(flow_task, %s, %s) WHERE process_id = %s",
            [NEW + ".", OLD + ".", process_id],
        )
    assert _stored("viewflow_process", "flow_class", process_id) == [OLD]
    old_tasks = _stored("viewflow_task", "flow_task", process_id)
    assert old_tasks and all(ref.startswith(OLD + ".") for ref in old_tasks)

    _migrate(executor.loader.graph.leaf_nodes())

    assert _stored("viewflow_process", "flow_class", process_id) == [NEW]
    assert _stored("viewflow_task", "flow_task", process_id) == [ref.replace(OLD, NEW, 1) for ref in old_tasks]
    assert Process.objects.get(pk=process_id).flow_class is AccreditationFlow
    assert {task.flow_task.name for task in Task.objects.filter(process_id=process_id)} >= {"start", "screen"}
    # The coordinator opens and completes the screening; the process moves on to the panel.
    task = task_of(application, "screen")
    client.force_login(coordinator)
    assert client.get(f"/tasks/{task.pk}/screen/").status_code == 200
    driver.screen(coordinator)
    assert driver.refresh().status == "panel"
    assert task_of(application, "compose_panel").owner == coordinator

    # And back: the reverse migration writes the old path again.
    _migrate([BEFORE])
    assert _stored("viewflow_process", "flow_class", process_id) == [OLD]
    assert all(ref.startswith(OLD + ".") for ref in _stored("viewflow_task", "flow_task", process_id))
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert _stored("viewflow_process", "flow_class", process_id) == [NEW]
