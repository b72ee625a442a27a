"""A shared link can carry its language: `?lang=de` selects German for that request and remembers the choice.

The stable URLs have no language prefix; Django's LocaleMiddleware picks the language from the cookie or the
Accept-Language header. This middleware runs just after it and lets an explicit `lang` query parameter win, so
that "https://.../register/providers/7/?lang=el" opens in Greek for whoever follows it. An unknown or malformed
value is ignored (the page still answers, in the language it would otherwise have had).
"""

import zoneinfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from accreditation.preferences import time_zone_of

QUERY_PARAMETER = "lang"


def requested_language(request) -> str | None:
    """The supported language code the `lang` parameter names, or None."""
    value = request.GET.get(QUERY_PARAMETER, "")
    if not value or len(value) > 16:
        return None
    try:
        return translation.get_supported_language_variant(value.strip().lower())
    except LookupError:
        return None


def path_without_language(request) -> str:
    query = request.GET.copy()
    query.pop(QUERY_PARAMETER, None)
    encoded = query.urlencode()
    return request.path + (f"?{encoded}" if encoded else "")


class LanguageFromQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Where the language switcher returns to: this page without `lang`, which would override the new choice.
        request.path_without_language = path_without_language(request)
        language = requested_language(request)
        if language is None:
            return self.get_response(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ("Cookie",))
        if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


class PersonalTimeZoneMiddleware:
    """Shows a signed-in person times in their zone: the one they chose, else their agency's or authority's, else
    their organisation's country's (accreditation.preferences). Anonymous readers get the site's zone; templates
    name the zone beside each time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        with timezone.override(zoneinfo.ZoneInfo(time_zone_of(user))):
            return self.get_response(request)
