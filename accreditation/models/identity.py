"""A change of an accredited provider's identity (legal name, acronym, type, country, identifiers), requested by its
staff and approved or refused by an officer of the authority that accredited it. Until approved, the provider
keeps its accredited identity everywhere (register, verification, API, downloads, search)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from ..validators import no_control_characters
from .organisations import Authority, Membership, Provider, Role

# What the register and the certificate say of who the provider is. Region, website and the second-factor rule
# are not identity: they save directly.
IDENTITY_FIELDS = (
    "legal_name",
    "acronym",
    "type",
    "country",
    "national_id",
    "erasmus_code",
    "pic",
    "deqar_id",
    "eter_id",
    "ror_id",
    "schac_code",
)


def identity_of(provider: Provider) -> dict[str, str]:
    return {name: getattr(provider, name) for name in IDENTITY_FIELDS}


class IdentityChangeRequestQuerySet(models.QuerySet):
    def pending(self) -> "IdentityChangeRequestQuerySet":
        return self.filter(status=IdentityChangeRequest.Status.PENDING)

    def visible_to(self, user) -> "IdentityChangeRequestQuerySet":
        """The provider's own staff and the officers of the deciding authority; nobody else (a 404)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(provider__in=Membership.objects.providers_of(user))
            | Q(authority__in=Membership.objects.authorities_of(user))
        )


class IdentityChangeProcess(Process):
    """The viewflow process of one request (a proxy: its data lives on IdentityChangeRequest); the flow is
    process.identity_change.IdentityChangeFlow."""

    class Meta:
        proxy = True
        verbose_name = _("identity change process")
        verbose_name_plural = _("identity change processes")


class IdentityChangeRequest(models.Model):
    """The old and new values of the identity fields that change, why, and the officer's answer."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    provider = models.ForeignKey(Provider, models.PROTECT, related_name="identity_changes", verbose_name=_("provider"))
    authority = models.ForeignKey(
        Authority, models.PROTECT, related_name="identity_changes", verbose_name=_("deciding authority")
    )
    old_values = models.JSONField(_("accredited identity"))
    new_values = models.JSONField(_("requested identity"))
    reason = models.TextField(_("reason for the change"), validators=[no_control_characters])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested on"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    decided_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    decision_reason = models.TextField(_("answer"), blank=True, validators=[no_control_characters])
    process = models.OneToOneField(
        Process, models.SET_NULL, null=True, blank=True, related_name="identity_change", verbose_name=_("process")
    )

    objects = IdentityChangeRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("identity change request")
        verbose_name_plural = _("identity change requests")
        constraints = [
            # One open request per provider: a second would be decided against identities that no longer hold.
            models.UniqueConstraint(
                fields=["provider"], condition=Q(status="pending"), name="identity_change_one_pending"
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False), name="identity_change_decided_at"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} — {self.get_status_display()}"

    @property
    def changes(self) -> list[tuple[str, str, str]]:
        """(field label, accredited value, requested value) of each changed field, readable (choices shown)."""
        rows = []
        for name in IDENTITY_FIELDS:
            if name not in self.new_values:
                continue
            field = Provider._meta.get_field(name)
            choices = dict(field.choices or ())
            old, new = self.old_values.get(name, ""), self.new_values[name]
            rows.append((str(field.verbose_name), str(choices.get(old, old)), str(choices.get(new, new))))
        return rows


def deciding_officers(authority: Authority):
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(memberships__authority=authority, memberships__role=Role.OFFICER, is_active=True)
        .order_by("memberships__created_at", "pk")
    )
