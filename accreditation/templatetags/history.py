"""An application's history in words: the outcome an event recorded, by its label rather than its code."""

from django import template

from ..models import Decision
from ..services.applications import ScreeningOutcome

register = template.Library()

# Which vocabulary each verb's outcome is drawn from; the codes stay in the audit data as recorded.
OUTCOME_LABELS = {
    "screened": dict(ScreeningOutcome.CHOICES),
    "decided": dict(Decision.Outcome.choices),
}


@register.filter
def outcome_label(event) -> str:
    """The label of the outcome an audit event records, or "" when it records none."""
    data = event.data if isinstance(event.data, dict) else {}
    code = data.get("outcome")
    if not code:
        return ""
    return str(OUTCOME_LABELS.get(event.verb, {}).get(code, code))
