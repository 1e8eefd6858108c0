"""A row of controls that wraps onto a second line when the window is narrow.

An area's top row (organ, year, then its print and Excel buttons) fits one line of a
1280-pixel window but not of a 1024-pixel one; a QHBoxLayout would then squash every
button below its text. ``FlowLayout`` keeps each control at its natural size and moves
what does not fit to the next line. Items added after ``add_stretch()`` stand at the right
end while the whole row fits one line, as after a QHBoxLayout's stretch; ``addStretch``
and ``insertWidget`` work as in a QHBoxLayout, so a button row built for one (a button
inserted before the closing stretch) flows unchanged."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QSpacerItem,
    QWidget,
    QWidgetItem,
)


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, *, margins: int = 0, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        #: Each item's share of a line's spare width, as a box layout's stretch.
        self._stretch: list[int] = []
        self.setContentsMargins(margins, margins, margins, margins)
        self.setSpacing(spacing)

    # -- building -----------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._stretch.append(0)

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:  # type: ignore[override]
        self.insertWidget(-1, widget, stretch)

    def add_widgets(self, *widgets: QWidget) -> None:
        for widget in widgets:
            self.addWidget(widget)

    def add_stretch(self) -> None:
        """What is added from now on stands at the right end of a single line."""
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))

    def addStretch(self, _stretch: int = 1) -> None:
        self.add_stretch()

    def insertWidget(self, index: int, widget: QWidget, stretch: int = 0) -> None:
        self.addChildWidget(widget)
        at = index if index >= 0 else len(self._items)
        self._items.insert(at, QWidgetItem(widget))
        self._stretch.insert(at, stretch)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        self._stretch.pop(index)
        return self._items.pop(index)

    # -- sizes --------------------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def sizeHint(self) -> QSize:
        shown = self._shown()
        left, top, right, bottom = self.getContentsMargins()
        width = sum(self._size(item).width() for _i, item in shown)
        width += self.spacing() * max(0, len(shown) - 1)
        height = max((self._size(item).height() for _i, item in shown), default=0)
        return QSize(width + left + right, height + top + bottom)

    def minimumSize(self) -> QSize:
        # One control (or caption and field) to a line at the narrowest: never narrower
        # than the widest of them.
        shown = self._shown()
        left, top, right, bottom = self.getContentsMargins()
        width = max((sum(self._size(shown[n][1]).width() for n in unit) + self.spacing() * (len(unit) - 1)
                     for unit in self._units(shown)), default=0)
        height = max((self._size(item).height() for _i, item in shown), default=0)
        return QSize(width + left + right, height + top + bottom)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # -- placing ------------------------------------------------------------------------------
    def _shown(self) -> list[tuple[int, QLayoutItem]]:
        return [(i, item) for i, item in enumerate(self._items) if not item.isEmpty()]

    @staticmethod
    def _size(item: QLayoutItem) -> QSize:
        return item.sizeHint().expandedTo(item.minimumSize()).boundedTo(item.maximumSize())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        left, top, right, bottom = self.getContentsMargins()
        area = rect.adjusted(left, top, -right, -bottom)
        shown = self._shown()
        gap = self.spacing()
        sizes = [self._size(item) for _i, item in shown]
        one_line = sum(s.width() for s in sizes) + gap * max(0, len(sizes) - 1)
        lines: list[list[int]] = [[]]
        if one_line <= area.width():
            lines[0] = list(range(len(shown)))
        else:
            used = 0
            for unit in self._units(shown):
                width = sum(sizes[n].width() for n in unit) + gap * (len(unit) - 1)
                if lines[-1] and used + gap + width > area.width():
                    lines.append([])
                    used = 0
                used += (gap if lines[-1] else 0) + width
                lines[-1].extend(unit)
        y = area.y()
        for line in lines:
            height = max((sizes[n].height() for n in line), default=0)
            if apply:
                self._place_line(area, y, height, line, shown, sizes, single=len(lines) == 1)
            y += height + gap
        return y - gap - area.y() + top + bottom

    @staticmethod
    def _units(shown: list[tuple[int, QLayoutItem]]) -> list[list[int]]:
        """The items that go onto a line together: a caption (a label with a buddy) and
        the field right after it, or one item."""
        units: list[list[int]] = []
        n = 0
        while n < len(shown):
            label = shown[n][1].widget()
            following = shown[n + 1][1].widget() if n + 1 < len(shown) else None
            together = isinstance(label, QLabel) and following is not None and label.buddy() is following
            units.append([n, n + 1] if together else [n])
            n += 2 if together else 1
        return units

    def _place_line(self, area: QRect, y: int, height: int, line: list[int],
                    shown: list[tuple[int, QLayoutItem]], sizes: list[QSize], *, single: bool) -> None:
        # A stretch (a spacer, which takes no room itself) parts left from right.
        spacers = [i for i, item in enumerate(self._items) if item.spacerItem() is not None]
        split = spacers[0] if single and spacers else None
        sizes = self._stretched(area.width(), line, shown, sizes)
        if any(self._stretch[shown[n][0]] for n in line):
            split = None  # the line is filled: nothing to push to the right
        x = area.x()
        right_group = [n for n in line if split is not None and shown[n][0] >= split]
        for n in line:
            if n in right_group:
                break
            x = self._put(shown[n][1], sizes[n], x, y, height)
        if right_group:
            width = sum(sizes[n].width() for n in right_group) + self.spacing() * (len(right_group) - 1)
            x = area.x() + area.width() - width
            for n in right_group:
                x = self._put(shown[n][1], sizes[n], x, y, height)

    def _stretched(self, width: int, line: list[int], shown: list[tuple[int, QLayoutItem]],
                   sizes: list[QSize]) -> list[QSize]:
        """The line's sizes with its spare width shared by its stretching items."""
        shares = {n: self._stretch[shown[n][0]] for n in line if self._stretch[shown[n][0]]}
        spare = width - sum(sizes[n].width() for n in line) - self.spacing() * (len(line) - 1)
        if not shares or spare <= 0:
            return sizes
        sizes = list(sizes)
        total = sum(shares.values())
        for n, share in shares.items():
            grown = sizes[n].width() + spare * share // total
            sizes[n] = QSize(min(grown, shown[n][1].maximumSize().width()), sizes[n].height())
        return sizes

    def _put(self, item: QLayoutItem, size: QSize, x: int, y: int, height: int) -> int:
        item.setGeometry(QRect(QPoint(x, y + (height - size.height()) // 2), size))
        return x + size.width() + self.spacing()


def labelled(text: str, widget: QWidget) -> QWidget:
    """A caption and its control as one piece, so a wrapping row keeps them together."""
    pair = QWidget()
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text)
    label.setBuddy(widget)
    row.addWidget(label)
    row.addWidget(widget)
    return pair

