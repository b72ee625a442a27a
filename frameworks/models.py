"""Reference data as versioned rows: qualification frameworks, their levels and EQF referencing, ISCED-F
fields, credit systems, standard sets with their judgement scales, and the EU micro-credential elements."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EqfLevel(models.IntegerChoices):
    LEVEL_1 = 1, _("EQF level 1")
    LEVEL_2 = 2, _("EQF level 2")
    LEVEL_3 = 3, _("EQF level 3")
    LEVEL_4 = 4, _("EQF level 4")
    LEVEL_5 = 5, _("EQF level 5")
    LEVEL_6 = 6, _("EQF level 6")
    LEVEL_7 = 7, _("EQF level 7")
    LEVEL_8 = 8, _("EQF level 8")


class Confidence(models.TextChoices):
    OFFICIAL = "official", _("Official referencing")
    CHECK = "check", _("To be confirmed against the referencing report")


class FrameworkQuerySet(models.QuerySet):
    def national(self) -> "FrameworkQuerySet":
        return self.filter(kind=Framework.Kind.NATIONAL)


class Framework(models.Model):
    """A qualifications framework: the EQF itself, the QF-EHEA, or a national (or regional) framework."""

    class Kind(models.TextChoices):
        EQF = "eqf", _("European Qualifications Framework")
        QF_EHEA = "qf-ehea", _("Framework of the European Higher Education Area")
        NATIONAL = "national", _("National or regional framework")

    code = models.SlugField(_("code"), max_length=20, unique=True, help_text=_("For example IE-NFQ."))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NATIONAL)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166 alpha-2 code."))
    region = models.CharField(_("region"), max_length=100, blank=True)
    confidence = models.CharField(
        _("referencing confidence"), max_length=10, choices=Confidence.choices, default=Confidence.CHECK
    )
    source_note = models.TextField(_("source note"), blank=True)
    referencing_report_url = models.URLField(_("referencing report"), blank=True)
    referencing_date = models.DateField(
        _("referenced on"), null=True, blank=True, help_text=_("Date of the referencing report, when known exactly.")
    )
    referencing_year = models.PositiveSmallIntegerField(
        _("year of referencing"),
        null=True,
        blank=True,
        help_text=_("Year the referencing to the EQF was first presented; empty when not established."),
    )
    eu_uri = models.URLField(
        _("EU vocabulary URI"), blank=True, help_text=_("The framework's concept in the EU vocabulary of NQF levels.")
    )

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Level(models.Model):
    """One level of a framework, with short descriptors."""

    framework = models.ForeignKey(Framework, models.CASCADE, related_name="levels", verbose_name=_("framework"))
    code = models.CharField(_("code"), max_length=20)
    ordinal = models.PositiveSmallIntegerField(_("position"), help_text=_("Order of the level, lowest first."))
    title = models.CharField(_("title"), max_length=200, blank=True)
    knowledge = models.TextField(_("knowledge"), blank=True)
    skills = models.TextField(_("skills"), blank=True)
    autonomy = models.TextField(_("responsibility and autonomy"), blank=True)
    eu_uri = models.URLField(_("EU vocabulary URI"), blank=True)

    class Meta:
        ordering = ["framework", "ordinal"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"],
                name="level_code_unique_in_framework",
                violation_error_message=_("This framework already has a level with this code."),
            ),
            models.UniqueConstraint(
                fields=["framework", "ordinal"],
                name="level_ordinal_unique_in_framework",
                violation_error_message=_("This framework already has a level at this position."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework.code} {self.code}"


class LevelReferencing(models.Model):
    """The referencing of one framework level to an EQF level: a table, because it is not a formula."""

    level = models.OneToOneField(Level, models.CASCADE, related_name="referencing", verbose_name=_("level"))
    eqf_level = models.PositiveSmallIntegerField(_("EQF level"), choices=EqfLevel.choices)
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.CHECK)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["level__framework", "level__ordinal"]
        verbose_name = _("level referencing")
        verbose_name_plural = _("level referencing")
        constraints = [
            models.CheckConstraint(
                condition=Q(eqf_level__gte=1, eqf_level__lte=8),
                name="referencing_eqf_level_1_to_8",
                violation_error_message=_("An EQF level is between 1 and 8."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.level} → EQF {self.eqf_level}"


class FieldOfStudy(models.Model):
    """An ISCED-F 2013 field (broad, narrow or detailed), identified by its code."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("broader field"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("field of education (ISCED-F)")
        verbose_name_plural = _("fields of education (ISCED-F)")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{2,4}$"),
                name="field_code_is_isced_digits",
                violation_error_message=_("An ISCED-F code has two to four digits."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def eu_uri(self) -> str:
        return f"http://data.europa.eu/snb/isced-f/{self.code}"


class CreditSystem(models.Model):
    """A credit system such as ECTS, with its hours-per-credit range."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    hours_per_credit_min = models.PositiveSmallIntegerField(_("minimum hours per credit"))
    hours_per_credit_max = models.PositiveSmallIntegerField(_("maximum hours per credit"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("credit system")
        verbose_name_plural = _("credit systems")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_credit_min__gt=0, hours_per_credit_max__gte=models.F("hours_per_credit_min")),
                name="credit_hours_range_valid",
                violation_error_message=_("The hours-per-credit range must be positive and not reversed."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class CreditConvention(models.Model):
    """A country's own count of hours per credit of a credit system, where it differs from the system's range
    (Ireland counts 20 to 25 hours per ECTS credit)."""

    credit_system = models.ForeignKey(
        CreditSystem, models.CASCADE, related_name="conventions", verbose_name=_("credit system")
    )
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 alpha-2 code."))
    hours_per_credit_min = models.PositiveSmallIntegerField(_("minimum hours per credit"))
    hours_per_credit_max = models.PositiveSmallIntegerField(_("maximum hours per credit"))
    source_note = models.TextField(_("source note"), blank=True)

    class Meta:
        ordering = ["credit_system", "country"]
        verbose_name = _("national credit convention")
        verbose_name_plural = _("national credit conventions")
        constraints = [
            models.UniqueConstraint(
                fields=["credit_system", "country"],
                name="credit_convention_one_per_country",
                violation_error_message=_("This credit system already has a convention for this country."),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_credit_min__gt=0, hours_per_credit_max__gte=models.F("hours_per_credit_min")),
                name="credit_convention_hours_range_valid",
                violation_error_message=_("The hours-per-credit range must be positive and not reversed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.credit_system.code} ({self.country})"


class JudgementScale(models.Model):
    """A scale on which reviewers judge a standard (e.g. fully / substantially / partially / not compliant)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("judgement scale")
        verbose_name_plural = _("judgement scales")

    def __str__(self) -> str:
        return self.name


class ScaleValue(models.Model):
    """One step of a judgement scale; rank 1 is the best."""

    scale = models.ForeignKey(JudgementScale, models.CASCADE, related_name="values", verbose_name=_("scale"))
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 is the best judgement."))
    is_positive = models.BooleanField(
        _("fully satisfies the standard"), default=False, help_text=_("No rationale is required for it.")
    )

    class Meta:
        ordering = ["scale", "rank"]
        verbose_name = _("scale value")
        verbose_name_plural = _("scale values")
        constraints = [
            models.UniqueConstraint(fields=["scale", "code"], name="scale_value_code_unique"),
            models.UniqueConstraint(
                fields=["scale", "rank"],
                name="scale_value_rank_unique",
                violation_error_message=_("This scale already has a value at this rank."),
            ),
            models.CheckConstraint(condition=Q(rank__gte=1), name="scale_value_rank_positive"),
        ]

    def __str__(self) -> str:
        return self.label


class StandardSetQuerySet(models.QuerySet):
    def for_providers(self) -> "StandardSetQuerySet":
        return self.filter(applies_to=StandardSet.AppliesTo.PROVIDER, is_active=True)


class StandardSet(models.Model):
    """A versioned set of standards; a new version of the ESG is a new set, never an edit of the old one."""

    class AppliesTo(models.TextChoices):
        PROVIDER = "provider", _("Providers (what reviewers judge)")
        AGENCY = "agency", _("Agencies (external quality assurance)")

    code = models.SlugField(_("code"), max_length=40)
    version = models.CharField(_("version"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    applies_to = models.CharField(_("applies to"), max_length=10, choices=AppliesTo.choices, default=AppliesTo.PROVIDER)
    scale = models.ForeignKey(
        JudgementScale, models.PROTECT, related_name="standard_sets", verbose_name=_("judgement scale")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = StandardSetQuerySet.as_manager()

    class Meta:
        ordering = ["code", "version"]
        verbose_name = _("standard set")
        verbose_name_plural = _("standard sets")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"],
                name="standard_set_version_unique",
                violation_error_message=_("This version of the standard set already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"

    def clean(self) -> None:
        if self.scale_id and not self.scale.values.exists():
            raise ValidationError({"scale": _("The judgement scale has no values; add them first.")})


class Standard(models.Model):
    """One standard of a set (e.g. ESG 1.3 Student-centred learning, teaching and assessment)."""

    standard_set = models.ForeignKey(
        StandardSet, models.CASCADE, related_name="standards", verbose_name=_("standard set")
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)
    ordinal = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["standard_set", "ordinal"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        constraints = [
            models.UniqueConstraint(
                fields=["standard_set", "code"],
                name="standard_code_unique_in_set",
                violation_error_message=_("This set already has a standard with this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class CredentialElement(models.Model):
    """An element of the EU standard for describing micro-credentials (Council Recommendation 2022, Annex I)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    mandatory = models.BooleanField(_("mandatory"))
    on_issued_credential_only = models.BooleanField(
        _("on each issued credential only"),
        default=False,
        help_text=_("Describes the learner's certificate (e.g. date of issuing), not the specification."),
    )
    ordinal = models.PositiveSmallIntegerField(_("position"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-mandatory", "ordinal"]
        verbose_name = _("EU micro-credential element")
        verbose_name_plural = _("EU micro-credential elements")

    def __str__(self) -> str:
        return self.name
