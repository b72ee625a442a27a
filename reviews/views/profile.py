"""A reviewer keeps their own profile: expertise, languages, countries, student status and past employment
(which the conflict-of-interest checks read)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from accreditation import audit
from accreditation.models import Role
from accreditation.roles import roles_of

from ..models import ReviewerProfile
from ..profile_forms import EmploymentFormSet, ReviewerProfileForm


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    if Role.REVIEWER not in roles_of(request.user):
        raise Http404
    instance, _created = ReviewerProfile.objects.get_or_create(user=request.user)
    form = ReviewerProfileForm(request.POST or None, instance=instance)
    employment = EmploymentFormSet(request.POST or None, instance=instance, prefix="employment")
    if request.method == "POST" and form.is_valid() and employment.is_valid():
        with transaction.atomic():
            form.save()
            employment.save()
            audit.record(actor=request.user, verb="updated the reviewer profile", target=instance)
        messages.success(request, _("Your reviewer profile is saved."))
        return redirect("reviews:profile")
    return render(request, "reviews/profile_form.html", {"form": form, "employment": employment})


urlpatterns = [path("reviews/profile/", profile, name="profile")]
