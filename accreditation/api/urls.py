"""API URLs: /api/v1/ (browsable root), /api/schema/ (OpenAPI 3), /api/docs/ (documentation page)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import docs, views

router = DefaultRouter()
router.register("entries", views.EntryViewSet, basename="entry")
router.register("providers", views.ProviderViewSet, basename="provider")

urlpatterns = [
    path("v1/", include((router.urls, "api"), namespace="api")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", docs.api_docs, name="api-docs"),
]
