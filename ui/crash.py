"""Unhandled errors: log them, then let the user continue or quit.

Every write in the program is one transaction, so what was saved before the error is
in the file; what the error interrupted was rolled back.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_NAME
from app.logs import log_file, setup_logging
from db.errors import DatabaseError

log = logging.getLogger("namndkansli.crash")
_showing = False


def crash_message(exc: BaseException) -> str:
    if isinstance(exc, DatabaseError):
        return exc.message
    return (f"Ett oväntat fel inträffade i {APP_NAME}:\n\n{type(exc).__name__}: {exc}\n\n"
            "Det du redan har sparat finns kvar i databasen. Det du höll på med när felet "
            "inträffade sparades inte.\n\n"
            f"Felet har skrivits till loggfilen:\n{log_file()}")


def handle_exception(exc_type: type[BaseException], exc: BaseException,
                     tb: TracebackType | None) -> None:
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    setup_logging()  # normally done at start; makes sure the traceback reaches the file
    log.error("Ohanterat fel:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
    app = QApplication.instance()
    if app is None or _showing:
        sys.__excepthook__(exc_type, exc, tb)
        return
    _showing = True
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME} – fel", crash_message(exc))
        box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
        cont = box.addButton("Fortsätt arbeta", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Avsluta programmet", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(cont)
        box.exec()
        if box.clickedButton() is not cont:
            for window in QApplication.topLevelWidgets():
                window.close()
            QApplication.exit(1)
    finally:
        _showing = False


def install() -> None:
    sys.excepthook = handle_exception
