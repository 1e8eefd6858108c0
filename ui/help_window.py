"""Hjälp → Handledning (F1): the user guide (app/guide.py, resources/guide/*.md) in a
window of its own beside the program, opened at the page of the area in view. The pages
are Markdown, shown by QTextBrowser as they are; links between pages and back/forward
work as in a web browser, links out of the guide open in the system's browser."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, guide


class HelpWindow(QWidget):
    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"Handledning – {APP_NAME}")
        self.setObjectName("handledning")
        self.resize(980, 640)
        self.folder = folder
        self.contents = QListWidget()
        self.contents.setObjectName("innehall")
        for page in guide.pages(folder):
            item = QListWidgetItem(page.title, self.contents)
            item.setData(Qt.ItemDataRole.UserRole, page.name)
        self.browser = QTextBrowser()
        self.browser.setObjectName("handledningstext")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(folder)])
        self.back_button = QPushButton("← Tillbaka")
        self.back_button.setToolTip("Föregående sida (Alt+Vänsterpil)")
        self.back_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.forward_button = QPushButton("Framåt →")
        self.forward_button.setToolTip("Nästa sida (Alt+Högerpil)")
        self.forward_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Forward))
        self.start_button = QPushButton("Innehåll")
        self.back_button.clicked.connect(lambda _=False: self.browser.backward())
        self.forward_button.clicked.connect(lambda _=False: self.browser.forward())
        self.start_button.clicked.connect(lambda _=False: self.show_page(guide.START_PAGE))
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.browser.sourceChanged.connect(self._source_changed)
        self.contents.currentItemChanged.connect(self._page_chosen)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)

        top = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.start_button):
            top.addWidget(button)
        top.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 750])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def show_page(self, name: str) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(self.folder / name)))

    @property
    def page(self) -> str:
        """The name of the page shown ("protokoll.md")."""
        return self.browser.source().fileName()

    def _page_chosen(self, item: QListWidgetItem | None, _previous) -> None:
        if item is not None and item.data(Qt.ItemDataRole.UserRole) != self.page:
            self.show_page(item.data(Qt.ItemDataRole.UserRole))

    def _source_changed(self, url: QUrl) -> None:
        # The contents follow links followed in the text. (The signal comes before
        # source() has the new address: the page is taken from its argument.)
        self.contents.blockSignals(True)
        for row in range(self.contents.count()):
            if self.contents.item(row).data(Qt.ItemDataRole.UserRole) == url.fileName():
                self.contents.setCurrentRow(row)
        self.contents.blockSignals(False)


def open_help(owner: QWidget, window: HelpWindow | None, area_key: str | None) -> HelpWindow | None:
    """Show the guide at the page of ``area_key`` in ``window`` (made when None) and bring
    it to the front; a Swedish message when the guide is missing from the installation."""
    if window is None:
        try:
            folder = guide.guide_dir()
        except FileNotFoundError as exc:
            QMessageBox.warning(owner, "Handledning", f"{exc}\n\nInstallera om programmet för att få "
                                "tillbaka den. Handledningen finns också som textfiler i programmets "
                                "källkod (resources/guide).")
            return None
        window = HelpWindow(folder, owner)
    window.show_page(guide.page_for_area(area_key))
    window.show()
    window.raise_()
    window.activateWindow()
    return window
