"""The register's filters, shared by the search page, the downloads and the API, so that the same query
parameters mean the same thing everywhere."""

import datetime

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from frameworks.models import EqfLevel, FieldOfStudy
from frameworks.vocabularies import Country

from .forms.widgets import QuickDateInput, QuickNumberInput, QuickSelect, QuickTextInput
from .models import Agency, Provider, RegisterEntry
from .models.credentials import ParticipationForm
from .models.register import EntryStatus, has_effective_status
from .register_index import BROAD_FIELDS, EQF_LEVELS, FORMS, identifier_matches, matching_text

MAX_QUERY_LENGTH = 200
ANY = _("Any")
SORTS = {
    "provider": ("search_name", "pk"),
    "-valid_until": ("-valid_until", "pk"),
    "valid_until": ("valid_until", "pk"),
    "-published": ("-published_on", "-pk"),
}


@extend_schema_field(OpenApiTypes.STR)
class FieldCodeFilter(django_filters.ModelChoiceFilter):
    """A broad ISCED-F field chosen by its code ("06"), as the API's schema says."""


class RegisterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_q", max_length=MAX_QUERY_LENGTH, widget=QuickTextInput
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="search_country",
        choices=Country.choices,
        empty_label=ANY,
        widget=QuickSelect,
    )
    provider_type = django_filters.ChoiceFilter(
        label=_("Type of provider"),
        field_name="search_type",
        choices=Provider.Type.choices,
        empty_label=ANY,
        widget=QuickSelect,
    )
    eqf_level = django_filters.ChoiceFilter(
        label=_("EQF level"),
        choices=[(str(v), label) for v, label in EqfLevel.choices],
        method="filter_scope",
        empty_label=ANY,
    )
    field = FieldCodeFilter(
        label=_("Field (ISCED-F)"),
        queryset=FieldOfStudy.objects.filter(parent__isnull=True),
        to_field_name="code",
        method="filter_scope",
        empty_label=ANY,
    )
    ects_min = django_filters.NumberFilter(
        label=_("ECTS at least"), min_value=0, max_value=1000, method="filter_scope", widget=QuickNumberInput
    )
    ects_max = django_filters.NumberFilter(
        label=_("ECTS at most"), min_value=0, max_value=1000, method="filter_scope", widget=QuickNumberInput
    )
    participation_form = django_filters.ChoiceFilter(
        label=_("Form of participation"),
        choices=ParticipationForm.choices,
        method="filter_scope",
        empty_label=ANY,
        widget=QuickSelect,
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("QA agency"), queryset=Agency.objects.all(), empty_label=ANY, widget=QuickSelect
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=EntryStatus.choices,
        method="filter_status",
        empty_label=ANY,
        widget=QuickSelect,
    )
    valid_on = django_filters.DateFilter(
        label=_("Valid on"),
        method="filter_valid_on",
        widget=QuickDateInput(attrs={"type": "date"}),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[
            ("provider", _("Provider name")),
            ("-valid_until", _("Valid longest")),
            ("valid_until", _("Expiring soonest")),
            ("-published", _("Newest")),
        ],
        method="filter_sort",
        empty_label=None,
        widget=QuickSelect,
    )

    class Meta:
        model = RegisterEntry
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        """A certificate number, Erasmus code or PIC finds its entries; anything else is a text search."""
        words = " ".join(value.split())
        if not words:
            return queryset
        named = identifier_matches(queryset, words)
        return named if named is not None else matching_text(queryset, words)

    def filter_scope(self, queryset, name, value):
        """Entries with at least one accredited micro-credential of this level, field, form or workload."""
        if value in (None, ""):
            return queryset
        if name == "eqf_level":
            return queryset.filter(EQF_LEVELS.covers(int(value)))
        if name == "field":
            return queryset.filter(BROAD_FIELDS.covers(value.code[:2]))
        if name == "participation_form":
            return queryset.filter(FORMS.covers(value))
        if name == "ects_min":
            return queryset.filter(search_ects_max__gte=value)
        return queryset.filter(search_ects_min__lte=value)

    def filter_status(self, queryset, name, value):
        return queryset.filter(has_effective_status(value, timezone.localdate()))

    def filter_valid_on(self, queryset, name, value: datetime.date):
        return queryset.filter(status=EntryStatus.ACTIVE, valid_from__lte=value, valid_until__gte=value)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["provider"]))

    @property
    def qs(self):
        queryset = super().qs
        if not getattr(self.form, "cleaned_data", {}).get("sort"):
            queryset = queryset.order_by(*SORTS["provider"])
        return queryset


def published_entries() -> QuerySet:
    """Everything the public may see: published entries (drafts and internal data are never here)."""
    return (
        RegisterEntry.objects.with_effective_status()
        .select_related("provider", "agency", "authority")
        .defer("search_text", "search_document")  # large, and only searched
    )
