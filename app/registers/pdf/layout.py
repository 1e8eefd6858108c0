"""What the registers' printed documents share: the page head (kommun, nämnd, date),
the gridded tables and dash lists, the statistics of the report on ej verkställda
beslut (printed in the ärende and alone as its bilaga), and the finish (page numbers,
PDF/A-2b by default). Built on app/pdf: embedded fonts, escaped text.
"""

from __future__ import annotations

import io
from collections.abc import Collection
from datetime import date

import pikepdf
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, ListItem, Paragraph, Spacer, Table, TableStyle
from sqlite_utils import Database

from app.numbers import format_number
from app.pdf.bundle import set_page_labels, stamp_page_numbers
from app.pdf.fonts import SANS, SANS_BOLD
from app.pdf.pdfa import archive
from app.pdf.styles import styles
from app.pdf.text import draw_text, para
from app.registers.ej_verkstallda import AVBROTT_FOTNOT, EvbRapport

GRID = Color(0.55, 0.55, 0.55)
HEAD_BG = Color(0.9, 0.9, 0.9)


def page_header(db: Database, namnd_id: int, datum: date):
    """The on_page drawing of the head: kommun and nämnd left, the date right."""
    kommun = db.execute("SELECT namn FROM kommun WHERE id = 1").fetchone()
    namnd = db.execute("SELECT namn FROM namnd WHERE id = ?", [namnd_id]).fetchone()
    left_top = kommun[0] if kommun else ""
    left_sub = namnd[0] if namnd else ""

    def on_page(canvas, doc) -> None:
        width, height = doc.pagesize
        top = height - 15 * mm
        draw_text(canvas, doc.leftMargin, top, left_top, SANS_BOLD, 11)
        draw_text(canvas, doc.leftMargin, top - 5 * mm, left_sub, SANS, 9)
        draw_text(canvas, width - doc.rightMargin, top, f"Datum {datum.isoformat()}", SANS, 9, align="right")
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        canvas.line(doc.leftMargin, top - 8 * mm, width - doc.rightMargin, top - 8 * mm)

    return on_page


def table(rows: list[list], widths: list[float], right_columns: Collection[int] = frozenset()) -> Table:
    st = styles()
    cells = []
    for r, row in enumerate(rows):
        out = []
        for c, value in enumerate(row):
            style = st.table_bold if r == 0 else (st.table_right if c in right_columns else st.table)
            out.append(Paragraph(para(value), style))
        cells.append(out)
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        # Table's own default cell font is the unembedded Helvetica, even under Paragraphs.
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def bullets(items: list[str]) -> ListFlowable:
    st = styles()
    return ListFlowable([ListItem(Paragraph(para(text), st.body_tight), leftIndent=14, value="–")
                         for text in items], bulletType="bullet", start="–", leftIndent=14,
                        bulletFontName=SANS, bulletFontSize=10)


def statistik_story(rapport: EvbRapport) -> list:
    """The report's heading and its three tables: how many, which insatser, how long."""
    st = styles()
    n = format_number
    story: list = [Paragraph(para(rapport.rubrik), st.heading),
                   Paragraph("Antal beslut som inte har verkställts inom tre månader. Andel kvinnor "
                             "respektive män och antal av dessa som tackat nej till erbjudande.", st.body),
                   table([["Antal beslut", "Varav kvinnor", "Varav män",
                            "Antal som tackat nej till erbjudande"],
                           [n(rapport.antal), n(rapport.kvinnor), n(rapport.man), n(rapport.tackat_nej)]],
                          [30 * mm, 30 * mm, 30 * mm, 70 * mm], {0, 1, 2, 3}),
                   Spacer(1, 8),
                   Paragraph("Vilken typ av bistånd som inte verkställts inom tre månader.", st.body)]
    types = [["Beslut om", "Antal"]] + [[name, n(count)] for name, count in rapport.per_insats()]
    if len(types) == 1:
        types.append(["Inga beslut", "0"])
    story += [table(types, [110 * mm, 25 * mm], {1}), Spacer(1, 8),
              Paragraph("Antal dagar från dagen för respektive beslut till rapporteringstillfälle samt orsak "
                        "till beslut som inte verkställts.", st.body)]
    rows = [["Beslut om", "Beslutsdatum", "Antal dagar", "Kvinna eller man",
             "Tackat nej till erbjuden plats (1) Resursbrist (2) Annat (3)"]]
    notes = []
    for r in rapport.rader:
        days = n(r.dagar)
        if r.avbrott:
            notes.append(r.avbrott)
            days += " *"
        rows.append([r.insats, r.beslutsdatum, days, r.kon, str(r.orsak)])
    if len(rows) > 1:
        story.append(table(rows, [50 * mm, 30 * mm, 20 * mm, 21 * mm, 42 * mm], {2}))
    else:
        story.append(Paragraph("Inga beslut har väntat längre än tre månader.", st.body))
    if notes:
        story.append(Paragraph(AVBROTT_FOTNOT, st.small_grey))
    return story


def finish_pdf(data: bytes, pdfa_level: str | None) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        stamp_page_numbers(pdf)
        set_page_labels(pdf)
        # PDF/A when the validator passes, else an ordinary PDF (docs/domain/documents.md).
        return archive(pdf, pdfa_level, subject="Registerrapport").data
