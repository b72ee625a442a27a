"""The common page of every document: A4, a header with the document's title, a footer with the issuer and
"Page N of M", metadata, and paragraph styles in a font that covers every EU script."""

from collections.abc import Sequence
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from ..text import clean_text
from .fonts import register_fonts, with_fallback

BRAND = colors.HexColor("#0b4f8a")


def styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    base = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14, spaceAfter=4)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#4a5360")),
        "title": ParagraphStyle(
            "title", parent=base, fontName=bold, fontSize=18, leading=22, spaceAfter=10, textColor=BRAND
        ),
        "h2": ParagraphStyle("h2", parent=base, fontName=bold, fontSize=13, leading=17, spaceBefore=10, spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=base, fontName=bold, fontSize=11, leading=14, spaceBefore=6, spaceAfter=2),
        "draft": ParagraphStyle("draft", parent=base, fontName=bold, fontSize=12, textColor=colors.HexColor("#a11a1a")),
    }


def text(value) -> str:
    """User text made safe for Paragraph markup: what was typed is what prints."""
    # Emoji and other characters DejaVu lacks are set in the fallback font instead of vanishing.
    return with_fallback(escape(clean_text(str(value if value is not None else "")))).replace("\n", "<br/>")


def para(value, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text(value), style)


def facts_table(rows: Sequence[tuple[str, str]], style: dict[str, ParagraphStyle]) -> Table:
    table = Table(
        [[para(label, style["small"]), para(value, style["body"])] for label, value in rows],
        colWidths=[45 * mm, 120 * mm],
    )
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey)])
    )
    return table


class _NumberedCanvas(canvas.Canvas):
    """Draws header and footer after layout, when the total number of pages is known."""

    def __init__(self, *args, header: str = "", footer: str = "", watermark: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []
        self._header, self._footer, self._watermark = header, footer, watermark

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        regular, _bold = register_fonts()
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            width, height = A4
            self.setFont(regular, 8)
            self.setFillColor(colors.HexColor("#4a5360"))
            self.drawString(20 * mm, height - 12 * mm, self._header)
            self.drawString(20 * mm, 10 * mm, self._footer)
            self.drawRightString(
                width - 20 * mm, 10 * mm, _("Page %(number)s of %(total)s") % {"number": number, "total": total}
            )
            if self._watermark:
                self.saveState()
                self.setFont(regular, 60)
                self.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.12))
                self.translate(width / 2, height / 2)
                self.rotate(40)
                self.drawCentredString(0, 0, self._watermark)
                self.restoreState()
            super().showPage()
        super().save()


def render(
    story: list, *, title: str, author: str, subject: str, header: str, footer: str, watermark: str = ""
) -> bytes:
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=author,
        subject=subject,
        creator="microcred-qa",
    )

    def make_canvas(*args, **kwargs):
        return _NumberedCanvas(*args, header=header, footer=footer, watermark=watermark, **kwargs)

    document.build(story, canvasmaker=make_canvas)
    return buffer.getvalue()
