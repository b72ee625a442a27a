"""Saving what a person chose for themselves."""

from django.db import transaction

from ..models import PersonalPreference


@transaction.atomic
def save_personal_preference(*, user, language: str, time_zone: str) -> PersonalPreference:
    """Record the person's language and time zone (empty: their organisation's defaults). Not audited: it
    changes how the system writes to the person, never what anyone may do or what the register says."""
    preference, _created = PersonalPreference.objects.get_or_create(user=user)
    preference.language = language
    preference.time_zone = time_zone
    preference.full_clean()
    preference.save()
    return preference
