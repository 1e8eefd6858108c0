"""Sök i allt (Redigera → Sök i allt…, Ctrl+Shift+F; Ctrl+F is bold in the rich-text
fields): one field searching ärenden, protokoll, registers, plans, budget and the text of
bilagor, with the hits grouped by kind.

The search runs on a worker (ui/jobs.py) a moment after each keystroke, the last word
taken as the beginning of a word, so the window never waits on it; a result that arrives
after a newer search was started is dropped. ↓ goes from the field to the hits, Enter
opens the hit chosen (in the field: the first hit) in its area at its place and closes
the window; Esc closes it. The filters (kind, year, nämnd) search again at once.
"""

from __future__ import annotations

import logging
from functools import partial
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.sok import KINDS, Hit, SearchResult, SearchService
from ui import crash, jobs

log = logging.getLogger(__name__)

#: Milliseconds after the last keystroke before the search starts.
TYPING_PAUSE_MS = 150
#: Hits shown of each kind.
HITS_PER_KIND = 10
_ANY_YEAR = 1989


def _search_job(text: str, typ: str | None, ar: int | None, namnd: int | None, services, _progress):
    return SearchService(services.db).search(text, typ=typ, ar=ar, namnd=namnd, limit=HITS_PER_KIND,
                                             prefix_last=True)


class _SearchField(QLineEdit):
    """The field: ↓ moves to the hits, Enter opens the first one."""

    def __init__(self, window: SearchWindow):
        super().__init__()
        self._window = window

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self._window.focus_hits()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._window.open_current(first=True)
            return
        super().keyPressEvent(event)


class _HitTree(QTreeWidget):
    def __init__(self, window: SearchWindow):
        super().__init__()
        self._window = window

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._window.open_current()
            return
        super().keyPressEvent(event)


class SearchWindow(QDialog):
    def __init__(self, main_window: QWidget):
        super().__init__(main_window)
        self.main_window = main_window
        self.session = main_window.session
        self.setObjectName("sok_fonster")
        self.setWindowTitle("Sök i allt")
        self.setModal(False)
        self.resize(760, 520)
        self._sequence = 0
        self._shown: SearchResult | None = None

        self.field = _SearchField(self)
        self.field.setObjectName("sok_text")
        self.field.setPlaceholderText("Sök i ärenden, protokoll, register, planer, budget och bilagor "
                                      "(t.ex. hemtjänst, 2022/29, § 15)")
        self.kind = QComboBox()
        self.kind.setObjectName("sok_typ")
        self.kind.addItem("Alla sorter", None)
        for kind in KINDS:
            self.kind.addItem(kind.label, kind.name)
        self.year = QSpinBox()
        self.year.setObjectName("sok_ar")
        self.year.setRange(_ANY_YEAR, clock.today().year + 5)
        self.year.setSpecialValueText("Alla år")
        self.year.setValue(_ANY_YEAR)
        self.namnd = QComboBox()
        self.namnd.setObjectName("sok_namnd")
        self.namnd.addItem("Alla nämnder", None)
        for n in self.session.organisation.namnder():
            self.namnd.addItem(n.namn, n.id)
        filters = QHBoxLayout()
        for caption, widget in (("&Sort:", self.kind), ("&År:", self.year), ("&Nämnd:", self.namnd)):
            filters.addWidget(QLabel(caption, buddy=widget))
            filters.addWidget(widget)
        filters.addStretch(1)

        self.hits = _HitTree(self)
        self.hits.setObjectName("sok_traffar")
        self.hits.setHeaderLabels(["Träff", "Var"])
        self.hits.setColumnWidth(0, 470)
        self.hits.setRootIsDecorated(False)
        self.snippet = QLabel()
        self.snippet.setObjectName("sok_utdrag")
        self.snippet.setWordWrap(True)
        self.snippet.setTextFormat(Qt.TextFormat.RichText)
        self.status = QLabel("Skriv det du söker; alla ord ska finnas, ord* söker början på ord.")
        self.status.setObjectName("sok_status")

        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addLayout(filters)
        layout.addWidget(self.hits, 1)
        layout.addWidget(self.snippet)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.search)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.kind.currentIndexChanged.connect(lambda _i: self.search())
        self.year.valueChanged.connect(lambda _v: self.search())
        self.namnd.currentIndexChanged.connect(lambda _i: self.search())
        self.hits.currentItemChanged.connect(self._show_snippet)
        self.hits.itemActivated.connect(lambda _item, _col: self.open_current())

    # -- searching ----------------------------------------------------------------------
    def search(self) -> None:
        self._timer.stop()
        text = self.field.text()
        self._sequence += 1
        if not text.strip():
            self._show(SearchResult(text, ""), self._sequence)
            return
        year = self.year.value()
        job = partial(_search_job, text, self.kind.currentData(), None if year == _ANY_YEAR else year,
                      self.namnd.currentData())
        self.status.setText("Söker …")
        jobs.run(self, self.session, job, on_done=partial(self._show, sequence=self._sequence),
                 on_error=self._failed)

    def _failed(self, exc: BaseException, tb: str) -> None:
        if crash.report_environment_error(exc, self, self.session.path):
            self.status.setText("Sökningen kunde inte göras.")
            return
        log.error("Sökningen misslyckades:\n%s", tb)
        raise exc

    def _show(self, result: SearchResult, sequence: int) -> None:
        if sequence != self._sequence:
            return  # a newer search is under way
        self._shown = result
        self.hits.clear()
        first = None
        for group in result.groups:
            shown = len(group.hits)
            more = f", de {shown} bästa" if shown < group.total else ""
            head = QTreeWidgetItem([f"{group.label} ({group.total}{more})", ""])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.hits.addTopLevelItem(head)
            for hit in group.hits:
                page = f", sidan {hit.page}" if hit.page else ""
                item = QTreeWidgetItem([hit.title, f"{hit.where}{page}"])
                item.setData(0, Qt.ItemDataRole.UserRole, hit)
                item.setToolTip(0, hit.snippet_marked("", ""))
                self.hits.addTopLevelItem(item)
                if first is None:
                    first = item
        if first is not None:
            self.hits.setCurrentItem(first)
        else:
            self.snippet.clear()
        if not result.query:
            self.status.setText("Skriv det du söker; alla ord ska finnas, ord* söker början på ord.")
        elif not result.groups:
            self.status.setText(f"Inga träffar för ”{result.text}”.")
        else:
            self.status.setText(f"{result.total} träffar. ↓ till träffarna, Enter öppnar.")

    def _show_snippet(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        hit = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if hit is None:
            self.snippet.clear()
            return
        self.snippet.setText("".join(f"<b>{escape(text)}</b>" if marked else escape(text)
                                     for text, marked in hit.snippet_parts()))

    # -- keys -----------------------------------------------------------------------------
    def focus_hits(self) -> None:
        if self.hits.currentItem() is not None:
            self.hits.setFocus()

    def current_hit(self) -> Hit | None:
        item = self.hits.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def open_current(self, first: bool = False) -> None:
        """Open the hit chosen (``first``: the field's Enter, the first hit) and close."""
        if first and self._timer.isActive():
            return  # the hits shown are not yet those of the text in the field
        hit = self.current_hit()
        if hit is None:
            return
        from ui.sok.open_hit import open_hit

        self.hide()
        self.main_window.activateWindow()  # the keys go to the area shown
        message = open_hit(self.main_window, hit)
        if message:
            self.main_window.statusBar().showMessage(message, 8000)


def show_search(main_window) -> SearchWindow:
    """The main window's search window (made once per open database), shown with its
    field chosen."""
    window = getattr(main_window, "_search_window", None)
    if window is None or window.session is not main_window.session:
        if window is not None:
            window.deleteLater()
        window = SearchWindow(main_window)
        main_window._search_window = window
    window.show()
    window.raise_()
    window.activateWindow()
    window.field.setFocus()
    window.field.selectAll()
    return window
