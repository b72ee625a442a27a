"""The public register's URLs (namespace "register"), kept stable: certificates and links point here."""

from django.urls import path

from .views import identifiers, register, register_exports, register_feed, register_manage

app_name = "register"

urlpatterns = [
    path("", register.search, name="search"),
    path("counts/", register.counts, name="counts"),
    path("providers/<int:pk>/", register.provider_page, name="provider"),
    path("verify/", register.verify, name="verify-form"),
    path("verify/<str:certificate_id>/", register.verify, name="verify"),
    path("feed.atom", register_feed.RegisterFeed(), name="feed"),
    path("events.json", register_feed.events, name="events"),
    path("export.csv", register_exports.export_csv, name="export-csv"),
    path("export.xlsx", register_exports.export_xlsx, name="export-xlsx"),
    path("exports/<uuid:token>/", register_exports.export_job, name="export-job"),
    path("exports/<uuid:token>/register.xlsx", register_exports.export_job_file, name="export-job-file"),
    path("export.json", register_exports.export_json, name="export-json"),
    path("export/elm.xml", register_exports.export_elm, name="export-elm"),
    path("export/deqar.json", register_exports.export_deqar, name="export-deqar"),
    path("export/deqar-warnings.json", register_exports.export_deqar_warnings, name="export-deqar-warnings"),
    path("export/elm.jsonld", register_exports.export_elm_jsonld, name="export-elm-jsonld"),
    path("export/elm/<str:country>.jsonld", register_exports.export_elm_country, name="export-elm-country"),
    path("entries/<int:pk>/manage/", register_manage.manage_entry, name="manage"),
    # Persistent identifiers (accreditation.identifiers): they dereference by content negotiation.
    path("entries/<int:pk>/", identifiers.entry, name="entry"),
    path("micro-credentials/<int:pk>/", identifiers.micro_credential, name="micro-credential"),
    path("agencies/<int:pk>/", identifiers.agency, name="agency"),
    path("authorities/<int:pk>/", identifiers.authority, name="authority"),
]
