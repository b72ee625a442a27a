"""URLs of the review workspace. Each view module declares its own `urlpatterns`."""

from .views import panel, printout, profile, review, statistics

app_name = "reviews"

urlpatterns = [
    *review.urlpatterns,
    *panel.urlpatterns,
    *profile.urlpatterns,
    *statistics.urlpatterns,
    *printout.urlpatterns,
]
