"""Public look-up of frameworks, their levels and their EQF referencing."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .alignment import CYCLE_EQF, CYCLE_NAMES, derive_eqf_level
from .forms import FrameworkLookupForm
from .models import Framework, Level
from .vocabularies import Country

COUNTRY_NAMES = dict(Country.choices)
CYCLE_AT_EQF = {eqf: CYCLE_NAMES[cycle] for cycle, eqf in CYCLE_EQF.items()}


def _frameworks() -> list[Framework]:
    """Every framework with its levels and their referencing: two queries, whatever the framework chosen."""
    levels = Level.objects.select_related("referencing").order_by("ordinal")
    frameworks = list(Framework.objects.prefetch_related(Prefetch("levels", queryset=levels)))
    for framework in frameworks:
        framework.country_name = COUNTRY_NAMES.get(framework.country, framework.country)
    kinds = [Framework.Kind.EQF, Framework.Kind.QF_EHEA, Framework.Kind.NATIONAL]
    return sorted(frameworks, key=lambda fw: (kinds.index(fw.kind), str(fw.country_name), fw.code))


def _rows(framework: Framework, eqf_descriptors: dict[int, Level]) -> list[dict]:
    rows = []
    for level in framework.levels.all():
        eqf = derive_eqf_level(level)
        rows.append(
            {
                "level": level,
                "referencing": getattr(level, "referencing", None),
                "eqf": eqf,
                "descriptors": eqf_descriptors.get(eqf),
            }
        )
    return rows


def framework_lookup(request: HttpRequest) -> HttpResponse:
    """Pick a framework (and a level): its levels beside their EQF levels and the EQF descriptors."""
    frameworks = _frameworks()
    eqf = next((fw for fw in frameworks if fw.kind == Framework.Kind.EQF), None)
    eqf_descriptors = {level.ordinal: level for level in eqf.levels.all()} if eqf else {}
    form = FrameworkLookupForm(request.GET or None, frameworks=frameworks)
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    selected, chosen = cleaned.get("framework"), cleaned.get("level")
    rows = _rows(selected, eqf_descriptors) if selected else []
    chosen_eqf = derive_eqf_level(chosen) if chosen else None
    context = {
        "form": form,
        "frameworks": frameworks,
        "selected": selected,
        "rows": rows,
        "chosen": chosen,
        "chosen_eqf": chosen_eqf,
        # The one-to-many mappings: other levels of the same framework at the same EQF level (Ireland NFQ 7 and 8).
        "same_eqf": [
            row["level"].code for row in rows if chosen_eqf and row["eqf"] == chosen_eqf and row["level"] != chosen
        ],
        "level_codes": [row["level"].code for row in rows],
        "chosen_cycle": CYCLE_AT_EQF.get(chosen_eqf),
    }
    return render(request, "frameworks/lookup.html", context, status=404 if form.not_found else 200)
