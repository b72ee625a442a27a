"""The trust app's URLs (namespace "trust"): published keys, signed entries, status lists, signed downloads,
the trust list, document verification and the credential check. Everything here is public and shows only
published register data."""

from django.urls import path

from .views import published

app_name = "trust"

urlpatterns = [
    path(".well-known/jwks.json", published.jwks, name="jwks"),
    path(".well-known/did.json", published.did_document, name="did"),
    path("register/entries/<int:pk>/credential.jwt", published.entry_credential, name="entry-credential"),
    path("register/entries/<int:pk>/credential.json", published.entry_credential_json, name="entry-credential-json"),
    path("register/status/<str:purpose>/<int:number>.jwt", published.status_list_credential, name="status-list"),
]
