"""Forms of the conditions follow-up: the provider's report, the coordinator's assessment, the authority's
decision on a condition not met, and the officer's suspension with dates."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import ConditionReport
from ..services.conditions import AuthorityDecision
from ..uploads import check_evidence_file
from ..validators import no_control_characters

MAX_FILES = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input, each checked as any evidence is (`uploads.check_evidence_file`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > MAX_FILES:
            raise ValidationError(_("Attach at most %(count)d files.") % {"count": MAX_FILES})
        checked, errors = [], []
        for uploaded in files:
            uploaded = super().clean(uploaded, initial)
            try:
                checked.append((uploaded, check_evidence_file(uploaded)))
            except ValidationError as error:
                errors.extend(f"{uploaded.name}: {message}" for message in error.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class ConditionReportForm(forms.Form):
    text = forms.CharField(
        label=_("Your report"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What was done to meet the condition, and where the evidence shows it."),
        validators=[no_control_characters],
    )
    files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("Optional; up to 5 PDF, DOCX, ODT or XLSX files, checked by content."),
    )


class ConditionAssessmentForm(forms.Form):
    assessment = forms.ChoiceField(
        label=_("Assessment"), choices=ConditionReport.Assessment.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required unless the condition is met; the provider reads them, and the authority when not met."),
        validators=[no_control_characters],
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("assessment") not in (None, ConditionReport.Assessment.MET)
            and not cleaned.get("note", "").strip()
        ):
            self.add_error("note", _("Give the reasons, for the provider and the authority."))
        return cleaned


DECISION_CHOICES = [
    (AuthorityDecision.EXTEND, _("Extend the due date: the provider reports again")),
    (AuthorityDecision.SUSPEND, _("Suspend the entry")),
    (AuthorityDecision.WITHDRAW, _("Withdraw the entry")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ConditionDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISION_CHOICES, widget=forms.RadioSelect)
    due_on = forms.DateField(label=_("New due date"), required=False, widget=DateInput())
    suspend_from = forms.DateField(
        label=_("Suspended from"), required=False, widget=DateInput(), help_text=_("Today or later; empty: today.")
    )
    suspend_until = forms.DateField(
        label=_("Suspended until"), required=False, widget=DateInput(), help_text=_("Optional; lifted on that day.")
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the public register and sent to the provider."),
        validators=[no_control_characters],
    )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == AuthorityDecision.EXTEND and not cleaned.get("due_on"):
            self.add_error("due_on", _("Give the new due date."))
        if decision == AuthorityDecision.SUSPEND:
            check_suspension_dates(self, cleaned, start="suspend_from", end="suspend_until")
        return cleaned


def check_suspension_dates(form: forms.Form, cleaned: dict, *, start: str, end: str) -> None:
    """A suspension starts today or later and ends after it starts: said next to the field."""
    today = timezone.localdate()
    starts = cleaned.get(start) or today
    if starts < today:
        form.add_error(start, _("A suspension starts today or later."))
    ends: datetime.date | None = cleaned.get(end)
    if ends is not None and ends <= starts:
        form.add_error(end, _("The suspension must end after it starts."))
