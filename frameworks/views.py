"""Public look-up of frameworks, their levels and their EQF referencing."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .models import Framework, Level


def framework_lookup(request: HttpRequest) -> HttpResponse:
    """Pick a framework (and a level): its levels beside their EQF levels and the EQF descriptors."""
    frameworks = list(Framework.objects.order_by("kind", "country", "code"))
    eqf_levels = {level.ordinal: level for level in Level.objects.filter(framework__code="EQF")}
    code = request.GET.get("framework", "").strip()[:20]
    level_code = request.GET.get("level", "").strip()[:20]
    selected, chosen_level, error = None, None, ""
    if code:
        selected = (
            Framework.objects.filter(code=code)
            .prefetch_related(
                Prefetch("levels", queryset=Level.objects.select_related("referencing").order_by("ordinal"))
            )
            .first()
        )
        if selected is None:
            error = _("There is no framework with the code “%(code)s”.") % {"code": code}
        elif level_code:
            chosen_level = next((level for level in selected.levels.all() if level.code == level_code), None)
            if chosen_level is None:
                error = _("%(framework)s has no level “%(level)s”.") % {"framework": selected.code, "level": level_code}
    rows = []
    if selected is not None:
        for level in selected.levels.all():
            referencing = getattr(level, "referencing", None)
            rows.append((level, referencing, eqf_levels.get(referencing.eqf_level) if referencing else None))
    return render(
        request,
        "frameworks/lookup.html",
        {
            "frameworks": frameworks,
            "selected": selected,
            "chosen_level": chosen_level,
            "chosen_referencing": getattr(chosen_level, "referencing", None) if chosen_level else None,
            "rows": rows,
            "error": error,
            "code": code,
            "level_code": level_code,
        },
        status=404 if error and selected is None else 200,
    )
