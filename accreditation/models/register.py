"""The public trusted-provider register: entries, their accredited scope, and their append-only history."""

import dataclasses
import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from base.models import AppendOnlyModel
from frameworks.models import EqfLevel, FieldOfStudy

from ..validators import no_control_characters
from .applications import Application, Decision
from .credentials import MicroCredentialVersion, ParticipationForm
from .organisations import Agency, Authority, Provider


class ParsedText(SearchVector):
    """The words of a text as PostgreSQL's full-text search indexes them; nothing on other databases, which
    search the text itself."""

    def as_sqlite(self, compiler, connection, **extra_context):
        return "NULL", []


class EntryStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


def _withdrawn_after_expiry() -> Exists:
    """True for an entry whose withdrawal took effect only after its validity had already ended."""
    return Exists(
        RegisterEvent.objects.filter(
            entry=OuterRef("pk"), kind=RegisterEvent.Kind.WITHDRAWN, effective_on__gt=OuterRef("valid_until")
        )
    )


def _running_suspension_end() -> Subquery:
    """The end date of the entry's suspension in force (models/conditions.py, which imports this module)."""
    suspensions = apps.get_model("accreditation", "Suspension").objects
    running = suspensions.filter(entry=OuterRef("pk"), started__isnull=False, lifted=None, cancelled_at=None)
    return Subquery(running.values("ends_on")[:1])


def has_effective_status(status: str, on: datetime.date) -> Q:
    """A filter: entries whose public status on a date is this one.

    The rule every output follows (one truth): an entry past its validity is expired whatever its stored
    status (a suspension does not keep it alive, nor does being active), except that an entry withdrawn before
    its validity ended stays withdrawn for ever after. Within its validity the stored status is the public one.
    """
    if status == EntryStatus.EXPIRED:
        return Q(valid_until__lt=on) & (~Q(status=EntryStatus.WITHDRAWN) | Q(_withdrawn_after_expiry()))
    if status == EntryStatus.WITHDRAWN:
        return Q(status=EntryStatus.WITHDRAWN) & (Q(valid_until__gte=on) | ~Q(_withdrawn_after_expiry()))
    return Q(status=status, valid_until__gte=on)


def status_on(
    *, stored: str, valid_until: datetime.date, on: datetime.date, withdrawn_on: datetime.date | None = None
) -> str:
    """The same rule as has_effective_status() for one entry in Python: `stored` is the status recorded on that
    date, `withdrawn_on` the day its withdrawal took effect (unknown counts as before expiry)."""
    if stored == EntryStatus.WITHDRAWN and (on <= valid_until or withdrawn_on is None or withdrawn_on <= valid_until):
        return EntryStatus.WITHDRAWN
    if on > valid_until:
        return EntryStatus.EXPIRED
    return stored


@dataclasses.dataclass(frozen=True)
class EntryState:
    """What every output says of an entry on a date: its public status and the dates that go with it."""

    status: str
    on: datetime.date
    valid_from: datetime.date
    valid_until: datetime.date
    # The end the outputs show (ELM expiryDate, DEQAR valid_to): the withdrawal date for an entry withdrawn
    # before its validity ended, otherwise the end of validity.
    ends_on: datetime.date
    issued: datetime.datetime  # when the authority decided
    modified: datetime.datetime  # when the entry or its history last changed
    suspended_since: datetime.date | None
    withdrawn_on: datetime.date | None
    # The day a running suspension lifts itself (its end date, issue 13), None when it has none.
    suspended_until: datetime.date | None = None

    @property
    def label(self) -> str:
        return str(EntryStatus(self.status).label)


def entry_state(entry: "RegisterEntry", on: datetime.date | None = None) -> EntryState:
    """The one place an entry's public status and dates come from. Uses the annotations of
    RegisterEntryQuerySet.with_public_state() when present (no queries per entry), its events otherwise."""
    today = timezone.localdate()
    on = on or today
    if hasattr(entry, "state_withdrawn_on") and on == today:
        withdrawn_on, suspended_since = entry.state_withdrawn_on, entry.state_suspended_on
        stored, last_event = entry.status, entry.state_last_event
    else:
        events = [event for event in entry.events.all() if event.effective_on <= on]
        events.sort(key=lambda event: (event.effective_on, event.pk))
        stored = events[-1].status if events else entry.status
        withdrawn_on = next((e.effective_on for e in reversed(events) if e.kind == RegisterEvent.Kind.WITHDRAWN), None)
        suspended_since = next(
            (e.effective_on for e in reversed(events) if e.kind == RegisterEvent.Kind.SUSPENDED), None
        )
        last_event = max((e.recorded_at for e in events), default=None)
    status = status_on(stored=stored, valid_until=entry.valid_until, on=on, withdrawn_on=withdrawn_on)
    if stored != EntryStatus.WITHDRAWN:
        withdrawn_on = None
    if stored != EntryStatus.SUSPENDED:
        suspended_since = None
    ends_on = withdrawn_on if withdrawn_on and withdrawn_on <= entry.valid_until else entry.valid_until
    suspended_until = None
    if status == EntryStatus.SUSPENDED:
        if hasattr(entry, "state_suspended_until") and on == today:
            suspended_until = entry.state_suspended_until
        else:
            suspended_until = next(
                (s.ends_on for s in entry.suspensions.all() if s.starts_on <= on and (s.ends_on or on) >= on), None
            )
    modified = max(moment for moment in (entry.updated_at, last_event) if moment)
    return EntryState(
        status=status,
        on=on,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
        ends_on=ends_on,
        issued=entry.decision.decided_at,
        modified=modified,
        suspended_since=suspended_since,
        withdrawn_on=withdrawn_on,
        suspended_until=suspended_until,
    )


class RegisterEntryQuerySet(models.QuerySet):
    def with_effective_status(self, on: datetime.date | None = None) -> "RegisterEntryQuerySet":
        """Annotate `effective_status`: the public status on a date (today by default), by the rule of
        has_effective_status()."""
        on = on or timezone.localdate()
        return self.annotate(
            effective_status=models.Case(
                models.When(has_effective_status(EntryStatus.EXPIRED, on), then=models.Value(EntryStatus.EXPIRED)),
                default="status",
                output_field=models.CharField(),
            )
        )

    def with_public_state(self) -> "RegisterEntryQuerySet":
        """Annotate what entry_state() needs for today, so that a download of many entries reads no events
        per entry: the dates of the last withdrawal and suspension and the moment of the last event."""

        def last(kind: str | None, column: str) -> Subquery:
            events = RegisterEvent.objects.filter(entry=OuterRef("pk"))
            if kind:
                events = events.filter(kind=kind)
            return Subquery(events.order_by("-effective_on", "-pk").values(column)[:1])

        return self.select_related("decision").annotate(
            state_withdrawn_on=last(RegisterEvent.Kind.WITHDRAWN, "effective_on"),
            state_suspended_on=last(RegisterEvent.Kind.SUSPENDED, "effective_on"),
            state_suspended_until=_running_suspension_end(),
            state_last_event=Subquery(
                RegisterEvent.objects.filter(entry=OuterRef("pk")).order_by("-recorded_at").values("recorded_at")[:1]
            ),
        )

    def modified_since(self, moment: datetime.datetime) -> "RegisterEntryQuerySet":
        """Entries that changed at or after a moment: the entry itself or an event of its history."""
        return self.filter(
            Q(updated_at__gte=moment)
            | Q(Exists(RegisterEvent.objects.filter(entry=OuterRef("pk"), recorded_at__gte=moment)))
        )

    def manageable_by(self, user) -> "RegisterEntryQuerySet":
        """Entries an officer may suspend, reinstate or withdraw (see `access.entries_manageable_by`)."""
        from ..access import entries_manageable_by

        return self.filter(pk__in=entries_manageable_by(user).values("pk"))

    def as_of(self, on: datetime.date) -> "RegisterEntryQuerySet":
        """Entries that existed on a date, annotated with the status they had then (`status_then`), by the rule
        of has_effective_status() applied to the status recorded on that date."""
        last_event = RegisterEvent.objects.filter(entry=OuterRef("pk"), effective_on__lte=on).order_by(
            "-effective_on", "-pk"
        )
        return (
            self.filter(published_on__lte=on)
            .annotate(status_recorded=Subquery(last_event.values("status")[:1]))
            .annotate(
                status_then=models.Case(
                    models.When(
                        Q(status_recorded=EntryStatus.WITHDRAWN)
                        & (Q(valid_until__gte=on) | ~Q(_withdrawn_after_expiry())),
                        then=models.Value(EntryStatus.WITHDRAWN),
                    ),
                    models.When(
                        Q(valid_until__lt=on) | Q(valid_from__gt=on),
                        then=models.Value(EntryStatus.EXPIRED),
                    ),
                    default="status_recorded",
                    output_field=models.CharField(),
                )
            )
        )


class RegisterEntry(models.Model):
    """A published accreditation: who, for what, by whom, until when. Its status changes only through
    services, each change adding a RegisterEvent."""

    provider = models.ForeignKey(Provider, models.PROTECT, related_name="register_entries", verbose_name=_("provider"))
    application = models.OneToOneField(
        Application, models.PROTECT, related_name="register_entry", verbose_name=_("application")
    )
    decision = models.OneToOneField(Decision, models.PROTECT, related_name="register_entry", verbose_name=_("decision"))
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="register_entries", verbose_name=_("agency"))
    authority = models.ForeignKey(
        Authority, models.PROTECT, related_name="register_entries", verbose_name=_("authority")
    )
    certificate_id = models.CharField(_("certificate id"), max_length=20, unique=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=[c for c in EntryStatus.choices if c[0] != EntryStatus.EXPIRED],
        default=EntryStatus.ACTIVE,
    )
    status_reason = models.TextField(_("reason for the status"), blank=True, validators=[no_control_characters])
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    with_conditions = models.BooleanField(_("with conditions"), default=False)
    conditions = models.TextField(_("conditions"), blank=True)
    institutional = models.BooleanField(_("institutional scope"), default=False)
    scope_eqf_min = models.PositiveSmallIntegerField(_("lowest EQF level"), choices=EqfLevel.choices, null=True)
    scope_eqf_max = models.PositiveSmallIntegerField(_("highest EQF level"), choices=EqfLevel.choices, null=True)
    scope_fields = models.ManyToManyField(FieldOfStudy, blank=True, related_name="+", verbose_name=_("fields"))
    published_on = models.DateField(_("published on"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # What the register searches, filters, counts and sorts on, copied from the provider and the accredited
    # micro-credentials so that a search reads this one table. Written only by accreditation.register_index.
    search_name = models.CharField(_("provider name"), max_length=255, blank=True)
    search_country = models.CharField(_("country"), max_length=2, blank=True)
    search_type = models.CharField(_("type of provider"), max_length=20, blank=True)
    search_levels = models.PositiveIntegerField(_("EQF levels (bit set)"), default=0)
    search_fields = models.PositiveIntegerField(_("broad fields (bit set)"), default=0)
    search_forms = models.PositiveIntegerField(_("forms of participation (bit set)"), default=0)
    search_ects_min = models.DecimalField(_("smallest workload"), max_digits=5, decimal_places=1, null=True, blank=True)
    search_ects_max = models.DecimalField(_("largest workload"), max_digits=5, decimal_places=1, null=True, blank=True)
    search_text = models.TextField(_("searchable text"), blank=True)
    search_scope_size = models.PositiveIntegerField(_("accredited micro-credentials"), default=0)
    # PostgreSQL keeps the parsed text beside it, for its full-text index (migration 0005); NULL elsewhere.
    search_document = models.GeneratedField(
        expression=ParsedText("search_text", config="simple"), output_field=SearchVectorField(), db_persist=True
    )

    objects = RegisterEntryQuerySet.as_manager()

    class Meta:
        ordering = ["provider__legal_name", "-valid_from"]
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        indexes = [
            models.Index(fields=["status", "valid_until"]),
            models.Index(fields=["updated_at"]),
            models.Index(fields=["search_name", "id"]),
            models.Index(fields=["valid_until", "id"]),
            models.Index(fields=["published_on", "id"]),
            models.Index(fields=["search_country"]),
            models.Index(fields=["search_type"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("valid_from")),
                name="register_entry_validity_ordered",
                violation_error_message=_("The validity must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["active", "suspended", "withdrawn"]),
                name="register_entry_status_stored",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} ({self.certificate_id})"

    def effective_status_on(self, on: datetime.date | None = None) -> str:
        """Today's (or a date's) public status from the stored one: see has_effective_status()."""
        on = on or timezone.localdate()
        withdrawn = None
        if self.status == EntryStatus.WITHDRAWN:
            withdrawn = self.events.filter(kind=RegisterEvent.Kind.WITHDRAWN).order_by("-effective_on").first()
        return status_on(
            stored=self.status,
            valid_until=self.valid_until,
            on=on,
            withdrawn_on=withdrawn.effective_on if withdrawn else None,
        )

    @property
    def effective_status(self) -> str:
        """Today's status; querysets annotated by with_effective_status() set it from the database."""
        return getattr(self, "_effective_status", None) or self.effective_status_on()

    @effective_status.setter
    def effective_status(self, value: str) -> None:
        self._effective_status = value

    def get_effective_status_display(self) -> str:
        return EntryStatus(self.effective_status).label


class RegisterScopeItem(models.Model):
    """One accredited micro-credential of an entry, with the values the register filters on copied from the
    frozen version so that searches need no joins."""

    entry = models.ForeignKey(RegisterEntry, models.CASCADE, related_name="scope_items", verbose_name=_("entry"))
    version = models.ForeignKey(
        MicroCredentialVersion, models.PROTECT, related_name="+", verbose_name=_("micro-credential version")
    )
    title = models.CharField(_("title"), max_length=255)
    eqf_level = models.PositiveSmallIntegerField(_("EQF level"), choices=EqfLevel.choices, null=True)
    field = models.ForeignKey(FieldOfStudy, models.PROTECT, null=True, related_name="+", verbose_name=_("field"))
    ects = models.DecimalField(_("ECTS"), max_digits=5, decimal_places=1, null=True)
    participation_form = models.CharField(
        _("form of participation"), max_length=10, choices=ParticipationForm.choices, blank=True
    )

    class Meta:
        ordering = ["entry", "title"]
        verbose_name = _("accredited micro-credential")
        verbose_name_plural = _("accredited micro-credentials")
        constraints = [models.UniqueConstraint(fields=["entry", "version"], name="scope_item_unique")]
        indexes = [models.Index(fields=["eqf_level"]), models.Index(fields=["ects"])]

    def __str__(self) -> str:
        return self.title


class RegisterEvent(AppendOnlyModel):
    """One change of a register entry: publication, suspension, lifting, withdrawal, renewal."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("Published")
        SUSPENDED = "suspended", _("Suspended")
        REINSTATED = "reinstated", _("Suspension lifted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        RENEWED = "renewed", _("Renewed")
        IDENTITY_CHANGED = "identity_changed", _("Provider's identity changed")
        # The follow-up of a condition: its outcome is public history; the entry's status is unchanged by it.
        CONDITION_MET = "condition_met", _("Condition met")
        CONDITION_NOT_MET = "condition_not_met", _("Condition not met")
        CONDITION_EXTENDED = "condition_extended", _("Condition's due date extended")

    entry = models.ForeignKey(RegisterEntry, models.PROTECT, related_name="events", verbose_name=_("entry"))
    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status after the change"), max_length=10, choices=EntryStatus.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    effective_on = models.DateField(_("effective on"))
    reason = models.TextField(_("reason"), blank=True, validators=[no_control_characters])
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["entry", "effective_on", "pk"]
        verbose_name = _("register event")
        verbose_name_plural = _("register events")
        indexes = [models.Index(fields=["entry", "effective_on"]), models.Index(fields=["-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.entry.certificate_id}: {self.get_kind_display()} ({self.effective_on})"
