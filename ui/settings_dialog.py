"""Program settings (per user, not per database)."""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app import config
from app.protokoll.signering import ROLE

#: Every order the three kinds of signature lines can sign in (app/protokoll/signering.py).
SIGNING_ORDERS = [list(order) for order in permutations(("sekreterare", "justerare", "ordforande"))]


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
        form.addRow(QLabel("<b>Digital justering</b>"))
        self.trust_roots = QLineEdit(settings.signing_trust_roots)
        self.trust_roots.setObjectName("signering_betrodda")
        self.trust_roots.setPlaceholderText("fil eller mapp med rotcertifikat (PEM/DER)")
        self.trust_roots.setToolTip("Signaturerna räknas som betrodda när certifikatet leder till ett "
                                    "av dessa certifikat (t.ex. SITHS- eller kommunens CA)")
        form.addRow("Betrodda utfärdare:", self.trust_roots)
        self.pkcs11_module = QLineEdit(settings.signing_pkcs11_module)
        self.pkcs11_module.setObjectName("signering_pkcs11")
        self.pkcs11_module.setPlaceholderText("kortläsarprogrammets PKCS#11-modul (.dll/.so)")
        form.addRow("PKCS#11-modul:", self.pkcs11_module)
        self.timestamp_url = QLineEdit(settings.signing_timestamp_url)
        self.timestamp_url.setObjectName("signering_tidsstampel")
        self.timestamp_url.setPlaceholderText("tomt: signera utan tidsstämpel")
        form.addRow("Tidsstämpelserver (RFC 3161):", self.timestamp_url)
        self.order = QComboBox()
        self.order.setObjectName("signering_ordning")
        for order in SIGNING_ORDERS:
            self.order.addItem(" → ".join(ROLE[role] for role in order), order)
        self.order.setCurrentIndex(max(0, SIGNING_ORDERS.index(settings.signing_order)
                                       if settings.signing_order in SIGNING_ORDERS else 0))
        form.addRow("Ordning för signaturer:", self.order)
        self.sign_anslag = QCheckBox("Anslaget signeras också digitalt (av sekreteraren)")
        self.sign_anslag.setObjectName("signering_anslag")
        self.sign_anslag.setChecked(settings.signing_anslag)
        form.addRow("", self.sign_anslag)
        self.error = QLabel()
        self.error.setObjectName("installningar_fel")
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.error)
        folder = QLabel(str(config.data_dir()))
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Datamapp:", folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form.addRow(buttons)

    @staticmethod
    def _spin(value: int, least: int, most: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(least, most)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def accept(self) -> None:
        roots = self.trust_roots.text().strip()
        url = self.timestamp_url.text().strip()
        problem = ""
        if roots and not Path(roots).exists():
            problem = f"Betrodda utfärdare: {roots} finns inte."
        elif url and not url.startswith(("http://", "https://")):
            problem = f"Tidsstämpelservern ska vara en webbadress (http:// eller https://), inte ”{url}”."
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.settings.signing_trust_roots = roots
        self.settings.signing_pkcs11_module = self.pkcs11_module.text().strip()
        self.settings.signing_timestamp_url = url
        self.settings.signing_order = self.order.currentData()
        self.settings.signing_anslag = self.sign_anslag.isChecked()
        self.settings.backups_to_keep = self.backups.value()
        self.settings.backup_days = self.days.value()
        self.settings.backup_weeks = self.weeks.value()
        self.settings.backup_months = self.months.value()
        self.settings.backup_max_gb = self.max_gb.value()
        config.save_settings(self.settings)
        super().accept()
