# The job model moved to the jobs app (jobs/migrations/0001_initial.py takes it over with its table, reports_job):
# here it only leaves the reports app's migration state; no table or row changes. Its content type follows it,
# so that permissions given on jobs stay.

from django.db import migrations


def move_content_type(apps, schema_editor, old=("reports", "job"), new=("jobs", "job")):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new[0], model=new[1]).exists():
        ContentType.objects.filter(app_label=old[0], model=old[1]).update(app_label=new[0])


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old=("jobs", "job"), new=("reports", "job"))


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reports", "0003_job_agency_and_import_stage"),
        ("jobs", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Job")],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
