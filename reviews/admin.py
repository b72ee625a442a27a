"""Administration of reviewer profiles and their employment history; panels and reviews are shown read-only
(they change through the flow)."""

from django import forms
from django.contrib import admin

from base.admin import AuditedAdmin, ReadOnlyAdmin, ReadOnlyInline

from .models import AlignmentVerdict, EmploymentRecord, Judgement, Panel, PanelMember, Review, ReviewerProfile
from .profile_forms import ReviewerProfileForm


class ReviewerProfileAdminForm(forms.ModelForm):
    """The admin's profile form checks language and country codes as the reviewer's own form does."""

    class Meta:
        model = ReviewerProfile
        fields = ["user", "fields", "languages", "countries", "is_student", "can_chair", "organisation", "employer"]

    clean_languages = ReviewerProfileForm.clean_languages
    clean_countries = ReviewerProfileForm.clean_countries


class EmploymentInline(admin.TabularInline):
    model = EmploymentRecord
    fields = ["provider", "role", "ended_on"]
    raw_id_fields = ["provider"]
    extra = 0


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(AuditedAdmin):
    form = ReviewerProfileAdminForm
    list_display = ["__str__", "languages", "countries", "is_student", "can_chair"]
    list_filter = ["is_student", "can_chair"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "organisation"]
    filter_horizontal = ["fields"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["employer"]
    inlines = [EmploymentInline]


class PanelMemberInline(ReadOnlyInline, admin.TabularInline):
    model = PanelMember
    fields = ["reviewer", "role", "status", "invited_at", "responded_at", "left_at", "conflict_declared"]
    readonly_fields = fields


@admin.register(Panel)
class PanelAdmin(ReadOnlyAdmin):
    list_display = ["application", "agency", "created_at", "site_visit_on"]
    list_filter = ["agency"]
    list_select_related = ["application__provider", "agency"]
    search_fields = ["application__reference", "application__provider__legal_name"]
    inlines = [PanelMemberInline]


class JudgementInline(ReadOnlyInline, admin.TabularInline):
    model = Judgement
    fields = ["standard", "value", "rationale", "evidence"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("standard", "value")


class AlignmentVerdictInline(ReadOnlyInline, admin.TabularInline):
    model = AlignmentVerdict
    fields = ["version", "level_confirmed", "workload_confirmed", "reason"]
    readonly_fields = fields


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["member", "recommendation", "submitted_at"]
    list_filter = ["recommendation"]
    list_select_related = ["member__reviewer", "member__panel__application__provider"]
    inlines = [JudgementInline, AlignmentVerdictInline]
