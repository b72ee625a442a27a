"""The task pages of the procedures."""

from . import conditions, identity_change
from .flows import AccreditationFlow
from .nodes import task_urls
from .views import accreditation as accreditation_views
from .views import consolidation as consolidation_views
from .views import review as review_views

app_name = "process"

urlpatterns: list = [
    # tasks/<int:pk>/<node>/ for each human node of the accreditation flow, named task-<node> (process/nodes.py).
    *task_urls(AccreditationFlow),
    *accreditation_views.urlpatterns,
    *review_views.urlpatterns,
    *consolidation_views.urlpatterns,
    *identity_change.urlpatterns,
    *conditions.urlpatterns,
]
