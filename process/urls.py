"""The task pages of the procedures."""

app_name = "process"

urlpatterns: list = []
