"""Full-text indexes for the register search on PostgreSQL (other databases use a simple match and skip this).
The indexed expressions are exactly those that django.contrib.postgres' SearchVector(..., config="simple")
produces, so the planner can use them."""

from django.db import migrations

INDEXES = [
    ("register_scope_title_fts", "accreditation_registerscopeitem", "title"),
    ("provider_legal_name_fts", "accreditation_provider", "legal_name"),
    ("mc_version_outcomes_fts", "accreditation_microcredentialversion", "learning_outcomes"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING GIN (to_tsvector('simple'::regconfig, COALESCE({column}, '')))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("accreditation", "0002_accreditation_process")]

    operations = [migrations.RunPython(create, drop)]
