"""The kommun's letterhead and address footer (docs/domain/documents.md), drawn on a canvas.

:class:`Letterhead` holds what is printed; :func:`draw_first_page` draws the full head
(logo or kommun name, the unit and sender lines on the left, the document type and
reference lines on the right), :func:`draw_footer` the address footer; :func:`draw_later_page` a slim
running head for continuation pages. Space is left at the bottom right for the
"Sida N av M" stamp of :mod:`app.pdf.bundle`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader

from app.pdf.document import Margins, page_template
from app.pdf.fonts import SANS, SANS_BOLD
from app.pdf.styles import GREY, RULE
from app.pdf.text import draw_text, fit_text

#: Top margin of a first page (below the letterhead) and of later pages.
FIRST_TOP = 52 * mm
LATER_TOP = 24 * mm
BOTTOM = 32 * mm
LEFT = 25 * mm
RIGHT = 20 * mm
LOGO_HEIGHT = 16 * mm


@dataclass(frozen=True)
class Letterhead:
    kommun: str = ""
    logo: bytes | None = None
    unit: str = ""  # "Vård- och omsorgsförvaltningen" / "Vård- och omsorgsnämnden"
    sender_lines: tuple[str, ...] = ()  # under the unit: handläggare, phone …
    doc_type: str = ""  # "KALLELSE", "TJÄNSTESKRIVELSE"
    ref_lines: tuple[tuple[str, str], ...] = ()  # ("Datum", "2022-01-21"), ("Dnr", "VON 2022/29")
    running_title: str = ""  # left part of the head on later pages
    running_ref: str = ""  # right part of the head on later pages
    footer: tuple[tuple[str, str], ...] = field(default=())  # (label, value) address block


@lru_cache(maxsize=8)
def logo_reader(data: bytes) -> ImageReader | None:
    """The logo flattened onto white: an alpha channel would rule out PDF/A-1."""
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            img: Image.Image = opened
            if img.mode in ("RGBA", "LA", "P"):
                rgba = img.convert("RGBA")
                flat = Image.new("RGB", rgba.size, (255, 255, 255))
                flat.paste(rgba, mask=rgba.getchannel("A"))
                img = flat
            elif img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            out = io.BytesIO()
            img.save(out, format="PNG")
        return ImageReader(io.BytesIO(out.getvalue()))
    except Exception:  # noqa: BLE001 - a broken logo must not stop the document
        return None


def _head_left(canvas, head: Letterhead, x: float, top: float) -> None:
    y = top
    reader = logo_reader(head.logo) if head.logo else None
    if reader is not None:
        w, h = reader.getSize()
        width = LOGO_HEIGHT * w / h if h else LOGO_HEIGHT
        canvas.drawImage(reader, x, y - LOGO_HEIGHT, width=min(width, 60 * mm), height=LOGO_HEIGHT,
                         preserveAspectRatio=True, anchor="sw", mask=None)
        y -= LOGO_HEIGHT + 4 * mm
    elif head.kommun:
        canvas.setFillColorRGB(0, 0, 0)
        draw_text(canvas, x, y - 5 * mm, fit_text(head.kommun.upper(), SANS_BOLD, 13, 95 * mm), SANS_BOLD, 13)
        y -= 10 * mm
    if head.unit:
        draw_text(canvas, x, y - 3.5 * mm, fit_text(head.unit, SANS_BOLD, 10, 95 * mm), SANS_BOLD, 10)
        y -= 5 * mm
    for line in head.sender_lines:
        draw_text(canvas, x, y - 3.5 * mm, fit_text(line, SANS, 9, 95 * mm), SANS, 9)
        y -= 4.2 * mm


def _head_right(canvas, head: Letterhead, x: float, top: float) -> None:
    y = top - 5 * mm
    if head.doc_type:
        draw_text(canvas, x, y, head.doc_type, SANS_BOLD, 12)
        y -= 6 * mm
    for label, value in head.ref_lines:
        if not value:
            continue
        canvas.setFillColor(GREY)
        draw_text(canvas, x, y, label, SANS, 8)
        canvas.setFillColorRGB(0, 0, 0)
        draw_text(canvas, x + 22 * mm, y, fit_text(value, SANS, 9.5, 48 * mm), SANS, 9.5)
        y -= 4.6 * mm


def draw_footer(canvas, doc, head: Letterhead) -> None:
    """The kommun's address block in small columns above the page-number stamp (drawn
    when the page ends, so it also comes last in the reading order)."""
    page_width = doc.pagesize[0]
    items = [(label, value) for label, value in head.footer if value]
    if not items:
        return
    y_rule = 24 * mm
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, y_rule, page_width - RIGHT, y_rule)
    columns = min(len(items), 3)
    col_width = (page_width - LEFT - RIGHT) / columns
    for i, (label, value) in enumerate(items):
        row, col = divmod(i, columns)
        x = LEFT + col * col_width
        y = y_rule - 4 * mm - row * 8 * mm
        canvas.setFillColor(GREY)
        draw_text(canvas, x, y, label, SANS, 6.5)
        canvas.setFillColorRGB(0, 0, 0)
        draw_text(canvas, x, y - 3.2 * mm, fit_text(value, SANS, 7.5, col_width - 2 * mm), SANS, 7.5)
    canvas.restoreState()


def draw_first_page(canvas, doc, head: Letterhead) -> None:
    width, height = doc.pagesize
    canvas.saveState()
    top = height - 14 * mm
    _head_left(canvas, head, LEFT, top)
    _head_right(canvas, head, width - RIGHT - 72 * mm, top)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, height - FIRST_TOP + 6 * mm, width - RIGHT, height - FIRST_TOP + 6 * mm)
    canvas.restoreState()


def draw_later_page(canvas, doc, head: Letterhead) -> None:
    width, height = doc.pagesize
    canvas.saveState()
    y = height - 14 * mm
    canvas.setFillColor(GREY)
    ref_width = 0.0
    if head.running_ref:
        ref = fit_text(head.running_ref, SANS, 8, 60 * mm)
        ref_width = draw_text(canvas, width - RIGHT, y, ref, SANS, 8, align="right")
    title = fit_text(head.running_title, SANS, 8, width - LEFT - RIGHT - ref_width - 8 * mm)
    draw_text(canvas, LEFT, y, title, SANS, 8)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, y - 2.5 * mm, width - RIGHT, y - 2.5 * mm)
    canvas.restoreState()


def kommun_footer(kommun) -> tuple[tuple[str, str], ...]:
    """The address block of the kommun's letterhead from a :class:`app.organisation.Kommun`."""
    if kommun is None:
        return ()
    return (("Postadress", kommun.postadress), ("Besöksadress", kommun.besoksadress),
            ("Telefon", kommun.telefon), ("E-post", kommun.epost), ("Webb", kommun.webb),
            ("Organisationsnr", kommun.organisationsnummer))


FIRST_MARGINS = Margins(top=FIRST_TOP, bottom=BOTTOM, left=LEFT, right=RIGHT)
LATER_MARGINS = Margins(top=LATER_TOP, bottom=BOTTOM, left=LEFT, right=RIGHT)


def letterhead_templates(current: Callable[[], Letterhead]) -> list:
    """Page templates "first" (full letterhead and footer; followed automatically by
    "later") and "later" (running head). ``current()`` gives the letterhead to draw,
    read when a page begins (so the head comes first in the reading order), so one
    document can hold several letters (the tjänsteskrivelser of a meeting): switch the
    letterhead with a flowable before ``NextPageTemplate("first")`` and ``PageBreak``."""
    return [
        page_template("first", FIRST_MARGINS, auto_next="later",
                      on_page=lambda canvas, doc: draw_first_page(canvas, doc, current()),
                      on_page_end=lambda canvas, doc: draw_footer(canvas, doc, current())),
        page_template("later", LATER_MARGINS,
                      on_page=lambda canvas, doc: draw_later_page(canvas, doc, current())),
    ]
