"""Digital justering in the Justering tab (app/protokoll/signering.py): who has signed
and who signs next, "Signera digitalt…" (a PKCS#12 file and its password, or a card
or token through its PKCS#11 module and the PIN), and the round trip through an
e-signing service: "Exportera för signering…" and "Importera signerad fil…". Signing,
checking and storing run on a worker (ui/jobs.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes
from app.config import load_settings
from app.meetings.documents import write_atomically
from app.pdf import pades
from app.protokoll.model import Justering
from app.validation import FieldError, ValidationError
from ui import jobs
from ui.widgets import files
from ui.widgets.dialogs import RecordDialog, open_dialog
from ui.widgets.flow import FlowLayout
from ui.widgets.status import StatusLine


def signera_job(justering_id: int, nyckel: pades.Key, ordning: list[str], tidsstampel_url: str):
    def job(services, progress):
        progress.report(0, 1)
        signed = services.protokoll.signera(justering_id, nyckel, ordning=ordning,
                                            tidsstampel_url=tidsstampel_url or None)
        progress.report(1, 1)
        return signed

    return job


def importera_job(justering_id: int, path: Path):
    def job(services, progress):
        progress.report(0, 1)
        return services.protokoll.importera_signerad_fil(justering_id, path)

    return job


def exportera_job(justering_id: int, out: Path):
    def job(services, progress):
        write_atomically(out, services.protokoll.signerad_pdf(justering_id))
        return out

    return job


class SigneraDialog(RecordDialog):
    """The key to sign with: a PKCS#12 file with its password, or a card or token
    (PKCS#11 module from Inställningar, the token's name, the PIN). ``result_record``
    is the :data:`app.pdf.pades.Key`."""

    def __init__(self, vem: str, parent: QWidget | None = None):
        super().__init__("Signera digitalt", parent)
        self.save_button.setText("Signera")
        self.save_button.setObjectName("signera")
        intro = QLabel(f"Nu signerar {vem}.")
        intro.setObjectName("signera_vem")
        intro.setWordWrap(True)
        self.form_layout.addRow(intro)
        self.fil_val = QRadioButton("&Nyckelfil (PKCS#12, .p12/.pfx)")
        self.fil_val.setObjectName("nyckel_fil_val")
        self.kort_val = QRadioButton("&Kort eller token (PKCS#11)")
        self.kort_val.setObjectName("nyckel_kort_val")
        self.fil_val.setChecked(True)
        self.fil = QLineEdit()
        self.fil.setObjectName("nyckelfil")
        bladdra = QPushButton("Välj…")
        bladdra.setObjectName("valj_nyckelfil")
        bladdra.clicked.connect(lambda _=False: self._choose_file())
        row = QHBoxLayout()
        row.addWidget(self.fil, 1)
        row.addWidget(bladdra)
        self.losenord = QLineEdit()
        self.losenord.setObjectName("nyckel_losenord")
        self.losenord.setEchoMode(QLineEdit.EchoMode.Password)
        self.modul = QLineEdit(load_settings().signing_pkcs11_module)
        self.modul.setObjectName("pkcs11_modul")
        self.token = QLineEdit()
        self.token.setObjectName("pkcs11_token")
        self.pin = QLineEdit()
        self.pin.setObjectName("pkcs11_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.form_layout.addRow(self.fil_val)
        self.form.add("fil", "&Fil:", _holder(row))
        self.form.add("losenord", "&Lösenord:", self.losenord)
        self.form_layout.addRow(self.kort_val)
        self.form.add("modul", "&Modul:", self.modul)
        self.form.add("token", "&Token:", self.token)
        self.form.add("pin", "&PIN:", self.pin)
        self.form.add("nyckel", "", QLabel())
        self.fil_val.toggled.connect(lambda _on: self._show_choice())
        self._show_choice()
        self.finish_layout()

    def _show_choice(self) -> None:
        on_file = self.fil_val.isChecked()
        for w in (self.fil, self.losenord):
            w.setEnabled(on_file)
        for w in (self.modul, self.token, self.pin):
            w.setEnabled(not on_file)

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Välj nyckelfil", "",
                                              "PKCS#12 (*.p12 *.pfx);;Alla filer (*)")
        if name:
            self.fil.setText(name)

    def build(self) -> pades.Key:
        if self.fil_val.isChecked():
            path = self.fil.text().strip()
            if not path or not Path(path).is_file():
                raise ValidationError([FieldError("fil", "Välj nyckelfilen (.p12 eller .pfx)." if not path
                                                  else f"Filen {path} finns inte.")])
            return pades.Pkcs12Key(Path(path), self.losenord.text())
        errors = [FieldError(f, text) for f, value, text in (
            ("modul", self.modul.text().strip(), "Ange sökvägen till kortets PKCS#11-modul."),
            ("token", self.token.text().strip(), "Ange kortets eller tokens namn."),
            ("pin", self.pin.text(), "Ange PIN-koden.")) if not value]
        if errors:
            raise ValidationError(errors)
        return pades.Pkcs11Key(Path(self.modul.text().strip()), self.token.text().strip(), self.pin.text())

    def store(self, record: pades.Key) -> pades.Key:
        return record


def _holder(layout) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget


class SigneringPanel(QGroupBox):
    """The digital justering of the protokoll's justering (hidden until justerat)."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__("Digital justering", parent)
        self.setObjectName("digital_justering")
        self.session = session
        self.justering: Justering | None = None
        self.dialog = None
        self.task = None
        self.state = QLabel()
        self.state.setObjectName("signering_status")
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.signera_button = QPushButton("Signera digitalt…")
        self.signera_button.setObjectName("signera_digitalt")
        self.exportera_button = QPushButton("Exportera för signering…")
        self.exportera_button.setObjectName("exportera_for_signering")
        self.exportera_button.setToolTip("Sparar protokollet med de signaturer det har, för en "
                                         "e-signeringstjänst")
        self.importera_button = QPushButton("Importera signerad fil…")
        self.importera_button.setObjectName("importera_signerad")
        self.importera_button.setToolTip("Tar emot filen från e-signeringstjänsten: bara signaturer får "
                                         "ha lagts till")
        self.status = StatusLine("signering_meddelande")
        buttons = FlowLayout()
        buttons.add_widgets(self.signera_button, self.exportera_button, self.importera_button)
        column = QVBoxLayout(self)
        column.addWidget(self.state)
        column.addLayout(buttons)
        column.addWidget(self.status)
        self.signera_button.clicked.connect(lambda _=False: self.ask_key())
        self.exportera_button.clicked.connect(lambda _=False: self.export())
        self.importera_button.clicked.connect(lambda _=False: self.import_file())

    def load(self, justering: Justering | None) -> None:
        self.justering = justering
        self.setVisible(justering is not None)
        if justering is None:
            return
        status = self.session.protokoll.signeringsstatus(justering.id, load_settings().signing_order)
        signed = [f"{s.namn}, {s.tidpunkt}" for s in status.signaturer]
        if not status.platser:
            text = ("Protokollet justerades med en äldre version av programmet och har inga "
                    "underskriftsrader för digitala signaturer.")
        elif status.digitalt_justerat:
            text = "✔ Justerat digitalt: " + "; ".join(signed) + "."
        else:
            text = ("Signerat: " + "; ".join(signed) + ". " if signed else "Inga digitala signaturer ännu. ")
            text += f"Nästa: {status.nasta.text}." if status.nasta else ""
        self.state.setText(text)
        can_sign = bool(status.platser) and not status.digitalt_justerat
        self.signera_button.setEnabled(can_sign)
        self.importera_button.setEnabled(can_sign)

    def ask_key(self) -> None:
        if self.justering is None:
            return
        status = self.session.protokoll.signeringsstatus(self.justering.id, load_settings().signing_order)
        if status.nasta is None:
            return
        open_dialog(self, SigneraDialog(status.nasta.text, self), self.sign)

    def sign(self, nyckel: pades.Key) -> None:
        settings = load_settings()
        justering = self.justering
        assert justering is not None

        def done(recorded) -> None:
            self.task = None
            self.status.info(f"{recorded.namn} har signerat ({recorded.tidpunkt}).")
            self.load(justering)

        self.task = jobs.run(self, self.session,
                             signera_job(justering.id, nyckel, settings.signing_order,
                                         settings.signing_timestamp_url),
                             progress="Signerar …", cancellable=False, on_done=done, on_error=self._failed,
                             changes=Changes.of("protokoll", meeting_ids=[justering.sammantrade_id]))

    def export(self, out: Path | None = None) -> None:
        if self.justering is None:
            return
        out = out or files.ask_save_pdf(self, "Exportera för signering",
                                        f"Protokoll {self.justering.datum.isoformat()} för signering.pdf")
        if out is None:
            return

        def done(path) -> None:
            self.task = None
            self.status.info(f"Sparat: {path}. Skicka filen till e-signeringstjänsten och importera den "
                             "signerade filen här.")

        self.task = jobs.run(self, self.session, exportera_job(self.justering.id, out),
                             on_done=done, on_error=self._failed)

    def import_file(self, path: Path | None = None) -> None:
        if self.justering is None:
            return
        if path is None:
            chosen = files.ask_open_pdfs(self, "Importera signerad fil", several=False)
            if not chosen:
                return
            path = chosen[0]
        justering = self.justering

        def done(recorded) -> None:
            self.task = None
            self.status.info(f"Importerad: signerad av {', '.join(r.namn for r in recorded)}.")
            self.load(justering)

        self.task = jobs.run(self, self.session, importera_job(justering.id, path), progress="Kontrollerar …",
                             cancellable=False, on_done=done, on_error=self._failed,
                             changes=Changes.of("protokoll", meeting_ids=[justering.sammantrade_id]))

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self.task = None
        self.status.error(str(exc))
