"""Stored rich text (NK-HTML, see :mod:`app.richtext`) as ReportLab flowables.

Paragraphs become Paragraphs, lists become (nested) ListFlowables numbered "1." or
bulleted "•" in the embedded font. Every piece of text goes through
:func:`app.pdf.text.para`, so nothing a user typed is read as markup.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph

from app import richtext
from app.pdf.fonts import SANS
from app.pdf.styles import styles
from app.pdf.text import para

INDENT = 6 * mm


def runs_markup(runs: list[richtext.Run]) -> str:
    return richtext.markup_runs(runs, para)


def _list(block: richtext.ListBlock, style: ParagraphStyle, depth: int) -> ListFlowable:
    items = []
    for item in block.items:
        content: list[Flowable] = [Paragraph(runs_markup(item.runs), style)] if item.runs else []
        for child in item.children:
            content.append(_list(child, style, depth + 1))
        items.append(ListItem(content, leftIndent=INDENT, spaceAfter=1))
    if block.ordered:
        return ListFlowable(items, bulletType="1", start=block.start, bulletFormat="%s.",
                            bulletFontName=SANS, bulletFontSize=style.fontSize,
                            leftIndent=INDENT, bulletDedent=INDENT, spaceAfter=4 if depth == 0 else 0)
    return ListFlowable(items, bulletType="bullet", start="•" if depth % 2 == 0 else "–",
                        bulletFontName=SANS, bulletFontSize=style.fontSize,
                        leftIndent=INDENT, bulletDedent=INDENT, spaceAfter=4 if depth == 0 else 0)


def flowables(stored: str | None, style: ParagraphStyle | None = None) -> list[Flowable]:
    """The flowables for one stored field ([] when it is empty)."""
    style = style or styles().body
    bold = styles().subheading
    out: list[Flowable] = []
    for block in richtext.blocks(stored):
        if isinstance(block, richtext.Para):
            out.append(Paragraph(runs_markup(block.runs), bold if block.heading else style))
        else:
            out.append(_list(block, style, 0))
    return out
