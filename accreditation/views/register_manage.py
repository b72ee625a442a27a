"""The authority's actions on a published entry: suspend, lift a suspension, withdraw, always with a reason.
Entries are public, so a signed-in person without the right gets 403 rather than 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import RegisterEntry, RegisterEvent
from ..services.register import TRANSITIONS, change_entry_status


class StatusChangeForm(forms.Form):
    change = forms.ChoiceField(
        label=gettext_lazy("Change"),
        choices=[(kind, RegisterEvent.Kind(kind).label) for kind in TRANSITIONS],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 4}))


@login_required
def manage_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        RegisterEntry.objects.with_effective_status().select_related("provider", "authority"), pk=pk
    )
    if not RegisterEntry.objects.manageable_by(request.user).filter(pk=entry.pk).exists():
        raise PermissionDenied
    form = StatusChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change_entry_status(
                entry=entry, change=form.cleaned_data["change"], reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The register entry of %(provider)s is updated.") % {"provider": entry.provider}
            )
            return redirect("register:provider", entry.provider_id)
    return render(
        request,
        "accreditation/register/manage.html",
        {"entry": entry, "form": form},
        status=400 if form.errors else 200,
    )
