"""The main window: navigation between areas, menus, status bar, and the open database."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, config
from app.session import Session
from db.errors import READ_ONLY_NOTICE
from ui import opening, window_state
from ui.area_registry import AREAS, Area, AreaEntry, area_factory, declare_area, navigation
from ui.jobs import JobRunner
from ui.tasks import Task

if TYPE_CHECKING:
    from ui.undo import UndoHistory

log = logging.getLogger(__name__)

# The area registry lives in ui/area_registry.py; its names are also reached from here,
# where the areas and the tests have always imported them.
__all__ = ["AREAS", "Area", "AreaEntry", "MainWindow", "area_factory", "area_widget", "declare_area",
           "navigation"]


#: The smallest window: the areas are laid out to work at 1024×600.
MINIMUM_SIZE = QSize(960, 540)
#: The automatic backup at opening waits this long, so that copying the file does not
#: compete with drawing the window and its first area.
BACKUP_DELAY_MS = 400
#: While the window stays open, it looks this often whether the day's backup is due
#: (a window left open over night takes the next day's copy).
BACKUP_CHECK_MS = 60 * 60 * 1000


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
        self.help_window = None  # ui/help_window.py, made at the first F1
        self._backup_timer: QTimer | None = None
        self._backup_task: Task | None = None
        self._integrity_checked: Session | None = None  # the session whose file was checked
        self._entries: list[AreaEntry] = []
        self._built: list[bool] = []
        # The first area is built right after the window's first paint, so that the
        # window appears before the area's modules and data have loaded.
        self._painted = False
        # About what the areas' layouts need (they fit a 1024×600 window,
        # tests/test_laptop_screen.py); set before the window is shown, since a window
        # whose minimum follows its layouts would tell the platform anew for every area.
        self.setMinimumSize(MINIMUM_SIZE)

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
        # The navigation as wide as its titles need; the areas get the rest.
        titles = max((self.nav.fontMetrics().horizontalAdvance(entry.title) for entry in navigation()),
                     default=0)
        splitter.setSizes([max(150, titles + 40), 10_000])
        self.main_splitter = splitter
        # Above everything while the file is read-only (set_session shows it).
        self.read_only_banner = QLabel(READ_ONLY_NOTICE)
        self.read_only_banner.setObjectName("read_only_banner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet("background: #fff3cd; color: #664d03; padding: 6px 10px; "
                                            "border-bottom: 1px solid #e0c36a;")
        self.read_only_banner.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_area)

        self.db_label = QLabel()
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()
        # The saved size and place, or one that fits the screen; inside the screen either way.
        window_state.place(self, self.settings.geometry)
        window_state.restore_splitters("fönster", splitter, self.settings.splitters)
        self._starting = True
        self.set_session(session)
        self._starting = False

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
        self.restore_action = self._action("&Återställ säkerhetskopia…", self.restore_backup)
        arkiv.addAction(self.restore_action)
        arkiv.addSeparator()
        arkiv.addAction(self._action("&Verifiera PDF…", self.verify_pdf))
        arkiv.addSeparator()
        arkiv.addAction(self._action("&Inställningar…", self.show_settings,
                                     QKeySequence.StandardKey.Preferences))
        arkiv.addSeparator()
        # Not StandardKey.Quit: Windows has no standard quit shortcut, so it would be empty.
        arkiv.addAction(self._action("&Avsluta", self.close, "Ctrl+Q"))

        # Ångra/Gör om: in the text field with focus its own typing, otherwise the steps
        # of the open database (ui/undo.py). Ctrl+Y on every platform, as in Office.
        # No mnemonic: each letter of "Redigera" is already an area's (Ve&rksamheter,
        # Inv&esteringar, &Dnr, &Internbudget, Behöver &granskas, &Arkiv), and
        # tests/test_shortcuts.py fails on a collision; Ctrl+Z/Ctrl+Y and F10 reach it.
        redigera = self.menuBar().addMenu("Redigera")
        self.undo_action = self._action("Ångra", self.undo_step, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action("Gör om", self.redo_step, "Ctrl+Y")
        redigera.addAction(self.undo_action)
        redigera.addAction(self.redo_action)
        redigera.addSeparator()
        # Ctrl+Shift+F, not Ctrl+F: that is bold in the rich-text fields (as in Office).
        redigera.addAction(self._action("Sök i allt…", self.show_search, "Ctrl+Shift+F"))
        self.edit_menu = redigera
        self._history: UndoHistory | None = None

        self.view_menu = self.menuBar().addMenu("&Visa")

        hjalp = self.menuBar().addMenu("&Hjälp")
        # F1 opens the guide at the page of the area in view; the license is under Om.
        hjalp.addAction(self._action("&Handledning", self.show_help, QKeySequence.StandardKey.HelpContents))
        hjalp.addSeparator()
        hjalp.addAction(self._action("Öppna &loggmappen", self.open_log_folder))
        hjalp.addAction(self._action(f"&Om {APP_NAME}", self.show_about))

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        current = str(self.session.path.resolve()) if self.session else ""
        files = [p for p in self.settings.recent_files if p != current]
        for i, name in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{i} {name}")
            action.triggered.connect(lambda _=False, n=name: self.switch_to(Path(n)))
        self.recent_menu.setEnabled(bool(files))

    # -- Redigera --------------------------------------------------------------------------
    def _connect_history(self, session: Session) -> None:
        from ui.undo import UndoHistory

        old = self._history
        if old is not None:
            if old.session() is session:
                return
            old.stack.indexChanged.disconnect(self._refresh_edit_menu)
            old.clear()  # another database: its steps are gone
            old.deleteLater()
        # Owned by the window: its steps (which call the areas' services) go with it.
        history = self._history = UndoHistory(session, self)
        history.stack.indexChanged.connect(self._refresh_edit_menu)
        history.failed.connect(self._undo_failed)
        history.done.connect(self._undo_done)
        self._refresh_edit_menu()

    def _refresh_edit_menu(self, *_args) -> None:
        history = self._history
        can_undo = history is not None and history.can_undo()
        can_redo = history is not None and history.can_redo()
        self.undo_action.setText(f"Ångra {history.undo_text()}" if can_undo and history else "Ångra")
        self.redo_action.setText(f"Gör om {history.redo_text()}" if can_redo and history else "Gör om")

    def history(self) -> UndoHistory | None:
        """The steps of the open database (ui/undo.py). Made when first asked for or
        right after the first paint: ui.undo is not needed to show the window."""
        if self.session is not None:
            self._connect_history(self.session)
        return self._history

    def history_can_undo(self) -> bool:
        return self._history is not None and self._history.can_undo()

    def _undo_failed(self, message: str) -> None:
        self.statusBar().showMessage(message)

    def _undo_done(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def undo_step(self) -> None:
        from ui.widgets import keys  # on the first Ctrl+Z, not on the way to the first paint

        if not keys.undo_in_field() and self._history is not None:
            self._history.undo()

    def redo_step(self) -> None:
        from ui.widgets import keys

        if not keys.undo_in_field(redo=True) and self._history is not None:
            self._history.redo()

    # -- the open database ----------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        current = self.nav.currentRow()
        self.session = session
        if self._painted:  # at start the history follows the first paint (history())
            self._connect_history(session)
        self.settings.add_recent(session.path)
        if not self._starting:  # at start it is written right after the first paint
            config.save_settings(self.settings)
        self._remember_layout()
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        # Emptying the list moves its current row, which would show an area of the old
        # file while the stack is already empty; the new file's row is set below.
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        self.view_menu.clear()
        self._entries = navigation()
        self._built = [False] * len(self._entries)
        for i, entry in enumerate(self._entries):
            # Areas are built when first shown: start-up pays only for the visible one.
            # Rich text centres it without Qt.AlignmentFlag: loading the Qt namespace
            # costs ~20 ms, and this is on the way to the first paint.
            self.stack.addWidget(QLabel(f"<p align='center'><br>Läser in {entry.title} …</p>"))
            QListWidgetItem(entry.title, self.nav)  # icon and tooltip: _decorate_navigation
            action = self.view_menu.addAction(entry.title)
            if i < 9:
                action.setShortcuts([QKeySequence(f"Ctrl+{i + 1}")])
            action.triggered.connect(lambda _=False, row=i: self.nav.setCurrentRow(row))
        if self._painted:  # another database opened: at start they follow the first paint
            self._decorate_navigation()
        row = max(0, min(current, len(self._entries) - 1))
        if self.nav.currentRow() == row:
            self._show_area(row)
        else:
            self.nav.setCurrentRow(row)
        read_only = session.read_only
        self.setWindowTitle(f"{session.path.name}{' (skrivskyddad)' if read_only else ''} – {APP_NAME}")
        # The file the user works in; the schema version is for Hjälp → Om.
        self.db_label.setText(f"{session.path}{'  ·  skrivskyddad' if read_only else ''}")
        # Reading, printing and exporting work; a save is refused with READ_ONLY_NOTICE
        # (db.errors), and restoring a copy over the file cannot work at all.
        self.read_only_banner.setVisible(read_only)
        self.restore_action.setEnabled(not read_only)
        self._refresh_recent()
        QTimer.singleShot(BACKUP_DELAY_MS, self, lambda s=session: self._backup_at_opening(s))
        if self._backup_timer is None:
            self._backup_timer = QTimer(self)
            self._backup_timer.setInterval(BACKUP_CHECK_MS)
            self._backup_timer.timeout.connect(lambda: self._backup_at_opening(self.session))
            self._backup_timer.start()

    def _backup_at_opening(self, session: Session | None) -> None:
        if session is None or self.session is not session:  # closed or replaced meanwhile
            return
        if session is not self._integrity_checked:
            # A large file was opened without quick_check: checked first, then copied.
            self._integrity_checked = session
            from ui import integrity_check

            if integrity_check.needed(session):
                integrity_check.check_then(self, self.job_runner, session, self.start_automatic_backup)
                return
        self.start_automatic_backup()

    def ensure_area(self, row: int) -> QWidget | None:
        """The widget of area ``row``, built now if it has not been shown yet."""
        if not 0 <= row < len(self._built) or self.session is None:
            return None
        if not self._built[row]:
            placeholder = self.stack.widget(row)
            widget = area_factory(self._entries[row])(self.session, self)
            window_state.restore_splitters(self._entries[row].key, widget, self.settings.splitters)
            self.stack.insertWidget(row, widget)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[row] = True
            self.area_built.emit(self._entries[row].key)
        return self.stack.widget(row)

    def show_area(self, key: str) -> QWidget | None:
        """Show area ``key`` as if it were chosen in the navigation (a link from another
        area: ”Lägg först till en nämnd under Organisation”). The area, or None."""
        for row, entry in enumerate(self._entries):
            if entry.key == key:
                self.nav.setCurrentRow(row)
                return self.ensure_area(row)
        return None

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
            QTimer.singleShot(0, self, self._decorate_navigation)
            QTimer.singleShot(0, self, self.history)
            QTimer.singleShot(0, self, lambda: config.save_settings(self.settings))

    def _decorate_navigation(self) -> None:
        """The navigation's icons and Ctrl+N tooltips, after the first paint: the style's
        icons cost about 10 ms to load (bench/startup.py)."""
        from ui.navigation_icons import area_icon, shortcut_hint

        for i, entry in enumerate(self._entries):
            item = self.nav.item(i)
            if item is not None:
                item.setIcon(area_icon(self.nav, entry.key))
                item.setToolTip(shortcut_hint(entry.title, i))

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
        is closed, so that nothing typed is lost by switching files or quitting. A
        read-only file can store nothing (the banner says so, and every Spara says it
        again), so there is nothing to ask then."""
        if self.session is not None and self.session.read_only:
            return True
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
    def start_automatic_backup(self) -> None:
        """The day's copy, on a worker and without a dialog: at most one a day (none when
        a copy has been taken today), and first what an interrupted copy left behind is
        removed (app/backup.py automatic_backup)."""
        from app import backup  # after the first paint (bench/startup.py)

        self._start_backup(backup.automatic_backup)

    def start_rotating_backup(self, *, announce: bool = False) -> None:
        """A copy now ("Säkerhetskopiera nu"), on a worker."""
        from app import backup

        self._start_backup(backup.rotate_backup, announce=announce)

    def _start_backup(self, take, *, announce: bool = False) -> None:
        if self._backup_running():
            # One copy at a time (the hourly check, or a click, while a long copy runs).
            if announce:
                self.statusBar().showMessage("En säkerhetskopia tas redan; vänta tills den är klar.", 5000)
            return
        path = self.session.path
        from app import backup

        retention = backup.Retention.from_settings(self.settings)

        def job(_services, progress):
            # The copy reads the file itself: the services' connection is never opened.
            # No steps reported: nothing shows them for the copy taken in the background;
            # Avbryt (quitting) is still asked between steps.
            return take(path, retention, None, progress.is_cancelled)

        def ok(made: Path | None) -> None:
            if made is None:
                return  # today's copy exists already
            self.statusBar().showMessage(f"Säkerhetskopia sparad: {made.name}", 5000)
            if announce:
                QMessageBox.information(self, "Säkerhetskopia", f"Säkerhetskopian sparades:\n{made}")

        def failed(exc: BaseException, _tb: str) -> None:
            log.warning("Säkerhetskopiering misslyckades: %s", exc)
            self.statusBar().showMessage(f"Säkerhetskopieringen misslyckades: {exc}", 10000)
            if announce:
                QMessageBox.warning(self, "Säkerhetskopia", f"Säkerhetskopian kunde inte tas.\n\n{exc}")

        def cancelled() -> None:  # the window closing or switching files: the partial copy is gone
            log.info("Säkerhetskopieringen avbröts")

        self._backup_task = self.job_runner.run(job, session=self.session, owner=self, on_done=ok,
                                                on_error=failed, on_cancelled=cancelled)

    def _backup_running(self) -> bool:
        return self._backup_task is not None and not self._backup_task.ended.is_set()

    def backup_now(self) -> None:
        self.start_rotating_backup(announce=True)

    def restore_backup(self) -> None:
        from app import backup
        from ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.session.path, self)
        if dialog.exec() and dialog.selected is not None:
            copy = dialog.selected
            path = self.session.path
            retention = backup.Retention.from_settings(self.settings)

            restored = []

            def restore() -> Session | None:
                try:
                    backup.restore_backup(copy.path, path, retention)
                    restored.append(copy)
                except Exception as exc:  # whatever it was, the file must be reopened
                    log.exception("Återställning misslyckades")
                    QMessageBox.warning(self, "Återställ säkerhetskopia",
                                        f"Säkerhetskopian från {copy.label} återställdes inte.\n\n{exc}")
                return opening.open_session(self, path)

            self._replace_session(restore)
            if restored:  # not "återställd" when it was not
                self.statusBar().showMessage(f"Säkerhetskopian från {copy.label} har återställts.", 10000)

    def verify_pdf(self) -> None:
        """Is a PDF byte-identical to a document stored in the open database?"""
        from ui.verification import verify_pdf

        if self.session is not None:
            self.verify_box = verify_pdf(self, self.session)

    def show_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        SettingsDialog(self.settings, self).exec()

    # -- help -----------------------------------------------------------------------------
    def show_search(self) -> None:
        from ui.sok.search_window import show_search  # on first use, not before the first paint

        if self.session is not None:
            show_search(self)

    def show_help(self) -> None:
        """The user guide (ui/help_window.py) at the page of the area in view."""
        from ui.help_window import open_help

        row = self.stack.currentIndex()
        key = self._entries[row].key if 0 <= row < len(self._entries) else None
        self.help_window = open_help(self, self.help_window, key)

    def open_log_folder(self) -> None:
        config.log_dir().mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(config.log_dir())))

    def show_about(self) -> None:
        from ui.about_dialog import AboutDialog

        AboutDialog(self.session.path if self.session else None, self,
                    schema_version=self.session.schema_version if self.session else None).open()

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

    def _remember_layout(self) -> None:
        """Keep where the user has put the splitters, for the next start (saved with the
        settings when the window closes)."""
        window_state.remember_splitters("fönster", self.main_splitter, self.settings.splitters)
        for row, built in enumerate(self._built):
            if built:
                window_state.remember_splitters(self._entries[row].key, self.stack.widget(row),
                                                self.settings.splitters)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session is not None and not self.areas_may_leave():
            event.ignore()
            return
        self.finish_jobs()
        self.settings.geometry = window_state.saved_geometry(self)
        self._remember_layout()
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

