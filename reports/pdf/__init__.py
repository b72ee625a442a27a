"""PDF builders: data in, bytes out. `build_document` picks the builder for an issued document's kind."""

from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def build_document(*, kind: str, application, decision=None) -> bytes:
    # Interim one-page document until the full builders land (issue 6).
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"{kind} {application.reference}")
    pdf.drawString(72, 770, f"{kind}: {application.reference}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
