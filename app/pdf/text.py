"""User text made safe for ReportLab (docs/domain/documents.md, "Rules for every PDF").

ReportLab's ``Paragraph`` reads its text as markup: a title like ``Avgifter <b>&
taxor`` would be bold or raise. Everything a user typed goes through :func:`para`
(for Paragraph) or :func:`draw_text` (for canvas drawing), which

* escape ``&``, ``<`` and ``>``;
* keep line breaks (as ``<br/>``), turn tabs into spaces;
* drop soft hyphens, zero-width and other invisible format/control characters
  pasted from Word;
* draw letters Liberation Sans lacks with the DejaVu Sans fallback, and letters no
  shipped font has (Chinese, Devanagari, many emoji) as a visible □, so nothing
  crashes and nothing silently disappears. Text saved through the services cannot hold
  such letters, nor right-to-left ones (refused at entry, app/printable.py and
  docs/domain/text.md); the □ is for text stored before that rule and for text that
  does not come from the database.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from app.pdf.fonts import FALLBACK, MISSING_GLYPH, fallback_has, main_font_codepoints, main_font_has
from db.text import normalize


def clean(text: str | None) -> str:
    """Plain text with only printable characters and ``\\n`` line breaks left."""
    if not text:
        return ""
    # The database's normalisation first (line breaks as \n, NFC, no controls, surrogates
    # or noncharacters: U+FFFF selects .notdef and fails PDF/A), for text stored before it
    # held and text that does not come from the database (file names, arguments).
    text = normalize(text).replace("\t", " ")
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf"):  # soft hyphen, zero-width characters
            continue
        if category == "Mn" and not main_font_has(ch) and not fallback_has(ch):
            continue  # variation selectors and marks no font draws: invisible anyway
        out.append(ch)
    return "".join(out)


@lru_cache(maxsize=1)
def _plain_safe() -> frozenset[str]:
    """Characters that need no work: printable, drawn by Liberation Sans, unchanged by
    NFC. Most text consists of nothing else, and skips the per-character pass."""
    safe = {"\n"}
    for code in main_font_codepoints():
        ch = chr(code)
        if unicodedata.category(ch)[0] not in "CM" and unicodedata.normalize("NFC", ch) == ch:
            safe.add(ch)
    return frozenset(safe)


def runs(text: str | None) -> list[tuple[bool, str]]:
    """``clean(text)`` split into runs of (uses_fallback_font, text); characters no font
    has are replaced by :data:`MISSING_GLYPH`."""
    if not text:
        return []
    if _plain_safe().issuperset(text):
        return [(False, text)]
    result: list[tuple[bool, str]] = []
    for ch in clean(text):
        if ch == "\n" or main_font_has(ch):
            fallback = False
        elif fallback_has(ch):
            fallback = True
        else:
            ch, fallback = MISSING_GLYPH, False
        if result and result[-1][0] == fallback:
            result[-1] = (fallback, result[-1][1] + ch)
        else:
            result.append((fallback, ch))
    return result


def para(text: str | None) -> str:
    """Markup for a ReportLab ``Paragraph`` that shows ``text`` exactly as typed."""
    parts = []
    for fallback, chunk in runs(text):
        safe = escape(chunk).replace("\n", "<br/>")
        parts.append(f'<font name="{FALLBACK}">{safe}</font>' if fallback else safe)
    return "".join(parts)


def one_line(text: str | None) -> str:
    """``clean`` with line breaks folded into spaces (headers, table cells of names)."""
    return " ".join(clean(text).split())


def text_width(text: str | None, font: str, size: float) -> float:
    return sum(stringWidth(chunk, FALLBACK if fb else font, size)
               for fb, chunk in runs(one_line(text)))


def draw_text(canvas, x: float, y: float, text: str | None, font: str, size: float,
              align: str = "left") -> float:
    """Draw one line of user text on a canvas with the fallback font where needed.
    ``align`` is left, center or right (relative to ``x``). Returns the width drawn."""
    line = one_line(text)
    width = text_width(line, font, size)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    for fallback, chunk in runs(line):
        name = FALLBACK if fallback else font
        canvas.setFont(name, size)
        canvas.drawString(x, y, chunk)
        x += stringWidth(chunk, name, size)
    return width


def fit_text(text: str | None, font: str, size: float, max_width: float) -> str:
    """``text`` on one line, cut with an ellipsis so it fits ``max_width`` (page headers
    with 300-character titles)."""
    line = one_line(text)
    if text_width(line, font, size) <= max_width:
        return line
    while line and text_width(line + "…", font, size) > max_width:
        line = line[:-1]
    return line.rstrip() + "…"
