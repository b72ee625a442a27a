# The audit chain's models moved to the base app (base/migrations/0001_initial.py takes them over with their
# tables, accreditation_auditevent and accreditation_audithead): here they only leave the accreditation app's
# migration state; no table or row changes, and the chain verifies as before. Their content types follow them,
# so that permissions given on them (viewing the audit trail in the admin) stay.

from django.db import migrations

MODELS = ("auditevent", "audithead")


def move_content_types(apps, schema_editor, old="accreditation", new="base"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, old="base", new="accreditation")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("accreditation", "0015_specification_translations"),
        ("base", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEvent"), migrations.DeleteModel(name="AuditHead")],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
