"""Forms of the flow's steps done in the accreditation workspaces: screening, the information loop, comments,
the final report and the decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Decision
from ..services.applications import ScreeningOutcome
from ..validators import no_control_characters


class ScreeningForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ScreeningOutcome.CHOICES, widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Message to the provider"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when you request information (what is needed) or reject (the reasons)."),
        validators=[no_control_characters],
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") in (ScreeningOutcome.REQUEST_INFORMATION, ScreeningOutcome.INELIGIBLE)
            and not (data.get("message") or "").strip()
        ):
            self.add_error("message", _("Write the message: what is needed, or why the application is ineligible."))
        return data


class InformationResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 8}), validators=[no_control_characters]
    )


class ReportCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comments on the draft report"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Point out factual errors or add context; the panel sees them before the report is final."),
        validators=[no_control_characters],
    )


class FinaliseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("The report is final and can go to the authority for a decision."), required=True
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect)
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One condition per line; required for an accreditation with conditions."),
        validators=[no_control_characters],
    )
    rationale = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 6}), validators=[no_control_characters]
    )
    valid_from = forms.DateField(
        label=_("Valid from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Default: today."),
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Default: the configured validity period after the start."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") == Decision.Outcome.ACCREDIT_WITH_CONDITIONS
            and not (data.get("conditions") or "").strip()
        ):
            self.add_error("conditions", _("List the conditions of a conditional accreditation."))
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end <= start:
            self.add_error("valid_until", _("The validity must end after it starts."))
        return data
