"""The provider profile with the reason an identity change needs, and the officer's answer to such a change."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models.identity import IDENTITY_FIELDS
from .catalogue import ProviderProfileForm


class ProviderProfileWithIdentityForm(ProviderProfileForm):
    """The profile; for an accredited provider, identity fields changed here are sent for approval with `reason`."""

    reason = forms.CharField(
        label=_("Why does the identity change?"),
        help_text=_(
            "Needed when you change the legal name, acronym, type, country or an identifier: the authority that "
            "accredited the provider approves the change before the register shows it. Other fields save at once."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, identity_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.identity_locked = identity_locked
        if not identity_locked:
            del self.fields["reason"]
        else:
            for name in IDENTITY_FIELDS:
                if name in self.fields:
                    self.fields[name].help_text = " ".join(
                        str(part) for part in (self.fields[name].help_text, _("Changes need approval.")) if part
                    )


class IdentityChangeDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            ("approve", _("Approve: the register shows the new identity and a new certificate version is issued")),
            ("refuse", _("Refuse: nothing changes and the provider is told why")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Required for a refusal; the provider reads it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == "refuse" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give the reason for the refusal: the provider is told."))
        return cleaned
