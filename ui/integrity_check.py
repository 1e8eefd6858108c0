"""A large file is checked for damage right after the window has opened it.

Opening a file for editing runs SQLite's ``quick_check`` first, except on a file larger
than ``db.connection.QUICK_CHECK_MAX_BYTES``, where reading it all through would keep the
window off the screen for seconds. Such a file is checked here, on a worker, before its
first automatic backup: a damaged file must not be copied over the good copies the
backup rotation keeps (docs/ARCHITECTURE.md, Backups).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from db.connection import checked_before_opening, integrity_problems

if TYPE_CHECKING:
    from app.session import Session
    from ui.jobs import JobRunner

log = logging.getLogger(__name__)

#: The window title of the message about a damaged file.
TITLE = "Databasfilen är skadad"


def needed(session: Session) -> bool:
    """The file was opened without ``quick_check`` (it is large) and is checked now."""
    return not session.read_only and not checked_before_opening(session.path)


def check_then(window: QWidget, runner: JobRunner, session: Session, then: Callable[[], None]) -> None:
    """``quick_check`` of ``session``'s file on a worker; ``then()`` when it passed, the
    Swedish warning (and no ``then()``) when it did not."""
    path = session.path

    def job(_services, progress):
        return integrity_problems(path)

    def done(problems: list[str]) -> None:
        if not problems:
            log.info("Kontrollen av %s fann inga fel", path)
            then()
            return
        log.error("Kontrollen av %s fann fel: %s", path, problems[:5])
        QMessageBox.warning(
            window, TITLE,
            f"Kontrollen av databasfilen {path} hittade fel ({'; '.join(problems[:3])}).\n\n"
            "Filen kan vara skadad, och det som sparas i den kan gå förlorat. Dagens automatiska "
            "säkerhetskopia har inte tagits, så att de tidigare kopiorna finns kvar. Återställ den "
            "senaste kopian med Arkiv → Återställ säkerhetskopia, eller kontakta IT-stödet.")

    def failed(exc: BaseException, _tb: str) -> None:
        # Not a verdict on the file (it could not be read through just now): say so in
        # the log and take the backup as usual.
        log.warning("Kontrollen av %s kunde inte göras: %s", path, exc)
        then()

    runner.run(job, session=session, owner=window, on_done=done, on_error=failed,
               on_cancelled=lambda: None)
