"""The authority's actions on a published entry: suspend, lift a suspension, withdraw, always with a reason.
Entries are public, so a signed-in person without the right gets 403 rather than 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..forms.conditions import DateInput, check_suspension_dates
from ..models import RegisterEntry, RegisterEvent
from ..services.register import TRANSITIONS, change_entry_status, schedule_suspension
from ..validators import no_control_characters
from .confirm import confirmation_page, is_confirmed, is_going_back

# What each change is called as an action, and why it cannot be made when the entry's status forbids it.
ACTIONS = {
    RegisterEvent.Kind.SUSPENDED: gettext_lazy("Suspend the entry"),
    RegisterEvent.Kind.REINSTATED: gettext_lazy("Lift the suspension"),
    RegisterEvent.Kind.WITHDRAWN: gettext_lazy("Withdraw the entry"),
}
REFUSALS = {
    RegisterEvent.Kind.SUSPENDED: gettext_lazy("Only an active entry can be suspended; this entry is %(status)s."),
    RegisterEvent.Kind.REINSTATED: gettext_lazy(
        "Only a suspended entry can have its suspension lifted; this entry is %(status)s."
    ),
    RegisterEvent.Kind.WITHDRAWN: gettext_lazy(
        "Only an active or suspended entry can be withdrawn; this entry is %(status)s."
    ),
}


def changes_allowed(status: str) -> list[str]:
    """The changes an entry of this stored status can undergo, in the order the service declares them."""
    return [change for change, (allowed, _after) in TRANSITIONS.items() if status in allowed]


class StatusChangeForm(forms.Form):
    change = forms.ChoiceField(label=gettext_lazy("Change"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Shown on the public register and sent to the provider."),
        validators=[no_control_characters],
    )

    starts_on = forms.DateField(
        label=gettext_lazy("Suspended from"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("For a suspension: today or later (empty: today); it starts itself on that day."),
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Suspended until"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("Optional: the suspension lifts itself on that day."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("change") == RegisterEvent.Kind.SUSPENDED:
            check_suspension_dates(self, cleaned, start="starts_on", end="ends_on")
        return cleaned

    def __init__(self, *args, status: str, **kwargs):
        super().__init__(*args, **kwargs)
        # Every change is a valid answer (a page opened before someone else's change may still offer it: the
        # view then says why it cannot be made); only those the status allows are shown.
        self.fields["change"].choices = [(change, ACTIONS[change]) for change in TRANSITIONS]
        self.offer(status)

    def offer(self, status: str) -> None:
        self.fields["change"].widget.choices = [(change, ACTIONS[change]) for change in changes_allowed(status)]


def _refusal(entry: RegisterEntry, change: str) -> str:
    return str(REFUSALS[change]) % {"status": entry.get_status_display().lower()}


@login_required
def manage_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        RegisterEntry.objects.with_effective_status().select_related("provider", "authority"), pk=pk
    )
    if not RegisterEntry.objects.manageable_by(request.user).filter(pk=entry.pk).exists():
        raise PermissionDenied
    form = StatusChangeForm(request.POST or None, status=entry.status)
    if request.method == "POST" and form.is_valid() and not is_going_back(request):
        change = form.cleaned_data["change"]
        if (
            change == RegisterEvent.Kind.WITHDRAWN
            and not is_confirmed(request)
            and change in changes_allowed(entry.status)
        ):
            return confirmation_page(
                request,
                title=_("Withdraw the entry %(certificate)s of %(provider)s?")
                % {"certificate": entry.certificate_id, "provider": entry.provider.legal_name},
                facts=[(_("Reason, shown on the public register"), form.cleaned_data["reason"])],
                consequences=[
                    _(
                        "A withdrawal is final: the register shows the entry as withdrawn from today, its "
                        "certificate no longer verifies, and it cannot be reinstated."
                    )
                ],
                confirm_label=_("Withdraw the entry"),
            )
        try:
            if change not in changes_allowed(entry.status):
                raise ValidationError(_refusal(entry, change))
            if change == RegisterEvent.Kind.SUSPENDED:
                schedule_suspension(
                    entry=entry,
                    starts_on=form.cleaned_data["starts_on"] or timezone.localdate(),
                    ends_on=form.cleaned_data["ends_on"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            else:
                change_entry_status(entry=entry, change=change, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            entry.refresh_from_db(fields=["status"])
            form.offer(entry.status)
            if change not in changes_allowed(entry.status):  # perhaps changed meanwhile by someone else
                form.add_error(None, _refusal(entry, change))
            else:
                for message in error.messages:
                    form.add_error(None, message)
        else:
            starts_on = form.cleaned_data.get("starts_on")
            if change == RegisterEvent.Kind.SUSPENDED and starts_on and starts_on > timezone.localdate():
                done = _(
                    "The register entry of %(provider)s will be suspended from %(date)s. "
                    "The provider is told by e-mail."
                )
                messages.success(request, done % {"provider": entry.provider.legal_name, "date": starts_on.isoformat()})
            else:
                messages.success(
                    request,
                    _("The register entry of %(provider)s is updated: %(change)s. The provider is told by e-mail.")
                    % {"provider": entry.provider.legal_name, "change": RegisterEvent.Kind(change).label.lower()},
                )
            return redirect("register:provider", entry.provider_id)
    return render(
        request,
        "accreditation/register/manage.html",
        {
            "entry": entry,
            "form": form,
            "can_change": bool(changes_allowed(entry.status)),
            "suspensions": entry.suspensions.filter(lifted=None, cancelled_at=None),
        },
        status=400 if form.errors else 200,
    )
