"""Fonts for PDF documents: DejaVu Sans, which covers every EU language's script (Latin with diacritics, Greek,
Cyrillic). The TTF files come with an installed package (matplotlib ships them), never from the network.

Characters DejaVu lacks (emoji, many symbols) are printed in a fallback font, Symbola (Debian's fonts-symbola,
installed by `make browser`, or the file PDF_FALLBACK_FONT names); what neither font has prints as U+FFFD, so that
nothing typed silently vanishes from a document."""

import importlib.util
import re
from functools import cache
from pathlib import Path

from django.conf import settings
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR, BOLD, FALLBACK = "DejaVuSans", "DejaVuSans-Bold", "Symbola"
FALLBACK_FILES = (
    Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"),
    Path("/usr/share/fonts/truetype/ancient-scripts/Symbola.ttf"),
)
REPLACEMENT = "\ufffd"
# Paragraph markup: tags and entities pass through unchanged; only the text between them is looked at.
MARKUP = re.compile(r"(<[^>]*>|&[#\w]+;)")


def _font_dir() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def _fallback_file() -> Path | None:
    configured = settings.PDF_FALLBACK_FONT
    candidates = (Path(configured),) if configured else FALLBACK_FILES
    return next((path for path in candidates if path.is_file()), None)


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
    fallback = _fallback_file()
    if fallback is not None:
        pdfmetrics.registerFont(TTFont(FALLBACK, str(fallback)))
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(FALLBACK, bold, italic, FALLBACK)
    return REGULAR, BOLD


@cache
def _covered(font_name: str) -> frozenset[int]:
    register_fonts()
    try:
        return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)
    except KeyError:
        return frozenset()


def _text_with_fallback(text: str) -> str:
    main, fallback = _covered(REGULAR), _covered(FALLBACK)
    out, run = [], []
    for char in text:
        code = ord(char)
        if code in main or char in "\n\r\t":
            if run:
                out.append(f'<font name="{FALLBACK}">{"".join(run)}</font>')
                run = []
            out.append(char)
        elif code in fallback:
            run.append(char)
        else:
            out.append(REPLACEMENT)
    if run:
        out.append(f'<font name="{FALLBACK}">{"".join(run)}</font>')
    return "".join(out)


def with_fallback(markup: str) -> str:
    """Paragraph markup whose characters DejaVu lacks are set in the fallback font (or shown as U+FFFD)."""
    return "".join(part if MARKUP.fullmatch(part) else _text_with_fallback(part) for part in MARKUP.split(markup))
