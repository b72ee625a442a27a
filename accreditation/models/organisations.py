"""Providers, QA agencies, national authorities, and the memberships that give people their roles."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frameworks.models import StandardSet
from frameworks.vocabularies import Country

from ..preferences import validate_time_zone
from ..validators import no_control_characters, ror_id_format, schac_code_format

deqar_activity_ids = RegexValidator(
    r"^[0-9]+(,[0-9]+)*$", _("Give DEQAR activity ids as numbers separated by commas, e.g. 181,182.")
)


class Provider(models.Model):
    """An organisation offering micro-credentials, which may apply to be a trusted provider."""

    class Type(models.TextChoices):
        UNIVERSITY = "university", _("Higher education institution")
        VET = "vet", _("Vocational education and training provider")
        COMPANY = "company", _("Company")
        NGO = "ngo", _("Non-governmental organisation")
        CHAMBER = "chamber", _("Chamber or professional body")
        PUBLIC = "public", _("Public body")
        OTHER = "other", _("Other")

    legal_name = models.CharField(_("legal name"), max_length=255, validators=[no_control_characters])
    acronym = models.CharField(_("acronym"), max_length=40, blank=True, validators=[no_control_characters])
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    region = models.CharField(_("region"), max_length=100, blank=True, validators=[no_control_characters])
    website = models.URLField(_("website"), blank=True)
    national_id = models.CharField(
        _("national identifier"), max_length=60, blank=True, validators=[no_control_characters]
    )
    erasmus_code = models.CharField(
        _("Erasmus code"),
        max_length=20,
        blank=True,
        help_text=_("For example IRL DUBLIN01."),
        validators=[no_control_characters],
    )
    pic = models.CharField(
        _("PIC"),
        max_length=9,
        blank=True,
        help_text=_("Participant Identification Code, nine digits."),
        validators=[no_control_characters],
    )
    deqar_id = models.CharField(_("DEQAR id"), max_length=20, blank=True, validators=[no_control_characters])
    eter_id = models.CharField(_("ETER id"), max_length=20, blank=True, validators=[no_control_characters])
    ror_id = models.CharField(
        _("ROR id"),
        max_length=9,
        blank=True,
        validators=[ror_id_format],
        help_text=_("Research Organization Registry, e.g. 02tyrky19 (https://ror.org/02tyrky19)."),
    )
    schac_code = models.CharField(
        _("SCHAC home organisation"),
        max_length=253,
        blank=True,
        validators=[schac_code_format],
        help_text=_("The institution's domain as used by eduGAIN and the European Student Card, e.g. tcd.ie."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    requires_two_factor = models.BooleanField(
        _("members must use a second factor"),
        default=False,
        help_text=_("Everyone with a role here signs in with a password and a code from an authenticator app."),
    )

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        # The API's provider list filters and sorts on these (the register's search reads its entries' copies).
        indexes = [
            models.Index(fields=["country"]),
            models.Index(fields=["type"]),
            models.Index(fields=["legal_name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(pic="") | Q(pic__regex=r"^[0-9]{9}$"),
                name="provider_pic_nine_digits",
                violation_error_message=_("A PIC has exactly nine digits."),
            )
        ]

    def __str__(self) -> str:
        return self.legal_name


class Agency(models.Model):
    """A quality assurance agency that screens and reviews applications."""

    name = models.CharField(_("name"), max_length=255, validators=[no_control_characters])
    acronym = models.CharField(_("acronym"), max_length=40, blank=True, validators=[no_control_characters])
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    website = models.URLField(_("website"), blank=True)
    eqar_registered = models.BooleanField(_("registered on EQAR"), default=False)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Times on its staff's pages are shown in this zone. Empty: the zone of its country."),
    )
    deqar_id = models.CharField(_("DEQAR agency id"), max_length=20, blank=True, validators=[no_control_characters])
    # What DEQAR's Submission API needs to accept this agency's reports (see accreditation.deqar).
    deqar_activities_institutional = models.CharField(
        _("DEQAR activities of institutional accreditations"),
        max_length=100,
        blank=True,
        validators=[deqar_activity_ids],
        help_text=_("DEQAR ids of the agency's ESG activities, separated by commas, e.g. 181."),
    )
    deqar_activities_programme = models.CharField(
        _("DEQAR activities of micro-credential accreditations"),
        max_length=100,
        blank=True,
        validators=[deqar_activity_ids],
        help_text=_("DEQAR ids of the agency's ESG activities, separated by commas, e.g. 182."),
    )
    deqar_hei_voluntary = models.BooleanField(
        _("reports on higher education institutions are voluntary"),
        default=False,
        help_text=_(
            "DEQAR report status for higher education institutions: voluntary, or part of the obligatory "
            "external quality assurance system. Reports on other providers are always voluntary."
        ),
    )
    deqar_token = models.CharField(
        _("DEQAR Submission API token"), max_length=200, blank=True, help_text=_("Given by EQAR to the agency.")
    )
    standard_sets = models.ManyToManyField(
        StandardSet,
        related_name="agencies",
        verbose_name=_("standard sets used in reviews"),
        limit_choices_to={"applies_to": StandardSet.AppliesTo.PROVIDER},
    )
    site_visits = models.BooleanField(
        _("holds site visits"), default=False, help_text=_("Adds a site visit step before the reviews.")
    )
    panel_size = models.PositiveSmallIntegerField(_("panel size"), default=3)
    student_member_required = models.BooleanField(_("panels include a student reviewer"), default=True)
    requires_two_factor = models.BooleanField(
        _("members must use a second factor"),
        default=False,
        help_text=_("Everyone with a role here signs in with a password and a code from an authenticator app."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("QA agency")
        verbose_name_plural = _("QA agencies")
        constraints = [
            models.CheckConstraint(condition=Q(panel_size__gte=1), name="agency_panel_size_positive"),
        ]

    def __str__(self) -> str:
        return self.acronym or self.name


class Authority(models.Model):
    """A national (or regional) authority that decides on accreditation in its jurisdiction."""

    name = models.CharField(_("name"), max_length=255, validators=[no_control_characters])
    country = models.CharField(_("jurisdiction"), max_length=2, choices=Country.choices)
    region = models.CharField(_("region"), max_length=100, blank=True, validators=[no_control_characters])
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Times on its staff's pages are shown in this zone. Empty: the zone of its country."),
    )
    website = models.URLField(_("website"), blank=True)
    requires_two_factor = models.BooleanField(
        _("members must use a second factor"),
        default=False,
        help_text=_("Everyone with a role here signs in with a password and a code from an authenticator app."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("national authority")
        verbose_name_plural = _("national authorities")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PROVIDER_STAFF = "provider_staff", _("Provider staff")
    COORDINATOR = "coordinator", _("QA coordinator")
    REVIEWER = "reviewer", _("Reviewer")
    OFFICER = "officer", _("Authority officer")


class MembershipQuerySet(models.QuerySet):
    def providers_of(self, user) -> models.QuerySet:
        return self.filter(user=user, role=Role.PROVIDER_STAFF).values("provider")

    def agencies_of(self, user, role: str = Role.COORDINATOR) -> models.QuerySet:
        return self.filter(user=user, role=role).values("agency")

    def authorities_of(self, user) -> models.QuerySet:
        return self.filter(user=user, role=Role.OFFICER).values("authority")


class Membership(models.Model):
    """A person's role in one organisation: staff of a provider, coordinator or reviewer of an agency, officer
    of an authority."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    provider = models.ForeignKey(
        Provider,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("provider"),
    )
    agency = models.ForeignKey(
        Agency, models.CASCADE, null=True, blank=True, related_name="memberships", verbose_name=_("agency")
    )
    authority = models.ForeignKey(
        Authority,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("authority"),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role=Role.PROVIDER_STAFF,
                        provider__isnull=False,
                        agency__isnull=True,
                        authority__isnull=True,
                    )
                    | Q(
                        role__in=[Role.COORDINATOR, Role.REVIEWER],
                        agency__isnull=False,
                        provider__isnull=True,
                        authority__isnull=True,
                    )
                    | Q(role=Role.OFFICER, authority__isnull=False, provider__isnull=True, agency__isnull=True)
                ),
                name="membership_role_matches_organisation",
                violation_error_message=_(
                    "Provider staff belong to a provider, coordinators and reviewers to an agency, officers to "
                    "an authority."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "provider"],
                condition=Q(provider__isnull=False),
                name="membership_provider_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "agency"],
                condition=Q(agency__isnull=False),
                name="membership_agency_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "authority"],
                condition=Q(authority__isnull=False),
                name="membership_authority_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"

    @property
    def organisation(self):
        return self.provider or self.agency or self.authority


class PersonalPreference(models.Model):
    """What a person chose for themselves: the language of the e-mails they receive and the time zone of the times
    they read. Empty means the default of their organisation's country (accreditation.preferences)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="preference", verbose_name=_("person")
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Empty: the language of your organisation's country."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Empty: the zone of your organisation."),
    )

    class Meta:
        verbose_name = _("personal preference")
        verbose_name_plural = _("personal preferences")

    def __str__(self) -> str:
        return str(self.user)
