"""Choosing and opening database files, with Swedish explanations when a file is refused."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, DB_SUFFIX, config
from app.session import Session
from app.upgrade import may_need_upgrade
from db.errors import DatabaseError

log = logging.getLogger(__name__)
FILE_FILTER = f"Nämndkansli-databaser (*{DB_SUFFIX} *.sqlite *.db);;Alla filer (*)"


def open_session(parent: QWidget | None, path: Path) -> Session | None:
    """Open ``path`` for editing, or explain in Swedish why not and return None. A file an
    older version wrote is upgraded first on a worker, with its progress shown
    (ui/upgrade_dialog.py); None when the user stopped that."""
    try:
        if may_need_upgrade(path):
            from ui.upgrade_dialog import upgrade_with_progress

            if not upgrade_with_progress(parent, path):
                return None
        return Session.open(path)
    except DatabaseError as exc:
        log.warning("Kunde inte öppna %s: %s", path, exc)
        QMessageBox.warning(parent, f"{APP_NAME} – kan inte öppna databasen", exc.message)
        return None


def open_demo(parent: QWidget | None, path: Path | None = None) -> Session | None:
    """Open the demo database, filling it with demo data when it is new or empty."""
    path = path or config.demo_database_path()
    session = open_session(parent, path)
    if session is not None and session.is_empty():
        # Imported only here: the demo content pulls in every area's services.
        from app.demo import populate

        populate(session.db)
    return session


def ask_new_path(parent: QWidget | None) -> Path | None:
    from ui.widgets.files import documents_folder  # only when asked: not on the way to the first paint

    # Proposed in Dokument, where the user keeps (and backs up) files, not in the
    # program's hidden data folder.
    proposed = documents_folder() / config.default_database_path().name
    name, _ = QFileDialog.getSaveFileName(parent, "Ny databas", str(proposed), FILE_FILTER)
    if not name:
        return None
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix(DB_SUFFIX)
    if path.exists():
        # The save dialog already asked to replace; a database is never overwritten
        # in place, so ask the user to remove it themselves.
        QMessageBox.warning(parent, "Ny databas",
                            f"{path} finns redan. Välj ett nytt namn, eller öppna den befintliga "
                            "filen med Arkiv → Öppna.")
        return None
    return path


def ask_open_path(parent: QWidget | None) -> Path | None:
    from ui.widgets.files import documents_folder

    name, _ = QFileDialog.getOpenFileName(parent, "Öppna databas", str(documents_folder()), FILE_FILTER)
    return Path(name) if name else None


class FirstStartDialog(QDialog):
    """Shown when the program starts with no database chosen: new, open, or demo."""

    NEW, OPEN, DEMO = "ny", "öppna", "demo"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Välkommen till {APP_NAME}")
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<h2>Välkommen till {APP_NAME}</h2>"
            "<p>Allt du arbetar med sparas i en databasfil på den här datorn. "
            "Hur vill du börja?</p>")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        for key, text, tip in (
            (self.NEW, "Skapa en ny, tom databas…", "Börja från början med din egen nämnd."),
            (self.OPEN, "Öppna en befintlig databas…", "T.ex. en fil du fått av en kollega."),
            (self.DEMO, "Prova med demodata",
             "En exempelnämnd med ledamöter och förvaltningar att prova på."),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _=False, k=key: self._choose(k))
            layout.addWidget(button)
            hint = QLabel(tip)
            hint.setObjectName(f"tips_{key}")
            hint.setWordWrap(True)
            # The palette's own text colour: grey hint text is hard to read.
            hint.setStyleSheet("margin-bottom: 6px;")
            layout.addWidget(hint)

    def _choose(self, key: str) -> None:
        self.choice = key
        self.accept()


def first_start(parent: QWidget | None = None) -> Session | None:
    """Ask until the user has an open database or gives up (returns None)."""
    while True:
        dialog = FirstStartDialog(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        session = None
        if dialog.choice == FirstStartDialog.DEMO:
            session = open_demo(parent)
        elif dialog.choice == FirstStartDialog.OPEN:
            path = ask_open_path(parent)
            session = open_session(parent, path) if path else None
        elif dialog.choice == FirstStartDialog.NEW:
            path = ask_new_path(parent)
            session = open_session(parent, path) if path else None
        if session is not None:
            return session
