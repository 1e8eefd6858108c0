"""Tools for merged PDFs (the handlingar bundle, later protocol bundles).

* :func:`stamp_page_numbers` draws "Sida N av M" on every page. The stamp is laid out
  on an overlay page the size of the page's *visible* box (CropBox within MediaBox, width
  and height swapped for ``/Rotate`` 90/270) and placed with a matrix that undoes the
  rotation, so it reads upright at the bottom right of landscape, rotated and odd-sized
  bilagor alike. A white box behind it keeps it readable over scanned pages.
* :func:`set_page_labels` makes the viewer's page numbers equal the printed ones.
* :func:`add_outline` writes bookmarks (nested one level).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pikepdf
from reportlab.lib.colors import white
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as rl_canvas

from app.pdf.fonts import SANS, main_font_has, register_fonts
from app.pdf.text import draw_text, text_width

STAMP_SIZE = 9
STAMP_BASELINE = 6 * mm
STAMP_RIGHT = 10 * mm


@dataclass(frozen=True)
class PageGeometry:
    """The part of a page a reader sees, in the page's own user space."""

    x0: float
    y0: float
    x1: float
    y1: float
    rotate: int  # 0, 90, 180 or 270

    @property
    def visible_size(self) -> tuple[float, float]:
        w, h = self.x1 - self.x0, self.y1 - self.y0
        return (h, w) if self.rotate in (90, 270) else (w, h)

    def matrix(self) -> tuple[float, float, float, float, float, float]:
        """Maps upright overlay coordinates (origin bottom-left as the reader sees the
        page) into the page's user space, undoing ``/Rotate`` (which turns clockwise)."""
        x0, y0, x1, y1 = self.x0, self.y0, self.x1, self.y1
        return {
            0: (1, 0, 0, 1, x0, y0),
            90: (0, 1, -1, 0, x1, y0),
            180: (-1, 0, 0, -1, x1, y1),
            270: (0, -1, 1, 0, x0, y1),
        }[self.rotate]


def _inherited(page: pikepdf.Page, key: str):
    node: pikepdf.Object = page.obj
    for _ in range(64):  # a page tree deeper than this is broken; stop rather than loop
        value = node.get(key)
        if value is not None:
            return value
        parent = node.get("/Parent")
        if parent is None:
            return None
        node = parent
    return None


def _box(value) -> tuple[float, float, float, float] | None:
    try:
        a, b, c, d = (float(v) for v in value)
    except (TypeError, ValueError):
        return None
    return min(a, c), min(b, d), max(a, c), max(b, d)


def page_geometry(page: pikepdf.Page) -> PageGeometry:
    media = _box(_inherited(page, "/MediaBox")) or (0.0, 0.0, 595.276, 841.89)
    crop = _box(_inherited(page, "/CropBox")) or media
    x0, y0 = max(media[0], crop[0]), max(media[1], crop[1])
    x1, y1 = min(media[2], crop[2]), min(media[3], crop[3])
    if x1 <= x0 or y1 <= y0:  # a crop box outside the media box: viewers show the media box
        x0, y0, x1, y1 = media
    try:
        rotate = int(_inherited(page, "/Rotate") or 0) % 360
    except (TypeError, ValueError):
        rotate = 0
    if rotate % 90:
        rotate = 0
    return PageGeometry(x0, y0, x1, y1, rotate)


def _overlay(labels: list[str], sizes: list[tuple[float, float]]) -> bytes:
    """One ReportLab overlay page per page (the general path: any characters)."""
    register_fonts()
    buffer = io.BytesIO()
    c = rl_canvas.Canvas(buffer, initialFontName=SANS, lang="sv-SE")
    pad = 1.2 * mm
    for label, (w, h) in zip(labels, sizes, strict=True):
        c.setPageSize((w, h))
        width = text_width(label, SANS, STAMP_SIZE)
        right = w - STAMP_RIGHT
        c.setFillColor(white)
        c.rect(right - width - pad, STAMP_BASELINE - pad - 0.5 * mm, width + 2 * pad,
               STAMP_SIZE + 2 * pad, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        draw_text(c, right, STAMP_BASELINE, label, SANS, STAMP_SIZE, align="right")
        c.showPage()
    c.save()
    return buffer.getvalue()


def _stamp_with_overlay(pdf: pikepdf.Pdf, pages: list, geometry: list[PageGeometry],
                        labels: list[str]) -> None:
    with pikepdf.open(io.BytesIO(_overlay(labels, [g.visible_size for g in geometry]))) as overlay:
        for page, geo, stamp in zip(pages, geometry, overlay.pages, strict=True):
            form = pdf.copy_foreign(stamp.as_form_xobject())
            name = page.add_resource(form, pikepdf.Name.XObject, prefix="NkSida")
            _append(page, geo, f"{name} Do".encode("ascii"))


def _append(page: pikepdf.Page, geo: PageGeometry, content: bytes) -> None:
    a, b, c, d, e, f = geo.matrix()
    # q … Q around the old content: a page that leaves its graphics state changed
    # (clip, transformation) must not move or hide the stamp.
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"\nQ\nq " + f"{a} {b} {c} {d} {e:.4f} {f:.4f} cm ".encode("ascii") + content + b" Q\n")


def _stamp_font(labels: list[str]) -> tuple[bytes, str, dict[str, bytes]] | None:
    """A one-page PDF whose font subset holds every character of the labels, the
    subset's resource name, and each label encoded for it; None when the labels need
    more than one subset or a character Liberation Sans lacks (use the overlay)."""
    register_fonts()
    font = pdfmetrics.getFont(SANS)
    chars = "".join(sorted(set("".join(labels))))
    if not all(main_font_has(ch) for ch in chars) or len(chars) > 200:
        return None
    buffer = io.BytesIO()
    c = rl_canvas.Canvas(buffer, initialFontName=SANS, lang="sv-SE")
    c.setFont(SANS, STAMP_SIZE)
    c.drawString(0, 0, chars)  # puts every character the labels use into the subset
    encoded: dict[str, bytes] = {}
    subsets: set[int] = set()  # reportlab's subset numbers
    for label in labels:
        parts = font.splitString(label, c._doc)
        subsets.update(subset for subset, _data in parts)
        encoded[label] = b"".join(data for _subset, data in parts)
    if len(subsets) != 1:
        return None
    name = font.getSubsetInternalName(subsets.pop(), c._doc)
    c.showPage()
    c.save()
    return buffer.getvalue(), name, encoded


def stamp_page_numbers(pdf: pikepdf.Pdf, template: str = "Sida {n} av {m}", first: int = 1) -> None:
    """Stamp every page of ``pdf`` (in place) with its number, counted from ``first``.

    The stamp is a few operators appended to each page's content (white box, text in the
    embedded Liberation Sans subset shared by all pages): for a 300-page bundle this is
    several times faster than one overlay page per page, which remains the path for
    labels with characters outside one font subset."""
    pages = list(pdf.pages)
    if not pages:
        return
    total = first + len(pages) - 1
    geometry = [page_geometry(p) for p in pages]
    labels = [template.format(n=first + i, m=total) for i in range(len(pages))]
    prepared = _stamp_font(labels)
    if prepared is None:
        _stamp_with_overlay(pdf, pages, geometry, labels)
        return
    source, font_name, encoded = prepared
    pad = 1.2 * mm
    with pikepdf.open(io.BytesIO(source)) as src:
        font = pdf.copy_foreign(src.pages[0].Resources.Font[font_name])
    for page, geo, label in zip(pages, geometry, labels, strict=True):
        name = page.add_resource(font, pikepdf.Name.Font, prefix="NkSida")
        w, _h = geo.visible_size
        width = pdfmetrics.stringWidth(label, SANS, STAMP_SIZE)
        right = w - STAMP_RIGHT
        box = (right - width - pad, STAMP_BASELINE - pad - 0.5 * mm, width + 2 * pad, STAMP_SIZE + 2 * pad)
        content = (f"1 1 1 rg {box[0]:.2f} {box[1]:.2f} {box[2]:.2f} {box[3]:.2f} re f 0 0 0 rg "
                   f"BT {name} {STAMP_SIZE} Tf {right - width:.2f} {STAMP_BASELINE:.2f} Td "
                   f"<{encoded[label].hex()}> Tj ET")
        _append(page, geo, content.encode("ascii"))


def set_page_labels(pdf: pikepdf.Pdf, first: int = 1) -> None:
    """Viewer page labels 1, 2, 3 … (or from ``first``) matching the stamped numbers."""
    pdf.Root.PageLabels = pikepdf.Dictionary(
        Nums=pikepdf.Array([0, pikepdf.Dictionary(S=pikepdf.Name.D, St=first)]))


@dataclass
class OutlineEntry:
    title: str
    page_index: int  # 0-based page in the merged document
    children: list[OutlineEntry] = field(default_factory=list)


def add_outline(pdf: pikepdf.Pdf, entries: list[OutlineEntry]) -> None:
    """Replace the document's bookmarks with ``entries`` (top level open, children closed)."""
    with pdf.open_outline() as outline:
        outline.root.clear()
        for entry in entries:
            item = pikepdf.OutlineItem(entry.title, entry.page_index)
            for child in entry.children:
                item.children.append(pikepdf.OutlineItem(child.title, child.page_index))
            outline.root.append(item)
