"""Stored files outlive nothing: a file whose row a service deletes is removed only once that transaction commits
(a rollback keeps both the row and its file)."""

from django.db import transaction


def delete_after_commit(field_file) -> None:
    """Remove the file behind a FileField value when the current transaction commits."""
    storage, name = field_file.storage, field_file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))
