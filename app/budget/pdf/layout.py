"""What the economy's printed documents share: the page head (kommun, nämnd, title,
print date) on portrait and landscape pages, the economy tables as ReportLab tables
with widths that keep every figure on one line, a table placed on a landscape page of
its own when it does not fit across a portrait one, and the finish (page numbers,
PDF/A-2b by default). Built on app/pdf: embedded fonts, escaped user text.
"""

from __future__ import annotations

import io
from collections.abc import Collection

import pikepdf
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlite_utils import Database

from app import clock
from app.budget.belopp import TECKEN_LABELS, Teckenkonvention
from app.budget.tabeller import Tabell, cell_text
from app.pdf.bundle import set_page_labels, stamp_page_numbers
from app.pdf.document import DocumentInfo, Margins, build_pdf, page_template
from app.pdf.fonts import SANS, SANS_BOLD, SANS_ITALIC
from app.pdf.pdfa import archive
from app.pdf.styles import styles
from app.pdf.text import draw_text, para

GRID = Color(0.6, 0.6, 0.6)
HEAD_BG = Color(0.9, 0.9, 0.9)
BLOCK_BG = Color(0.95, 0.95, 0.95)
MARGINS = Margins(top=28 * mm, bottom=22 * mm, left=20 * mm, right=18 * mm)


class EkonomiPdfError(ValueError):
    """Nothing to print for what was asked; the message is Swedish."""


def _names(db: Database, namnd_id: int) -> tuple[str, str]:
    kommun = db.execute("SELECT namn FROM kommun WHERE id = 1").fetchone()
    namnd = db.execute("SELECT namn FROM namnd WHERE id = ?", [namnd_id]).fetchone()
    return (kommun[0] if kommun else "", namnd[0] if namnd else "")


def _templates(db: Database, namnd_id: int, title: str):
    kommun, namnd = _names(db, namnd_id)
    today = clock.today_iso()

    def on_page(canvas, doc) -> None:
        width, height = canvas._pagesize
        top = height - 12 * mm
        draw_text(canvas, MARGINS.left, top, kommun, SANS_BOLD, 10)
        draw_text(canvas, MARGINS.left, top - 4.5 * mm, namnd, SANS, 8.5)
        draw_text(canvas, width - MARGINS.right, top, title, SANS, 8.5, align="right")
        draw_text(canvas, width - MARGINS.right, top - 4.5 * mm, f"Utskrivet {today}", SANS, 8.5,
                  align="right")
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        canvas.line(MARGINS.left, top - 7 * mm, width - MARGINS.right, top - 7 * mm)

    def templates(doc) -> list:
        return [page_template("portrait", MARGINS, on_page=on_page),
                page_template("landscape", MARGINS, pagesize=landscape(A4), on_page=on_page)]

    return templates


def _finish(data: bytes, pdfa_level: str | None) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        stamp_page_numbers(pdf)
        set_page_labels(pdf)
        # PDF/A when the validator passes, else an ordinary PDF (docs/domain/documents.md).
        return archive(pdf, pdfa_level, subject="Ekonomi").data


def build(db: Database, namnd_id: int, title: str, story: list, subject: str,
          pdfa_level: str | None) -> bytes:
    """The story on the economy's pages, finished (page numbers, PDF/A unless
    ``pdfa_level`` is None)."""
    data = build_pdf(_tidy(story), DocumentInfo(title=title, subject=subject, author=_names(db, namnd_id)[1]),
                     templates=_templates(db, namnd_id, title))
    return _finish(data, pdfa_level)


# -- tables ------------------------------------------------------------------------------
def table_flowable(t: Tabell, width: float, font_size: float = 9) -> Table:
    """A Tabell as a ReportLab table: first column takes the room left, figures right
    aligned, heading rows shaded, sums in bold (”S:a …”) or italic (”Varav …”)."""
    st = styles()
    cols = t.synliga()
    base = st.table.clone("eko", fontSize=font_size, leading=font_size * 1.22)
    right = base.clone("eko-r", alignment=2)
    bold = base.clone("eko-b", fontName=SANS_BOLD)
    bold_right = right.clone("eko-br", fontName=SANS_BOLD)
    italic = base.clone("eko-i", fontName="NkSans-Italic")
    italic_right = right.clone("eko-ir", fontName="NkSans-Italic")
    head = [Paragraph(para(t.headers[i]), bold if n == 0 else bold_right) for n, i in enumerate(cols)]
    data = [head]
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for r, row in enumerate(t.rows, start=1):
        styles_of = {"rubrik": (bold, bold_right), "total": (bold, bold_right),
                     "summa": (italic, italic_right)}.get(row.style, (base, right))
        out = []
        for n, i in enumerate(cols):
            c = row.cells[i] if i < len(row.cells) else None
            text = cell_text(c, t.konvention, t.enhet) if c is not None else ""
            out.append(Paragraph(para(text), styles_of[0] if n == 0 or c is None or c.kind == "text"
                                 else styles_of[1]))
        data.append(out)
        if row.style == "rubrik":
            commands.append(("BACKGROUND", (0, r), (-1, r), BLOCK_BG))
        elif row.style == "total":
            commands.append(("LINEABOVE", (0, r), (-1, r), 0.6, GRID))
        else:
            commands.append(("LINEBELOW", (0, r), (-1, r), 0.25, Color(0.85, 0.85, 0.85)))
    widths = column_widths(t, width, font_size) or _even_widths(len(cols), width)
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


PADDING = 6.5  # left + right cell padding, and a hair
FIRST_MIN = 38 * mm


def _even_widths(n: int, width: float) -> list[float]:
    rest = max(FIRST_MIN, width * 0.35)
    return [rest] + [(width - rest) / max(1, n - 1)] * (n - 1)


def column_widths(t: Tabell, width: float, font_size: float) -> list[float] | None:
    """Widths that fit every figure on one line (a number never wraps) and every
    heading word, the first column taking what is left; None when that leaves the first
    column narrower than FIRST_MIN (the table needs a wider page or a smaller font)."""
    cols = t.synliga()
    needed = []
    for i in cols[1:]:
        w = max((stringWidth(word, SANS_BOLD, font_size) for word in t.headers[i].split()), default=0)
        for r in t.rows:
            if i < len(r.cells):
                font = SANS_BOLD if r.style in ("total", "rubrik") else SANS
                w = max(w, stringWidth(cell_text(r.cells[i], t.konvention, t.enhet), font, font_size))
        needed.append(max(w + PADDING, 11 * mm))
    first = width - sum(needed)
    if first < FIRST_MIN:
        return None
    # Figures get a little air; the names the rest.
    spare = min(first - FIRST_MIN, 4 * mm * len(needed))
    needed = [w + spare / max(1, len(needed)) for w in needed]
    return [width - sum(needed), *needed]


def text_table(headers: list[str], rows: list[list[str]], widths: list[float],
               right: Collection[int] = frozenset(), bold_last: bool = False) -> Table:
    st = styles()
    data = [[Paragraph(para(h), st.table_bold_right if i in right else st.table_bold)
             for i, h in enumerate(headers)]]
    for n, row in enumerate(rows):
        last = bold_last and n == len(rows) - 1
        data.append([Paragraph(para(v), (st.table_bold_right if i in right else st.table_bold) if last
                               else (st.table_right if i in right else st.table)) for i, v in enumerate(row)])
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS),
                               ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                               ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def frame_width(is_landscape: bool = False) -> float:
    page = landscape(A4) if is_landscape else A4
    return page[0] - MARGINS.left - MARGINS.right


class _BackToPortrait(PageBreak):
    """The page break after a landscape table; dropped when nothing follows it."""


def placed(t: Tabell, story: list, heading: list, *, font_size: float = 9) -> None:
    """Add a table under its heading; on a landscape page of its own (heading and all)
    when its figures do not fit across a portrait page, in a smaller font if needed."""
    size = font_size
    wide = column_widths(t, frame_width(), size) is None
    if wide:
        while size > 6.5 and column_widths(t, frame_width(True), size) is None:
            size -= 0.5
    story += [NextPageTemplate("landscape"), PageBreak()] if wide else [CondPageBreak(50 * mm)]
    table = table_flowable(t, frame_width(wide), font_size=size)
    notes = footnote_flowables(t.fotnoter)
    # A footnote never starts a page alone: heading, table and footnotes go together when
    # they fit on one page; a table longer than a page is split as usual.
    story += [KeepTogether([*heading, table, *notes])] if notes else [*heading, table]
    if wide:
        story += [NextPageTemplate("portrait"), _BackToPortrait()]


def footnote_flowables(fotnoter: Collection[str]) -> list:
    """A table's footnotes in small italics right under it."""
    if not fotnoter:
        return []
    style = styles().small_grey.clone("eko-fotnot", fontName=SANS_ITALIC)
    return [Spacer(1, 1.5 * mm), *(Paragraph(para(line), style) for line in fotnoter), Spacer(1, 3 * mm)]


def _tidy(story: list) -> list:
    """No empty page after a landscape table that ends the document."""
    while story and isinstance(story[-1], _BackToPortrait | NextPageTemplate):
        story.pop()
    return story


def unit_line(enhet: str, konvention) -> str:
    return f"Belopp i {enhet}. {TECKEN_LABELS[Teckenkonvention(konvention)]}."


def chart_block(drawing, heading: str) -> KeepTogether:
    return KeepTogether([Paragraph(para(heading), styles().subheading), drawing, Spacer(1, 6)])
