"""Every URL pattern of the project, read from the URL resolver, with the name to reverse it by."""

from django.urls import URLPattern, URLResolver, get_resolver


def _walk(patterns, prefix: str, namespace: str):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner or namespace)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name


def all_routes() -> dict[str, str | None]:
    """{route pattern: URL name}, e.g. {"tasks/<int:pk>/screen/": "accreditation:task-screen"}."""
    return dict(_walk(get_resolver().url_patterns, "", ""))
