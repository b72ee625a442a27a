"""Administration of reviewer profiles; panels and reviews are shown read-only (they change through the flow)."""

from django.contrib import admin

from accreditation.admin import ReadOnlyAdmin

from .models import EmploymentRecord, Panel, PanelMember, Review, ReviewerProfile


class EmploymentInline(admin.TabularInline):
    model = EmploymentRecord
    extra = 0


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "languages", "countries", "is_student", "can_chair"]
    list_filter = ["is_student", "can_chair"]
    filter_horizontal = ["fields"]
    inlines = [EmploymentInline]


class PanelMemberInline(admin.TabularInline):
    model = PanelMember
    extra = 0
    can_delete = False
    readonly_fields = ["reviewer", "role", "status", "conflict_override", "conflict_declared"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Panel)
class PanelAdmin(ReadOnlyAdmin):
    list_display = ["application", "agency", "created_at"]
    inlines = [PanelMemberInline]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["member", "recommendation", "submitted_at"]
