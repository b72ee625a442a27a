"""Forms of the provider's own decisions about an application: withdrawing it after submission."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..validators import no_control_characters


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw the application?"),
        help_text=_("The agency reads this; it is kept in the application's history."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        validators=[no_control_characters],
    )
