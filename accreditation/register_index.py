"""The register's search columns: what a search filters, counts and sorts on, copied onto each entry so that a
search reads one table of 50,000 rows instead of joining 500,000 accredited micro-credentials.

The copies are rewritten here and nowhere else: when an entry is published (services.register) and when its
provider's profile changes (services.catalogue, the admin). `manage.py reindex_register` rewrites them all.

Sets of values (the EQF levels, broad fields and forms of participation an entry's scope covers) are stored as bit
sets: "covers level 6" is one AND on an integer, and the counts per value of a whole result come from one scan."""

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Replace, Upper
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


# Letters that Unicode does not decompose into a base letter and an accent.
UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
)


def fold(text: str) -> str:
    """Text as searches compare it: lower case without accents ("Universität Łódź" -> "universitat lodz"), so
    that a reader without the letters on their keyboard finds it, on every database (the searchable text is stored
    folded, and each search is folded the same way)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).translate(UNDECOMPOSED)


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
    # The provider's region (its city or county) too: a reader looks for "the providers in Cork".
    texts = [provider.legal_name, provider.acronym, provider.region]
    for item in items:
        texts += [item.title, item.version.learning_outcomes]
        # Translated titles and outcomes too: a reader finds a micro-credential by words of any of its languages.
        for translation in (getattr(item.version, "translations", None) or {}).values():  # none in migration 0005
            texts += [translation.get("title", ""), translation.get("learning_outcomes", "")]
    entry.search_text = fold("\n".join(text for text in texts if text))


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
    words = fold(words)
    if connection.vendor == "postgresql":
        return queryset.filter(search_document=SearchQuery(words, config="simple", search_type="plain"))
    for word in words.split():
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


def identifier_matches(queryset: QuerySet, words: str) -> QuerySet | None:
    """The entries a search names by an identifier: a certificate number ("MC-2026-0042"), or the provider's
    Erasmus code ("IRL DUBLIN01", with or without its spaces) or PIC (nine digits). None when the words are no
    identifier or name none (the search is then a text search)."""
    compact = re.sub(r"\s+", "", words).upper()
    if not any(char.isdigit() for char in compact) or len(words.split()) > 3 or len(compact) > 40:
        return None
    providers = (
        Provider.objects.annotate(code=Upper(Replace("erasmus_code", Value(" "), Value(""))))
        .filter(Q(code=compact) | Q(pic=compact))
        .values("pk")[:50]
    )
    matches = queryset.filter(Q(certificate_id=compact) | Q(provider__in=providers))
    return matches if matches.exists() else None


VOCABULARY_SECONDS = 3600


def _vocabulary(version: str) -> list[str]:
    """The words of the register's provider names (folded), read once per register version."""
    key = "register:vocabulary:" + hashlib.sha256(version.encode()).hexdigest()
    words = cache.get(key)
    if words is None:
        found: set[str] = set()
        for name in RegisterEntry.objects.values_list("search_name", flat=True).iterator(chunk_size=5000):
            found.update(re.findall(r"\w{3,}", fold(name)))
        words = sorted(found)
        cache.set(key, words, VOCABULARY_SECONDS)
    return words


def suggestion(words: str, version: str) -> str | None:
    """A search a reader probably meant when theirs found nothing: each word the register's names do not hold
    replaced by the closest one they do (a typo: "Dublni" -> "dublin"); None when there is nothing closer."""
    vocabulary = _vocabulary(version)
    known = set(vocabulary)
    corrected, changed = [], False
    for word in fold(words).split():
        if len(word) < 3 or word in known or any(char.isdigit() for char in word):
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        corrected.append(close[0] if close else word)
        changed = changed or bool(close)
    return " ".join(corrected) if changed else None
