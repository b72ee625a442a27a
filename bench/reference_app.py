"""The throughput benchmark's reference: a bare Django page that renders 25 rows from memory with Django's
template engine, no database and no middleware: the framework's own limit on this machine.

    gunicorn --workers 2 --chdir bench reference_app:application
"""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-reference-only",  # noqa: S106 - never served beyond the loopback benchmark
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "OPTIONS": {}}],
)

import django  # noqa: E402

django.setup()

from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import path  # noqa: E402

ROWS = [
    {"name": f"Provider {number}", "country": "IE", "levels": "5, 6", "valid_until": "2031-06-30"}
    for number in range(25)
]
PAGE = engines["django"].from_string(
    """<!DOCTYPE html><html lang="en"><head><title>Register</title></head><body><main><h1>Register</h1>
<ol>{% for row in rows %}<li><h2>{{ row.name }}</h2><p>{{ row.country }} · EQF {{ row.levels }} ·
valid until {{ row.valid_until }}</p></li>{% endfor %}</ol></main></body></html>"""
)


def page(request):
    return HttpResponse(PAGE.render({"rows": ROWS}, request))


urlpatterns = [path("", page)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
