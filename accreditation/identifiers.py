"""The register's persistent identifiers: one URI per provider, agency, authority, register entry and accredited
micro-credential, made from REGISTER_URI_BASE (the site's own address when unset) and the object's primary key,
which never changes. Each URI dereferences (accreditation.views.identifiers)."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from config.site import register_uri_base


@dataclass(frozen=True)
class RegisterURIs:
    base: str

    def _uri(self, name: str, pk: int) -> str:
        return f"{self.base}{reverse(name, args=[pk])}"

    def provider(self, pk: int) -> str:
        return self._uri("register:provider", pk)

    def agency(self, pk: int) -> str:
        return self._uri("register:agency", pk)

    def authority(self, pk: int) -> str:
        return self._uri("register:authority", pk)

    def entry(self, pk: int) -> str:
        return self._uri("register:entry", pk)

    def micro_credential(self, pk: int) -> str:
        """An accredited micro-credential: one item of an entry's scope (RegisterScopeItem)."""
        return self._uri("register:micro-credential", pk)


def register_uris(request: HttpRequest | None = None) -> RegisterURIs:
    return RegisterURIs(register_uri_base(request))
