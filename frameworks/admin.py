"""Administration of the reference data. Edits that would break the referencing (an EQF level outside 1-8, a level
code or position used twice in a framework, a standard set on a scale without values) are refused by the forms
with a message next to the field, and by the database constraints behind them. Every saved edit is audited."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from base.admin import URL_FIELDS_HTTPS, AuditedAdmin

from .forms import LevelInlineFormSet, LevelReferencingForm, LevelWithReferencingForm, ScaleValueInlineFormSet
from .models import (
    CredentialElement,
    CreditConvention,
    CreditSystem,
    FieldOfStudy,
    Framework,
    JudgementScale,
    Level,
    LevelReferencing,
    ScaleValue,
    Standard,
    StandardSet,
)


class LevelInline(admin.TabularInline):
    """The framework's levels with their EQF referencing in the same row; descriptors on the level's own page."""

    model = Level
    form = LevelWithReferencingForm
    formset = LevelInlineFormSet
    formfield_overrides = URL_FIELDS_HTTPS
    fields = ["code", "ordinal", "title", "eqf_level", "referencing_confidence", "eu_uri"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("framework", "referencing")


@admin.register(Framework)
class FrameworkAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind", "country", "region", "confidence", "referencing_year"]
    list_filter = ["kind", "confidence", "country"]
    search_fields = ["code", "name"]
    inlines = [LevelInline]


class ReferencingInline(admin.StackedInline):
    model = LevelReferencing
    form = LevelReferencingForm
    fields = ["eqf_level", "confidence", "note"]
    extra = 0
    max_num = 1


@admin.register(Level)
class LevelAdmin(AuditedAdmin):
    list_display = ["__str__", "framework", "code", "ordinal", "eqf"]
    list_filter = ["framework"]
    search_fields = ["code", "framework__code", "title"]
    list_select_related = ["framework", "referencing"]
    inlines = [ReferencingInline]

    @admin.display(description=_("EQF level"))
    def eqf(self, level):
        referencing = getattr(level, "referencing", None)
        return referencing.eqf_level if referencing else _("not referenced")


@admin.register(LevelReferencing)
class LevelReferencingAdmin(AuditedAdmin):
    form = LevelReferencingForm
    list_display = ["level", "eqf_level", "confidence"]
    list_filter = ["level__framework", "confidence", "eqf_level"]
    list_select_related = ["level__framework"]
    search_fields = ["level__code", "level__framework__code"]


@admin.register(FieldOfStudy)
class FieldOfStudyAdmin(AuditedAdmin):
    list_display = ["code", "name", "parent"]
    list_select_related = ["parent"]
    search_fields = ["code", "name"]


class CreditConventionInline(admin.TabularInline):
    """A country's own hours per credit, which the workload check uses for specifications issued there."""

    model = CreditConvention
    fields = ["country", "hours_per_credit_min", "hours_per_credit_max", "source_note"]
    extra = 0


@admin.register(CreditSystem)
class CreditSystemAdmin(AuditedAdmin):
    list_display = ["code", "name", "hours_per_credit_min", "hours_per_credit_max"]
    inlines = [CreditConventionInline]


class ScaleValueInline(admin.TabularInline):
    model = ScaleValue
    formset = ScaleValueInlineFormSet
    extra = 0


@admin.register(ScaleValue)
class ScaleValueAdmin(AuditedAdmin):
    list_display = ["label", "scale", "rank", "is_positive"]
    list_filter = ["scale"]
    list_select_related = ["scale"]

    def get_deleted_objects(self, objs, request):
        """Deleting every value of a scale that standard sets use is refused like deleting a protected object."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        doomed = {value.pk for value in objs}
        for scale in {value.scale for value in objs}:
            if scale.standard_sets.exists() and not scale.values.exclude(pk__in=doomed).exists():
                sets = ", ".join(str(standard_set) for standard_set in scale.standard_sets.all())
                protected = [*protected, _("%(sets)s (its scale would be left without values)") % {"sets": sets}]
        return deleted, counts, perms_needed, protected


@admin.register(JudgementScale)
class JudgementScaleAdmin(AuditedAdmin):
    list_display = ["code", "name"]
    inlines = [ScaleValueInline]


class StandardInline(admin.TabularInline):
    model = Standard
    fields = ["code", "title", "ordinal", "guidance"]
    extra = 0


@admin.register(Standard)
class StandardAdmin(AuditedAdmin):
    list_display = ["code", "title", "standard_set", "ordinal"]
    list_filter = ["standard_set"]
    list_select_related = ["standard_set"]
    search_fields = ["code", "title"]


@admin.register(StandardSet)
class StandardSetAdmin(AuditedAdmin):
    list_display = ["title", "code", "version", "applies_to", "scale", "is_active"]
    list_filter = ["applies_to", "is_active"]
    list_select_related = ["scale"]
    search_fields = ["code", "title"]
    inlines = [StandardInline]


@admin.register(CredentialElement)
class CredentialElementAdmin(AuditedAdmin):
    list_display = ["name", "code", "mandatory", "on_issued_credential_only", "ordinal"]
    list_filter = ["mandatory"]
