"""What roles a person holds, read once per request from their memberships."""

from .models import Membership


def roles_of(user) -> frozenset[str]:
    """The roles of a signed-in user, cached on the user object for the request."""
    cached = getattr(user, "_roles_cache", None)
    if cached is None:
        cached = frozenset(Membership.objects.filter(user=user).values_list("role", flat=True))
        user._roles_cache = cached
    return cached
