"""Arkiv → Verifiera PDF…: is a PDF someone hands over byte-identical to a document the
program stored (a justerat protokoll, an utdrag or a kallelse as sent)? The same check
as ``namndkansli verifiera`` (app/verification.py), shown in a message box."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.session import Session
from ui.widgets import files

TITLE = "Verifiera PDF"


def verify_pdf(parent: QWidget, session: Session, path: Path | None = None) -> QMessageBox | None:
    """Ask for a PDF (unless ``path`` is given), check it and show the answer in a
    window-modal box, returned so that the caller keeps it alive. None when no file
    was chosen."""
    if path is None:
        chosen = files.ask_open_pdfs(parent, "Välj PDF-filen att verifiera", several=False)
        if not chosen:
            return None
        path = chosen[0]
    try:
        found = session.verification.identify_file(path)
    except OSError as exc:
        box = QMessageBox(QMessageBox.Icon.Warning, TITLE,
                          f"Filen {path} kan inte läsas: {exc.strerror or exc}.", parent=parent)
    else:
        lines = found.lines(path.name)
        icon = QMessageBox.Icon.Information if found.identical else QMessageBox.Icon.Warning
        box = QMessageBox(icon, TITLE, lines[0], parent=parent)
        box.setInformativeText("\n\n".join(lines[1:]))
    box.setObjectName("verifiera_resultat")
    # The SHA-256 can be selected and copied, to compare it with the anslag's.
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box
