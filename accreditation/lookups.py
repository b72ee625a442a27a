"""`__in` on integer columns that leaves out values no integer column can hold.

Django's own exact and range lookups already do this (IntegerFieldOverflow), its `in` lookup does not: a form's
multiple choice of objects (ModelMultipleChoiceField, in every form, the admin and the API) given
9223372036854775808 made SQLite raise OverflowError, a 500, where no row can match and the field's own message
("not one of the available choices") is the right answer.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In

SMALLEST, LARGEST = -(2**63), 2**63 - 1  # the widest integer column of every supported database


class BoundedIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            self.rhs = [value for value in self.rhs if not isinstance(value, int) or SMALLEST <= value <= LARGEST]
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(BoundedIn)
