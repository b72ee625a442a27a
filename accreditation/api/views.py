"""The read-only register API: the same filters as the register pages, paginated, with Last-Modified and ETag
so that clients can poll cheaply, and a rate limit for anonymous clients."""

import datetime

from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.decorators import method_decorator
from django.views.decorators.http import condition
from rest_framework import serializers, viewsets

from ..filters import RegisterFilter, published_entries
from ..models import Provider, RegisterEntry, RegisterEvent, RegisterScopeItem
from ..register_index import read_through_indexes
from .serializers import EntrySerializer, ProviderSerializer


def register_last_modified(request, *args, **kwargs):
    """The moment the register last changed: an entry updated or an event recorded."""
    entry = RegisterEntry.objects.aggregate(last=Max("updated_at"))["last"]
    event = RegisterEvent.objects.aggregate(last=Max("recorded_at"))["last"]
    moments = [moment for moment in (entry, event) if moment]
    return max(moments) if moments else None


def modified_since(request) -> datetime.datetime | None:
    """`modified_since`: a date, or a date and time (ISO 8601); anything else is a 400."""
    value = request.query_params.get("modified_since", "").strip()
    if not value:
        return None
    try:
        moment = parse_datetime(value) or (
            datetime.datetime.combine(day, datetime.time()) if (day := parse_date(value)) else None
        )
    except (ValueError, OverflowError):
        moment = None
    if moment is None:
        raise serializers.ValidationError(
            {"modified_since": ["Give a date (YYYY-MM-DD) or an ISO 8601 date and time."]}
        )
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


@method_decorator(condition(last_modified_func=register_last_modified), name="dispatch")
class EntryViewSet(viewsets.ReadOnlyModelViewSet):
    """Published register entries. Filters: q, country, provider_type, eqf_level, field, ects_min, ects_max,
    participation_form, agency, status, valid_on, sort, and modified_since (a date or date and time: only the
    entries that changed since then, their status changes included, for incremental harvesting)."""

    serializer_class = EntrySerializer
    filterset_class = RegisterFilter
    lookup_field = "certificate_id"

    def list(self, request, *args, **kwargs):
        with read_through_indexes(bool(request.query_params.get("q", "").strip())):
            return super().list(request, *args, **kwargs)

    def get_queryset(self):
        entries = (
            published_entries()
            .with_public_state()
            .prefetch_related(
                Prefetch("scope_items", queryset=RegisterScopeItem.objects.select_related("field").order_by("title"))
            )
        )
        since = modified_since(self.request)
        return entries.modified_since(since) if since else entries


@method_decorator(condition(last_modified_func=register_last_modified), name="dispatch")
class ProviderViewSet(viewsets.ReadOnlyModelViewSet):
    """Providers with at least one published register entry; `modified_since` keeps those with an entry that
    changed since then."""

    serializer_class = ProviderSerializer
    filterset_fields = ["country", "type"]

    def get_queryset(self):
        providers = Provider.objects.filter(register_entries__isnull=False)
        since = modified_since(self.request)
        if since:
            providers = Provider.objects.filter(register_entries__in=RegisterEntry.objects.modified_since(since))
        return providers.distinct().order_by("legal_name", "pk")
