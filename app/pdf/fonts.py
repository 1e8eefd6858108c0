"""Embedded fonts for every PDF the program writes.

PDF/A requires every font to be embedded, so no PDF may use ReportLab's built-in
Helvetica/Times (not even as a document's initial font). The program ships Liberation
Sans (metric-compatible with Arial, SIL OFL 1.1) in four styles and DejaVu Sans as a
fallback for letters Liberation lacks (Arabic, many symbols, some emoji). Both come from
the Debian packages fonts-liberation2 and fonts-dejavu-core; their licenses lie next to
them in ``resources/fonts/``.

Use the names below (``SANS``, ``SANS_BOLD`` …) for ``setFont`` and paragraph styles,
after :func:`register_fonts` (idempotent, cheap after the first call).
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

SANS = "NkSans"
SANS_BOLD = "NkSans-Bold"
SANS_ITALIC = "NkSans-Italic"
SANS_BOLD_ITALIC = "NkSans-BoldItalic"
FALLBACK = "NkFallback"

_FILES = {
    SANS: "LiberationSans-Regular.ttf",
    SANS_BOLD: "LiberationSans-Bold.ttf",
    SANS_ITALIC: "LiberationSans-Italic.ttf",
    SANS_BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
    FALLBACK: "DejaVuSans.ttf",
}
#: Shown instead of a character no shipped font can draw (CJK, Devanagari, most emoji):
#: visible, so the reader knows something was there, and present in Liberation Sans.
MISSING_GLYPH = "\u25a1"

_lock = threading.Lock()
_registered = False

_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap (what a reader copies, searches and reads aloud), with
    characters beyond U+FFFF written as UTF-16 surrogate pairs: ReportLab writes
    ``<1F600>`` for 😀, an odd-length string readers reject, so the character vanished
    from the text while its glyph printed (docs/domain/text.md)."""
    cmap = _reportlab_to_unicode_cmap(fontname, subset)
    for index, code in enumerate(subset):
        if code > 0xFFFF:
            utf16 = chr(code).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{utf16}>")
    return cmap


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def font_dir() -> Path:
    """``resources/fonts`` in a source checkout and in an installed package alike (the
    package is a plain folder on disk in both; an older editable install may still see
    it as a namespace package, so its path list is searched)."""
    import resources

    for folder in resources.__path__:
        candidate = Path(folder) / "fonts"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Typsnittsmappen resources/fonts saknas i installationen.")


def font_path(file_name: str) -> Path:
    return font_dir() / file_name


def register_fonts() -> None:
    """Register the embedded fonts with ReportLab once per process (thread-safe: the
    handlingar bundle is built on a worker thread)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, file_name in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(font_path(file_name))))
        # <b> and <i> inside a Paragraph switch between the four styles.
        addMapping(SANS, 0, 0, SANS)
        addMapping(SANS, 1, 0, SANS_BOLD)
        addMapping(SANS, 0, 1, SANS_ITALIC)
        addMapping(SANS, 1, 1, SANS_BOLD_ITALIC)
        addMapping(FALLBACK, 0, 0, FALLBACK)
        addMapping(FALLBACK, 1, 0, FALLBACK)
        addMapping(FALLBACK, 0, 1, FALLBACK)
        addMapping(FALLBACK, 1, 1, FALLBACK)
        _registered = True


@cache
def _charmap(font_name: str) -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def has_glyph(font_name: str, char: str) -> bool:
    return ord(char) in _charmap(font_name)


def main_font_has(char: str) -> bool:
    """Liberation Sans (all four styles share one character set) can draw ``char``."""
    return ord(char) in _charmap(SANS)


def main_font_codepoints() -> frozenset[int]:
    return _charmap(SANS)


def fallback_has(char: str) -> bool:
    return ord(char) in _charmap(FALLBACK)
