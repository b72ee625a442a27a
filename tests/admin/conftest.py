"""Staff members with only the model permissions a test names, and the admin's forms read from the page as a
browser would submit them."""

import itertools

import lxml.html
import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory

_numbers = itertools.count(1)


@pytest.fixture
def staff_with(client):
    """staff_with("frameworks.change_framework", ...) -> a logged-in staff member holding exactly those permissions."""

    def make(*permissions: str):
        user = UserFactory(username=f"steward{next(_numbers)}", is_staff=True)
        for permission in permissions:
            app_label, codename = permission.split(".")
            user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        client.force_login(user)
        return user

    return make


def form_data(client, url: str) -> dict:
    """The values the admin's change form at url would submit unchanged (lists for multiple values)."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    page = lxml.html.fromstring(response.content)
    form = next(form for form in page.forms if (form.get("id") or "").endswith("_form"))  # not the sign-out form
    data: dict = {}
    for name, value in form.form_values():
        if name in data:
            data[name] = [*data[name], value] if isinstance(data[name], list) else [data[name], value]
        else:
            data[name] = value
    return data


def inline_prefix(data: dict, field_suffix: str) -> str:
    """The prefix of the inline formset whose management form is in data (e.g. "levels")."""
    return next(
        name.removesuffix("-TOTAL_FORMS") for name in data if name.endswith("-TOTAL_FORMS") and field_suffix in name
    )


def add_inline_row(data: dict, prefix: str, **values) -> int:
    """Append one new row to an inline formset in data; returns its index."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value
    return index


def row_index(data: dict, prefix: str, field: str, value: str) -> int:
    """The index of the inline row whose field has value."""
    for index in range(int(data[f"{prefix}-TOTAL_FORMS"])):
        if data.get(f"{prefix}-{index}-{field}") == value:
            return index
    raise LookupError(f"no {prefix} row with {field}={value}")
