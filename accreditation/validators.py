"""Validators shared by the models people write to, so that forms, the admin and the API refuse the same input."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
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


# A ROR id as ror.org shows it after https://ror.org/: a zero, six Crockford base-32 characters, two check digits.
ror_id_format = RegexValidator(
    r"^0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}$",
    _("Give the ROR id as it appears after https://ror.org/, for example 02tyrky19."),
)
# A SCHAC home organisation is the institution's Internet domain (eduGAIN, the European Student Card).
schac_code_format = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Give the SCHAC home organisation code, the institution's domain name in lower case, for example tcd.ie."),
)
