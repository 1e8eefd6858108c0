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
from reportlab.pdfgen import canvas as rl_canvas

from app.pdf.fonts import SANS, register_fonts
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
    node = page.obj
    for _ in range(64):  # a page tree deeper than this is broken; stop rather than loop
        value = node.get(key)
        if value is not None:
            return value
        node = node.get("/Parent")
        if node is None:
            return None
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


def stamp_page_numbers(pdf: pikepdf.Pdf, template: str = "Sida {n} av {m}", first: int = 1) -> None:
    """Stamp every page of ``pdf`` (in place) with its number, counted from ``first``."""
    pages = list(pdf.pages)
    if not pages:
        return
    total = first + len(pages) - 1
    geometry = [page_geometry(p) for p in pages]
    labels = [template.format(n=first + i, m=total) for i in range(len(pages))]
    with pikepdf.open(io.BytesIO(_overlay(labels, [g.visible_size for g in geometry]))) as overlay:
        for page, geo, stamp in zip(pages, geometry, overlay.pages, strict=True):
            form = pdf.copy_foreign(stamp.as_form_xobject())
            name = page.add_resource(form, pikepdf.Name.XObject, prefix="NkSida")
            a, b, c, d, e, f = geo.matrix()
            # q … Q around the old content: a page that leaves its graphics state changed
            # (clip, transformation) must not move or hide the stamp.
            page.contents_add(b"q\n", prepend=True)
            page.contents_add(f"\nQ\nq {a} {b} {c} {d} {e:.4f} {f:.4f} cm {name} Do Q\n".encode("ascii"))


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
