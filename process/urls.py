"""The task pages of the procedures."""

from . import conditions_views, identity_change

app_name = "process"

urlpatterns: list = [*identity_change.urlpatterns, *conditions_views.urlpatterns]
