"""Give each national level its URI in the EU vocabulary of national qualification levels, on databases seeded
before 0002 carried them (a fresh database already has them: this then changes nothing)."""

import importlib

from django.db import migrations

reference_data = importlib.import_module("frameworks.migrations.0002_reference_data")


def add_uris(apps, schema_editor):
    Level = apps.get_model("frameworks", "Level")
    for framework_code, ids in reference_data.EU_LEVEL_IDS.items():
        for level_code in ids:
            Level.objects.filter(framework__code=framework_code, code=level_code, eu_uri="").update(
                eu_uri=reference_data.eu_level_uri(framework_code, level_code)
            )


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0002_reference_data")]

    operations = [migrations.RunPython(add_uris, migrations.RunPython.noop)]
