"""URLs of documents, the catalogue import and the jobs the domain starts (the `reports` namespace, with the
statistics and agency downloads of the process layer: config/urls.py joins them). Each view module declares its
own `urlpatterns`."""

from .views import catalogue_import, documents, jobs

urlpatterns = [
    *documents.urlpatterns,
    *catalogue_import.urlpatterns,
    *jobs.urlpatterns,
]
