"""Server-side SVG bar charts: data in, markup out. Each chart names itself (<title>, role="img" and an
aria-label with every figure); pages show the same figures in a table beside it."""

from xml.sax.saxutils import escape, quoteattr

FONT = 'font-family="system-ui, sans-serif" font-size="13" fill="#1b1f24"'
BAR_COLOUR = "#0b4f8a"  # 8.6:1 against white
WIDTH, BAR_HEIGHT, GAP, LABEL_WIDTH, VALUE_ROOM = 600, 22, 8, 250, 70
LABEL_CHARACTERS = 30


def _figure(value: float, unit: str) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".") + unit if isinstance(value, float) else f"{value:,}{unit}"


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def bar_chart(title: str, rows: list[tuple[str, float]], unit: str = "", empty: str = "No data") -> str:
    """Horizontal bars, one per (label, value), longest bar for the largest value; `empty` is shown without rows."""
    height = max(len(rows), 1) * (BAR_HEIGHT + GAP) + GAP
    largest = max((value for _label, value in rows), default=0) or 1
    summary = "; ".join(f"{label}: {_figure(value, unit)}" for label, value in rows) or empty
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label={quoteattr(f"{title}. {summary}")} '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    if not rows:
        parts.append(f'<text x="{GAP}" y="{GAP + 16}" {FONT}>{escape(empty)}</text>')
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max((WIDTH - LABEL_WIDTH - VALUE_ROOM) * max(value, 0) / largest, 0)
        figure = escape(_figure(value, unit))
        parts.append("<g>")
        parts.append(f"<title>{escape(str(label))}: {figure}</title>")
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 16}" text-anchor="end" {FONT}>{escape(_short(str(label)))}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{BAR_COLOUR}"/>'
        )
        parts.append(f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 16}" {FONT}>{figure}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
