"""Digital signatures in the Justering tab (app/protokoll/signering.py and
dokumentsignering.py): one panel per signed document, the justerat protokoll, the
anslag (when Inställningar says the municipality signs it) and the sent utdrag chosen in
the list. Each shows who has signed and who signs next, "Signera digitalt…" (a PKCS#12
file and its password, or a card or token through its PKCS#11 module and the PIN), and
the round trip through an e-signing service: "Exportera för signering…" and
"Importera signerad fil…". The protokoll's panel also leaves §§ under sekretess to wet
ink and registers that justering (app/protokoll/sekretess_papper.py). Signing, checking
and storing run on a worker (ui/jobs.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
from app.protokoll.model import Justering, Utskick
from app.protokoll.signaturkedja import Signeringsstatus
from app.validation import FieldError, ValidationError
from ui import jobs
from ui.widgets import dialogs, files
from ui.widgets.dialogs import RecordDialog, open_dialog
from ui.widgets.flow import FlowLayout
from ui.widgets.status import StatusLine


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


@dataclass(frozen=True)
class Signeringsmal:
    """What a :class:`SigneringPanel` signs. ``status`` reads (on the UI thread, from
    the window's services); the others run on a worker and get the worker's services."""

    meeting_id: int
    filnamn: str  # the exported file's suggested name
    status: Callable[[], Signeringsstatus]
    for_signering: Callable[[Any], bytes]
    signera: Callable[[Any, pades.Key, list[str], str], Any]
    importera: Callable[[Any, Path], list]


class SigneringPanel(QGroupBox):
    """One document's digital signatures (hidden while there is nothing to sign)."""

    def __init__(self, session, title: str = "Digital justering", name: str = "digital_justering",
                 parent: QWidget | None = None):
        super().__init__(title, parent)
        self.setObjectName(name)
        self.session = session
        self.mal: Signeringsmal | None = None
        self.dialog = None
        self.task = None
        self.state = QLabel()
        self.state.setObjectName(f"{name}_status")
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.signera_button = QPushButton("Signera digitalt…")
        self.signera_button.setObjectName(f"{name}_signera")
        self.exportera_button = QPushButton("Exportera för signering…")
        self.exportera_button.setObjectName(f"{name}_exportera")
        self.exportera_button.setToolTip("Sparar dokumentet med de signaturer det har, för en "
                                         "e-signeringstjänst")
        self.importera_button = QPushButton("Importera signerad fil…")
        self.importera_button.setObjectName(f"{name}_importera")
        self.importera_button.setToolTip("Tar emot filen från e-signeringstjänsten: bara signaturer får "
                                         "ha lagts till")
        self.status = StatusLine(f"{name}_meddelande")
        self.buttons = FlowLayout()
        self.buttons.add_widgets(self.signera_button, self.exportera_button, self.importera_button)
        column = QVBoxLayout(self)
        column.addWidget(self.state)
        column.addLayout(self.buttons)
        column.addWidget(self.status)
        self.signera_button.clicked.connect(lambda _=False: self.ask_key())
        self.exportera_button.clicked.connect(lambda _=False: self.export())
        self.importera_button.clicked.connect(lambda _=False: self.import_file())

    def load_mal(self, mal: Signeringsmal | None) -> None:
        self.mal = mal
        self.setVisible(mal is not None)
        if mal is not None:
            self.show_status(mal.status())

    def show_status(self, status: Signeringsstatus) -> None:
        signed = [f"{s.namn}, {s.tidpunkt}" for s in status.signaturer]
        if not status.platser:
            text = ("Dokumentet gjordes med en äldre version av programmet och har inga underskriftsrader "
                    "för digitala signaturer.")
        elif status.digitalt_justerat:
            text = "✔ Signerat digitalt: " + "; ".join(signed) + "."
        else:
            text = ("Signerat: " + "; ".join(signed) + ". " if signed else "Inga digitala signaturer ännu. ")
            text += f"Nästa: {status.nasta.text}." if status.nasta else ""
        self.state.setText(text)
        can_sign = bool(status.platser) and not status.digitalt_justerat
        self.signera_button.setEnabled(can_sign)
        self.importera_button.setEnabled(can_sign)

    def reload(self) -> None:
        self.load_mal(self.mal)

    def ask_key(self) -> None:
        if self.mal is None:
            return
        status = self.mal.status()
        if status.nasta is None:
            return
        open_dialog(self, SigneraDialog(status.nasta.text, self), self.sign)

    def sign(self, nyckel: pades.Key) -> None:
        settings = load_settings()
        mal = self.mal
        assert mal is not None

        def job(services, progress):
            progress.report(0, 1)
            signed = mal.signera(services, nyckel, settings.signing_order, settings.signing_timestamp_url)
            progress.report(1, 1)
            return signed

        def done(recorded) -> None:
            self.task = None
            self.status.info(f"{recorded.namn} har signerat ({recorded.tidpunkt}).")
            self.reload()

        self.task = jobs.run(self, self.session, job, progress="Signerar …", cancellable=False, on_done=done,
                             on_error=self._failed,
                             changes=Changes.of("protokoll", meeting_ids=[mal.meeting_id]))

    def export(self, out: Path | None = None) -> None:
        mal = self.mal
        if mal is None:
            return
        out = out or files.ask_save_pdf(self, "Exportera för signering", mal.filnamn)
        if out is None:
            return

        def job(services, progress):
            write_atomically(out, mal.for_signering(services))
            return out

        def done(path) -> None:
            self.task = None
            self.status.info(f"Sparat: {path}. Skicka filen till e-signeringstjänsten och importera den "
                             "signerade filen här.")
            self.reload()

        self.task = jobs.run(self, self.session, job, on_done=done, on_error=self._failed,
                             changes=Changes.of("protokoll", meeting_ids=[mal.meeting_id]))

    def import_file(self, path: Path | None = None) -> None:
        mal = self.mal
        if mal is None:
            return
        if path is None:
            chosen = files.ask_open_pdfs(self, "Importera signerad fil", several=False)
            if not chosen:
                return
            path = chosen[0]
        chosen_path = path

        def done(recorded) -> None:
            self.task = None
            self.status.info(f"Importerad: signerad av {', '.join(r.namn for r in recorded)}.")
            self.reload()

        self.task = jobs.run(self, self.session, lambda services, _p: mal.importera(services, chosen_path),
                             progress="Kontrollerar …", cancellable=False, on_done=done,
                             on_error=self._failed,
                             changes=Changes.of("protokoll", meeting_ids=[mal.meeting_id]))

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self.task = None
        self.status.error(str(exc))


class ProtokollSigneringPanel(SigneringPanel):
    """The justerat protokoll's digital justering, and §§ under sekretess left to wet ink:
    "Sekretess-§ på papper…" (before anyone has signed) makes the public version the one
    that is signed; "Registrera pappersjustering…" records that the full version is
    justerat on paper."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(session, "Digital justering", "digital_justering", parent)
        self.justering: Justering | None = None
        # The names the rest of the window and its tests know.
        self.state.setObjectName("signering_status")
        self.signera_button.setObjectName("signera_digitalt")
        self.exportera_button.setObjectName("exportera_for_signering")
        self.importera_button.setObjectName("importera_signerad")
        self.papper_button = QPushButton("Sekretess-§ på papper…")
        self.papper_button.setObjectName("sekretess_papper")
        self.papper_button.setToolTip("Paragrafer under sekretess justeras på papper i det fullständiga "
                                      "protokollet; en offentlig version utan dem signeras digitalt")
        self.registrera_button = QPushButton("Registrera pappersjustering…")
        self.registrera_button.setObjectName("registrera_pappersjustering")
        self.registrera_button.setToolTip("Det fullständiga protokollet med sekretessparagraferna är "
                                          "justerat på papper")
        # An anslag kept before the paper justering was registered is a public record that
        # keeps saying "justeras på papper": a new one is put up, the old one stays.
        self.nytt_anslag_button = QPushButton("Spara nytt anslag…")
        self.nytt_anslag_button.setObjectName("nytt_anslag")
        self.nytt_anslag_button.setToolTip("Ett nytt anslag som säger när det fullständiga protokollet "
                                           "justerades på papper; det sparade anslaget finns kvar")
        self.buttons.add_widgets(self.papper_button, self.registrera_button, self.nytt_anslag_button)
        self.papper_button.clicked.connect(lambda _=False: self.leave_to_paper())
        self.registrera_button.clicked.connect(lambda _=False: self.register_paper())
        self.nytt_anslag_button.clicked.connect(lambda _=False: self.save_new_anslag())

    def load(self, justering: Justering | None) -> None:
        self.justering = justering
        if justering is None:
            self.load_mal(None)
            return
        jid, svc = justering.id, self.session.protokoll
        self.load_mal(Signeringsmal(
            justering.sammantrade_id, f"Protokoll {justering.datum.isoformat()} för signering.pdf",
            lambda: svc.signeringsstatus(jid, load_settings().signing_order),
            lambda services: services.protokoll.signerad_pdf(jid),
            lambda services, key, order, url: services.protokoll.signera(jid, key, ordning=order,
                                                                         tidsstampel_url=url or None),
            lambda services, path: services.protokoll.importera_signerad_fil(jid, path)))

    def show_status(self, status: Signeringsstatus) -> None:
        super().show_status(status)
        text = self.state.text().replace("✔ Signerat digitalt:", "✔ Justerat digitalt:")
        if status.papper is not None:
            text += " (Offentlig version utan sekretessparagraferna.) " + status.papper.text
        self.state.setText(text)
        secret = self.justering is not None and bool(
            self.session.protokoll.sekretess_paragrafer(self.justering.id))
        self.papper_button.setVisible(secret and status.papper is None)
        self.papper_button.setEnabled(not status.signaturer)
        self.papper_button.setToolTip("" if not status.signaturer else
                                      "Protokollet har redan börjat signeras i sin helhet.")
        self.registrera_button.setVisible(status.papper is not None and not status.papper.registrerad)
        stale = self.session.protokoll.anslag_fore_papper(self.justering.id) \
            if self.justering is not None and status.papper is not None else None
        if stale is not None:
            self.state.setText(f"{self.state.text()} {stale.text}")
        self.nytt_anslag_button.setVisible(stale is not None and bool(stale.papper_datum))

    def leave_to_paper(self) -> None:
        justering = self.justering
        if justering is None or not dialogs.confirm(
                self, "Sekretessparagrafer på papper",
                "Paragraferna under sekretess justeras på papper i det fullständiga protokollet. En "
                "offentlig version, där de ersätts med en notering, sparas och är den som signeras "
                "digitalt. Det går inte att ångra.", "Justera dem på papper"):
            return

        def done(del_) -> None:
            self.task = None
            self.status.info(f"{' och '.join(del_.paragrafer)} justeras på papper; den offentliga versionen "
                             "signeras digitalt.")
            self.reload()

        self.task = jobs.run(self, self.session,
                             lambda services, _p: services.protokoll.lamna_sekretess_till_papper(
                                 justering.id),
                             progress="Gör den offentliga versionen …", cancellable=False, on_done=done,
                             on_error=self._failed,
                             changes=Changes.of("protokoll", meeting_ids=[justering.sammantrade_id]))

    def register_paper(self) -> None:
        justering = self.justering
        if justering is None or not dialogs.confirm(
                self, "Registrera pappersjustering",
                "Det fullständiga protokollet med sekretessparagraferna är justerat på papper i dag av "
                f"{' och '.join(justering.justerat_av)}. Registreringen kan inte ändras efteråt.",
                "Registrera"):
            return
        try:
            del_ = self.session.protokoll.registrera_pappersjustering(justering.id)
        except ValidationError as exc:
            self.status.error(str(exc))
            return
        stale = self.session.protokoll.anslag_fore_papper(justering.id)
        self.status.info(del_.text + (f" {stale.text}" if stale is not None else ""))
        self.reload()

    def save_new_anslag(self, out: Path | None = None) -> None:
        justering = self.justering
        if justering is None:
            return
        out = out or files.ask_save_pdf(self, "Spara nytt anslag",
                                        f"Anslag {justering.datum.isoformat()} (nytt).pdf")
        if out is None:
            return

        def job(services, _progress):
            write_atomically(out, services.protokoll.nytt_anslag_pdf(justering.sammantrade_id, justering.id))
            return out

        def done(path) -> None:
            self.task = None
            self.status.info(f"Nytt anslag sparat: {path}. Sätt upp det på anslagstavlan; det är sparat i "
                             "databasen och skrivs ut likadant varje gång, och det gamla anslaget finns "
                             "kvar.")
            self.reload()

        # The new anslag is kept the first time (app/protokoll/anslag_sparat.py), the kept bytes after.
        self.task = jobs.run(self, self.session, job, progress="Gör det nya anslaget …", on_done=done,
                             on_error=self._failed,
                             changes=Changes.of("protokoll", meeting_ids=[justering.sammantrade_id]))


class AnslagSigneringPanel(SigneringPanel):
    """The anslag signed by the secretary, when Inställningar says the municipality
    signs it (off by default)."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(session, "Digitalt signerat anslag", "signera_anslag", parent)

    def load(self, justering: Justering | None) -> None:
        if justering is None or not load_settings().signing_anslag:
            self.load_mal(None)
            return
        jid, svc = justering.id, self.session.protokoll
        self.load_mal(Signeringsmal(
            justering.sammantrade_id, f"Anslag {justering.datum.isoformat()} för signering.pdf",
            lambda: svc.anslag_signeringsstatus(jid),
            lambda services: services.protokoll.anslag_for_signering(jid),
            lambda services, key, _order, url: services.protokoll.signera_anslag(jid, key,
                                                                                 tidsstampel_url=url or None),
            lambda services, path: services.protokoll.importera_signerat_anslag_fil(jid, path)))


class UtdragSigneringPanel(SigneringPanel):
    """The sent utdrag chosen in the list, signed by the one who certified it."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(session, "Digitalt signerat utdrag", "signera_utdrag", parent)

    def load(self, utskick: Utskick | None) -> None:
        if utskick is None:
            self.load_mal(None)
            return
        uid, svc = utskick.id, self.session.protokoll
        self.setTitle(f"Digitalt signerat utdrag till {utskick.mottagare} ({utskick.paragrafer})")
        self.load_mal(Signeringsmal(
            utskick.sammantrade_id,
            f"Utdrag {utskick.mottagare} {utskick.datum.isoformat()} för signering.pdf",
            lambda: svc.utdrag_signeringsstatus(uid),
            lambda services: services.protokoll.utdrag_for_signering(uid),
            lambda services, key, _order, url: services.protokoll.signera_utdrag(uid, key,
                                                                                 tidsstampel_url=url or None),
            lambda services, path: services.protokoll.importera_signerat_utdrag_fil(uid, path)))
