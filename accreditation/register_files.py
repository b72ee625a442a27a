"""What the register's file builders (reports.register_exports) are given besides the entries: the register's one
status function and the identifiers, so that CSV, XLSX and JSON say what the register's pages say."""

from django.db.models import QuerySet
from django.http import HttpRequest

from .identifiers import register_uris
from .models.register import entry_state


def file_entries(entries: QuerySet) -> QuerySet:
    """Entries annotated for entry_state() (no query per entry), with an institutional scope's fields."""
    return entries.with_public_state().prefetch_related("scope_fields")


def file_options(request: HttpRequest | None = None) -> dict:
    """Keyword arguments of entry_rows() and entry_record(): status and dates from entry_state, URIs from
    REGISTER_URI_BASE (the request's address, or the one recorded for a background job, when unset)."""
    return {"uris": register_uris(request), "state_of": entry_state}
