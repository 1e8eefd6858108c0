"""Program settings (per user, not per database)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from app import config


class SettingsDialog(QDialog):
    def __init__(self, settings: config.Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Inställningar")
        self.settings = settings
        form = QFormLayout(self)
        self.backups = QSpinBox()
        self.backups.setRange(1, 100)
        self.backups.setValue(settings.backups_to_keep)
        self.backups.setSuffix(" kopior")
        self.backups.setToolTip("En säkerhetskopia tas varje gång en databas öppnas; "
                                "de äldsta tas bort när antalet överskrids.")
        form.addRow("Säkerhetskopior att spara per databas:", self.backups)
        folder = QLabel(str(config.data_dir()))
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Datamapp:", folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        self.settings.backups_to_keep = self.backups.value()
        config.save_settings(self.settings)
        super().accept()
