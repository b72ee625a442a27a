"""The task pages of the procedures."""

from . import conditions_views

app_name = "process"

urlpatterns: list = [*conditions_views.urlpatterns]
