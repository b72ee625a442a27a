"""URLs of the accreditation workspaces. Each view module declares its own `urlpatterns`; they are joined here
under one namespace."""

from .views import application as application_views
from .views import deqar as deqar_views
from .views import preferences as preference_views
from .views import provider as provider_views
from .views import tasks as task_views
from .views import workspace as workspace_views

app_name = "accreditation"

urlpatterns = [
    *task_views.urlpatterns,
    *workspace_views.urlpatterns,
    *provider_views.urlpatterns,
    *application_views.urlpatterns,
    *deqar_views.urlpatterns,
    *preference_views.urlpatterns,
]
