"""Root URLconf. Public URLs here are part of the product (certificates print them): keep them stable."""

from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from accreditation import urls_reports as accreditation_reports
from accreditation.security import views as security_views
from accreditation.views import public
from process import statistics as process_statistics

urlpatterns = [
    path("", public.home, name="home"),
    path("healthz", public.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever a page links to; the icon is a static file like the others.
    path("favicon.ico", lambda request: redirect(static("favicon.ico"), permanent=True), name="favicon"),
    # Before Django's own: the same password reset, sending at most a few e-mails per address and hour.
    path("accounts/password_reset/", security_views.LimitedPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("accreditation.security.urls")),
    path("audit/head", security_views.audit_head, name="audit-head"),
    path("accounts/", include("django.contrib.auth.urls")),
    # Choosing the display language changes nothing but a cookie, so it needs no CSRF token; without one, public
    # pages (which all carry the language switcher) are the same for every reader and can be cached whole.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("frameworks/", include("frameworks.urls")),
    # Before the register: /register/verify/document/ and /register/check/ are not certificate ids.
    path("", include("trust.urls")),
    path("register/", include("accreditation.urls_register")),
    path("api/", include("accreditation.api.urls")),
    path("", include("accreditation.urls")),
    path("", include("reviews.urls")),
    # Documents, the catalogue import, statistics and agency downloads keep the `reports` namespace they had
    # when the reports app served them; jobs have their own.
    path("", include(([*accreditation_reports.urlpatterns, *process_statistics.urlpatterns], "reports"))),
    path("", include("jobs.urls")),
    path("", include("process.urls")),
]

handler403 = "accreditation.views.public.permission_denied"
handler404 = "accreditation.views.public.page_not_found"
handler500 = "accreditation.views.public.server_error"
