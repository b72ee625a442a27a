"""Validators shared by the models people write to, so that forms, the admin and the API refuse the same input."""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from reports.text import FORBIDDEN


@deconstructible
class ControlCharacterValidator:
    """Refuses invisible control characters (other than tab and line breaks): they break the register's XML and
    spreadsheet files and cannot be seen or typed on purpose."""

    message = _(
        "This text contains an invisible control character (at position %(position)s, code %(code)s). "
        "Remove it: it is often pasted in by accident from another program."
    )
    code = "control_character"

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        found = FORBIDDEN.search(value)
        if found:
            raise ValidationError(
                self.message,
                code=self.code,
                params={"position": found.start() + 1, "code": f"U+{ord(found.group()):04X}"},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, ControlCharacterValidator)


no_control_characters = ControlCharacterValidator()
