"""The trust app's URLs (namespace "trust"): published keys, signed entries, status lists, signed downloads,
the trust list, document verification and the credential check. Everything here is public and shows only
published register data."""

from django.urls import path

from .views import check, documents, downloads, published, trust_list

app_name = "trust"

urlpatterns = [
    path(".well-known/jwks.json", published.jwks, name="jwks"),
    path(".well-known/did.json", published.did_document, name="did"),
    path("register/entries/<int:pk>/credential.jwt", published.entry_credential, name="entry-credential"),
    path("register/entries/<int:pk>/credential.json", published.entry_credential_json, name="entry-credential-json"),
    path("register/status/<str:purpose>/<int:number>.jwt", published.status_list_credential, name="status-list"),
    path("register/check/", check.check_page, name="check"),
    path("register/check.json", check.check_api, name="check-api"),
    path("register/verify/document/", documents.verify_document, name="verify-document"),
    path("register/providers/<int:pk>/record.json", trust_list.provider_record, name="provider-record"),
    path("register/trust-list.jws", trust_list.signed_list, name="trust-list"),
    path("register/trust-list.json", trust_list.readable_list, name="trust-list-json"),
    path("register/signed/<path:name>.jws", downloads.download_signature, name="download-signature"),
    path("register/signed/<path:name>", downloads.signed_download, name="signed-download"),
    path("register/exports/<uuid:token>/register.xlsx.jws", downloads.job_file_signature, name="export-job-signature"),
]
