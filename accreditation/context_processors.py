"""Template context: the signed-in person's roles, for the header and the navigation."""

from .models import Role
from .roles import roles_of


def workspace(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": frozenset(), "user_roles_display": []}
    roles = roles_of(user)
    return {
        "user_roles": roles,
        "user_roles_display": [label for value, label in Role.choices if value in roles],
    }
