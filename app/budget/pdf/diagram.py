"""Charts for the printed economy reports, drawn with ReportLab's graphics shapes:
vector, in the embedded fonts (every String names its font; ReportLab's chart
widgets default to the unembedded Helvetica, which would break PDF/A). The series are
those the screen draws (app.budget.analys), so paper and screen agree."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib.colors import Color, HexColor

from app.budget.analys import MANADSKORT, Manadspunkt, Stapelpar, jamna_steg
from app.budget.belopp import ENHETER
from app.numbers import format_number
from app.pdf.fonts import SANS, SANS_BOLD, register_fonts
from app.pdf.text import clean, fit_text

BUDGET = HexColor("#9db4cc")
UTFALL = HexColor("#1f4e79")
POSITIVE = HexColor("#2e7d32")
NEGATIVE = HexColor("#b3261e")
AXIS = Color(0.33, 0.33, 0.33)
GRID = Color(0.85, 0.85, 0.85)
FONT_SIZE = 7.5


def new_drawing(width: float, height: float) -> Drawing:
    """A Drawing whose initial graphics state uses the embedded font: the renderer
    otherwise starts every drawing with setFont("Helvetica")."""
    register_fonts()
    d = Drawing(width, height)
    d.initialFontName = SANS
    d.initialFontSize = FONT_SIZE
    return d


def _label(value: float) -> str:
    decimals = 0 if float(value).is_integer() else 1
    return format_number(round(value, decimals), decimals)


class _Frame:
    """Title, value axis with round steps and grid lines; maps values to y."""

    def __init__(self, d: Drawing, title: str, values: list[float], width: float, height: float,
                 bottom_space: float):
        register_fonts()
        d.add(String(width / 2, height - 10, clean(title), fontName=SANS_BOLD, fontSize=9,
                     textAnchor="middle", fillColor=AXIS))
        self.ticks = jamna_steg(min(values), max(values))
        from reportlab.pdfbase.pdfmetrics import stringWidth

        left = max(stringWidth(_label(t), SANS, FONT_SIZE) for t in self.ticks) + 6
        self.left, self.right = left, width - 4
        self.bottom, self.top = bottom_space, height - 20
        lo, hi = self.ticks[0], self.ticks[-1]
        self.lo, self.hi = lo, hi
        for t in self.ticks:
            y = self.y(t)
            d.add(Line(self.left, y, self.right, y, strokeColor=AXIS if t == 0 else GRID,
                       strokeWidth=0.6 if t == 0 else 0.4))
            d.add(String(self.left - 3, y - FONT_SIZE / 3, _label(t), fontName=SANS, fontSize=FONT_SIZE,
                         textAnchor="end", fillColor=AXIS))

    def y(self, value: float) -> float:
        return self.bottom + (value - self.lo) / (self.hi - self.lo) * (self.top - self.bottom)


def _empty(d: Drawing, title: str, width: float, height: float) -> Drawing:
    register_fonts()
    d.add(String(width / 2, height - 10, clean(title), fontName=SANS_BOLD, fontSize=9, textAnchor="middle"))
    d.add(String(width / 2, height / 2, "Inga siffror att visa.", fontName=SANS, fontSize=FONT_SIZE,
                 textAnchor="middle", fillColor=AXIS))
    return d


def budget_utfall_drawing(pairs: list[Stapelpar], enhet: str, width: float = 460, height: float = 210,
                          title: str = "Budget och utfall, ackumulerat") -> Drawing:
    """Paired bars per row: periodiserad budget and utfall so far."""
    d = new_drawing(width, height)
    title = f"{title} ({enhet})"
    scale = ENHETER[enhet]
    values = [v / scale for p in pairs for v in (p.budget, p.utfall)]
    if not values:
        return _empty(d, title, width, height)
    f = _Frame(d, title, values, width, height, bottom_space=32)
    slot = (f.right - f.left) / len(pairs)
    bar = slot * 0.34
    zero = f.y(0)
    for i, p in enumerate(pairs):
        x = f.left + i * slot + slot * 0.14
        for j, (value, color) in enumerate(((p.budget, BUDGET), (p.utfall, UTFALL))):
            y = f.y(value / scale)
            d.add(Rect(x + j * bar, min(y, zero), bar, abs(y - zero), fillColor=color, strokeColor=None))
        label = fit_text(p.etikett, SANS, FONT_SIZE - 0.5, slot - 2)
        d.add(String(f.left + (i + 0.5) * slot, f.bottom - 10, label, fontName=SANS,
                     fontSize=FONT_SIZE - 0.5, textAnchor="middle", fillColor=AXIS))
    x = f.left
    for label, color in (("Budget", BUDGET), ("Utfall", UTFALL)):
        d.add(Rect(x, 4, 8, 7, fillColor=color, strokeColor=None))
        d.add(String(x + 11, 5, label, fontName=SANS, fontSize=FONT_SIZE, fillColor=AXIS))
        x += 55
    return d


def manads_drawing(points: list[Manadspunkt], enhet: str, title: str, mode: str = "staplar",
                   width: float = 460, height: float = 190) -> Drawing:
    """One value per month: bars coloured by sign, or a line with markers."""
    d = new_drawing(width, height)
    title = f"{title} ({enhet})"
    scale = ENHETER[enhet]
    values = [p.varde / scale for p in points]
    if not values:
        return _empty(d, title, width, height)
    f = _Frame(d, title, values, width, height, bottom_space=18)
    slot = (f.right - f.left) / 12
    zero = f.y(0)
    line: list[float] = []
    for p in points:
        x = f.left + (p.manad - 1) * slot
        y = f.y(p.varde / scale)
        if mode == "staplar":
            d.add(Rect(x + slot * 0.2, min(y, zero), slot * 0.6, abs(y - zero),
                       fillColor=POSITIVE if p.varde >= 0 else NEGATIVE, strokeColor=None))
        else:
            line += [x + slot / 2, y]
    if mode == "linje" and line:
        if len(line) > 2:
            d.add(PolyLine(line, strokeColor=UTFALL, strokeWidth=1.5))
        for i in range(0, len(line), 2):
            d.add(Rect(line[i] - 1.8, line[i + 1] - 1.8, 3.6, 3.6, fillColor=UTFALL, strokeColor=None))
    for m in range(12):
        d.add(String(f.left + (m + 0.5) * slot, f.bottom - 10, MANADSKORT[m], fontName=SANS,
                     fontSize=FONT_SIZE, textAnchor="middle", fillColor=AXIS))
    return d
