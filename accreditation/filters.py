"""The register's filters, shared by the search page, the downloads and the API, so that the same query
parameters mean the same thing everywhere."""

import datetime

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frameworks.models import EqfLevel, FieldOfStudy
from frameworks.vocabularies import Country

from .models import Agency, MicroCredentialVersion, Provider, RegisterEntry, RegisterScopeItem
from .models.credentials import ParticipationForm
from .models.register import EntryStatus

MAX_QUERY_LENGTH = 200
ANY = _("Any")
SORTS = {
    "provider": ("provider__legal_name", "pk"),
    "-valid_until": ("-valid_until", "pk"),
    "valid_until": ("valid_until", "pk"),
    "-published": ("-published_on", "-pk"),
}


def text_search(queryset: QuerySet, words: str) -> QuerySet:
    """Entries whose provider name, accredited micro-credential titles or learning outcomes match. PostgreSQL's
    full-text search when available: three uncorrelated subqueries, each answered from its GIN index (migration
    0003), so the database hashes their results instead of probing every entry. A case-insensitive match
    elsewhere."""
    if connection.vendor == "postgresql":
        query = SearchQuery(words, config="simple", search_type="plain")
        by_title = RegisterScopeItem.objects.annotate(document=SearchVector("title", config="simple")).filter(
            document=query
        )
        versions = MicroCredentialVersion.objects.annotate(
            document=SearchVector("learning_outcomes", config="simple")
        ).filter(document=query)
        providers = Provider.objects.annotate(document=SearchVector("legal_name", config="simple")).filter(
            document=query
        )
        return queryset.filter(
            Q(provider__in=providers.values("pk"))
            | Q(pk__in=by_title.values("entry_id"))
            | Q(pk__in=RegisterScopeItem.objects.filter(version__in=versions.values("pk")).values("entry_id"))
        )
    matching = RegisterScopeItem.objects.filter(
        Q(title__icontains=words) | Q(version__learning_outcomes__icontains=words), entry=OuterRef("pk")
    )
    return queryset.filter(Q(provider__legal_name__icontains=words) | Exists(matching))


class RegisterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=MAX_QUERY_LENGTH)
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="provider__country", choices=Country.choices, empty_label=ANY
    )
    provider_type = django_filters.ChoiceFilter(
        label=_("Type of provider"), field_name="provider__type", choices=Provider.Type.choices, empty_label=ANY
    )
    eqf_level = django_filters.ChoiceFilter(
        label=_("EQF level"),
        choices=[(str(v), label) for v, label in EqfLevel.choices],
        method="filter_scope",
        empty_label=ANY,
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Field (ISCED-F)"),
        queryset=FieldOfStudy.objects.filter(parent__isnull=True),
        to_field_name="code",
        method="filter_scope",
        empty_label=ANY,
    )
    ects_min = django_filters.NumberFilter(label=_("ECTS at least"), min_value=0, max_value=1000, method="filter_scope")
    ects_max = django_filters.NumberFilter(label=_("ECTS at most"), min_value=0, max_value=1000, method="filter_scope")
    participation_form = django_filters.ChoiceFilter(
        label=_("Form of participation"), choices=ParticipationForm.choices, method="filter_scope", empty_label=ANY
    )
    agency = django_filters.ModelChoiceFilter(label=_("QA agency"), queryset=Agency.objects.all(), empty_label=ANY)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EntryStatus.choices, method="filter_status", empty_label=ANY
    )
    valid_on = django_filters.DateFilter(
        label=_("Valid on"),
        method="filter_valid_on",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
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
    )

    class Meta:
        model = RegisterEntry
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        words = " ".join(value.split())
        return text_search(queryset, words) if words else queryset

    def filter_scope(self, queryset, name, value):
        if value in (None, ""):
            return queryset
        lookups = {
            "eqf_level": "eqf_level",
            "field": "field__code__startswith",
            "ects_min": "ects__gte",
            "ects_max": "ects__lte",
            "participation_form": "participation_form",
        }
        if name == "eqf_level":
            value = int(value)
        elif name == "field":
            value = getattr(value, "code", value)
        lookup = {lookups[name]: value}
        items = RegisterScopeItem.objects.filter(entry=OuterRef("pk"), **lookup)
        return queryset.filter(Exists(items))

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == EntryStatus.EXPIRED:
            return queryset.filter(status=EntryStatus.ACTIVE, valid_until__lt=today)
        if value == EntryStatus.ACTIVE:
            return queryset.filter(status=EntryStatus.ACTIVE, valid_until__gte=today)
        return queryset.filter(status=value)

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
    return RegisterEntry.objects.with_effective_status().select_related("provider", "agency", "authority")
