"""The reviewer's own profile form and their employment history."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.models.credentials import languages_validator
from frameworks.models import FieldOfStudy

from .models import EmploymentRecord, ReviewerProfile


class ReviewerProfileForm(forms.ModelForm):
    # Named "expertise" here: a form attribute called "fields" would shadow the form's own field list.
    expertise = forms.ModelMultipleChoiceField(
        label=_("Expertise (ISCED-F fields)"),
        queryset=FieldOfStudy.objects.filter(parent__isnull=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ReviewerProfile
        fields = ["languages", "countries", "is_student", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["expertise"] = list(self.instance.fields.values_list("pk", flat=True))

    def save(self, commit=True):
        profile = super().save(commit=commit)
        if commit:
            profile.fields.set(self.cleaned_data["expertise"])
        return profile

    def clean_languages(self):
        value = ",".join(code.strip().lower() for code in self.cleaned_data["languages"].split(",") if code.strip())
        if value:
            languages_validator(value)
        return value

    def clean_countries(self):
        codes = [code.strip().upper() for code in self.cleaned_data["countries"].split(",") if code.strip()]
        if any(len(code) != 2 or not code.isalpha() for code in codes):
            raise forms.ValidationError(_("Give two-letter country codes separated by commas, e.g. IE,MT."))
        return ",".join(codes)


EmploymentFormSet = forms.inlineformset_factory(
    ReviewerProfile,
    EmploymentRecord,
    fields=["provider", "role", "ended_on"],
    extra=1,
    can_delete=True,
    widgets={"ended_on": forms.DateInput(attrs={"type": "date"})},
)
