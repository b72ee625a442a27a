"""Writes of the provider's own data: its profile and its catalogue of specifications."""

from django.db import transaction

from frameworks.alignment import derive_eqf_level

from .. import audit, register_index
from ..models import MicroCredential, Provider


@transaction.atomic
def save_provider_profile(*, provider: Provider, by) -> Provider:
    provider.full_clean()
    provider.save()
    register_index.index_provider(provider)  # the register shows and searches the current name
    audit.record(actor=by, verb="updated the provider profile", target=provider)
    return provider


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
