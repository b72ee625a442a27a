"""`{% expiring_entries %}`: the register entries of the signed-in person's providers and agencies that have had a
reminder before expiry (services.expiry), soonest first, for "My tasks"."""

from django import template

from ..services.expiry import expiring_entries_for

register = template.Library()


@register.inclusion_tag("accreditation/includes/expiring_entries.html", takes_context=True)
def expiring_entries(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    entries = list(expiring_entries_for(user)[:50]) if user is not None else []
    return {"entries": entries}
