"""A confirmation step before an action that cannot be undone, without JavaScript: the form's valid POST is
answered with a page that restates what will happen and posts the same fields again with `confirmed=yes`;
"Go back" posts them with `confirmed=no`, and the form comes back as it was filled in."""

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

FIELD = "confirmed"


def is_confirmed(request: HttpRequest) -> bool:
    return request.POST.get(FIELD) == "yes"


def is_going_back(request: HttpRequest) -> bool:
    return request.POST.get(FIELD) == "no"


def confirmation_page(
    request: HttpRequest, *, title: str, consequences: Iterable[str], confirm_label: str, facts: Iterable = ()
) -> HttpResponse:
    """The page that asks. `facts`: (label, value) pairs restating what was chosen; `consequences`: sentences
    saying what happens and that it cannot be undone."""
    fields = [
        (name, value)
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", FIELD)
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "accreditation/confirm.html",
        {
            "title": title,
            "facts": list(facts),
            "consequences": list(consequences),
            "confirm_label": confirm_label,
            "fields": fields,
            "action": request.get_full_path(),
        },
    )
