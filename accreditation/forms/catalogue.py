"""Forms of the provider's profile and catalogue. All rules of a specification live here and in the model, so
that the web form and the XLSX importer validate alike."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frameworks.models import FieldOfStudy, Level

from ..models import MicroCredential, Provider


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


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, level):
        eqf = getattr(getattr(level, "referencing", None), "eqf_level", None)
        suffix = _(" (EQF %(eqf)s)") % {"eqf": eqf} if eqf else _(" (not referenced to the EQF)")
        return f"{level.framework.code} {level.code}{suffix}"


def grouped_levels():
    """Levels as option groups, one per framework, for a select that reads well."""
    groups: dict[str, list] = {}
    for level in Level.objects.select_related("framework", "referencing").order_by("framework__code", "ordinal"):
        eqf = getattr(getattr(level, "referencing", None), "eqf_level", None)
        label = f"{level.framework.code} {level.code}" + (f" (EQF {eqf})" if eqf else "")
        groups.setdefault(f"{level.framework.code} — {level.framework.name}", []).append((level.pk, label))
    return [("", "—"), *groups.items()]


class PreloadedModelChoiceField(forms.ModelChoiceField):
    """A model choice that looks a value up among rows already loaded, when it was given some, before asking the
    database; validation is otherwise the same."""

    preloaded: dict = {}

    def to_python(self, value):
        if value not in self.empty_values and str(value).isdigit() and int(value) in self.preloaded:
            return self.preloaded[int(value)]
        return super().to_python(value)


class MicroCredentialForm(forms.ModelForm):
    class Meta:
        model = MicroCredential
        fields = ["reference", *MicroCredential.SPECIFICATION_FIELDS]
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

    def clean_other_countries(self):
        codes = [code.strip().upper() for code in self.cleaned_data["other_countries"].split(",") if code.strip()]
        return ",".join(dict.fromkeys(code for code in codes if code != self.cleaned_data.get("country")))

    def clean(self):
        data = super().clean()
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
