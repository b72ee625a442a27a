"""A documentation page for the API, rendered on the server from the OpenAPI schema (no scripts, no CDN)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator


def api_docs(request: HttpRequest) -> HttpResponse:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for route, methods in schema["paths"].items():
        for method, operation in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": route,
                    "summary": operation.get("description", "").strip(),
                    "parameters": operation.get("parameters", []),
                }
            )
    return render(request, "accreditation/api_docs.html", {"schema": schema, "operations": operations})
