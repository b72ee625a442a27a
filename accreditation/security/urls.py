"""Second-factor pages (namespace "security"), under /accounts/ beside Django's sign-in pages."""

from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("two-factor/", views.two_factor_setup, name="two-factor-setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two-factor-verify"),
    path("two-factor/remove/", views.two_factor_remove, name="two-factor-remove"),
]
