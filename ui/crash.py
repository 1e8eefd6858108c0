"""Unhandled errors: log them, then let the user continue or quit.

Every write in the program is one transaction, so what was saved before the error is
in the file; what the error interrupted was rolled back.

An *environment* error (db.errors.environment_error: a full disk, a locked or read-only
file …) is not a crash: wherever it was raised – a form's Spara, a dialog, a timer – the
user gets its Swedish message and what to do, not the crash dialog (docs/ARCHITECTURE.md,
"Errors"). Only bugs reach the crash dialog.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_NAME
from app.logs import log_file, setup_logging
from db.errors import DatabaseError, EnvironmentProblem, environment_error

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
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    problem = environment_error(exc, _open_database()) if exc is not None else None
    if problem is not None:
        log.warning("Miljöfel (%s), visat för användaren:\n%s", problem.kind, details)
    else:
        log.error("Ohanterat fel:\n%s", details)
    app = QApplication.instance()
    if app is None or _showing:
        sys.__excepthook__(exc_type, exc, tb)
        return
    _showing = True
    try:
        if problem is not None:
            show_environment_problem(problem)
        else:
            _show_crash_dialog(exc_type, exc, tb)
    finally:
        _showing = False


def _open_database() -> str | None:
    """The database open in the program's window, named in an environment message."""
    if QApplication.instance() is None:
        return None
    for window in QApplication.topLevelWidgets():
        path = getattr(getattr(window, "session", None), "path", None)
        if path is not None:
            return str(path)
    return None


def report_environment_error(exc: BaseException, parent=None, path=None) -> bool:
    """For a job's or a dialog's failure path: when ``exc`` is an environment problem,
    log it, show its message and return True; for a bug return False (the caller
    reports it as before)."""
    problem = environment_error(exc, path if path is not None else _open_database())
    if problem is None:
        return False
    log.warning("Miljöfel (%s), visat för användaren: %s: %s", problem.kind, type(exc).__name__, exc)
    show_environment_problem(problem, parent)
    return True


def show_environment_problem(problem: EnvironmentProblem, parent=None) -> None:
    """Tell the user about an environment problem (what was not saved, what to do).

    The job runner's failure path calls this too (or report_environment_error), for a
    failure that db.errors.environment_error recognises.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, f"{APP_NAME} – {problem.title}", problem.message,
                      parent=parent)
    box.setDefaultButton(box.addButton("Fortsätt arbeta", QMessageBox.ButtonRole.AcceptRole))
    box.exec()


def _show_crash_dialog(exc_type: type[BaseException], exc: BaseException,
                       tb: TracebackType | None) -> None:
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


def install() -> None:
    sys.excepthook = handle_exception
