"""URLs of documents, data files, imports, jobs and statistics. Each view module declares its own
`urlpatterns`."""

from .views import catalogue, documents, exports, jobs, statistics

app_name = "reports"

urlpatterns = [
    *documents.urlpatterns,
    *catalogue.urlpatterns,
    *exports.urlpatterns,
    *jobs.urlpatterns,
    *statistics.urlpatterns,
]
