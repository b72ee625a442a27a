"""The public register's URLs (namespace "register"), kept stable: certificates and links point here."""

from django.urls import path  # noqa: F401

app_name = "register"

urlpatterns: list = []
