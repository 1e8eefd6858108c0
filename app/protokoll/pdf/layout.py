"""The page of the common Swedish protocol template, for the protokoll, its utdrag and
the anslag, and the pieces their stories share.

Every page: the kommun (logo or name) and the organ at the top left; the document type
("SAMMANTRÄDESPROTOKOLL", "PROTOKOLLSUTDRAG", "ANSLAG"), the meeting date and "Sida N
av M" at the top right; at the bottom two boxes, "Justerandes sign" and
"Utdragsbestyrkande", for initials on the paper copy.

:func:`render` lays a story out once; "Sida N av M" is filled in when the page count is
known. :func:`page_head` gives a document's header from its :class:`ProtokollDocs`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table

from app.pdf.document import DocumentInfo, Margins, NkDocTemplate, counting_canvas, page_template
from app.pdf.fonts import SANS, SANS_BOLD
from app.pdf.letterhead import logo_reader
from app.pdf.styles import GREY, RULE, styles, table_style
from app.pdf.text import draw_text, fit_text, one_line, para
from app.protokoll.dokument import ProtokollDocs

LEFT, RIGHT = 25 * mm, 20 * mm
TOP, BOTTOM = 32 * mm, 31 * mm
BOX_WIDTH, BOX_HEIGHT = 42 * mm, 15 * mm
LOGO_HEIGHT = 12 * mm
MARGINS = Margins(top=TOP, bottom=BOTTOM, left=LEFT, right=RIGHT)
LABEL_WIDTH = 46 * mm  # the label column of the first page, the utdrag and the anslag


@dataclass(frozen=True)
class PageHead:
    kommun: str
    organ: str
    doc_type: str  # "SAMMANTRÄDESPROTOKOLL"
    datum: str  # the meeting date, ISO
    logo: bytes | None = None
    datum_label: str = "Sammanträdesdatum"
    utdragsbestyrkande: str = ""  # printed in the box (who certified an utdrag, date)
    boxes: bool = True  # the signature boxes (not on an anslag)


def _draw_head(canvas, doc, head: PageHead) -> None:
    width, height = doc.pagesize
    canvas.saveState()
    top = height - 12 * mm
    reader = logo_reader(head.logo) if head.logo else None
    y = top
    if reader is not None:
        w, h = reader.getSize()
        logo_width = min(LOGO_HEIGHT * w / h if h else LOGO_HEIGHT, 50 * mm)
        canvas.drawImage(
            reader,
            LEFT,
            y - LOGO_HEIGHT,
            width=logo_width,
            height=LOGO_HEIGHT,
            preserveAspectRatio=True,
            anchor="sw",
            mask=None,
        )
        y -= LOGO_HEIGHT + 4 * mm
    else:
        draw_text(
            canvas, LEFT, y - 4 * mm, fit_text(head.kommun.upper(), SANS_BOLD, 12, 95 * mm), SANS_BOLD, 12
        )
        y -= 9 * mm
    draw_text(canvas, LEFT, y, fit_text(head.organ, SANS, 9.5, 100 * mm), SANS, 9.5)
    x = width - RIGHT
    draw_text(canvas, x, top - 4 * mm, head.doc_type, SANS_BOLD, 11, align="right")
    canvas.setFillColor(GREY)
    draw_text(canvas, x - 24 * mm, top - 9.5 * mm, head.datum_label, SANS, 7.5, align="right")
    canvas.setFillColorRGB(0, 0, 0)
    draw_text(canvas, x, top - 9.5 * mm, head.datum, SANS, 9.5, align="right")
    # "Sida N av M" is a form XObject per page, defined once the page count is known
    # (when the canvas is saved), so the document is laid out only once.
    canvas.saveState()
    canvas.translate(x, top - 14.5 * mm)
    canvas.doForm(f"NkSida{canvas.getPageNumber()}")
    canvas.restoreState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, height - TOP + 3.5 * mm, width - RIGHT, height - TOP + 3.5 * mm)
    canvas.restoreState()


def _draw_boxes(canvas, doc, head: PageHead) -> None:
    if not head.boxes:
        return
    width = doc.pagesize[0]
    canvas.saveState()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.6)
    y = 12 * mm
    for i, label in enumerate(("Justerandes sign", "Utdragsbestyrkande")):
        x = width - RIGHT - (2 - i) * BOX_WIDTH - (1 - i) * 4 * mm
        canvas.rect(x, y, BOX_WIDTH, BOX_HEIGHT, stroke=1, fill=0)
        canvas.setFillColor(GREY)
        draw_text(canvas, x + 1.5 * mm, y + BOX_HEIGHT - 3.2 * mm, label, SANS, 7)
        canvas.setFillColorRGB(0, 0, 0)
        if i == 1 and head.utdragsbestyrkande:
            text = fit_text(head.utdragsbestyrkande, SANS, 7.5, BOX_WIDTH - 3 * mm)
            draw_text(canvas, x + 1.5 * mm, y + 2.5 * mm, text, SANS, 7.5)
    canvas.restoreState()


class Bookmark(Flowable):
    """A bookmark (outline entry) to the page where this point of the story lands."""

    def __init__(self, title: str):
        super().__init__()
        self.title = one_line(title)

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        key = f"nk-{id(self)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(self.title, key, level=0)


@dataclass(frozen=True)
class Rendered:
    data: bytes
    pages: int


def _define_page_numbers(canvas: Canvas, pages: int) -> None:
    """The "Sida N av M" forms every page's head draws (:func:`_draw_head`)."""
    for n in range(1, pages + 1):
        # Right-aligned at the origin: the box reaches left of it, or viewers clip.
        canvas.beginForm(f"NkSida{n}", lowerx=-200, lowery=-5, upperx=5, uppery=15)
        draw_text(canvas, 0, 0, f"Sida {n} av {pages}", SANS, 9, align="right")
        canvas.endForm()


def render(story: list[Flowable], head: PageHead, info: DocumentInfo) -> Rendered:
    """Plain PDF bytes of ``story`` on the protocol page (see module docstring)."""
    buffer = io.BytesIO()
    doc = NkDocTemplate(buffer, info, margins=MARGINS)
    doc.addPageTemplates(
        [
            page_template(
                "protokoll",
                MARGINS,
                on_page=lambda c, d: _draw_head(c, d, head),
                on_page_end=lambda c, d: _draw_boxes(c, d, head),
            )
        ]
    )
    doc.build(story, canvasmaker=counting_canvas(_define_page_numbers))
    return Rendered(buffer.getvalue(), doc.page)


def content_width() -> float:
    return A4[0] - LEFT - RIGHT


def page_head(
    docs: ProtokollDocs, doc_type: str, utdragsbestyrkande: str = "", boxes: bool = True
) -> PageHead:
    return PageHead(
        kommun=docs.kommun_namn,
        organ=docs.organ.namn,
        doc_type=doc_type,
        datum=docs.meeting.datum,
        logo=docs.logo,
        utdragsbestyrkande=utdragsbestyrkande,
        boxes=boxes,
    )


def facts_table(rows: list[tuple[str, str]], width: float) -> Table:
    """Grey labels and their values, as at the top of an utdrag and in the anslag."""
    s = styles()
    table = Table(
        [[Paragraph(para(k), s.small_grey), Paragraph(para(v), s.body_tight)] for k, v in rows],
        colWidths=[LABEL_WIDTH, width - LABEL_WIDTH],
    )
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        )
    )
    return table
