"""Server-side SVG bar charts: data in, markup out, with a title and a text alternative."""

from xml.sax.saxutils import escape, quoteattr

STYLE = 'font-size="13" fill="#1b1f24"'


def bar_chart(title: str, rows: list[tuple[str, float]], unit: str = "") -> str:
    """Horizontal bars, one per (label, value); the caller shows the same figures in a table beside it."""
    width, bar_height, gap, label_width = 560, 22, 8, 210
    height = max(len(rows), 1) * (bar_height + gap) + gap
    largest = max((value for _label, value in rows), default=0) or 1
    summary = "; ".join(f"{label}: {value:g}{unit}" for label, value in rows) or "no data"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label={quoteattr(f"{title}. {summary}")} '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = (width - label_width - 70) * value / largest
        text = escape(str(label)[:32])
        parts.append(f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end" {STYLE}>{text}</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="#0b4f8a"/>')
        figure = f"{value:g}{escape(unit)}"
        parts.append(f'<text x="{label_width + length + 6:.1f}" y="{y + 16}" {STYLE}>{figure}</text>')
    parts.append("</svg>")
    return "".join(parts)
