"""Administration of organisations, people's memberships and specifications. Applications, decisions, the
register and the audit trail change only through the flow and the services: here they are read-only.

Every edit saved through the admin is written to the audit chain, like any other write."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from viewflow.workflow.admin import ProcessAdmin, TaskAdmin
from viewflow.workflow.models import Process, Task

from base.admin import AuditedAdmin, ReadOnlyAdmin

from . import register_index
from .models import (
    Agency,
    Application,
    Authority,
    Decision,
    Membership,
    MicroCredential,
    MicroCredentialVersion,
    Provider,
    RegisterEntry,
    RegisterEvent,
    Role,
)

ORGANISATION_FIELDS = ("provider", "agency", "authority")
# --- Organisations and memberships ------------------------------------------------------------------------


class MembershipForm(forms.ModelForm):
    """A person's role in an organisation; a second membership with the same role is refused by name, before the
    database's constraint would refuse it with its own name."""

    class Meta:
        model = Membership
        fields = ["user", "role", *ORGANISATION_FIELDS]

    def clean(self) -> dict:
        cleaned = super().clean()
        user, role = cleaned.get("user"), cleaned.get("role")
        organisation = {
            f"{name}_id": getattr(cleaned.get(name), "pk", None) or getattr(self.instance, f"{name}_id", None)
            for name in ORGANISATION_FIELDS
        }
        organisation = {key: value for key, value in organisation.items() if value}
        if user and role and organisation:
            existing = Membership.objects.filter(user=user, **organisation)
            if "provider_id" not in organisation:
                existing = existing.filter(role=role)  # an agency's coordinator may also be one of its reviewers
            if existing.exclude(pk=self.instance.pk).exists():
                self.add_error("user", _("%(person)s already has this role here.") % {"person": user})
        return cleaned


class MembershipInlineFormSet(forms.BaseInlineFormSet):
    """Refuses the same person twice with the same role among the rows being saved."""

    def clean(self) -> None:
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            key = (form.cleaned_data.get("user"), form.cleaned_data.get("role"))
            if key[0] is None:
                continue
            if key in seen:
                form.add_error("user", _("This person is listed twice with the same role."))
                raise ValidationError(_("A person is listed twice with the same role."))
            seen.add(key)


class MembershipInline(admin.TabularInline):
    """Members of one organisation; the roles offered are those the organisation's kind allows."""

    model = Membership
    form = MembershipForm
    formset = MembershipInlineFormSet
    fields = ["user", "role"]
    autocomplete_fields = ["user"]
    extra = 0
    roles: tuple[Role, ...] = ()

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            kwargs["choices"] = [(role.value, role.label) for role in self.roles]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class ProviderMembershipInline(MembershipInline):
    roles = (Role.PROVIDER_STAFF,)


class AgencyMembershipInline(MembershipInline):
    roles = (Role.COORDINATOR, Role.REVIEWER)


class AuthorityMembershipInline(MembershipInline):
    roles = (Role.OFFICER,)


@admin.register(Provider)
class ProviderAdmin(AuditedAdmin):
    list_display = ["legal_name", "type", "country", "erasmus_code", "pic"]
    list_filter = ["type", "country"]
    search_fields = ["legal_name", "acronym", "erasmus_code", "pic", "national_id"]
    inlines = [ProviderMembershipInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            register_index.index_provider(obj)  # the register shows and searches the current name


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ["name", "acronym", "country", "eqar_registered", "panel_size", "site_visits"]
    list_filter = ["eqar_registered", "country"]
    search_fields = ["name", "acronym"]
    filter_horizontal = ["standard_sets"]
    inlines = [AgencyMembershipInline]


@admin.register(Authority)
class AuthorityAdmin(AuditedAdmin):
    list_display = ["name", "country", "region"]
    search_fields = ["name"]
    inlines = [AuthorityMembershipInline]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    form = MembershipForm
    list_display = ["user", "role", "provider", "agency", "authority"]
    list_filter = ["role"]
    list_select_related = ["user", *ORGANISATION_FIELDS]
    search_fields = ["user__username", "user__last_name"]
    autocomplete_fields = ["user"]


# --- Specifications ---------------------------------------------------------------------------------------


@admin.register(MicroCredential)
class MicroCredentialAdmin(AuditedAdmin):
    list_display = ["title", "provider", "eqf_level", "ects", "participation_form"]
    list_filter = ["eqf_level", "participation_form"]
    search_fields = ["title", "provider__legal_name"]
    list_select_related = ["provider"]
    raw_id_fields = ["provider"]


@admin.register(MicroCredentialVersion)
class MicroCredentialVersionAdmin(ReadOnlyAdmin):
    list_display = ["title", "micro_credential", "number", "created_at"]
    list_select_related = ["micro_credential"]
    search_fields = ["title"]


# --- The process and its records (read-only) ---------------------------------------------------------------


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
    list_select_related = ["application"]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
    list_display = ["certificate_id", "provider", "status", "valid_from", "valid_until"]
    list_filter = ["status"]
    search_fields = ["certificate_id", "provider__legal_name"]
    list_select_related = ["provider"]


@admin.register(RegisterEvent)
class RegisterEventAdmin(ReadOnlyAdmin):
    list_display = ["entry", "kind", "status", "effective_on", "recorded_at"]
    list_filter = ["kind"]
    list_select_related = ["entry__provider"]


# --- Other packages' admin pages ---------------------------------------------------------------------------
# viewflow's process and task pages would let anyone with the model permission move a process past its checks:
# read-only here, like the applications. Accounts, groups, second-factor devices and sign-in lockouts stay
# editable (that is how an administrator unlocks someone) and every change to them is audited.
for model in (Process, Task, User, Group, TOTPDevice, AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(Process)
class ReadOnlyProcessAdmin(ReadOnlyAdmin, ProcessAdmin):
    pass


@admin.register(Task)
class ReadOnlyTaskAdmin(ReadOnlyAdmin, TaskAdmin):
    pass


@admin.register(User)
class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    pass


@admin.register(Group)
class AuditedGroupAdmin(AuditedAdmin, GroupAdmin):
    pass


@admin.register(TOTPDevice)
class AuditedTOTPDeviceAdmin(AuditedAdmin, TOTPDeviceAdmin):
    pass


@admin.register(AccessAttempt)
class AuditedAccessAttemptAdmin(AuditedAdmin, AccessAttemptAdmin):
    pass


@admin.register(AccessLog)
class ReadOnlyAccessLogAdmin(ReadOnlyAdmin, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class ReadOnlyAccessFailureLogAdmin(ReadOnlyAdmin, AccessFailureLogAdmin):
    pass
