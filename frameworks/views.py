"""Public look-up of frameworks, their levels and their EQF referencing."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def framework_lookup(request: HttpRequest) -> HttpResponse:
    return render(request, "frameworks/lookup.html", {})
