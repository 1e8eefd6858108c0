"""Paragraph styles shared by every document, all in the embedded fonts.

Every style sets ``fontName`` *and* ``bulletFontName``: ReportLab's defaults are the
unembedded Helvetica, which would make a PDF fail PDF/A the moment a list is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from app.pdf.fonts import SANS, SANS_BOLD, SANS_ITALIC, register_fonts

GREY = Color(0.33, 0.33, 0.33)
RULE = Color(0.6, 0.6, 0.6)


def _style(name: str, **kw) -> ParagraphStyle:
    kw.setdefault("fontName", SANS)
    kw.setdefault("bulletFontName", kw["fontName"])
    kw.setdefault("fontSize", 10.5)
    kw.setdefault("leading", kw["fontSize"] * 1.3)
    kw.setdefault("bulletFontSize", kw["fontSize"])
    return ParagraphStyle(name, **kw)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_tight: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    small: ParagraphStyle
    small_grey: ParagraphStyle
    table: ParagraphStyle
    table_bold: ParagraphStyle
    table_right: ParagraphStyle
    table_bold_right: ParagraphStyle
    table_center: ParagraphStyle
    label: ParagraphStyle
    italic: ParagraphStyle


@cache
def styles() -> Styles:
    register_fonts()
    return Styles(
        body=_style("nk-body", spaceAfter=6),
        body_tight=_style("nk-body-tight"),
        title=_style("nk-title", fontName=SANS_BOLD, fontSize=16, leading=20, spaceAfter=10,
                     alignment=TA_LEFT),
        heading=_style("nk-heading", fontName=SANS_BOLD, fontSize=12, leading=15,
                       spaceBefore=10, spaceAfter=4, keepWithNext=1),
        subheading=_style("nk-subheading", fontName=SANS_BOLD, spaceBefore=6, spaceAfter=2,
                          keepWithNext=1),
        small=_style("nk-small", fontSize=8, leading=10),
        small_grey=_style("nk-small-grey", fontSize=8, leading=10, textColor=GREY),
        table=_style("nk-table", fontSize=10, leading=12.5),
        table_bold=_style("nk-table-bold", fontName=SANS_BOLD, fontSize=10, leading=12.5),
        table_right=_style("nk-table-right", fontSize=10, leading=12.5, alignment=TA_RIGHT),
        table_bold_right=_style("nk-table-bold-right", fontName=SANS_BOLD, fontSize=10, leading=12.5,
                                alignment=TA_RIGHT),
        table_center=_style("nk-table-center", fontSize=10, leading=12.5, alignment=TA_CENTER),
        label=_style("nk-label", fontName=SANS_BOLD),
        italic=_style("nk-italic", fontName=SANS_ITALIC),
    )


def table_style(*commands) -> TableStyle:
    """A TableStyle whose plain-string cells use the embedded font: a Table's default
    is Helvetica, which even an empty cell would put into the PDF."""
    register_fonts()
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS), *commands])
