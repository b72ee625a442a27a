"""A shared link can carry its language: `?lang=de` selects German for that request and remembers the choice.

The stable URLs have no language prefix; Django's LocaleMiddleware picks the language from the cookie or the
Accept-Language header. This middleware runs just after it and lets an explicit `lang` query parameter win, so
that "https://.../register/providers/7/?lang=el" opens in Greek for whoever follows it. An unknown or malformed
value is ignored (the page still answers, in the language it would otherwise have had).
"""

import datetime
import zoneinfo

from babel.dates import format_date, format_time, get_datetime_format
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


# Dates and times for people, in the reader's language, from CLDR (Babel): the order, the month's form (Greek,
# Polish, Czech ... genitive) and the time's notation are each language's own. Machine outputs keep ISO 8601.
# English is written the Irish way (day month year, 24-hour clock), as the EU's English texts do.
ENGLISH_LOCALE = "en_IE"


def cldr_locale(language: str | None = None) -> str:
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return ENGLISH_LOCALE if language.startswith("en") else language.split("-")[0]


def local_date(value, length: str = "long") -> str:
    """A date (or the day of an aware datetime, in the active zone) as the reader's language writes it;
    length "long" (5 March 2026), "medium" (5 Mar 2026) or "short"."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return format_date(value, length, locale=cldr_locale())


def local_datetime(value, length: str = "medium") -> str:
    """A moment in the active time zone, as the reader's language writes it, with the zone named (CET, EEST ...)."""
    if value in (None, ""):
        return ""
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    zone = moment.strftime("%Z") or timezone.get_current_timezone_name()
    locale = cldr_locale()
    # CLDR's glue between date and time ("{1}, {0}" in English, "{1} {0}" elsewhere), quotes of literals removed.
    glue = get_datetime_format(length, locale=locale).replace("'", "")
    written = glue.replace("{1}", format_date(moment, length, locale=locale))
    return f"{written.replace('{0}', format_time(moment, 'short', locale=locale))} {zone}"
