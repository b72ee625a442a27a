"""Text that every writer of the register's files (XML, XLSX, CSV, JSON, PDF) can carry without breaking.

XML 1.0 cannot hold C0 control characters other than tab and line breaks (an XML writer emits a document no
parser accepts), openpyxl refuses them in cells, and in CSV and JSON they are invisible traps for whoever reads
the file. Forms refuse them now (accreditation.validators); this removes them from data stored before that rule.
"""

import re

# Control characters (Unicode category Cc: C0, DEL and C1) other than tab, line feed and carriage return, and the
# code points XML 1.0 excludes outright (lone surrogates, U+FFFE, U+FFFF).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value):
    """The text without the characters no file may carry; anything that is not text is returned as it is."""
    if isinstance(value, str):
        return FORBIDDEN.sub("", value)
    return value
