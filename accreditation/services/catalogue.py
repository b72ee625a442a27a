"""Writes of the provider's catalogue of specifications (its profile: services.identity)."""

from django.db import transaction

from frameworks.alignment import derive_eqf_level

from .. import audit
from ..models import MicroCredential


@transaction.atomic
def save_micro_credential(*, micro_credential: MicroCredential, by) -> MicroCredential:
    """Save a specification; its EQF level follows its national level wherever that is referenced."""
    derived = derive_eqf_level(micro_credential.nqf_level)
    if derived is not None:
        micro_credential.eqf_level = derived
    created = micro_credential.pk is None
    micro_credential.full_clean()
    micro_credential.save()
    audit.record(
        actor=by,
        verb="added a micro-credential" if created else "updated a micro-credential",
        target=micro_credential,
    )
    return micro_credential
