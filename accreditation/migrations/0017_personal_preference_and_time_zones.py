import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import accreditation.preferences


class Migration(migrations.Migration):
    dependencies = [
        ("accreditation", "0016_audit_chain_moves_to_base"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="agency",
            name="time_zone",
            field=models.CharField(
                blank=True,
                help_text="Times on its staff's pages are shown in this zone. Empty: the zone of its country.",
                max_length=64,
                validators=[accreditation.preferences.validate_time_zone],
                verbose_name="time zone",
            ),
        ),
        migrations.AddField(
            model_name="authority",
            name="time_zone",
            field=models.CharField(
                blank=True,
                help_text="Times on its staff's pages are shown in this zone. Empty: the zone of its country.",
                max_length=64,
                validators=[accreditation.preferences.validate_time_zone],
                verbose_name="time zone",
            ),
        ),
        migrations.CreateModel(
            name="PersonalPreference",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "language",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("bg", "български"),
                            ("cs", "čeština"),
                            ("da", "dansk"),
                            ("de", "Deutsch"),
                            ("el", "Ελληνικά"),
                            ("en", "English"),
                            ("es", "español"),
                            ("et", "eesti"),
                            ("fi", "suomi"),
                            ("fr", "français"),
                            ("ga", "Gaeilge"),
                            ("hr", "hrvatski"),
                            ("hu", "magyar"),
                            ("it", "italiano"),
                            ("lt", "lietuvių"),
                            ("lv", "latviešu"),
                            ("mt", "Malti"),
                            ("nl", "Nederlands"),
                            ("pl", "polski"),
                            ("pt", "português"),
                            ("ro", "română"),
                            ("sk", "slovenčina"),
                            ("sl", "slovenščina"),
                            ("sv", "svenska"),
                        ],
                        help_text="Empty: the language of your organisation's country.",
                        max_length=8,
                        verbose_name="language of e-mails",
                    ),
                ),
                (
                    "time_zone",
                    models.CharField(
                        blank=True,
                        help_text="Empty: the zone of your organisation.",
                        max_length=64,
                        validators=[accreditation.preferences.validate_time_zone],
                        verbose_name="time zone",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="preference",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="person",
                    ),
                ),
            ],
            options={"verbose_name": "personal preference", "verbose_name_plural": "personal preferences"},
        ),
    ]
