"""Program settings (per user, not per database)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
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
        about = QLabel("En säkerhetskopia av databasen tas automatiskt högst en gång om dagen, när "
                       "den öppnas. Den senaste kopian från var och en av de senaste dagarna, veckorna "
                       "och månaderna sparas, och alla från det senaste dygnet – men aldrig fler eller "
                       "större än gränserna nedan: då tas de äldsta bort först.")
        about.setWordWrap(True)
        form.addRow(about)
        self.days = self._spin(settings.backup_days, 1, 60, " dagar")
        form.addRow("Spara en kopia per dag, för de senaste:", self.days)
        self.weeks = self._spin(settings.backup_weeks, 0, 52, " veckor")
        form.addRow("Spara en kopia per vecka, för de senaste:", self.weeks)
        self.months = self._spin(settings.backup_months, 0, 120, " månader")
        form.addRow("Spara en kopia per månad, för de senaste:", self.months)
        self.backups = self._spin(settings.backups_to_keep, 1, 200, " kopior")
        form.addRow("Högst antal säkerhetskopior per databas:", self.backups)
        self.max_gb = QDoubleSpinBox()
        self.max_gb.setRange(0.1, 10_000)
        self.max_gb.setDecimals(1)
        self.max_gb.setValue(settings.backup_max_gb)
        self.max_gb.setSuffix(" GB")
        form.addRow("Högst utrymme för en databas kopior:", self.max_gb)
        folder = QLabel(str(config.data_dir()))
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Datamapp:", folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @staticmethod
    def _spin(value: int, least: int, most: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(least, most)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def accept(self) -> None:
        self.settings.backups_to_keep = self.backups.value()
        self.settings.backup_days = self.days.value()
        self.settings.backup_weeks = self.weeks.value()
        self.settings.backup_months = self.months.value()
        self.settings.backup_max_gb = self.max_gb.value()
        config.save_settings(self.settings)
        super().accept()
