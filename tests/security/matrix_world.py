"""The access matrix's part of the identity change: provider A (on the register) asks to be renamed, which opens
the decision task of the officer who accredited it; the matrix rows name that task's id."""

from accreditation.models import IdentityChangeRequest
from accreditation.services import identity


def add_identity_change_task(world, provider, staff) -> None:
    provider.legal_name = f"{provider.legal_name} (renamed)"
    change = identity.save_provider_profile(provider=provider, by=staff, reason="A merger.")
    provider.refresh_from_db()
    assert isinstance(change, IdentityChangeRequest)
    world.ids["identity change task"] = change.process.task_set.get(flow_task_type="HUMAN").pk
