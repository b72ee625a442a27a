"""Fonts for PDF documents: DejaVu Sans, which covers every EU language's script (Latin with diacritics, Greek,
Cyrillic). The TTF files come with an installed package (matplotlib ships them), never from the network."""

import importlib.util
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"


def _font_dir() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


@cache
def register_fonts() -> tuple[str, str]:
    """Register the fonts once per process and return the regular and bold font names."""
    directory = _font_dir()
    pdfmetrics.registerFont(TTFont(REGULAR, str(directory / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(directory / "DejaVuSans-Bold.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD
