"""Administration of the reference data. The database constraints and model validation refuse edits that
would break the referencing; the admin shows their messages next to the field."""

from django.contrib import admin

from .models import (
    CredentialElement,
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
    model = Level
    extra = 0
    fields = ["code", "ordinal", "title", "eu_uri"]


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "country", "region", "confidence"]
    list_filter = ["kind", "confidence", "country"]
    search_fields = ["code", "name"]
    inlines = [LevelInline]


class ReferencingInline(admin.StackedInline):
    model = LevelReferencing
    extra = 0
    max_num = 1


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["__str__", "framework", "code", "ordinal", "eqf"]
    list_filter = ["framework"]
    search_fields = ["code", "framework__code"]
    list_select_related = ["framework", "referencing"]
    inlines = [ReferencingInline]

    @admin.display(description="EQF")
    def eqf(self, level):
        referencing = getattr(level, "referencing", None)
        return referencing.eqf_level if referencing else "—"


@admin.register(LevelReferencing)
class LevelReferencingAdmin(admin.ModelAdmin):
    list_display = ["level", "eqf_level", "confidence"]
    list_filter = ["level__framework", "confidence", "eqf_level"]
    list_select_related = ["level__framework"]


@admin.register(FieldOfStudy)
class FieldOfStudyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name"]


@admin.register(CreditSystem)
class CreditSystemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "hours_per_credit_min", "hours_per_credit_max"]


class ScaleValueInline(admin.TabularInline):
    model = ScaleValue
    extra = 0


@admin.register(JudgementScale)
class JudgementScaleAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    inlines = [ScaleValueInline]


class StandardInline(admin.TabularInline):
    model = Standard
    extra = 0
    fields = ["code", "title", "ordinal", "guidance"]


@admin.register(StandardSet)
class StandardSetAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "version", "applies_to", "scale", "is_active"]
    list_filter = ["applies_to", "is_active"]
    inlines = [StandardInline]


@admin.register(CredentialElement)
class CredentialElementAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "mandatory", "on_issued_credential_only", "ordinal"]
