"""The shared admin base: audited edits (every save and deletion through the admin is written to the audit chain,
in the admin's transaction), read-only pages for what only the process changes, and the audit trail's own page."""

from django.contrib import admin
from django.db import models

from . import audit
from .models import AuditEvent

# An address typed without a scheme is read as https (Django 6's default, chosen now).
URL_FIELDS_HTTPS = {models.URLField: {"assume_scheme": "https"}}


def _inline_changes(formset) -> dict:
    changes = {
        "added": [str(obj) for obj in formset.new_objects],
        "changed": [[str(obj), sorted(fields)] for obj, fields in formset.changed_objects],
        "deleted": [str(obj) for obj in formset.deleted_objects],
    }
    return {key: value for key, value in changes.items() if value}


class AuditedAdmin(admin.ModelAdmin):
    """A model admin whose saves and deletions are recorded in the audit chain (in the admin's transaction)."""

    formfield_overrides = URL_FIELDS_HTTPS

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        inlines = {formset.prefix: _inline_changes(formset) for formset in formsets}
        data = {"fields": sorted(form.changed_data), "inlines": {k: v for k, v in inlines.items() if v}}
        if change and not data["fields"] and not data["inlines"]:
            return
        verb = "changed in the administration" if change else "added in the administration"
        audit.record(actor=request.user, verb=verb, target=form.instance, data=data)

    def delete_model(self, request, obj):
        audit.record(actor=request.user, verb="deleted in the administration", target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.record(actor=request.user, verb="deleted in the administration", target=obj)
        super().delete_queryset(request, queryset)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Visible to administrators with the view permission, changed only by the process."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline:
    """An inline shown for reference inside a read-only page."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["pk", "at", "actor_name", "verb", "target_repr"]
    search_fields = ["verb", "target_repr", "actor_name"]
    list_filter = ["verb"]
