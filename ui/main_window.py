"""The main window: navigation between areas, menus, status bar, and the open database."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from app import APP_NAME, backup, config
from app.session import Session
from ui import opening
from ui.jobs import JobRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Area:
    """A part of the program in the navigation list. Later features append theirs."""

    key: str
    title: str
    factory: Callable[[Session, QWidget], QWidget]


#: The areas whose modules have been imported, each appended by its module.
AREAS: list[Area] = []


@dataclass(frozen=True)
class AreaEntry:
    """A line in the navigation: the title, and the module that registers the area,
    imported only when the area is first shown (None: registered already)."""

    key: str
    title: str
    module: str | None


_DECLARED: list[AreaEntry] = []


def declare_area(key: str, title: str, module: str) -> None:
    """List an area in the navigation without importing its module yet (ui/areas.py).

    The module must append ``Area(key, title, factory)`` to :data:`AREAS` when imported.
    Importing every area at start-up would cost more than the rest of start-up together.
    """
    if all(entry.key != key for entry in _DECLARED):
        _DECLARED.append(AreaEntry(key, title, module))


def navigation() -> list[AreaEntry]:
    """The areas in navigation order: the declared ones, then any registered directly."""
    declared = {entry.key for entry in _DECLARED}
    return [*_DECLARED, *(AreaEntry(a.key, a.title, None) for a in AREAS if a.key not in declared)]


def area_factory(entry: AreaEntry) -> Callable[[Session, QWidget], QWidget]:
    for attempt in range(2):
        for area in AREAS:
            if area.key == entry.key:
                return area.factory
        if attempt == 0 and entry.module:
            importlib.import_module(entry.module)
    raise LookupError(f"Området {entry.key!r} registrerades inte av {entry.module}.")

#: The automatic backup at opening waits this long, so that copying the file does not
#: compete with drawing the window and its first area.
BACKUP_DELAY_MS = 400


class MainWindow(QMainWindow):
    #: The key of an area whose widget has just been built.
    area_built = Signal(str)

    def __init__(self, session: Session, settings: config.Settings | None = None):
        super().__init__()
        self.settings = settings or config.load_settings()
        self.session: Session | None = None
        #: Every background job started in this window (ui/jobs.py); cancelled and
        #: waited for before the database is closed.
        self.job_runner = JobRunner(self)
        self._entries: list[AreaEntry] = []
        self._built: list[bool] = []
        # The first area is built right after the window's first paint, so that the
        # window appears before the area's modules and data have loaded.
        self._painted = False
        self.setMinimumSize(900, 600)
        self.resize(1200, 780)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        # Wide areas must not squeeze the navigation until its titles are cut off.
        self.nav.setMinimumWidth(150)
        self.nav.setMaximumWidth(230)
        self.stack = QStackedWidget()
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.nav.currentRowChanged.connect(self._show_area)

        self.db_label = QLabel()
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()
        if self.settings.geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.geometry.encode()))
        self.set_session(session)

    # -- menus --------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            # setShortcuts, not setShortcut: resolving setShortcut's overloads loads the
            # whole Qt namespace (~20 ms), and this runs before the first paint.
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        arkiv = self.menuBar().addMenu("&Arkiv")
        arkiv.addAction(self._action("&Ny databas…", self.new_database, QKeySequence.StandardKey.New))
        arkiv.addAction(self._action("Ö&ppna databas…", self.open_database,
                                     QKeySequence.StandardKey.Open))
        self.recent_menu = arkiv.addMenu("&Senast öppnade")
        arkiv.addAction(self._action("Öppna &demodatabasen", self.open_demo))
        arkiv.addSeparator()
        arkiv.addAction(self._action("Säkerhetskopiera &nu", self.backup_now, "Ctrl+Shift+B"))
        arkiv.addAction(self._action("&Återställ säkerhetskopia…", self.restore_backup))
        arkiv.addSeparator()
        arkiv.addAction(self._action("&Inställningar…", self.show_settings,
                                     QKeySequence.StandardKey.Preferences))
        arkiv.addSeparator()
        # Not StandardKey.Quit: Windows has no standard quit shortcut, so it would be empty.
        arkiv.addAction(self._action("&Avsluta", self.close, "Ctrl+Q"))

        self.view_menu = self.menuBar().addMenu("&Visa")

        hjalp = self.menuBar().addMenu("&Hjälp")
        hjalp.addAction(self._action("Öppna &loggmappen", self.open_log_folder))
        hjalp.addAction(self._action(f"&Om {APP_NAME}", self.show_about,
                                     QKeySequence.StandardKey.HelpContents))

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        current = str(self.session.path.resolve()) if self.session else ""
        files = [p for p in self.settings.recent_files if p != current]
        for i, name in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{i} {name}")
            action.triggered.connect(lambda _=False, n=name: self.switch_to(Path(n)))
        self.recent_menu.setEnabled(bool(files))

    # -- the open database ----------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        current = self.nav.currentRow()
        self.session = session
        self.settings.add_recent(session.path)
        config.save_settings(self.settings)
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.nav.clear()
        self.view_menu.clear()
        self._entries = navigation()
        self._built = [False] * len(self._entries)
        for i, entry in enumerate(self._entries):
            # Areas are built when first shown: start-up pays only for the visible one.
            # Rich text centres it without Qt.AlignmentFlag: loading the Qt namespace
            # costs ~20 ms, and this is on the way to the first paint.
            self.stack.addWidget(QLabel(f"<p align='center'><br>Läser in {entry.title} …</p>"))
            QListWidgetItem(entry.title, self.nav)
            action = self.view_menu.addAction(entry.title)
            if i < 9:
                action.setShortcuts([QKeySequence(f"Ctrl+{i + 1}")])
            action.triggered.connect(lambda _=False, row=i: self.nav.setCurrentRow(row))
        row = max(0, min(current, len(self._entries) - 1))
        if self.nav.currentRow() == row:
            self._show_area(row)
        else:
            self.nav.setCurrentRow(row)
        self.setWindowTitle(f"{session.path.name} – {APP_NAME}")
        self.db_label.setText(f"{session.path}  ·  schemaversion {session.schema_version}")
        self._refresh_recent()
        QTimer.singleShot(BACKUP_DELAY_MS, self, lambda s=session: self._backup_at_opening(s))

    def _backup_at_opening(self, session: Session) -> None:
        if self.session is session:  # not closed or replaced in the meantime
            self.start_rotating_backup()

    def ensure_area(self, row: int) -> QWidget | None:
        """The widget of area ``row``, built now if it has not been shown yet."""
        if not 0 <= row < len(self._built) or self.session is None:
            return None
        if not self._built[row]:
            placeholder = self.stack.widget(row)
            widget = area_factory(self._entries[row])(self.session, self)
            self.stack.insertWidget(row, widget)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[row] = True
            self.area_built.emit(self._entries[row].key)
        return self.stack.widget(row)

    @property
    def area_pending(self) -> bool:
        """The visible area is still a placeholder (until just after the first paint)."""
        row = self.stack.currentIndex()
        return 0 <= row < len(self._built) and not self._built[row]

    def _show_area(self, row: int) -> None:
        if not 0 <= row < len(self._entries):
            return
        if self._painted:
            self.ensure_area(row)
        self.stack.setCurrentIndex(row)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, lambda: self._show_area(self.nav.currentRow()))

    def switch_to(self, path: Path) -> None:
        if self.session is not None and path.resolve() == self.session.path.resolve():
            return
        if not path.exists():
            QMessageBox.warning(self, APP_NAME, f"Filen {path} finns inte längre.")
            self.settings.remove_recent(path)
            config.save_settings(self.settings)
            self._refresh_recent()
            return
        self._replace_session(lambda: opening.open_session(self, path))

    def areas_may_leave(self) -> bool:
        """Ask every built area to store what the user has typed but not yet saved.

        An area may define ``leave() -> bool``; False means it must stay (its text could
        not be stored and the user chose to keep editing). Called before the database
        is closed, so that nothing typed is lost by switching files or quitting."""
        for row, built in enumerate(self._built):
            leave = getattr(self.stack.widget(row), "leave", None) if built else None
            if callable(leave) and not leave():
                self.nav.setCurrentRow(row)
                return False
        return True

    def _replace_session(self, opener: Callable[[], Session | None]) -> None:
        if not self.areas_may_leave():
            return
        self.finish_jobs()
        # The lock must be released before reopening the same file, so close first
        # and reopen the old file if the new one cannot be opened.
        old_path = self.session.path if self.session else None
        if self.session is not None:
            self.session.close()
            self.session = None
        session = opener()
        if session is None and old_path is not None:
            session = opening.open_session(self, old_path)
        if session is None:
            self.close()
            return
        self.set_session(session)

    def new_database(self) -> None:
        path = opening.ask_new_path(self)
        if path is not None:
            self._replace_session(lambda: opening.open_session(self, path))

    def open_database(self) -> None:
        path = opening.ask_open_path(self)
        if path is not None:
            self.switch_to(path)

    def open_demo(self) -> None:
        self._replace_session(lambda: opening.open_demo(self))

    # -- backups --------------------------------------------------------------------------
    def start_rotating_backup(self, *, announce: bool = False) -> None:
        path, keep = self.session.path, self.settings.backups_to_keep

        def job(_services, progress):
            # The copy reads the file itself: the services' connection is never opened.
            return backup.rotate_backup(path, keep, progress.report, progress.is_cancelled)

        def ok(made: Path) -> None:
            self.statusBar().showMessage(f"Säkerhetskopia sparad: {made.name}", 5000)
            if announce:
                QMessageBox.information(self, "Säkerhetskopia", f"Säkerhetskopian sparades:\n{made}")

        def failed(exc: BaseException, _tb: str) -> None:
            log.warning("Säkerhetskopiering misslyckades: %s", exc)
            self.statusBar().showMessage(f"Säkerhetskopieringen misslyckades: {exc}", 10000)

        self.job_runner.run(job, session=self.session, owner=self, on_done=ok, on_error=failed)

    def backup_now(self) -> None:
        self.start_rotating_backup(announce=True)

    def restore_backup(self) -> None:
        from ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.session.path, self)
        if dialog.exec() and dialog.selected is not None:
            copy = dialog.selected
            path = self.session.path
            keep = self.settings.backups_to_keep

            restored = []

            def restore() -> Session | None:
                try:
                    backup.restore_backup(copy.path, path, keep)
                    restored.append(copy)
                except Exception as exc:  # whatever it was, the file must be reopened
                    log.exception("Återställning misslyckades")
                    QMessageBox.warning(self, "Återställ säkerhetskopia",
                                        f"Säkerhetskopian från {copy.label} återställdes inte.\n\n{exc}")
                return opening.open_session(self, path)

            self._replace_session(restore)
            if restored:  # not "återställd" when it was not
                self.statusBar().showMessage(f"Säkerhetskopian från {copy.label} har återställts.", 10000)

    def show_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        SettingsDialog(self.settings, self).exec()

    # -- help -----------------------------------------------------------------------------
    def open_log_folder(self) -> None:
        config.log_dir().mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(config.log_dir())))

    def show_about(self) -> None:
        from ui.about_dialog import AboutDialog

        AboutDialog(self.session.path if self.session else None, self).open()

    # -- closing --------------------------------------------------------------------------
    def finish_jobs(self, timeout: float | None = None) -> bool:
        """Cancel the background jobs and wait for them (bounded) before the database is
        closed; tell the user when one did not stop in time. True when none runs."""
        from ui import jobs

        running = self.job_runner.running
        if not running:
            return True
        self.statusBar().showMessage("Avbryter arbetet som pågår …")
        stopped = self.job_runner.shutdown(jobs.WAIT_SECONDS if timeout is None else timeout)
        self.statusBar().clearMessage()
        if not stopped:
            log.warning("%d bakgrundsjobb avslutades inte i tid", len(self.job_runner.running))
            self.jobs_left_running()
        return stopped

    def jobs_left_running(self) -> None:
        QMessageBox.warning(self, APP_NAME, "Ett arbete som pågick i bakgrunden avslutades inte i tid. "
                                            "Det som arbetet inte hann spara har inte sparats.")

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session is not None and not self.areas_may_leave():
            event.ignore()
            return
        self.finish_jobs()
        self.settings.geometry = bytes(self.saveGeometry().toBase64()).decode()
        config.save_settings(self.settings)
        if self.session is not None:
            self.session.close()
            self.session = None
        event.accept()
        super().closeEvent(event)


def area_widget(window: MainWindow, key: str) -> QWidget | None:
    """The widget of area ``key`` (for tests and cross-area navigation)."""
    for i, entry in enumerate(window._entries):
        if entry.key == key:
            return window.ensure_area(i)
    return None

