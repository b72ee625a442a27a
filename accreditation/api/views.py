"""The read-only register API: the same filters as the register pages, paginated, with Last-Modified and ETag
so that clients can poll cheaply, and a rate limit for anonymous clients."""

from django.db.models import Max, Prefetch
from django.utils.decorators import method_decorator
from django.views.decorators.http import condition
from rest_framework import viewsets

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


@method_decorator(condition(last_modified_func=register_last_modified), name="dispatch")
class EntryViewSet(viewsets.ReadOnlyModelViewSet):
    """Published register entries. Filters: q, country, provider_type, eqf_level, field, ects_min, ects_max,
    participation_form, agency, status, valid_on, sort."""

    serializer_class = EntrySerializer
    filterset_class = RegisterFilter
    lookup_field = "certificate_id"

    def list(self, request, *args, **kwargs):
        with read_through_indexes(bool(request.query_params.get("q", "").strip())):
            return super().list(request, *args, **kwargs)

    def get_queryset(self):
        return published_entries().prefetch_related(
            Prefetch("scope_items", queryset=RegisterScopeItem.objects.select_related("field").order_by("title"))
        )


@method_decorator(condition(last_modified_func=register_last_modified), name="dispatch")
class ProviderViewSet(viewsets.ReadOnlyModelViewSet):
    """Providers with at least one published register entry."""

    serializer_class = ProviderSerializer
    filterset_fields = ["country", "type"]

    def get_queryset(self):
        return Provider.objects.filter(register_entries__isnull=False).distinct().order_by("legal_name", "pk")
