"""Bitstring Status Lists (W3C) of the register entries: one bit per entry and purpose, the entry's primary key
giving its place, so that no index has to be allocated or stored.

- "revocation": the entry was withdrawn (final).
- "suspension": the entry is suspended or has expired (both can end: a lifted suspension, a renewal).

Both come from the register's one status function (`with_effective_status`).
"""

import base64
import gzip

from accreditation.models import RegisterEntry
from accreditation.models.register import EntryStatus

LIST_BITS = 16 * 1024 * 8  # the specification's minimum size (16 KB), for group privacy
PURPOSES = {
    "revocation": (EntryStatus.WITHDRAWN,),
    "suspension": (EntryStatus.SUSPENDED, EntryStatus.EXPIRED),
}


def position(entry_pk: int) -> tuple[int, int]:
    """(list number, index in that list) of an entry."""
    return divmod(entry_pk, LIST_BITS)


def flagged_indexes(purpose: str, number: int) -> list[int]:
    """Indexes set in one list: entries of that list whose effective status today is one of the purpose's."""
    start = number * LIST_BITS
    pks = (
        RegisterEntry.objects.filter(pk__gte=start, pk__lt=start + LIST_BITS)
        .with_effective_status()
        .filter(effective_status__in=PURPOSES[purpose])
        .values_list("pk", flat=True)
    )
    return [pk - start for pk in pks]


def encode(indexes: list[int]) -> str:
    """Multibase (base64url, no padding, prefix "u") of the GZIP of the bitstring; bit 0 is the first byte's
    most significant bit."""
    bits = bytearray(LIST_BITS // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("Not a multibase base64url value.")
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def is_set(bitstring: bytes, index: int) -> bool:
    return bool(bitstring[index // 8] & (0x80 >> (index % 8)))
