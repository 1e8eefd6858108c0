"""The report's pages: a title page, portrait pages and landscape pages (the goal
tables, wide economy tables) with a running header, a table of contents whose page
numbers are those the chapters' headings land on (laid out until they agree,
ReportLab's multiBuild), and the finish on the shared app/pdf infrastructure: "Sida N
av M", page labels, a bookmark per chapter, PDF/A-2b.

The page templates are named "portrait" and "landscape" like the economy's, so the
economy's tables placed on a landscape page of their own (app.budget.pdf.layout.placed)
switch pages here as they do there."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from app.budget.pdf.layout import MARGINS as PORTRAIT_MARGINS
from app.files import write_atomically
from app.pdf.bundle import set_page_labels, stamp_page_numbers
from app.pdf.document import DocumentInfo, Margins, NkDocTemplate, page_template
from app.pdf.fonts import SANS, SANS_BOLD
from app.pdf.pdfa import archive
from app.pdf.styles import RULE, styles, table_style
from app.pdf.text import draw_text, fit_text, para

TITLE, PORTRAIT, LANDSCAPE = "titelsida", "portrait", "landscape"
#: As wide as the goal tables of app/plan/pdf (261 mm) and the economy's landscape tables.
LANDSCAPE_MARGINS = Margins(top=24 * mm, bottom=20 * mm, left=18 * mm, right=18 * mm)
TITLE_MARGINS = Margins(top=40 * mm, bottom=30 * mm, left=25 * mm, right=25 * mm)
PORTRAIT_WIDTH = A4[0] - PORTRAIT_MARGINS.left - PORTRAIT_MARGINS.right


#: Font size and leading of a heading by level: chapter, subchapter, and a
#: förvaltning's section of a chapter written per förvaltning (under either).
HEADING_SIZES = {1: (15, 19), 2: (12.5, 16), 3: (11, 14)}


class ChapterHeading(Paragraph):
    """A chapter's (or a förvaltning's section's) heading: it goes into the table of
    contents and the bookmarks with the page it is drawn on. ``key`` names it in
    ``RapportDocTemplate.pages``."""

    def __init__(self, text: str, level: int, key: object):
        size, leading = HEADING_SIZES[level]
        style = styles().title.clone(f"rapport-kapitel-{level}", fontSize=size, leading=leading,
                                     spaceBefore=8 if level < 3 else 6, spaceAfter=5 if level < 3 else 3,
                                     keepWithNext=1)
        super().__init__(para(text), style)
        self.chapter_text, self.level, self.key = text, level, key


@dataclass(frozen=True)
class Header:
    left: str  # the report's title
    right: str  # the nämnd


class RapportDocTemplate(NkDocTemplate):
    """Records the page of every chapter heading and tells the table of contents."""

    def __init__(self, target, info: DocumentInfo, header: Header):
        super().__init__(target, info, margins=PORTRAIT_MARGINS)
        self.pages: dict[object, int] = {}
        on_page = _running_header(header)
        self.addPageTemplates([
            page_template(TITLE, TITLE_MARGINS, auto_next=PORTRAIT),
            page_template(PORTRAIT, PORTRAIT_MARGINS, on_page=on_page),
            page_template(LANDSCAPE, LANDSCAPE_MARGINS, pagesize=landscape(A4), on_page=on_page),
        ])

    def afterFlowable(self, flowable):
        if isinstance(flowable, ChapterHeading):
            self.pages[flowable.key] = self.page
            self.notify("TOCEntry", (flowable.level - 1, flowable.chapter_text, self.page))


def _running_header(header: Header):
    def on_page(canvas, doc) -> None:
        width, height = canvas._pagesize
        left = doc.pageTemplate.frames[0]._x1
        top = height - 13 * mm
        canvas.saveState()
        half = (width - 2 * left) / 2 - 5 * mm
        draw_text(canvas, left, top, fit_text(header.left, SANS_BOLD, 8.5, half), SANS_BOLD, 8.5)
        draw_text(canvas, width - left, top, fit_text(header.right, SANS, 8.5, half), SANS, 8.5,
                  align="right")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(left, top - 2.5 * mm, width - left, top - 2.5 * mm)
        canvas.restoreState()
    return on_page


def table_of_contents() -> TableOfContents:
    body = styles().body
    toc = TableOfContents(dotsMinLevel=0, tableStyle=table_style(
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)))
    toc.levelStyles = [
        ParagraphStyle("rapport-toc-1", parent=body, fontName=SANS_BOLD, bulletFontName=SANS_BOLD,
                       fontSize=10.5, leading=14, spaceBefore=5, leftIndent=0, firstLineIndent=0),
        ParagraphStyle("rapport-toc-2", parent=body, fontName=SANS, bulletFontName=SANS, fontSize=10,
                       leading=13, spaceBefore=1, leftIndent=8 * mm, firstLineIndent=0),
        ParagraphStyle("rapport-toc-3", parent=body, fontName=SANS, bulletFontName=SANS, fontSize=9.5,
                       leading=12.5, spaceBefore=0, leftIndent=16 * mm, firstLineIndent=0),
    ]
    return toc


def tidy(story: list) -> list:
    """No page break that only leads to another (a landscape part right after one,
    which would leave an empty page), and none at the end."""
    out: list = []
    for item in story:
        if isinstance(item, PageBreak):
            # Drop an earlier page break with only template switches after it.
            for i in range(len(out) - 1, -1, -1):
                if isinstance(out[i], NextPageTemplate):
                    continue
                if isinstance(out[i], PageBreak):
                    del out[i]
                break
        out.append(item)
    while out and isinstance(out[-1], PageBreak | NextPageTemplate):
        out.pop()
    return out


def build(story: list, info: DocumentInfo, header: Header) -> tuple[bytes, dict[object, int]]:
    """Lay out the story until the table of contents agrees with the pages; the bytes
    and the page (1-based) of each heading's key."""
    buffer = io.BytesIO()
    doc = RapportDocTemplate(buffer, info, header)
    doc.multiBuild(tidy(story), maxPasses=8)
    return buffer.getvalue(), doc.pages


def finish(data: bytes, chapters: list[tuple[int, str, int]], path: Path | None, *,
           pdfa_level: str | None = "2b") -> tuple[bytes, int]:
    """Page numbers, page labels, a bookmark per chapter and förvaltning section
    ((level, heading, page), nested by level), PDF/A; writes ``path`` when given. The
    bytes and the number of pages."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
        stamp_page_numbers(pdf)
        set_page_labels(pdf)
        with pdf.open_outline() as outline:
            outline.root.clear()
            # The open bookmark of each level; a heading goes under the nearest one above it.
            parents: list[tuple[int, list]] = [(0, outline.root)]
            for level, text, page in chapters:
                while parents[-1][0] >= level:
                    parents.pop()
                item = pikepdf.OutlineItem(text, page - 1)
                parents[-1][1].append(item)
                parents.append((level, item.children))
        out = archive(pdf, pdfa_level, subject="Rapport").data
    if path is not None:
        write_atomically(path, out)
    return out, pages
