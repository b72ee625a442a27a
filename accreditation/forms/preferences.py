"""The personal preferences form: the language of one's e-mails and the time zone of the times one reads."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import PersonalPreference
from ..preferences import zone_choices


class PersonalPreferenceForm(forms.ModelForm):
    class Meta:
        model = PersonalPreference
        fields = ["language", "time_zone"]

    def __init__(self, *args, suggested_language: str = "", suggested_zone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        language_names = dict(self.fields["language"].choices)
        self.fields["language"].choices = [
            ("", _("Automatic (now: %(language)s)") % {"language": language_names.get(suggested_language, "")}),
            *[(code, name) for code, name in self.fields["language"].choices if code],
        ]
        self.fields["time_zone"] = forms.ChoiceField(
            label=self.fields["time_zone"].label,
            help_text=self.fields["time_zone"].help_text,
            required=False,
            choices=[("", _("Automatic (now: %(zone)s)") % {"zone": suggested_zone}), *zone_choices()],
        )
