"""The register's search columns: what a search filters, counts and sorts on, copied onto each entry so that a
search reads one table of 50,000 rows instead of joining 500,000 accredited micro-credentials.

The copies are rewritten here and nowhere else: when an entry is published (services.register) and when its
provider's profile changes (services.catalogue, the admin). `manage.py reindex_register` rewrites them all.

Sets of values (the EQF levels, broad fields and forms of participation an entry's scope covers) are stored as bit
sets: "covers level 6" is one AND on an integer, and the counts per value of a whole result come from one scan."""

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.db.models.lookups import GreaterThan

from frameworks.models import EqfLevel

from .models import Provider, RegisterEntry, RegisterScopeItem
from .models.credentials import ParticipationForm


class BitSet:
    """Values mapped to bits of an integer column. A value's bit is its position in `values`: append new values,
    never reorder them (or run reindex_register after doing so)."""

    def __init__(self, column: str, values: Sequence):
        self.column = column
        self.bits = {value: 1 << position for position, value in enumerate(values)}
        if max(self.bits.values()) >= 1 << 31:
            raise ValueError("A bit set column holds at most 31 values.")

    def mask(self, values: Iterable) -> int:
        mask = 0
        for value in values:
            mask |= self.bits.get(value, 0)
        return mask

    def covers(self, value) -> Q | GreaterThan:
        """A filter: the entry's set holds this value (a value without a bit matches nothing)."""
        if value not in self.bits:
            return Q(pk__in=[])
        return GreaterThan(F(self.column).bitand(self.bits[value]), 0)


EQF_LEVELS = BitSet("search_levels", [level.value for level in EqfLevel])
FORMS = BitSet("search_forms", ParticipationForm.values)
# The broad fields of ISCED-F 2013 (the first two digits of every narrower field's code).
BROAD_FIELDS = BitSet("search_fields", ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "99"])


def set_search_columns(entry: RegisterEntry, provider: Provider, items: list[RegisterScopeItem]) -> None:
    """Set (not save) the entry's copies from its provider and its accredited micro-credentials (each with its
    field and frozen version loaded)."""
    workloads = [item.ects for item in items if item.ects is not None]
    entry.search_name = provider.legal_name
    entry.search_country = provider.country
    entry.search_type = provider.type
    entry.search_levels = EQF_LEVELS.mask(item.eqf_level for item in items)
    entry.search_fields = BROAD_FIELDS.mask(item.field.code[:2] for item in items if item.field)
    entry.search_forms = FORMS.mask(item.participation_form for item in items)
    entry.search_ects_min = min(workloads, default=None)
    entry.search_ects_max = max(workloads, default=None)
    entry.search_scope_size = len(items)
    texts = [provider.legal_name, provider.acronym]
    for item in items:
        texts += [item.title, item.version.learning_outcomes]
        # Translated titles and outcomes too: a reader finds a micro-credential by words of any of its languages.
        for translation in (getattr(item.version, "translations", None) or {}).values():  # none in migration 0005
            texts += [translation.get("title", ""), translation.get("learning_outcomes", "")]
    entry.search_text = "\n".join(text for text in texts if text).casefold()


SEARCH_COLUMNS = [
    "search_name",
    "search_country",
    "search_type",
    "search_levels",
    "search_fields",
    "search_forms",
    "search_ects_min",
    "search_ects_max",
    "search_text",
    "search_scope_size",
]


def index_entries(entries: QuerySet, batch: int = 2000) -> int:
    """Rewrite the search columns of these entries from their provider and scope; returns how many."""
    done = 0
    ids = list(entries.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = list(RegisterEntry.objects.filter(pk__in=ids[start : start + batch]).select_related("provider"))
        items: dict[int, list[RegisterScopeItem]] = {entry.pk: [] for entry in chunk}
        scope = (
            RegisterScopeItem.objects.filter(entry__in=chunk)
            .select_related("field", "version")
            .only(
                "entry_id",
                "title",
                "eqf_level",
                "ects",
                "participation_form",
                "field__code",
                "version__learning_outcomes",
                "version__translations",
            )
            .order_by("pk")
        )
        for item in scope:
            items[item.entry_id].append(item)
        for entry in chunk:
            set_search_columns(entry, entry.provider, items[entry.pk])
        RegisterEntry.objects.bulk_update(chunk, SEARCH_COLUMNS, batch_size=100)
        done += len(chunk)
    return done


def index_provider(provider: Provider) -> int:
    """After a provider's name, acronym, country or type changed: its entries' copies follow."""
    return index_entries(RegisterEntry.objects.filter(provider=provider))


def matching_text(queryset: QuerySet, words: str) -> QuerySet:
    """Entries whose provider name, accredited micro-credential titles or learning outcomes hold every word.
    PostgreSQL's full-text search over the entry's parsed text (its GIN index: migration 0005); a
    case-insensitive match of each word elsewhere."""
    if connection.vendor == "postgresql":
        return queryset.filter(search_document=SearchQuery(words, config="simple", search_type="plain"))
    for word in words.casefold().split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


@contextmanager
def read_through_indexes(active: bool = True, *, few_matches: bool = False) -> Iterator[None]:
    """Queries inside find the entries a full-text search matches through its GIN index, never by testing every
    row: PostgreSQL's planner does not count the cost of reading each entry's parsed text, kept out of line, and
    for a search matching many entries prefers a scan that tests them all, ten times slower. With `few_matches`
    the planner may not walk the sort order's index either (testing each entry it meets): the matches are found
    first, then sorted. Used for the counts of a text search and for its pages."""
    if not active or connection.vendor != "postgresql":
        yield
        return
    settings = ["enable_seqscan"] + (["enable_indexscan"] if few_matches else [])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("; ".join(f"SET LOCAL {name} = off" for name in settings))
        try:
            yield
        finally:
            cursor.execute("; ".join(f"RESET {name}" for name in settings))
