"""Micro-credential specifications in a provider's catalogue, and the frozen versions applications refer to."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frameworks.models import EqfLevel, FieldOfStudy, Level
from frameworks.vocabularies import Country

from ..validators import no_control_characters
from .organisations import Provider

languages_validator = RegexValidator(
    r"^[a-z]{2}(,[a-z]{2})*$", _("Give two-letter language codes separated by commas, e.g. en,fr.")
)


def validate_countries(value: str) -> None:
    """Country codes separated by commas, each one the project knows (e.g. "BE,NL")."""
    codes = [code.strip() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code.upper() not in Country.values]
    if unknown:
        raise ValidationError(
            _("Give two-letter country codes separated by commas, e.g. BE,NL; not known: %(codes)s."),
            params={"codes": ", ".join(unknown)},
        )


# The texts of a specification that may carry translations: the title, the learning outcomes (one per line, as in
# the original) and the further information, which the register shows as the summary.
TRANSLATABLE_FIELDS = ("title", "learning_outcomes", "further_information")


def validate_translations(value) -> None:
    """{language code of settings.LANGUAGES: {text field: text}}, each translation with its title, no control
    characters, titles of at most 255 characters."""
    if not isinstance(value, dict):
        raise ValidationError(_("Translations must be a mapping of language codes to texts."))
    known = {code for code, _name in settings.LANGUAGES}
    for language, texts in value.items():
        if language not in known:
            raise ValidationError(
                _("“%(language)s” is not one of the register's languages."), params={"language": language}
            )
        if not isinstance(texts, dict) or set(texts) - set(TRANSLATABLE_FIELDS):
            raise ValidationError(_("A translation holds a title, learning outcomes and further information only."))
        if not str(texts.get("title", "")).strip():
            raise ValidationError(_("The translation into %(language)s needs a title."), params={"language": language})
        if len(texts["title"]) > 255:
            raise ValidationError(
                _("The title in %(language)s is longer than 255 characters."), params={"language": language}
            )
        for text in texts.values():
            no_control_characters(str(text))


class Cycle(models.TextChoices):
    SHORT = "short", _("Short cycle")
    FIRST = "first", _("First cycle")
    SECOND = "second", _("Second cycle")
    THIRD = "third", _("Third cycle")


class AssessmentType(models.TextChoices):
    WRITTEN_EXAM = "written_exam", _("Written examination")
    ORAL_EXAM = "oral_exam", _("Oral examination")
    PRACTICAL = "practical", _("Practical demonstration")
    PROJECT = "project", _("Project or assignment")
    PORTFOLIO = "portfolio", _("Portfolio")
    MIXED = "mixed", _("Combination of methods")
    PRIOR_LEARNING = "prior_learning", _("Recognition of prior learning")


class ParticipationForm(models.TextChoices):
    ONLINE = "online", _("Online")
    ONSITE = "onsite", _("On site")
    BLENDED = "blended", _("Blended")
    # Codes fit the register's copy of this field (ten characters); new values are appended, since the register's
    # search keeps one bit per value in this order.
    WORK_BASED = "work_based", _("Work-based learning")
    VOLUNTEERING = "volunteer", _("Volunteering")


class Supervision(models.TextChoices):
    UNSUPERVISED = "unsupervised", _("Unsupervised, without identity verification")
    SUPERVISED = "supervised", _("Supervised, without identity verification")
    SUPERVISED_ONLINE_ID = "supervised_online_id", _("Supervised online, with identity verification")
    SUPERVISED_ONSITE_ID = "supervised_onsite_id", _("Supervised on site, with identity verification")


class Stackability(models.TextChoices):
    STANDALONE = "standalone", _("Stand-alone")
    STACKABLE = "stackable", _("Integrated or stackable towards another credential")


class Specification(models.Model):
    """The elements of the EU standard for describing a micro-credential (2022/C 243/02, Annex I).

    Mandatory elements may be blank while the specification is being drafted; submitting an application is
    refused until every one is given (see frameworks.alignment).
    """

    title = models.CharField(_("title"), max_length=255, validators=[no_control_characters])
    awarding_body = models.CharField(_("awarding body"), max_length=255, blank=True, validators=[no_control_characters])
    other_awarding_bodies = models.TextField(
        _("other awarding bodies"),
        blank=True,
        help_text=_("When the credential is awarded jointly: the other bodies, one per line."),
        validators=[no_control_characters],
    )
    country = models.CharField(_("country of the issuer"), max_length=2, choices=Country.choices, blank=True)
    other_countries = models.CharField(
        _("other issuer countries"),
        max_length=100,
        blank=True,
        validators=[validate_countries],
        help_text=_("When issuers are in several countries: the others' two-letter codes, e.g. BE,NL."),
    )
    region = models.CharField(_("region of the issuer"), max_length=100, blank=True, validators=[no_control_characters])
    learning_outcomes = models.TextField(
        _("learning outcomes"),
        blank=True,
        help_text=_("One outcome per line, each starting with an action verb."),
        validators=[no_control_characters],
    )
    workload_hours = models.PositiveIntegerField(
        _("notional workload (hours)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5000)],
    )
    ects = models.DecimalField(
        _("ECTS credits"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.1), MaxValueValidator(180)],
    )
    nqf_level = models.ForeignKey(
        Level,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("national framework level"),
    )
    eqf_level = models.PositiveSmallIntegerField(
        _("EQF level"),
        choices=EqfLevel.choices,
        null=True,
        blank=True,
        help_text=_("Derived from the national level where it is referenced."),
    )
    cycle = models.CharField(_("QF-EHEA cycle"), max_length=10, choices=Cycle.choices, blank=True)
    level_not_applicable = models.BooleanField(
        _("no level applies"),
        default=False,
        help_text=_("The EU standard asks for the level where applicable: tick when no NQF or EQF level applies."),
    )
    assessment_type = models.CharField(
        _("type of assessment"), max_length=20, choices=AssessmentType.choices, blank=True
    )
    participation_form = models.CharField(
        _("form of participation"), max_length=10, choices=ParticipationForm.choices, blank=True
    )
    quality_assurance = models.TextField(
        _("type of quality assurance"),
        blank=True,
        help_text=_("How the credential's quality is assured."),
        validators=[no_control_characters],
    )
    prerequisites = models.TextField(_("prerequisites to enrol"), blank=True, validators=[no_control_characters])
    supervision = models.CharField(
        _("supervision and identity verification"), max_length=30, choices=Supervision.choices, blank=True
    )
    grading = models.CharField(_("grading"), max_length=255, blank=True, validators=[no_control_characters])
    stackability = models.CharField(
        _("integration and stackability"), max_length=20, choices=Stackability.choices, blank=True
    )
    further_information = models.TextField(_("further information"), blank=True, validators=[no_control_characters])
    field = models.ForeignKey(
        FieldOfStudy,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field of education (ISCED-F)"),
    )
    languages = models.CharField(
        _("languages"),
        max_length=100,
        blank=True,
        validators=[languages_validator],
        help_text=_("Two-letter codes separated by commas, e.g. en,fr."),
    )
    # A JSON field rather than a table of translations: a version copies the specification's values as they are
    # (SPECIFICATION_FIELDS), so a frozen version keeps its translations without a second table to copy, the
    # exports read them with the version they already load, and languages are checked against settings.LANGUAGES.
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        validators=[validate_translations],
        help_text=_("The title, learning outcomes and further information in other languages, by language code."),
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(eqf_level__isnull=True) | Q(eqf_level__gte=1, eqf_level__lte=8),
                name="%(class)s_eqf_level_1_to_8",
            ),
            models.CheckConstraint(condition=Q(ects__isnull=True) | Q(ects__gt=0), name="%(class)s_ects_positive"),
            models.CheckConstraint(
                condition=Q(level_not_applicable=False) | Q(nqf_level__isnull=True, eqf_level__isnull=True, cycle=""),
                name="%(class)s_no_level_means_none_given",
                violation_error_message=_("A level is given although no level applies: remove one or the other."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def outcome_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.learning_outcomes.splitlines() if line.strip(" -•\t")]

    @property
    def issuer_countries(self) -> list[str]:
        """Every issuer country: the first, then the others."""
        return [code for code in [self.country, *self.other_countries.split(",")] if code.strip()]

    @property
    def awarding_bodies(self) -> list[str]:
        """Every awarding body: the first, then the others."""
        return [body.strip() for body in [self.awarding_body, *self.other_awarding_bodies.splitlines()] if body.strip()]

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def original_language(self) -> str:
        """The language the texts were written in: the first language given, English when none is."""
        codes = self.language_codes
        return codes[0] if codes else "en"

    def clean(self) -> None:
        """Translations are into another language than the original's, with as many outcomes as it has. The
        errors name no field: the web form shows translations as rows of fields of its own."""
        super().clean()
        translations = self.translations if isinstance(self.translations, dict) else {}
        if self.original_language in translations:
            raise ValidationError(
                _("The texts are already in %(language)s (the first of the languages): translate into another."),
                params={"language": self.original_language},
            )
        count = len(self.outcome_lines)
        for language, texts in sorted(translations.items()):
            outcomes = texts.get("learning_outcomes", "") if isinstance(texts, dict) else ""
            lines = [line for line in outcomes.splitlines() if line.strip(" -•\t")]
            if lines and len(lines) != count:
                raise ValidationError(
                    _(
                        "The learning outcomes in %(language)s have %(lines)s lines, the original %(count)s: give "
                        "one line per outcome, in the same order."
                    ),
                    params={"language": language, "lines": len(lines), "count": count},
                )

    def translation(self, field: str, language: str | None) -> str:
        """The field's text in this language when a translation gives it, otherwise ""."""
        language = (language or "").split("-")[0]
        if language == self.original_language:
            return ""
        value = (self.translations or {}).get(language, {}).get(field, "")
        return value if str(value).strip() else ""

    def translated_outcome_lines(self, language: str) -> list[str]:
        outcomes = (self.translations or {}).get(language, {}).get("learning_outcomes", "")
        return [line.strip(" -•\t") for line in outcomes.splitlines() if line.strip(" -•\t")]

    SPECIFICATION_FIELDS = (
        "title",
        "awarding_body",
        "other_awarding_bodies",
        "country",
        "region",
        "other_countries",
        "learning_outcomes",
        "workload_hours",
        "ects",
        "nqf_level",
        "eqf_level",
        "cycle",
        "level_not_applicable",
        "assessment_type",
        "participation_form",
        "quality_assurance",
        "prerequisites",
        "supervision",
        "grading",
        "stackability",
        "further_information",
        "field",
        "languages",
        "translations",
    )

    def specification_values(self) -> dict:
        """The specification's values, keyed by field name (foreign keys as objects)."""
        return {name: getattr(self, name) for name in self.SPECIFICATION_FIELDS}


class MicroCredentialQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MicroCredentialQuerySet":
        """A provider's catalogue, for its staff (see `access.micro_credentials_visible_to`)."""
        from ..access import micro_credentials_visible_to

        return micro_credentials_visible_to(user, self)


class MicroCredential(Specification):
    """A specification in a provider's catalogue, edited freely; applications freeze it as a version."""

    provider = models.ForeignKey(Provider, models.CASCADE, related_name="micro_credentials", verbose_name=_("provider"))
    reference = models.CharField(
        _("provider's reference"),
        max_length=60,
        blank=True,
        help_text=_("Your own course code, if any."),
        validators=[no_control_characters],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MicroCredentialQuerySet.as_manager()

    class Meta(Specification.Meta):
        ordering = ["title"]
        verbose_name = _("micro-credential")
        verbose_name_plural = _("micro-credentials")


class MicroCredentialVersion(Specification):
    """An immutable copy of a specification, made when an application that includes it is submitted."""

    micro_credential = models.ForeignKey(
        MicroCredential, models.PROTECT, related_name="versions", verbose_name=_("micro-credential")
    )
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("frozen at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("frozen by")
    )

    class Meta(Specification.Meta):
        ordering = ["micro_credential", "-number"]
        verbose_name = _("micro-credential version")
        verbose_name_plural = _("micro-credential versions")
        constraints = [
            *Specification.Meta.constraints,
            models.UniqueConstraint(fields=["micro_credential", "number"], name="micro_credential_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"
