"""A reviewer keeps their own profile: expertise, languages, countries, student status and past employment
(which the conflict-of-interest checks read)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from accreditation.models import Role
from accreditation.roles import roles_of

from ..models import ReviewerProfile
from ..profile_forms import EmploymentFormSet, ReviewerProfileForm
from ..services import save_reviewer_profile


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    if Role.REVIEWER not in roles_of(request.user):
        raise Http404
    instance, _created = ReviewerProfile.objects.get_or_create(user=request.user)
    form = ReviewerProfileForm(request.POST or None, instance=instance)
    employment = EmploymentFormSet(request.POST or None, instance=instance, prefix="employment")
    if request.method == "POST" and form.is_valid() and employment.is_valid():
        save_reviewer_profile(profile_form=form, employment=employment, by=request.user)
        messages.success(request, _("Your reviewer profile is saved."))
        return redirect("reviews:profile")
    return render(request, "reviews/profile_form.html", {"form": form, "employment": employment})


urlpatterns = [path("reviews/profile/", profile, name="profile")]
