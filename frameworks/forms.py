"""Forms of the frameworks app: the public look-up, and the admin forms that refuse edits breaking the referencing."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import EqfLevel, Framework, Level, LevelReferencing

EQF_RANGE_MESSAGE = _("EQF level %(value)s does not exist: an EQF level is between 1 and 8.")
DISTINCT_IN_FRAMEWORK = {
    "code": _("This framework already has a level with this code."),
    "ordinal": _("This framework already has a level at this position."),
}


def _shown(text: str) -> str:
    """What the visitor typed, short enough to repeat in a message."""
    return text if len(text) <= 30 else text[:29] + "…"


class FrameworkLookupForm(forms.Form):
    """Pick a framework and, optionally, one of its levels. Works on frameworks already loaded with their levels,
    so that validating it costs no query."""

    framework = forms.CharField(label=_("Framework"), required=False, widget=forms.Select(attrs={"id": "fw"}))
    level = forms.CharField(
        label=_("Level"),
        required=False,
        widget=forms.TextInput(
            attrs={"id": "lv", "size": 6, "list": "lv-options", "aria-describedby": "lv-help", "autocomplete": "off"}
        ),
    )

    def __init__(self, data=None, *, frameworks: list[Framework]):
        super().__init__(data)
        self.frameworks = {framework.code: framework for framework in frameworks}
        self.fields["framework"].widget.choices = [("", _("Choose a framework"))] + [
            (framework.code, f"{framework.code} — {framework.name}") for framework in frameworks
        ]

    def clean_framework(self) -> Framework | None:
        code = self.cleaned_data["framework"].strip()
        if not code:
            return None
        framework = self.frameworks.get(code) or next(
            (fw for fw in self.frameworks.values() if fw.code.lower() == code.lower()), None
        )
        if framework is None:
            raise ValidationError(
                _("There is no framework with the code “%(code)s”."), code="unknown", params={"code": _shown(code)}
            )
        return framework

    def clean(self) -> dict:
        cleaned = super().clean()
        code = (cleaned.get("level") or "").strip()
        framework = cleaned.get("framework")
        cleaned["level"] = None
        if not code or "framework" in self.errors:
            return cleaned
        if framework is None:
            self.add_error("level", _("Choose a framework first."))
            return cleaned
        levels = list(framework.levels.all())
        level = next((lv for lv in levels if lv.code == code), None) or next(
            (lv for lv in levels if lv.code.lower() == code.lower()), None
        )
        if level is None:
            message = _("%(framework)s has no level “%(level)s”. Its levels are %(levels)s.")
            self.add_error(
                "level",
                ValidationError(
                    message,
                    code="unknown",
                    params={
                        "framework": framework.code,
                        "level": _shown(code),
                        "levels": ", ".join(lv.code for lv in levels),
                    },
                ),
            )
        cleaned["level"] = level
        return cleaned

    @property
    def not_found(self) -> bool:
        return any(error.code == "unknown" for errors in self.errors.as_data().values() for error in errors)


class LevelReferencingForm(forms.ModelForm):
    """The referencing of one level; an EQF level outside 1-8 gets a message that says what is allowed."""

    class Meta:
        model = LevelReferencing
        fields = ["level", "eqf_level", "confidence", "note"]
        error_messages = {"eqf_level": {"invalid_choice": EQF_RANGE_MESSAGE}}


class LevelWithReferencingForm(forms.ModelForm):
    """A level in its framework's page, with its EQF referencing in the same row (the admin cannot nest a
    referencing inline inside a level inline). An empty EQF level means "not referenced"."""

    eqf_level = forms.TypedChoiceField(
        label=_("EQF level"),
        choices=[("", _("not referenced")), *EqfLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": EQF_RANGE_MESSAGE},
    )
    eu_uri = forms.URLField(label=_("EU vocabulary URI"), required=False, assume_scheme="https")
    referencing_confidence = forms.ChoiceField(
        label=_("confidence"), choices=LevelReferencing._meta.get_field("confidence").choices, required=False
    )

    class Meta:
        model = Level
        fields = ["code", "ordinal", "title", "eu_uri"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        referencing = getattr(self.instance, "referencing", None) if self.instance.pk else None
        self.fields["eqf_level"].initial = referencing.eqf_level if referencing else None
        self.fields["referencing_confidence"].initial = (
            referencing.confidence if referencing else LevelReferencing._meta.get_field("confidence").default
        )

    def _post_clean(self) -> None:
        super()._post_clean()
        self.check_distinct_in_framework()

    def check_distinct_in_framework(self) -> None:
        """A changed code or position must not be another level's. Django leaves this to the formset inside an
        inline (its foreign key is excluded from the form's own checks), which only sees the rows submitted:
        a swap of two codes would reach the database's constraint."""
        if self.instance.framework_id is None:
            return
        others = Level.objects.filter(framework_id=self.instance.framework_id).exclude(pk=self.instance.pk)
        for name, message in DISTINCT_IN_FRAMEWORK.items():
            value = self.cleaned_data.get(name)
            if name not in self.changed_data or value in (None, "") or name in self.errors:
                continue
            lookup = {f"{name}__iexact" if name == "code" else name: value}
            if others.filter(**lookup).exists():
                self.add_error(name, message)

    def save(self, commit: bool = True) -> Level:
        level = super().save(commit=commit)
        if commit:
            self.save_referencing(level)
        else:
            save_m2m = self.save_m2m

            def save_m2m_and_referencing():
                save_m2m()
                self.save_referencing(level)

            self.save_m2m = save_m2m_and_referencing
        return level

    def save_referencing(self, level: Level) -> None:
        eqf_level = self.cleaned_data.get("eqf_level")
        existing = LevelReferencing.objects.filter(level=level).first()
        if eqf_level is None:
            if existing is not None:
                existing.delete()
            return
        referencing = existing or LevelReferencing(level=level)
        referencing.eqf_level = eqf_level
        referencing.confidence = self.cleaned_data.get("referencing_confidence") or referencing.confidence
        referencing.full_clean()
        referencing.save()


def _kept_forms(formset) -> list[forms.ModelForm]:
    """The forms of an inline formset that will be saved: filled in and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if form.has_changed() or form.instance.pk
        if not (formset.can_delete and formset._should_delete_form(form))
        if hasattr(form, "cleaned_data")
    ]


class LevelInlineFormSet(forms.BaseInlineFormSet):
    """The levels of one framework: a code and a position may each be used once. Checked across the rows being
    saved, with the message next to the offending field, before the database would refuse them."""

    def validate_unique(self) -> None:
        duplicates = False
        for name, message in DISTINCT_IN_FRAMEWORK.items():
            seen = set()
            for form in _kept_forms(self):
                value = form.cleaned_data.get(name)
                if value in (None, ""):
                    continue
                key = value.lower() if isinstance(value, str) else value
                if key in seen:
                    form.add_error(name, message)
                    duplicates = True
                seen.add(key)
        if duplicates:
            raise ValidationError(_("Two levels of this framework share a code or a position."))
        super().validate_unique()


class ScaleValueInlineFormSet(forms.BaseInlineFormSet):
    """The values of a judgement scale: a scale that standard sets use cannot be left without values."""

    def clean(self) -> None:
        super().clean()
        scale = self.instance
        if scale.pk is None or not scale.standard_sets.exists():
            return
        if not _kept_forms(self):
            raise ValidationError(
                _("Standard sets use this scale (%(sets)s): it must keep at least one value."),
                params={"sets": ", ".join(str(standard_set) for standard_set in scale.standard_sets.all())},
            )
