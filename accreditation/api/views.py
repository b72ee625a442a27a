"""The read-only register API: the same filters as the register pages, paginated, with Last-Modified and ETag
so that clients can poll cheaply, and a rate limit for anonymous clients."""

import datetime

from django.db.models import Exists, F, Max, OuterRef, Prefetch
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.decorators import method_decorator
from django.views.decorators.http import condition
from rest_framework import serializers, viewsets

from ..filters import RegisterFilter, published_entries
from ..models import Provider, RegisterEntry, RegisterEvent, RegisterScopeItem
from ..register_history import end_of, with_history
from ..register_index import read_through_indexes
from .pagination import KeysetPagination
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


def date_parameter(request, name: str) -> datetime.date | None:
    """A date parameter (YYYY-MM-DD); anything else is a 400 naming it."""
    value = request.query_params.get(name, "").strip()
    if not value:
        return None
    try:
        day = parse_date(value)
    except ValueError:
        day = None
    if day is None:
        raise serializers.ValidationError({name: ["Give a date as YYYY-MM-DD."]})
    return day


@method_decorator(condition(last_modified_func=register_last_modified), name="dispatch")
class EntryViewSet(viewsets.ReadOnlyModelViewSet):
    """Published register entries. Filters: q, country, provider_type, eqf_level, field, ects_min, ects_max,
    participation_form, agency, status, valid_on, sort, and modified_since (a date or date and time: only the
    entries that changed since then, their status changes included, for incremental harvesting). `as_of` gives
    each entry's state on a past date (entries published later are left out), and `as_recorded_on` as the
    register said it before any later correction: only history recorded by that day counts."""

    serializer_class = EntrySerializer
    filterset_class = RegisterFilter
    pagination_class = KeysetPagination
    lookup_field = "certificate_id"

    def list(self, request, *args, **kwargs):
        with read_through_indexes(bool(request.query_params.get("q", "").strip())):
            return super().list(request, *args, **kwargs)

    def moments(self) -> tuple[datetime.date | None, datetime.date | None]:
        """(as_of, as_recorded_on): as_of defaults to today when only as_recorded_on is given."""
        as_of, recorded_on = date_parameter(self.request, "as_of"), date_parameter(self.request, "as_recorded_on")
        return (as_of or (timezone.localdate() if recorded_on else None)), recorded_on

    def get_serializer_context(self):
        as_of, recorded_on = self.moments()
        return {**super().get_serializer_context(), "as_of": as_of, "as_recorded_on": recorded_on}

    def get_queryset(self):
        entries = (
            published_entries()
            .with_public_state()
            .prefetch_related(
                Prefetch(
                    "scope_items",
                    # The frozen version's translations as one joined column (ScopeItemSerializer.translations).
                    queryset=RegisterScopeItem.objects.select_related("field")
                    .annotate(version_translations=F("version__translations"))
                    .order_by("title"),
                ),
                "condition_items",
            )
        )
        as_of, recorded_on = self.moments()
        if as_of:
            entries = with_history(entries.filter(published_on__lte=as_of))
        if recorded_on:
            entries = entries.filter(
                Exists(
                    RegisterEvent.objects.filter(
                        entry=OuterRef("pk"), effective_on__lte=as_of, recorded_at__lte=end_of(recorded_on)
                    )
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
    pagination_class = KeysetPagination

    def get_queryset(self):
        # A semi-join (EXISTS), not a join made unique again by DISTINCT over every provider.
        entries = RegisterEntry.objects.filter(provider=OuterRef("pk"))
        since = modified_since(self.request)
        if since:
            entries = RegisterEntry.objects.modified_since(since).filter(provider=OuterRef("pk"))
        return Provider.objects.filter(Exists(entries)).order_by("legal_name", "pk")
