"""Administration of organisations, people's memberships and specifications. Applications, decisions, the
register and the audit trail change only through the flow and the services: here they are read-only."""

from django.contrib import admin

from .models import (
    Agency,
    Application,
    AuditEvent,
    Authority,
    Decision,
    Membership,
    MicroCredential,
    MicroCredentialVersion,
    Provider,
    RegisterEntry,
    RegisterEvent,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["legal_name", "type", "country", "erasmus_code", "pic"]
    list_filter = ["type", "country"]
    search_fields = ["legal_name", "acronym", "erasmus_code", "pic", "national_id"]
    inlines = [MembershipInline]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "country", "eqar_registered", "panel_size", "site_visits"]
    filter_horizontal = ["standard_sets"]
    inlines = [MembershipInline]


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "region"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "provider", "agency", "authority"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(MicroCredential)
class MicroCredentialAdmin(admin.ModelAdmin):
    list_display = ["title", "provider", "eqf_level", "ects", "participation_form"]
    list_filter = ["eqf_level", "participation_form"]
    search_fields = ["title", "provider__legal_name"]
    list_select_related = ["provider"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Visible to administrators, changed only by the process."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MicroCredentialVersion)
class MicroCredentialVersionAdmin(ReadOnlyAdmin):
    list_display = ["title", "micro_credential", "number", "created_at"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["reference", "provider", "agency", "authority", "status", "submitted_at"]
    list_filter = ["status", "agency", "authority"]
    search_fields = ["reference", "provider__legal_name"]
    list_select_related = ["provider", "agency", "authority"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["application", "outcome", "valid_from", "valid_until", "decided_at"]
    list_filter = ["outcome"]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
    list_display = ["certificate_id", "provider", "status", "valid_from", "valid_until"]
    list_filter = ["status"]
    search_fields = ["certificate_id", "provider__legal_name"]


@admin.register(RegisterEvent)
class RegisterEventAdmin(ReadOnlyAdmin):
    list_display = ["entry", "kind", "status", "effective_on", "recorded_at"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["pk", "at", "actor_name", "verb", "target_repr"]
    search_fields = ["verb", "target_repr", "actor_name"]
    list_filter = ["verb"]
