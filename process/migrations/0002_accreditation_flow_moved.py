"""The accreditation flow moved from accreditation/flows.py to process/flows.py (issue 16). viewflow stores the
flow's reference in every process row (`flow_class`: "app_label/module.Class") and the node's in every task row
(`flow_task`: "app_label/module.Class.node"): rewrite both, or running processes could no longer be read."""

from django.db import migrations

OLD = "accreditation/flows.AccreditationFlow"
NEW = "process/flows.AccreditationFlow"


def _rewrite(old: str, new: str):
    def run(apps, schema_editor):
        process_table = apps.get_model("viewflow", "Process")._meta.db_table
        task_table = apps.get_model("viewflow", "Task")._meta.db_table
        quote = schema_editor.quote_name
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {quote(process_table)} SET flow_class = %s WHERE flow_class = %s",  # noqa: S608
                [new, old],
            )
            # Task references are "<flow>.<node>": only the flow's part changes.
            cursor.execute(
                f"UPDATE {quote(task_table)} SET flow_task = %s || SUBSTR(flow_task, %s) "  # noqa: S608
                "WHERE flow_task LIKE %s",
                [new, len(old) + 1, old + ".%"],
            )

    return run


class Migration(migrations.Migration):
    dependencies = [("viewflow", "0015_task_scheduled"), ("process", "0001_condition_process")]

    operations = [migrations.RunPython(_rewrite(OLD, NEW), _rewrite(NEW, OLD), elidable=False)]
