"""Printed economy documents, laid out like the seeds: the internbudget and
investeringsbudget of a year (seeds/000, 001), the investments (seeds/002, 003), and a
month's budgetuppföljning with its analysis, charts, results table, åtgärdsplan and
key figures (seeds/002, 004). Built on app/pdf: embedded fonts, escaped user text,
page numbers, PDF/A-2b by default.
"""

from __future__ import annotations

import io

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
from app.budget import Ekonomi
from app.budget.analys import ackumulerad_avvikelse, budget_mot_utfall, prognos_per_manad
from app.budget.belopp import TECKEN_LABELS, Teckenkonvention, format_belopp, visat
from app.budget.internbudget import ram_text
from app.budget.nyckeltal import SLAG
from app.budget.pdf_diagram import budget_utfall_drawing, manads_drawing
from app.budget.tabeller import (
    Tabell,
    cell_text,
    tabell_internbudget,
    tabell_investeringsbudget,
    tabell_investeringsredovisning,
    tabell_nyckeltal,
    tabell_uppfoljning,
)
from app.budget.verksamheter import manadsnamn
from app.pdf.bundle import set_page_labels, stamp_page_numbers
from app.pdf.document import DocumentInfo, Margins, build_pdf, page_template
from app.pdf.fonts import SANS, SANS_BOLD
from app.pdf.pdfa import finish
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
        return finish(pdf, pdfa_level)


def _build(db: Database, namnd_id: int, title: str, story: list, subject: str,
           pdfa_level: str | None) -> bytes:
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


def _text_table(headers: list[str], rows: list[list[str]], widths: list[float], right: set[int] = frozenset(),
                bold_last: bool = False) -> Table:
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


def _frame_width(is_landscape: bool = False) -> float:
    page = landscape(A4) if is_landscape else A4
    return page[0] - MARGINS.left - MARGINS.right


class _BackToPortrait(PageBreak):
    """The page break after a landscape table; dropped when nothing follows it."""


def _placed(t: Tabell, story: list, heading: list, *, font_size: float = 9) -> None:
    """Add a table under its heading; on a landscape page of its own (heading and all)
    when its figures do not fit across a portrait page, in a smaller font if needed."""
    size = font_size
    wide = column_widths(t, _frame_width(), size) is None
    if wide:
        while size > 6.5 and column_widths(t, _frame_width(True), size) is None:
            size -= 0.5
    story += [NextPageTemplate("landscape"), PageBreak()] if wide else [CondPageBreak(50 * mm)]
    story += heading
    story.append(table_flowable(t, _frame_width(wide), font_size=size))
    if wide:
        story += [NextPageTemplate("portrait"), _BackToPortrait()]


def _tidy(story: list) -> list:
    """No empty page after a landscape table that ends the document."""
    while story and isinstance(story[-1], _BackToPortrait | NextPageTemplate):
        story.pop()
    return story


def _unit_line(enhet: str, konvention) -> str:
    return f"Belopp i {enhet}. {TECKEN_LABELS[Teckenkonvention(konvention)]}."


# -- documents -----------------------------------------------------------------------------
def internbudget_story(ek: Ekonomi, namnd_id: int, ar: int) -> list:
    st = styles()
    inst = ek.verksamheter.installning(namnd_id)
    ib = ek.internbudget.get(namnd_id, ar)
    if ib is None:
        raise EkonomiPdfError(f"Det finns ingen internbudget för {ar}.")
    story: list = [Paragraph(para(f"Internbudget {ar}"), st.title),
                   Paragraph(para(_unit_line(inst.enhet, inst.teckenkonvention)), st.small_grey),
                   Spacer(1, 4)]
    story.append(table_flowable(tabell_internbudget(ib, inst.enhet, inst.teckenkonvention), _frame_width()))
    story += [Spacer(1, 6), Paragraph(para(ram_text(ib, inst.enhet)), st.label)]
    if ib.kommentar:
        story.append(Paragraph(para(ib.kommentar), st.body))
    plan = ek.investeringar.get(namnd_id, ar)
    if plan is not None:
        story += investeringsbudget_story(ek, namnd_id, plan.forsta_ar)
    return story


def investeringsbudget_story(ek: Ekonomi, namnd_id: int, forsta_ar: int) -> list:
    st = styles()
    plan = ek.investeringar.get(namnd_id, forsta_ar)
    enhet = ek.verksamheter.installning(namnd_id).enhet
    return [CondPageBreak(60 * mm), Paragraph(para(plan.rubrik), st.heading),
            table_flowable(tabell_investeringsbudget(plan, enhet), _frame_width())]


def investeringsredovisning_story(ek: Ekonomi, namnd_id: int, ar: int, manad: int) -> list:
    st = styles()
    red = ek.investeringar.redovisning(namnd_id, ar, manad)
    if not red.projekt:
        return []
    enhet = ek.verksamheter.installning(namnd_id).enhet
    story: list = []
    _placed(tabell_investeringsredovisning(red, enhet), story, [
        Paragraph(para(red.rubrik), st.heading), Paragraph(para(f"Belopp anges i {enhet}."), st.small_grey)])
    return story


def internbudget_pdf(db: Database, namnd_id: int, ar: int, *, pdfa_level: str | None = "2b") -> bytes:
    """The year's internbudget (and the investeringsbudget that starts that year)."""
    story = internbudget_story(Ekonomi(db), namnd_id, ar)
    return _build(db, namnd_id, f"Internbudget {ar}", story, "Internbudget", pdfa_level)


def investeringar_pdf(db: Database, namnd_id: int, ar: int, *, pdfa_level: str | None = "2b") -> bytes:
    """The investeringsbudget starting ``ar`` and every investeringsredovisning of ``ar``."""
    ek = Ekonomi(db)
    st = styles()
    story: list = [Paragraph(para(f"Investeringar {ar}"), st.title)]
    if ek.investeringar.get(namnd_id, ar) is not None:
        story += investeringsbudget_story(ek, namnd_id, ar)
    for a, m in ek.investeringar.perioder(namnd_id):
        if a == ar:
            story += investeringsredovisning_story(ek, namnd_id, a, m)
    if len(story) == 1:
        raise EkonomiPdfError(f"Det finns varken investeringsbudget eller investeringsredovisning för {ar}.")
    return _build(db, namnd_id, f"Investeringar {ar}", story, "Investeringar", pdfa_level)


def _chart_block(drawing, heading: str) -> KeepTogether:
    return KeepTogether([Paragraph(para(heading), styles().subheading), drawing, Spacer(1, 6)])


def uppfoljning_story(ek: Ekonomi, namnd_id: int, ar: int, manad: int) -> list:
    st = styles()
    u = ek.uppfoljning.get(namnd_id, ar, manad)
    if u is None:
        raise EkonomiPdfError(f"Det finns ingen budgetuppföljning för {manadsnamn(manad)} {ar}.")
    konv = ek.verksamheter.installning(namnd_id).teckenkonvention
    story: list = [Paragraph(para(u.rubrik), st.title),
                   Paragraph("Förslag till beslut", st.heading),
                   Paragraph(para(u.forslag_till_beslut or u.standard_forslag()), st.body)]
    if u.analys:
        story.append(Paragraph("Analys", st.heading))
        story += [Paragraph(para(p), st.body) for p in u.analys.split("\n\n") if p.strip()]
    if u.underskott_prognos() and not u.atgarder:
        story.append(Paragraph("Prognosen visar ett underskott; åtgärder för att hålla given budgetram "
                               "ska redovisas.", st.italic))
    width = _frame_width()
    story.append(_chart_block(budget_utfall_drawing(budget_mot_utfall(u, konv), u.enhet, width, 200),
                              "Budget och utfall per verksamhet"))
    ov = ek.uppfoljning.arsoversikt(namnd_id, ar)
    # A month chart needs at least two months to say anything.
    if len(ov.manader) > 1:
        story.append(_chart_block(manads_drawing(ackumulerad_avvikelse(ov), u.enhet,
                                                 "Ackumulerad avvikelse mot budget", "staplar", width, 170),
                                  "Ackumulerad avvikelse månad för månad"))
        prognos = prognos_per_manad(ov)
        if len(prognos) > 1:
            story.append(_chart_block(manads_drawing(prognos, u.enhet, "Prognos för helåret, avvikelse",
                                                     "linje", width, 170), "Prognosen månad för månad"))
    _placed(tabell_uppfoljning(u, konv), story, [
        Paragraph(para(f"Resultat {u.manadsnamn} {ar}"), st.heading),
        Paragraph(para(_unit_line(u.enhet, konv)), st.small_grey)])
    if u.ej_budgeterat:
        ack, prognos = u.summa_ej_budgeterat()
        def shown(kr: int) -> str:
            return format_belopp(visat(kr, konv), u.enhet)

        rows = [[e.benamning, shown(e.ack), shown(e.prognos_helar)] for e in u.ej_budgeterat]
        rows.append(["Summa", shown(ack), shown(prognos)])
        story += [CondPageBreak(40 * mm), Paragraph("Ej budgeterat", st.heading),
                  _text_table(["Benämning", f"Ackumulerat {u.manadsnamn[:3]}", "Prognos helår"], rows,
                              [width - 70 * mm, 35 * mm, 35 * mm], {1, 2}, bold_last=True)]
    if u.atgarder:
        rows = [[a.avvikelse, a.atgard, a.ekonomisk_effekt
                 + (f" ({format_belopp(a.belopp, u.enhet)} {u.enhet})" if a.belopp else ""),
                 a.verksamhetseffekt] for a in u.atgarder]
        story += [CondPageBreak(40 * mm), Paragraph("Åtgärdsplan", st.heading),
                  _text_table(["Avvikelse", "Åtgärd", "Förväntade ekonomiska effekter av åtgärden",
                               "Förväntade verksamhetseffekter av åtgärden"], rows, [width / 4] * 4)]
    story += investeringsredovisning_story(ek, namnd_id, ar, manad)
    story += nyckeltal_story(ek, namnd_id, ar, manad)
    return story


def nyckeltal_story(ek: Ekonomi, namnd_id: int, ar: int, manad: int) -> list:
    """Volymmått and personal key figures at tertial (april), delår (august) and helår."""
    period = {4: "tertial", 8: "delar", 12: "helar"}.get(manad)
    if period is None:
        return []
    st = styles()
    story: list = []
    for slag in ("volym", "personal"):
        t = ek.nyckeltal.tabell(namnd_id, slag, ar, period)
        if not t.rader or not t.varden:
            continue
        _placed(tabell_nyckeltal(t, SLAG[slag]), story, [Paragraph(para(SLAG[slag]), st.heading)],
                font_size=8.5)
    return story


def uppfoljning_pdf(db: Database, namnd_id: int, ar: int, manad: int, *,
                    pdfa_level: str | None = "2b") -> bytes:
    story = uppfoljning_story(Ekonomi(db), namnd_id, ar, manad)
    title = f"Budgetuppföljning {manadsnamn(manad)} {ar}"
    return _build(db, namnd_id, title, story, "Budgetuppföljning", pdfa_level)
