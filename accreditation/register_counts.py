"""The register's counts per filter value: how many entries of a search have each country, type, level, field,
form of participation, agency and status, computed from the entries' own search columns, cached as plain numbers
and shown as links that set the filter."""

from collections import Counter
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from frameworks.models import EqfLevel, FieldOfStudy
from frameworks.vocabularies import Country

from .models import Agency, Provider
from .models.credentials import ParticipationForm
from .models.register import EntryStatus, has_effective_status
from .register_index import BROAD_FIELDS, EQF_LEVELS, FORMS

FACETS = [
    ("country", gettext_lazy("Country")),
    ("provider_type", gettext_lazy("Type of provider")),
    ("eqf_level", gettext_lazy("EQF level")),
    ("field", gettext_lazy("Field (ISCED-F)")),
    ("participation_form", gettext_lazy("Form of participation")),
    ("agency", gettext_lazy("QA agency")),
    ("status", gettext_lazy("Status")),
]


def count_by_value(queryset) -> tuple[int, dict[str, Counter]]:
    """The number of entries in a result and, for each filter, the number per value: one scan of the result's
    rows, grouped by country and agency (few combinations), every other value counted by a condition on the
    entry's own search columns (no join)."""
    today = timezone.localdate()
    conditions = {
        "provider_type": {value: Q(search_type=value) for value in Provider.Type.values},
        "eqf_level": {str(level): EQF_LEVELS.covers(level) for level in EQF_LEVELS.bits},
        "field": {code: BROAD_FIELDS.covers(code) for code in BROAD_FIELDS.bits},
        "participation_form": {form: FORMS.covers(form) for form in FORMS.bits},
        "status": {status: has_effective_status(status, today) for status in EntryStatus.values},
    }
    aliases = {
        f"{name}_{index}": (name, value)
        for name, by_value in conditions.items()
        for index, value in enumerate(by_value)
    }
    rows = (
        queryset.order_by()
        .values("search_country", "agency_id")
        .annotate(
            n=Count("pk"),
            **{alias: Count("pk", filter=conditions[name][value]) for alias, (name, value) in aliases.items()},
        )
    )
    counts: dict[str, Counter] = {name: Counter() for name, _title in FACETS}
    total = 0
    for row in rows:
        total += row["n"]
        counts["country"][row["search_country"]] += row["n"]
        counts["agency"][str(row["agency_id"])] += row["n"]
        for alias, (name, value) in aliases.items():
            counts[name][value] += row[alias]
    return total, counts


def facets(counts: dict[str, Counter]) -> dict:
    """What is cached of the counts per filter value: plain numbers per value, and the names of the values named
    in the database (fields, agencies) in their order. Vocabularies of the code are labelled when shown, in the
    reader's language."""
    agencies = Agency.objects.filter(pk__in=[int(pk) for pk in counts["agency"]]).order_by("name")
    return {
        "counts": {name: dict(by_value) for name, by_value in counts.items()},
        "named": {
            "field": list(
                FieldOfStudy.objects.filter(parent__isnull=True).order_by("code").values_list("code", "name")
            ),
            "agency": [(str(pk), name) for pk, name in agencies.values_list("pk", "name")],
        },
    }


def labelled_values(name: str, summary_facets: dict) -> list[tuple[str, str]]:
    """A filter's values with their labels, in the order shown."""
    if name in summary_facets["named"]:
        return summary_facets["named"][name]
    if name == "country":
        return sorted(((code, str(label)) for code, label in Country.choices), key=lambda pair: pair[1])
    choices = {
        "provider_type": Provider.Type.choices,
        "eqf_level": [(str(level.value), level.label) for level in EqfLevel],
        "participation_form": ParticipationForm.choices,
        "status": EntryStatus.choices,
    }
    return choices[name]


def facet_links(request: HttpRequest, summary_facets: dict) -> list[dict]:
    """Each counted value as a link that sets its filter (replacing that filter's value, back to page 1), the
    value in use marked, with a link that removes it; values without entries left out."""
    kept = [(key, value) for key, values in request.GET.lists() if key != "page" for value in values]
    search_url = reverse("register:search")

    def link(name: str, value: str | None = None) -> str:
        params = [(key, kept_value) for key, kept_value in kept if key != name]
        if value is not None:
            params.append((name, value))
        return f"{search_url}?{urlencode(params)}" if params else search_url

    shown = []
    for name, title in FACETS:
        counts = summary_facets["counts"][name]
        values = [
            {
                "label": label,
                "count": counts[value],
                "url": link(name, value),
                "selected": request.GET.get(name) == value,
            }
            for value, label in labelled_values(name, summary_facets)
            if counts.get(value)
        ]
        if values:
            shown.append({"title": title, "clear_url": link(name), "values": values})
    return shown
