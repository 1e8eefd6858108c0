"""What the plan's two PDFs share: portrait and landscape page templates with a running
footer, the four assessment symbols as vector flowables, table building blocks,
bookmarks from the headings actually laid out, and the finish (page numbers, page
labels, PDF/A-2b) on the shared app/pdf infrastructure."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from app.files import write_atomically
from app.pdf.bundle import OutlineEntry, add_outline, set_page_labels, stamp_page_numbers
from app.pdf.document import DocumentInfo, Margins, NkDocTemplate, page_template
from app.pdf.fonts import SANS
from app.pdf.pdfa import archive
from app.pdf.styles import RULE, styles, table_style
from app.pdf.text import draw_text, para
from app.plan.model import SYMBOL_KANT, SYMBOLER

PORTRAIT, LANDSCAPE = "staende", "liggande"
MARGINS = Margins(top=20 * mm, bottom=22 * mm, left=22 * mm, right=20 * mm)
LANDSCAPE_MARGINS = Margins(top=18 * mm, bottom=20 * mm, left=18 * mm, right=18 * mm)
HEADER_FILL = HexColor("#e8eef4")
Progress = Callable[[int, int], None]


class SymbolFlowable(Flowable):
    """The assessment symbol as vector graphics: a circle filled from the
    bottom (colour and share from app.plan.model.SYMBOLER)."""

    def __init__(self, bedomning: str | None, size: float = 9):
        super().__init__()
        self.bedomning, self.size = bedomning, size
        self.width = self.height = size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self) -> None:
        draw_symbol(self.canv, 0, 0, self.size, self.bedomning)


def draw_symbol(canvas, x: float, y: float, size: float, bedomning: str | None) -> None:
    if bedomning not in SYMBOLER:
        return
    colour, share = SYMBOLER[bedomning]
    r = size / 2 - 0.5
    cx, cy = x + size / 2, y + size / 2
    canvas.saveState()
    canvas.setFillColor(HexColor("#ffffff"))
    canvas.circle(cx, cy, r, stroke=0, fill=1)
    if share > 0:
        canvas.saveState()
        clip = canvas.beginPath()
        clip.circle(cx, cy, r)
        canvas.clipPath(clip, stroke=0, fill=0)
        canvas.setFillColor(HexColor(colour))
        canvas.rect(cx - r, cy - r, 2 * r, 2 * r * share, stroke=0, fill=1)
        canvas.restoreState()
    canvas.setStrokeColor(HexColor(SYMBOL_KANT))
    canvas.setLineWidth(max(0.6, size / 14))
    canvas.circle(cx, cy, r, stroke=1, fill=0)
    canvas.restoreState()


def symbol_cell(bedomning: str | None, text: str | None = None, style: ParagraphStyle | None = None,
                width: float = 38 * mm) -> Flowable | str:
    """A symbol with its words beside it, as one table cell."""
    if not bedomning:
        return Paragraph(para(text or "–"), style or styles().table)
    label = Paragraph(para(text if text is not None else bedomning), style or styles().table)
    inner = Table([[SymbolFlowable(bedomning, 9), label]], colWidths=[12, width - 12],
                  style=table_style(("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("RIGHTPADDING", (0, 0), (0, 0), 3),
                                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0)))
    return inner


class Anchor(Flowable):
    """Remembers the page it lands on, for the PDF's bookmarks."""

    def __init__(self, title: str, level: int, register: list[Anchor]):
        super().__init__()
        self.title, self.level, self.page = title, level, 0
        register.append(self)

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        self.page = self.canv.getPageNumber()


@dataclass
class Story:
    """Flowables plus the bookmarks they carry."""

    flowables: list = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)
    #: The page template the story starts on (PORTRAIT or LANDSCAPE).
    first: str = PORTRAIT

    def add(self, *items) -> None:
        self.flowables.extend(items)

    def heading(self, text: str, style: ParagraphStyle, level: int = 0) -> None:
        self.flowables.append(Anchor(text, level, self.anchors))
        self.flowables.append(Paragraph(para(text), style))


def table(rows: list[list], widths: list[float], *, header_rows: int = 1,
          rules: list[tuple[int, int]] | None = None, extra: tuple = ()) -> Table:
    """A grid like the seeds' goal tables: a shaded heading that repeats on every page,
    and rules under the rows in ``rules`` ((row, first column): a KF-mål written once
    reads as one merged cell when the rules under its nämndmål start right of it).
    Without ``rules`` every row is ruled."""
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        last = header_rows - 1
        commands += [("BACKGROUND", (0, 0), (-1, last), HEADER_FILL),
                     ("LINEBELOW", (0, last), (-1, last), 0.6, RULE),
                     ("INNERGRID", (0, 0), (-1, last), 0.4, RULE)]
    if rules is None or rules:
        commands += [("BOX", (0, 0), (-1, -1), 0.6, RULE), ("LINEAFTER", (0, 0), (-2, -1), 0.4, RULE)]
    for row, first_column in rules if rules is not None else [(r, 0) for r in range(header_rows, len(rows))]:
        commands.append(("LINEBELOW", (first_column, row), (-1, row), 0.4, RULE))
    grid = Table(rows, colWidths=widths, repeatRows=header_rows, style=table_style(*commands, *extra))
    grid.hAlign = "LEFT"  # like the seeds' tables, flush with the text
    return grid


def cell(text: str | None, style: ParagraphStyle | None = None) -> Paragraph:
    return Paragraph(para(text or ""), style or styles().table)


def small(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-small", parent=style, fontSize=8.5, leading=10.5)


def _footer(text: str):
    def on_page(canvas, doc) -> None:
        width, _height = canvas._pagesize  # this page's size: portrait or landscape
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        left = doc.pageTemplate.frames[0]._x1
        canvas.line(left, 14 * mm, width - left, 14 * mm)
        draw_text(canvas, left, 9.5 * mm, text, SANS, 8)
        canvas.restoreState()
    return on_page


def build(story: Story, info: DocumentInfo, footer: str, *,
          first: str = PORTRAIT) -> tuple[bytes, list[Anchor]]:
    """Lay out the story on portrait and landscape templates (switch with
    ``NextPageTemplate``); returns the bytes and the anchors with their pages."""
    buffer = io.BytesIO()
    doc = NkDocTemplate(buffer, info, margins=MARGINS)
    on_page = _footer(footer)
    portrait = page_template(PORTRAIT, MARGINS, pagesize=A4, on_page=on_page)
    wide = page_template(LANDSCAPE, LANDSCAPE_MARGINS, pagesize=landscape(A4), on_page=on_page)
    doc.addPageTemplates([portrait, wide] if first == PORTRAIT else [wide, portrait])
    doc.build(story.flowables)
    return buffer.getvalue(), story.anchors


def finish_pdf(data: bytes, anchors: list[Anchor], path: Path | None, *,
               pdfa_level: str | None = "2b", subject: str = "Verksamhetsplan") -> tuple[bytes, int]:
    """Page numbers ("Sida N av M"), page labels, bookmarks, PDF/A; writes ``path``
    when given. Returns the bytes and the number of pages."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
        stamp_page_numbers(pdf)
        set_page_labels(pdf)
        entries: list[OutlineEntry] = []
        for anchor in anchors:
            if anchor.page < 1:
                continue
            entry = OutlineEntry(anchor.title, anchor.page - 1)
            if anchor.level > 0 and entries:
                entries[-1].children.append(entry)
            else:
                entries.append(entry)
        add_outline(pdf, entries)
        # PDF/A when the validator passes, else an ordinary PDF (docs/domain/documents.md).
        out = archive(pdf, pdfa_level, subject=subject).data
    if path is not None:
        write_atomically(path, out)
    return out, pages


A4_PORTRAIT_WIDTH = A4[0] - MARGINS.left - MARGINS.right
A4_LANDSCAPE_WIDTH = landscape(A4)[0] - LANDSCAPE_MARGINS.left - LANDSCAPE_MARGINS.right
