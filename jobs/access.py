"""Who may see a job. The rule belongs to the layer that knows the organisations (accreditation registers
`accreditation.access.jobs_visible_to` when it starts): until one is registered nobody sees any job."""

from collections.abc import Callable

from django.db.models import QuerySet

from .models import Job

_rule: Callable[[object], QuerySet[Job]] | None = None


def set_visibility_rule(rule: Callable[[object], QuerySet[Job]]) -> None:
    global _rule
    _rule = rule


def jobs_visible_to(user) -> QuerySet[Job]:
    if _rule is None or not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    return _rule(user)
