"""The four assessment symbols drawn with QPainter: a circle filled from
the bottom — wholly green (helt uppfyllt), half yellow (delvis), a red bottom (ej
uppfyllt) or empty (ej utvärderad). Colours and fill come from app.plan.model.SYMBOLER,
so the screen and the PDF agree."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.plan.model import SYMBOL_KANT, SYMBOLER

#: Item data role carrying a bedömning ("helt uppfyllt" …) for SymbolDelegate.
SymbolRole = Qt.ItemDataRole.UserRole + 40


def draw_symbol(painter: QPainter, rect: QRectF, bedomning: str | None, *, faded: bool = False) -> None:
    """Draw the symbol for ``bedomning`` centred in ``rect`` (nothing for None)."""
    if bedomning not in SYMBOLER:
        return
    colour, share = SYMBOLER[bedomning]
    side = min(rect.width(), rect.height()) - 2
    circle = QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if faded:
        painter.setOpacity(0.45)
    outline = QPainterPath()
    outline.addEllipse(circle)
    painter.fillPath(outline, QColor("#ffffff"))
    if share > 0:
        level = QRectF(circle.left(), circle.bottom() - side * share, side, side * share)
        clip = QPainterPath()
        clip.addRect(level)
        painter.fillPath(outline.intersected(clip), QColor(colour))
    pen = QPen(QColor(SYMBOL_KANT))
    pen.setWidthF(max(1.0, side / 14))
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(circle)
    painter.restore()


def symbol_pixmap(bedomning: str | None, size: int = 16) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    draw_symbol(painter, QRectF(0, 0, size, size), bedomning)
    painter.end()
    return pixmap


def symbol_icon(bedomning: str | None, size: int = 16) -> QIcon:
    return QIcon(symbol_pixmap(bedomning, size))


class SymbolDelegate(QStyledItemDelegate):
    """Draws the symbol of the index's SymbolRole before its text; a proposal (the
    ``faded`` role value is a tuple (bedömning, True)) is drawn paler."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        value = index.data(SymbolRole)
        bedomning, faded = value if isinstance(value, tuple) else (value, False)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        side = opt.rect.height() - 6
        if bedomning in SYMBOLER:
            opt.rect.adjust(side + 8, 0, 0, 0)
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            # The full row background (selection), then the text beside the symbol.
            background = QStyleOptionViewItem(option)
            self.initStyleOption(background, index)
            background.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, opt.widget)
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if bedomning in SYMBOLER:
            r = option.rect
            draw_symbol(painter, QRectF(QPointF(r.left() + 4, r.top() + 3), QSize(side, side)), bedomning,
                        faded=faded)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + hint.height() + 8, max(hint.height(), 20))
