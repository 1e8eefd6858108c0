"""Starting the GUI: QApplication, crash handler, choosing the database, main window."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QThreadPool, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from app import APP_ID, APP_NAME, __version__, config
from app.session import Session
from ui import crash, opening

log = logging.getLogger(__name__)

#: Set by bench/startup.py: print the time of the first paint of the main window
#: (``painted <seconds since the epoch>``), then the time its first area has been built
#: and painted too (``ready <…>``), and quit.
ENV_QUIT_AFTER_PAINT = "NAMNDKANSLI_QUIT_AFTER_PAINT"
#: Milliseconds after showing the window before its icon is set and it listens for files
#: from later starts (see _after_first_paint).
AFTER_PAINT_DELAY_MS = 300


class _FirstPaint(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"painted {time.time():.6f}", flush=True)
            obj.removeEventFilter(self)
            if self.window.area_pending:
                self.window.area_built.connect(lambda _key: QTimer.singleShot(0, self._ready))
            else:
                QTimer.singleShot(0, self._ready)
        return False

    def _ready(self) -> None:
        self.window.repaint()  # paints the area synchronously
        print(f"ready {time.time():.6f}", flush=True)
        QTimer.singleShot(0, QApplication.quit)


_qt_translator: QTranslator | None = None


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ID)
    app.setApplicationVersion(__version__)
    swedish = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
    QLocale.setDefault(swedish)
    _install_qt_translation(app, swedish)
    # Wayland/X11 match the window to namndkansli.desktop (its name and icon).
    app.setDesktopFileName(APP_ID)
    _register_areas()
    return app


def _install_qt_translation(app: QApplication, locale: QLocale) -> None:
    """Qt's own texts in Swedish: "Avbryt", "Ja", "Nej", "Visa detaljer…" instead of
    "Cancel", "Yes", "No", "Show Details…" on standard buttons and dialogs."""
    global _qt_translator
    if _qt_translator is not None:
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(locale, "qtbase", "_", folder):
        app.installTranslator(translator)
        _qt_translator = translator
    else:
        log.warning("Qt:s svenska översättning (qtbase_sv) saknas i %s", folder)


def set_window_icon(app: QApplication) -> None:
    """The program's icon on every window (after the first paint: loading it costs some
    15 ms, and the executable and the desktop entry carry the icon until then)."""
    from ui.icons import program_icon

    app.setWindowIcon(program_icon())


def _handed_over(args) -> bool:
    """A file given on the command line (a double-clicked .nkdb) goes to the program that
    is already running, if there is one (ui/single_instance.py)."""
    explicit = getattr(args, "fil", None) or args.db
    if not explicit or getattr(args, "demo", False):
        return False
    from ui import single_instance

    if single_instance.hand_over(Path(explicit)):
        print(f"{explicit} öppnas i {APP_NAME}-fönstret som redan är igång.")
        return True
    return False


def _after_first_paint(window) -> None:
    """What can wait until the window is on screen: the window icon, and receiving files
    from later starts (loading the network module)."""
    from ui import single_instance

    set_window_icon(QApplication.instance())
    window.instance_server = single_instance.serve(window)


def _register_areas() -> None:
    """Declare the areas (ui/areas.py); their modules load when first shown."""
    import ui.areas  # noqa: F401


def initial_session(args) -> Session | None:
    """The database to open at start: an explicit file, the demo, the last one used,
    or whatever the user chooses in the first-start dialog."""
    explicit = getattr(args, "fil", None) or args.db
    if getattr(args, "demo", False):
        return opening.open_demo(None)
    if explicit:
        return opening.open_session(None, Path(explicit))
    settings = config.load_settings()
    if settings.last_database and Path(settings.last_database).exists():
        session = opening.open_session(None, Path(settings.last_database))
        if session is not None:
            return session
    return opening.first_start(None)


def run(args) -> int:
    from ui.main_window import MainWindow

    app = make_application()
    crash.install()
    if _handed_over(args):
        return 0
    session = initial_session(args)
    if session is None:
        return 0
    window = MainWindow(session)
    if os.environ.get(ENV_QUIT_AFTER_PAINT):
        window.installEventFilter(_FirstPaint(window))
    window.show()
    QTimer.singleShot(AFTER_PAINT_DELAY_MS, window, lambda: _after_first_paint(window))
    try:
        return app.exec()
    finally:
        if window.session is not None:
            window.session.close()
        QThreadPool.globalInstance().waitForDone(10_000)
