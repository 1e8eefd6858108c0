"""The base document every generated PDF is built on.

:func:`build_pdf` lays out a story of flowables on A4 pages with the embedded fonts only
(also as the document's initial font), the language ``sv-SE``, title/author/subject
metadata, and the title shown in the viewer's window. Page decorations (letterheads,
footers) are canvas callbacks: they must draw text with :func:`app.pdf.text.draw_text`
or set one of the fonts in :mod:`app.pdf.fonts`, never a built-in font.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from app import APP_NAME, __version__, clock
from app.pdf.fonts import SANS, register_fonts
from app.pdf.text import one_line

LANG = "sv-SE"
PageCallback = Callable[[object, object], None]  # (canvas, doc)
#: Called once the last page is finished, with the page count: forms drawn on every
#: page ("Sida N av M", page ranges of later ärenden) are defined here, so the story is
#: laid out only once.
BeforeSave = Callable[[Canvas, int], None]


def pdf_date(*_reportlab_time) -> str:
    """Now from the program's clock as a PDF date ("D:20260315141502+01'00'"): the
    document's CreationDate and ModDate (and so its XMP dates, made from them) say the
    day the program says it is, not the process's clock (docs/ARCHITECTURE.md, "Time").
    ReportLab passes its own idea of the time, which is left unused."""
    now = clock.now().astimezone()
    offset = now.strftime("%z") or "+0000"
    return now.strftime("D:%Y%m%d%H%M%S") + f"{offset[:3]}'{offset[3:5]}'"


def use_program_clock(canvas: Canvas) -> None:
    """Date the document on ``canvas`` by the program's clock (:func:`pdf_date`)."""
    canvas.setDateFormatter(pdf_date)


@dataclass(frozen=True)
class DocumentInfo:
    """Metadata written into the PDF (and kept by the PDF/A conversion)."""

    title: str
    author: str = ""
    subject: str = ""


@dataclass(frozen=True)
class Margins:
    top: float = 30 * mm
    bottom: float = 30 * mm
    left: float = 25 * mm
    right: float = 22 * mm


class NkDocTemplate(BaseDocTemplate):
    """BaseDocTemplate with the program's fonts, language and metadata. Pass
    ``pageTemplates`` as usual; :func:`single_frame_template` makes the common one."""

    def __init__(self, target, info: DocumentInfo, *, pagesize=A4, margins: Margins = Margins(),
                 **kw):
        register_fonts()
        super().__init__(
            target, pagesize=pagesize,
            topMargin=margins.top, bottomMargin=margins.bottom,
            leftMargin=margins.left, rightMargin=margins.right,
            title=one_line(info.title), author=one_line(info.author),
            subject=one_line(info.subject), creator=f"{APP_NAME} {__version__}",
            producer=f"{APP_NAME} {__version__} (ReportLab)",
            lang=LANG, initialFontName=SANS, initialFontSize=10, initialLeading=12,
            displayDocTitle=1, **kw)

    def beforeDocument(self) -> None:
        use_program_clock(self.canv)


def page_template(template_id: str, margins: Margins, *, pagesize=A4,
                  on_page: PageCallback | None = None, on_page_end: PageCallback | None = None,
                  auto_next: str | None = None) -> PageTemplate:
    """A one-frame page template with its own margins (first pages with a tall
    letterhead, later pages with a slim running head)."""
    width, height = pagesize
    frame = Frame(margins.left, margins.bottom, width - margins.left - margins.right,
                  height - margins.top - margins.bottom, id=f"{template_id}-frame",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    kw = {}
    if on_page is not None:
        kw["onPage"] = on_page
    if on_page_end is not None:
        kw["onPageEnd"] = on_page_end
    return PageTemplate(id=template_id, frames=[frame], pagesize=pagesize,
                        autoNextPageTemplate=auto_next, **kw)


def single_frame_template(doc: BaseDocTemplate, template_id: str = "normal", *,
                          on_page: PageCallback | None = None,
                          on_page_end: PageCallback | None = None) -> PageTemplate:
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id=f"{template_id}-frame",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    kw = {}
    if on_page is not None:
        kw["onPage"] = on_page
    if on_page_end is not None:
        kw["onPageEnd"] = on_page_end
    return PageTemplate(id=template_id, frames=[frame], pagesize=doc.pagesize, **kw)


def build_pdf(story: list, info: DocumentInfo, *, margins: Margins = Margins(),
              on_page: PageCallback | None = None, on_page_end: PageCallback | None = None,
              templates: Callable[[NkDocTemplate], list[PageTemplate]] | None = None) -> bytes:
    """Lay out ``story`` and return the PDF bytes (not yet PDF/A: see
    :func:`app.pdf.pdfa.to_pdfa`)."""
    buffer = io.BytesIO()
    doc = NkDocTemplate(buffer, info, margins=margins)
    if templates is not None:
        doc.addPageTemplates(templates(doc))
    else:
        doc.addPageTemplates([single_frame_template(doc, on_page=on_page, on_page_end=on_page_end)])
    doc.build(story)
    return buffer.getvalue()


def counting_canvas(before_save: BeforeSave | None = None,
                    before_page_end: Callable[[], None] | None = None) -> type[Canvas]:
    """A canvas class for ``doc.build(story, canvasmaker=…)``: ``before_page_end()``
    runs before each page is finished (a render checks there whether the user pressed
    Avbryt, and raises to stop), ``before_save(canvas, pages)`` once the last page is,
    before the file is written. Pages draw what depends on the page count as form
    XObjects (``canvas.doForm(name)``) that ``before_save`` defines."""

    class CountingCanvas(Canvas):
        def showPage(self):
            if before_page_end is not None:
                before_page_end()
            super().showPage()

        def save(self):
            if before_save is not None:
                before_save(self, self.getPageNumber() - 1)  # after the last showPage
            super().save()

    return CountingCanvas
