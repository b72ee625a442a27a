"""A signed-in person's own preferences: the language of their e-mails and the time zone of their pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _

from ..forms.preferences import PersonalPreferenceForm
from ..models import PersonalPreference
from ..preferences import default_language_of, default_time_zone_of
from ..services.preferences import save_personal_preference


@login_required
def preferences_edit(request: HttpRequest) -> HttpResponse:
    try:
        current = request.user.preference
    except ObjectDoesNotExist:
        current = PersonalPreference(user=request.user)
    # What "automatic" means for this person today: their organisation's country, else the site's defaults.
    suggested = {
        "suggested_language": default_language_of(request.user),
        "suggested_zone": default_time_zone_of(request.user),
    }
    form = PersonalPreferenceForm(request.POST or None, instance=current, **suggested)
    if request.method == "POST" and form.is_valid():
        preference = save_personal_preference(
            user=request.user, language=form.cleaned_data["language"], time_zone=form.cleaned_data["time_zone"]
        )
        response = redirect("accreditation:preferences")
        if preference.language:
            translation.activate(preference.language)  # the confirmation below is already in it
            # The pages follow the chosen language too, as the language switcher would.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                preference.language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
        messages.success(request, _("Your preferences are saved."))
        return response
    return render(request, "accreditation/preferences/preferences_form.html", {"form": form})


urlpatterns = [
    path("accounts/preferences/", preferences_edit, name="preferences"),
]
