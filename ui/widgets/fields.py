"""Input fields: the one date field of the program, typed in any of the shapes people
write dates in or picked in a calendar."""

from __future__ import annotations

from datetime import date
from functools import cache

from PySide6.QtCore import QDate, QLocale, QPoint, QRect, Qt
from PySide6.QtGui import QIcon, QKeyEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QCalendarWidget, QLineEdit, QWidget

from app import clock
from app.excel_import.values import CellError, parse_date

ERROR_BORDER = "border: 1px solid #b3261e;"


class DateField(QLineEdit):
    """A date typed as 2022-02-28, 28/2 2022, 20220228 … or picked in the calendar that
    the button at the field's end (or Alt+Nedpil, F4) opens; empty is allowed, so optional
    dates stay optional (the service says when one is required). ``value`` is the date,
    None when empty, and raises ValueError with a Swedish text when unreadable. A readable
    date is shown as ÅÅÅÅ-MM-DD once the user leaves the field."""

    def __init__(self, value: str | date | None = None, placeholder: str = "ÅÅÅÅ-MM-DD", parent=None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setMaximumWidth(130)  # ÅÅÅÅ-MM-DD and the calendar button
        if value:
            self.setText(str(value))
        self.textChanged.connect(self._mark)
        self.editingFinished.connect(self._show_iso)
        self.calendar_action = self.addAction(calendar_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip("Välj datum i kalendern (Alt+Nedpil)")
        self.calendar_action.triggered.connect(lambda _=False: self.open_calendar())
        self.calendar: QCalendarWidget | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The keys a QDateEdit's calendar opens with.
        alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        if (alt_down or event.key() == Qt.Key.Key_F4) and not self.isReadOnly():
            self.open_calendar()
            event.accept()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> QCalendarWidget | None:
        """The calendar below the field, on the field's date (today when it has none);
        a click or Enter on a day puts it in the field, Esc closes it."""
        if self.isReadOnly() or not self.isEnabled():
            return None
        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setObjectName("kalender")
        popup.setLocale(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
        popup.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        popup.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
        start = self.quiet_value() or clock.today()
        popup.setSelectedDate(QDate(start.year, start.month, start.day))
        popup.clicked.connect(self._picked)
        popup.activated.connect(self._picked)
        popup.adjustSize()
        popup.move(self._popup_position(popup))
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.destroyed.connect(self._calendar_gone)
        self.calendar = popup
        popup.show()
        # As a popup's focus, so that the field does not count as left (no editingFinished).
        popup.setFocus(Qt.FocusReason.PopupFocusReason)
        return popup

    def _popup_position(self, popup: QWidget) -> QPoint:
        """Below the field, or above it when the screen ends first."""
        below = self.mapToGlobal(self.rect().bottomLeft())
        screen = self.screen().availableGeometry() if self.screen() else QRect()
        if screen.isValid() and below.y() + popup.height() > screen.bottom():
            return self.mapToGlobal(self.rect().topLeft()) - QPoint(0, popup.height())
        return below

    def _calendar_gone(self) -> None:
        self.calendar = None

    def _picked(self, day: QDate) -> None:
        text = day.toString("yyyy-MM-dd")
        if self.calendar is not None:
            self.calendar.close()
        self.setFocus()
        if text != self.text():
            self.setText(text)
            # A pick is the user's edit, and final, as typing and pressing Enter is.
            self.textEdited.emit(text)
        self.editingFinished.emit()

    def _show_iso(self) -> None:
        try:
            day = self.value()
        except ValueError:
            return  # left as typed, marked red with the reason
        if day is not None and self.text() != day.isoformat():
            self.setText(day.isoformat())

    def value(self) -> date | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            return parse_date(text)
        except CellError as exc:
            raise ValueError(str(exc)) from None

    def iso(self) -> str | None:
        """The ISO date, or the text as typed (the service then says what is wrong)."""
        try:
            d = self.value()
        except ValueError:
            return self.text().strip()
        return d.isoformat() if d else None

    def _mark(self) -> None:
        try:
            self.value()
            self.setStyleSheet("")
            self.setToolTip("")
        except ValueError as exc:
            self.setStyleSheet(ERROR_BORDER)
            self.setToolTip(str(exc))

    def quiet_value(self) -> date | None:
        """For filters: an unreadable date filters nothing."""
        try:
            return self.value()
        except ValueError:
            return None


@cache
def calendar_icon() -> QIcon:
    """A small calendar sheet in the palette's text colour (no icon theme on Windows)."""
    size = 16
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    colour = QApplication.palette().color(QPalette.ColorRole.Text)
    painter = QPainter(pixmap)
    painter.setPen(colour)
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(1, 2, 14, 4, colour)
    for row in (8, 11):
        for column in (3, 6, 9, 12):
            painter.fillRect(column, row, 2, 2, colour)
    painter.end()
    return QIcon(pixmap)
