"""URLs of the workspaces, the register and the API."""

app_name = "accreditation"

urlpatterns: list = []
