"""Charts drawn with QPainter (PySide6-Essentials has no QtCharts): budget against
utfall per row as paired bars, and a series per month as bars or a line. The same
series (app.budget.analys) feed the printed charts, so screen and paper agree."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.budget.analys import MANADSKORT, Manadspunkt, Stapelpar, jamna_steg
from app.budget.belopp import ENHETER
from app.numbers import format_number

BUDGET_COLOR = QColor("#9db4cc")
UTFALL_COLOR = QColor("#1f4e79")
POSITIVE_COLOR = QColor("#2e7d32")
NEGATIVE_COLOR = QColor("#b3261e")
LINE_COLOR = QColor("#1f4e79")
AXIS_COLOR = QColor("#555555")
GRID_COLOR = QColor("#dddddd")


def _axis_label(value: float) -> str:
    decimals = 0 if float(value).is_integer() else 1
    return format_number(round(value, decimals), decimals)


class _Chart(QWidget):
    """Title, a value axis with round steps and grid lines, and a plot area."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(parent)
        self.title = title
        self.enhet = "tkr"
        self.empty_text = "Inga siffror att visa."
        self.setMinimumSize(280, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(480, 280)

    def _scale(self, kr: int) -> float:
        return kr / ENHETER[self.enhet]

    def _values(self) -> list[float]:
        raise NotImplementedError

    def _frame(self, p: QPainter) -> tuple[QRectF, list[float], Callable[[float], float]] | None:
        """Draw title, axis and grid; return the plot rectangle, the ticks and a
        function from value to y."""
        fm = QFontMetrics(self.font())
        title_font = QFont(self.font())
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(AXIS_COLOR)
        p.drawText(QRectF(0, 4, self.width(), fm.height() + 4), Qt.AlignmentFlag.AlignHCenter,
                   f"{self.title} ({self.enhet})")
        p.setFont(self.font())
        values = self._values()
        if not values:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return None
        ticks = jamna_steg(min(values), max(values))
        left = max(fm.horizontalAdvance(_axis_label(t)) for t in ticks) + 10
        plot = QRectF(left, fm.height() + 14, self.width() - left - 10,
                      self.height() - fm.height() * 3 - 26)
        lo, hi = ticks[0], ticks[-1]

        def y_of(value: float) -> float:
            return plot.bottom() - (value - lo) / (hi - lo) * plot.height()

        for t in ticks:
            y = y_of(t)
            p.setPen(QPen(AXIS_COLOR if t == 0 else GRID_COLOR, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(AXIS_COLOR)
            p.drawText(QRectF(0, y - fm.height() / 2, left - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _axis_label(t))
        return plot, ticks, y_of

    def _label_below(self, p: QPainter, text: str, x: float, width: float, top: float) -> None:
        fm = QFontMetrics(self.font())
        shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, int(max(width, 20)))
        p.setPen(AXIS_COLOR)
        p.drawText(QRectF(x, top + 4, width, fm.height()), Qt.AlignmentFlag.AlignHCenter, shown)


class BudgetUtfallChart(_Chart):
    """Budget and utfall per row, side by side."""

    def __init__(self, parent=None):
        super().__init__("Budget och utfall, ackumulerat", parent)
        self.pairs: list[Stapelpar] = []

    def set_data(self, pairs: list[Stapelpar], enhet: str) -> None:
        self.pairs, self.enhet = list(pairs), enhet
        self.update()

    def _values(self) -> list[float]:
        return [self._scale(v) for pair in self.pairs for v in (pair.budget, pair.utfall)]

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        framed = self._frame(p)
        if framed is not None:
            plot, _ticks, y_of = framed
            slot = plot.width() / len(self.pairs)
            bar = slot * 0.34
            zero = y_of(0)
            for i, pair in enumerate(self.pairs):
                x = plot.left() + i * slot + slot * 0.14
                bars = ((pair.budget, BUDGET_COLOR), (pair.utfall, UTFALL_COLOR))
                for j, (value, color) in enumerate(bars):
                    y = y_of(self._scale(value))
                    p.fillRect(QRectF(x + j * bar, min(y, zero), bar, abs(zero - y)), color)
                self._label_below(p, pair.etikett, plot.left() + i * slot, slot, plot.bottom())
            self._legend(p, plot)
        p.end()

    def _legend(self, p: QPainter, plot: QRectF) -> None:
        fm = QFontMetrics(self.font())
        y = plot.bottom() + fm.height() + 8
        x = plot.left()
        for label, color in (("Budget", BUDGET_COLOR), ("Utfall", UTFALL_COLOR)):
            p.fillRect(QRectF(x, y + 3, 12, fm.height() - 6), color)
            p.setPen(AXIS_COLOR)
            p.drawText(QPointF(x + 16, y + fm.ascent()), label)
            x += 16 + fm.horizontalAdvance(label) + 18


class ManadsChart(_Chart):
    """One value per month: bars coloured by sign (accumulated deviation) or a line
    (the forecast as it moved through the year)."""

    def __init__(self, title: str, mode: str = "staplar", parent=None):
        super().__init__(title, parent)
        self.mode = mode
        self.points: list[Manadspunkt] = []

    def set_data(self, points: list[Manadspunkt], enhet: str) -> None:
        self.points, self.enhet = list(points), enhet
        self.update()

    def _values(self) -> list[float]:
        return [self._scale(pt.varde) for pt in self.points]

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        framed = self._frame(p)
        if framed is not None:
            plot, _ticks, y_of = framed
            # Always twelve slots, so a month sits in the same place in every chart.
            slot = plot.width() / 12
            zero = y_of(0)
            path = QPainterPath()
            for n, pt in enumerate(self.points):
                x = plot.left() + (pt.manad - 1) * slot
                y = y_of(self._scale(pt.varde))
                if self.mode == "staplar":
                    color = POSITIVE_COLOR if pt.varde >= 0 else NEGATIVE_COLOR
                    p.fillRect(QRectF(x + slot * 0.2, min(y, zero), slot * 0.6, abs(zero - y)), color)
                else:
                    centre = QPointF(x + slot / 2, y)
                    path.moveTo(centre) if n == 0 else path.lineTo(centre)
            if self.mode == "linje" and self.points:
                p.setPen(QPen(LINE_COLOR, 2))
                p.drawPath(path)
                p.setBrush(LINE_COLOR)
                for pt in self.points:
                    x = plot.left() + (pt.manad - 1) * slot + slot / 2
                    p.drawEllipse(QPointF(x, y_of(self._scale(pt.varde))), 3, 3)
            for m in range(12):
                self._label_below(p, MANADSKORT[m], plot.left() + m * slot, slot, plot.bottom())
        p.end()
