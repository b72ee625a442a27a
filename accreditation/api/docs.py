"""A documentation page for the API, rendered on the server from the OpenAPI schema (no scripts, no CDN)."""

import markdown
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from drf_spectacular.generators import SchemaGenerator


def as_html(text: str) -> str:
    """OpenAPI descriptions are Markdown; ours come from this project's own docstrings and settings, never from
    users, so the HTML Markdown makes of them is shown as it is."""
    return mark_safe(markdown.markdown(text.strip(), extensions=["fenced_code", "tables"]))


def api_docs(request: HttpRequest) -> HttpResponse:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for route, methods in schema["paths"].items():
        for method, operation in methods.items():
            parameters = [
                {**parameter, "description_html": as_html(parameter.get("description", ""))}
                for parameter in operation.get("parameters", [])
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": route,
                    "summary": as_html(operation.get("description", "")),
                    "parameters": parameters,
                }
            )
    description = as_html(schema.get("info", {}).get("description", ""))
    return render(
        request,
        "accreditation/api_docs.html",
        {"schema": schema, "description": description, "operations": operations},
    )
