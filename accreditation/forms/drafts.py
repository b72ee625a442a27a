"""Forms of a draft application: its scope and summary, and evidence uploads."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frameworks.models import FieldOfStudy

from ..models import Application, EvidenceDocument, MicroCredential
from ..uploads import check_evidence_file
from ..validators import no_control_characters


class ApplicationDraftForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "agency",
            "authority",
            "scope",
            "micro_credentials",
            "scope_eqf_min",
            "scope_eqf_max",
            "scope_fields",
            "summary",
        ]
        widgets = {
            "scope": forms.RadioSelect,
            "micro_credentials": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["micro_credentials"].queryset = MicroCredential.objects.filter(provider=provider)
        self.fields["micro_credentials"].help_text = _("For a scope of selected micro-credentials.")
        self.fields["scope_eqf_min"].help_text = _("For an institutional scope.")
        self.fields["scope_fields"].queryset = FieldOfStudy.objects.filter(parent__isnull=True)
        self.fields["scope_fields"].help_text = _("For an institutional scope: the broad fields it covers.")

    def clean(self):
        data = super().clean()
        if data.get("scope") == Application.Scope.INSTITUTIONAL:
            low, high = data.get("scope_eqf_min"), data.get("scope_eqf_max")
            if low and high and low > high:
                self.add_error("scope_eqf_max", _("The highest EQF level cannot be below the lowest."))
        return data


class EvidenceUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceDocument.Kind.choices)

    def __init__(self, *args, draft: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # A report on a condition has its own page (process/conditions_views.py); never an upload kind here.
        self.fields["kind"].choices = [
            c for c in EvidenceDocument.Kind.choices if c[0] != EvidenceDocument.Kind.CONDITION
        ]
        if draft:
            # A response belongs to an information request's answer, never to a draft: not offered here, and still
            # refused with its reason by drafts.add_evidence, the rule's one home, when posted anyway.
            self.fields["kind"].widget.choices = [
                choice for choice in self.fields["kind"].choices if choice[0] != EvidenceDocument.Kind.RESPONSE
            ]

    title = forms.CharField(label=_("Title"), max_length=255, validators=[no_control_characters])
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, DOCX, ODT or XLSX, checked by content; 20 MB at most by default.")
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.detected_format = check_evidence_file(uploaded)
        return uploaded
