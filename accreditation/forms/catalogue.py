"""Forms of the provider's profile and catalogue. All rules of a specification live here and in the model, so
that the web form and the XLSX importer validate alike."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from frameworks.models import FieldOfStudy, Level

from ..models import MicroCredential, Provider
from ..models.credentials import TRANSLATABLE_FIELDS


class ProviderProfileForm(forms.ModelForm):
    # Longer than the stored id, so that the link ror.org shows can be pasted as it is.
    ror_id = forms.CharField(
        label=Provider._meta.get_field("ror_id").verbose_name,
        help_text=Provider._meta.get_field("ror_id").help_text,
        max_length=60,
        required=False,
    )

    class Meta:
        model = Provider
        fields = [
            "legal_name",
            "acronym",
            "type",
            "country",
            "region",
            "website",
            "national_id",
            "erasmus_code",
            "pic",
            "deqar_id",
            "eter_id",
            "ror_id",
            "schac_code",
        ]

    def clean_pic(self):
        pic = self.cleaned_data["pic"].strip()
        if pic and not (pic.isdigit() and len(pic) == 9):
            raise forms.ValidationError(_("A PIC has exactly nine digits."))
        return pic

    def clean_ror_id(self):
        """A ROR id pasted as its link (https://ror.org/02tyrky19) is kept as the id alone; the model checks it."""
        value = self.cleaned_data["ror_id"].strip().lower()
        for prefix in ("https://ror.org/", "http://ror.org/", "ror.org/"):
            value = value.removeprefix(prefix)
        return value

    def clean_schac_code(self):
        return self.cleaned_data["schac_code"].strip().lower()


def grouped_levels():
    """Levels as option groups, one per framework, for a select that reads well."""
    groups: dict[str, list] = {}
    # Plain values, not model instances: the form is built on every page of the catalogue and every posted form.
    rows = Level.objects.order_by("framework__code", "ordinal").values_list(
        "pk", "code", "framework__code", "framework__name", "referencing__eqf_level"
    )
    for pk, code, framework_code, framework_name, eqf in rows:
        label = f"{framework_code} {code}" + (f" (EQF {eqf})" if eqf else "")
        groups.setdefault(f"{framework_code} — {framework_name}", []).append((pk, label))
    return [("", "—"), *groups.items()]


class PreloadedModelChoiceField(forms.ModelChoiceField):
    """A model choice that looks a value up among rows already loaded, when it was given some, before asking the
    database; validation is otherwise the same."""

    preloaded: dict = {}

    def to_python(self, value):
        if value not in self.empty_values and str(value).isdigit() and int(value) in self.preloaded:
            return self.preloaded[int(value)]
        return super().to_python(value)


TRANSLATION_PREFIX = "translation"
MAX_TRANSLATIONS = len(settings.LANGUAGES)


class MicroCredentialForm(forms.ModelForm):
    """A specification with its translations: a row of fields per translation (language, title, outcomes,
    further information), one empty row more to add one; clearing a row's texts removes that translation. Data
    without the rows (the catalogue import) leaves the translations as they are."""

    class Meta:
        model = MicroCredential
        fields = ["reference", *(name for name in MicroCredential.SPECIFICATION_FIELDS if name != "translations")]
        field_classes = {"nqf_level": PreloadedModelChoiceField, "field": PreloadedModelChoiceField}
        widgets = {
            "learning_outcomes": forms.Textarea(attrs={"rows": 5}),
            "other_awarding_bodies": forms.Textarea(attrs={"rows": 2}),
            "quality_assurance": forms.Textarea(attrs={"rows": 2}),
            "prerequisites": forms.Textarea(attrs={"rows": 2}),
            "further_information": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self,
        *args,
        provider: Provider | None = None,
        level_choices: list | None = None,
        known: dict | None = None,
        **kwargs,
    ):
        """When many forms are built at once (the XLSX import), `level_choices` (from grouped_levels()) and `known`
        ({"nqf_level": {pk: Level}, "field": {pk: FieldOfStudy}}) spare each form the same queries; the rules are
        unchanged."""
        super().__init__(*args, **kwargs)
        for name, objects in (known or {}).items():
            self.fields[name].preloaded = objects
        self.provider = provider
        if provider is not None:
            self.instance.provider = provider
        self.fields["nqf_level"].queryset = Level.objects.select_related("framework", "referencing")
        self.fields["nqf_level"].widget.choices = level_choices if level_choices is not None else grouped_levels()
        self.fields["field"].queryset = FieldOfStudy.objects.all()
        self.fields["eqf_level"].help_text = _("Leave empty: it is derived from the national level when referenced.")
        self._add_translation_fields()

    def _add_translation_fields(self) -> None:
        existing = sorted((self.instance.translations or {}).items())
        count_name = f"{TRANSLATION_PREFIX}-count"
        self.manages_translations = not self.is_bound or count_name in self.data
        count = len(existing) + 1
        if self.is_bound and count_name in self.data:
            try:
                count = max(0, min(int(self.data[count_name]), MAX_TRANSLATIONS))
            except (TypeError, ValueError):
                count = len(existing)
        self.fields[count_name] = forms.IntegerField(widget=forms.HiddenInput, initial=count, required=False)
        languages = [("", "—"), *((code, name) for code, name in settings.LANGUAGES)]
        labels = {
            "title": _("Title in this language"),
            "learning_outcomes": _("Learning outcomes in this language"),
            "further_information": _("Further information in this language"),
        }
        self.translation_count = count
        for number in range(count):
            values = existing[number] if number < len(existing) else ("", {})
            prefix = f"{TRANSLATION_PREFIX}-{number}"
            self.fields[f"{prefix}-language"] = forms.ChoiceField(
                label=_("Language"), choices=languages, required=False, initial=values[0]
            )
            for name in TRANSLATABLE_FIELDS:
                widget = forms.Textarea(attrs={"rows": 4 if name == "learning_outcomes" else 2})
                self.fields[f"{prefix}-{name}"] = forms.CharField(
                    label=labels[name],
                    required=False,
                    max_length=255 if name == "title" else None,
                    widget=forms.TextInput if name == "title" else widget,
                    initial=values[1].get(name, ""),
                    help_text=_("One line per outcome, in the same order as the original.")
                    if name == "learning_outcomes"
                    else "",
                )

    def main_fields(self) -> list:
        return [field for field in self.visible_fields() if not field.name.startswith(f"{TRANSLATION_PREFIX}-")]

    def translation_rows(self) -> list[list]:
        return [
            [self[f"{TRANSLATION_PREFIX}-{number}-{name}"] for name in ("language", *TRANSLATABLE_FIELDS)]
            for number in range(self.translation_count)
        ]

    def _clean_translations(self, data: dict) -> None:
        """The rows as the model's translations; a row's errors are shown on the row, what was typed kept."""
        translations: dict[str, dict] = {}
        for number in range(self.translation_count):
            prefix = f"{TRANSLATION_PREFIX}-{number}"
            language = data.get(f"{prefix}-language", "")
            texts = {name: data.get(f"{prefix}-{name}", "").strip() for name in TRANSLATABLE_FIELDS}
            texts = {name: text for name, text in texts.items() if text}
            if not texts:
                continue  # an empty row, or a translation cleared to remove it
            if not language:
                self.add_error(f"{prefix}-language", _("Choose the language of this translation."))
            elif language in translations:
                self.add_error(f"{prefix}-language", _("This language has a translation already."))
            elif not texts.get("title"):
                self.add_error(f"{prefix}-title", _("A translation needs its title."))
            else:
                translations[language] = texts
        self.instance.translations = translations

    def clean_other_countries(self):
        codes = [code.strip().upper() for code in self.cleaned_data["other_countries"].split(",") if code.strip()]
        return ",".join(dict.fromkeys(code for code in codes if code != self.cleaned_data.get("country")))

    def clean(self):
        data = super().clean()
        if self.manages_translations:
            self._clean_translations(data)
        if data.get("level_not_applicable") and any(data.get(name) for name in ("nqf_level", "eqf_level", "cycle")):
            self.add_error(
                "level_not_applicable",
                _("You ticked that no level applies, yet a level is given: untick it or clear the level."),
            )
        level = data.get("nqf_level")
        if level is not None and getattr(level, "referencing", None) is not None:
            declared = data.get("eqf_level")
            if declared and declared != level.referencing.eqf_level:
                self.add_error(
                    "eqf_level",
                    _("%(level)s is referenced to EQF %(eqf)s; leave the EQF level empty or correct it.")
                    % {"level": f"{level.framework.code} {level.code}", "eqf": level.referencing.eqf_level},
                )
        return data
