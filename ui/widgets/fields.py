"""Input fields: a date typed in any of the shapes people write dates in."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit

from app.excel_import.values import CellError, parse_date

ERROR_BORDER = "border: 1px solid #b3261e;"


class DateField(QLineEdit):
    """A date typed as 2022-02-28, 28/2 2022, 20220228 … (empty allowed). ``value`` is
    the date, None when empty, and raises ValueError with a Swedish text when unreadable."""

    def __init__(self, value: str | date | None = None, placeholder: str = "ÅÅÅÅ-MM-DD", parent=None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setMaximumWidth(130)
        if value:
            self.setText(str(value))
        self.textChanged.connect(self._mark)

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
