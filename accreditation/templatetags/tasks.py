"""How a task is named to the person who does it: the step's title, told apart where one step serves two
purposes (a first screening or a re-screening after the provider's answer; a review seat left vacant)."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


def is_rescreening(task) -> bool:
    """A screening after the provider answered an information request (views may annotate it to save a query)."""
    known = getattr(task, "is_rescreening", None)
    if known is not None:
        return bool(known)
    return task.process.application.information_requests.exclude(responded_at=None).exists()


@register.filter
def step_title(task) -> str:
    name = task.flow_task.name if task.flow_task else ""
    if name == "review" and (task.data or {}).get("vacant"):
        return _("Replace a reviewer who declined")
    if name == "screen" and is_rescreening(task):
        return _("Screen again after the provider's answer")
    return str(task.flow_task.task_title) if task.flow_task else ""
