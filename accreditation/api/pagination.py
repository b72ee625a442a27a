"""Keyset (cursor) pagination for the register API: every page costs the same, however deep.

A page is read as "the next 50 rows after this one in the list's order" (`WHERE (name, id) > (last name, last id)
ORDER BY name, id LIMIT 51`, through the index on the sort order) instead of "skip N rows": page 1,000 costs what
page 1 costs. The `next` and `previous` links carry an opaque `cursor`; clients follow them as before. The total
`count` is computed once per query and register version and kept in the cache (a COUNT over tens of thousands of
entries on every page was most of the cost). `page=N` still works for the first `MAX_PAGE` pages (a bounded
offset); deeper page numbers are a 404 that says to follow the links.
"""

import base64
import binascii
import hashlib
import json
from collections import OrderedDict

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from ..page_cache import register_version

MAX_PAGE = 20
COUNT_SECONDS = 300


class CursorError(ValueError):
    pass


def _encode(direction: str, values: list) -> str:
    raw = json.dumps({"d": direction, "v": values}, cls=DjangoJSONEncoder, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, fields: list[tuple[str, bool]], model) -> tuple[str, list]:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
        direction, values = data["d"], data["v"]
        if direction not in ("n", "p") or not isinstance(values, list) or len(values) != len(fields):
            raise CursorError
        pairs = zip(fields, values, strict=True)
        return direction, [_field(model, name).to_python(value) for (name, _), value in pairs]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error) as error:
        raise CursorError from error
    except Exception as error:  # a field's own validation (a date that is not one)
        if error.__class__.__name__ == "ValidationError":
            raise CursorError from error
        raise


def _field(model, name: str):
    return model._meta.pk if name == "pk" else model._meta.get_field(name)


def _after(fields: list[tuple[str, bool]], values: list, backwards: bool) -> Q:
    """Rows strictly after (before, `backwards`) the position `values` in the order `fields` (name, descending):
    (a > x) OR (a = x AND b > y) OR ..., each comparison turned round for a descending field."""
    condition = Q()
    for position, (name, descending) in enumerate(fields):
        lookup = "lt" if descending != backwards else "gt"
        step = Q(**{f"{name}__{lookup}": values[position]})
        for earlier in range(position):
            step &= Q(**{fields[earlier][0]: values[earlier]})
        condition |= step
    return condition


class KeysetPagination(BasePagination):
    page_size = 50
    cursor_query_param = "cursor"
    page_query_param = "page"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        ordering = list(queryset.query.order_by) or ["pk"]
        fields = [(name.lstrip("-"), name.startswith("-")) for name in ordering]
        if not any(name in ("pk", "id") for name, _ in fields):
            fields.append(("pk", False))
            ordering.append("pk")
        self.fields = fields
        self.count = self._count(queryset, request)
        cursor = request.query_params.get(self.cursor_query_param)
        page = request.query_params.get(self.page_query_param)
        self.page_number = None
        backwards = False
        if cursor:
            try:
                direction, values = _decode(cursor, fields, queryset.model)
            except CursorError:
                raise NotFound("This cursor is not valid: follow the next and previous links as given.") from None
            backwards = direction == "p"
            queryset = queryset.filter(_after(fields, values, backwards))
            if backwards:
                queryset = queryset.order_by(*[name[1:] if name.startswith("-") else f"-{name}" for name in ordering])
            rows = list(queryset[: self.page_size + 1])
        elif page and page != "1":
            if not page.isdigit() or not 1 <= int(page) <= MAX_PAGE:
                raise NotFound(
                    f"Pages are numbered 1 to {MAX_PAGE}; beyond them, follow the next links (a cursor), which "
                    "cost the same however deep."
                )
            self.page_number = int(page)
            start = (self.page_number - 1) * self.page_size
            rows = list(queryset[start : start + self.page_size + 1])
        else:
            self.page_number = 1
            rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if backwards:
            rows.reverse()
            self.has_next, self.has_previous = True, more
        else:
            self.has_next = more
            self.has_previous = bool(cursor) or (self.page_number or 1) > 1
        self.rows = rows
        return rows

    def _count(self, queryset, request) -> int:
        query = request.query_params.copy()
        for name in (self.cursor_query_param, self.page_query_param, "format"):
            query.pop(name, None)
        identity = f"{request.path}|{query.urlencode()}|{register_version()}"
        key = "api:count:" + hashlib.sha256(identity.encode()).hexdigest()
        count = cache.get(key)
        if count is None:
            count = queryset.order_by().count()
            cache.set(key, count, COUNT_SECONDS)
        return count

    def _position(self, row) -> list:
        return [getattr(row, name) for name, _ in self.fields]

    def _link(self, direction: str, row) -> str:
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, _encode(direction, self._position(row)))

    def get_next_link(self):
        if not (self.has_next and self.rows):
            return None
        return self._link("n", self.rows[-1])

    def get_previous_link(self):
        if not self.has_previous:
            return None
        if self.page_number == 2 or not self.rows:
            url = remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)
            return remove_query_param(url, self.page_query_param)
        return self._link("p", self.rows[0])

    def get_paginated_response(self, data):
        return Response(
            OrderedDict(
                [
                    ("count", self.count),
                    ("next", self.get_next_link()),
                    ("previous", self.get_previous_link()),
                    ("results", data),
                ]
            )
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer", "example": 123},
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "A position in the list, as the next and previous links give it.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": f"A page number, 1 to {MAX_PAGE}; deeper pages through the next links.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            },
        ]
