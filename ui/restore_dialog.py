"""Choose a backup copy to restore, with a confirmation that names its time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app import backup
from app.numbers import format_bytes


class RestoreDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Återställ säkerhetskopia")
        self.db_path = db_path
        self.selected: backup.BackupCopy | None = None
        self.copies = backup.list_backups(db_path)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Säkerhetskopior av {db_path.name}, nyaste först:"))
        self.list = QListWidget()
        for copy in self.copies:
            size = format_bytes(copy.path.stat().st_size)
            QListWidgetItem(f"{copy.label}    ({size})", self.list)
        if self.copies:
            self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        if not self.copies:
            layout.addWidget(QLabel("Det finns inga säkerhetskopior av den här databasen ännu."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("Återställ…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(self.copies))
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self._confirm())
        layout.addWidget(buttons)

    def _confirm(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        copy = self.copies[row]
        answer = QMessageBox.question(
            self, "Återställ säkerhetskopia",
            f"Vill du återställa säkerhetskopian från {copy.label}?\n\n"
            f"Allt som ändrats i {self.db_path.name} efter den tidpunkten ersätts. "
            "Databasens nuvarande innehåll sparas först som en ny säkerhetskopia, så att "
            "du kan ångra återställningen.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.selected = copy
            self.accept()
