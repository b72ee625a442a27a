# Translations of a micro-credential's title, learning outcomes and further information (issue 15).

import accreditation.models.credentials
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accreditation", "0014_conditions_suspensions_reminders"),
    ]

    operations = [
        migrations.AddField(
            model_name=model,
            name="translations",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="The title, learning outcomes and further information in other languages, by language code.",
                validators=[accreditation.models.credentials.validate_translations],
                verbose_name="translations",
            ),
        )
        for model in ("microcredential", "microcredentialversion")
    ]
