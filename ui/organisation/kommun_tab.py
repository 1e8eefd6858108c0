"""The Kommun form: name, the address block printed on letterheads, the logo, and the
rubrik a § under sekretess has in copies published on the web (app/protokoll/sekretess.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.numbers import format_bytes
from app.organisation import Kommun, OrganisationService, logo_mime
from app.public_copies import DEFAULT_SEKRETESS_RUBRIK
from app.validation import FieldError, ValidationError
from ui.organisation.getting_started import GettingStarted
from ui.widgets import dialogs, keys
from ui.widgets.first_step import FirstStep
from ui.widgets.forms import FieldForm

TEXT_FIELDS = (
    ("namn", "Kommunens namn", "Oxelösunds kommun"),
    ("postadress", "Postadress", "Oxelösunds kommun, 613 81 Oxelösund"),
    ("besoksadress", "Besöksadress", "Höjdgatan 26, Oxelösund"),
    ("telefon", "Telefon", "0155-380 00"),
    ("epost", "E-post", "kommun@exempel.se"),
    ("webb", "Webb", "www.exempel.se"),
    ("organisationsnummer", "Organisationsnummer", "212000-0340"),
)
PREVIEW = QSize(280, 110)


class KommunTab(QWidget):
    def __init__(self, service: OrganisationService, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.logo: bytes | None = None
        self.logo_mime: str | None = None

        content = QWidget()
        content.setMaximumWidth(760)
        column = QVBoxLayout(content)
        intro = QLabel("Uppgifterna står i sidfoten på kallelser, protokoll och utdrag.")
        intro.setWordWrap(True)
        column.addWidget(intro)
        # On a new database: where the rest of the program's work starts.
        self.first_step = FirstStep("kommun_forsta_steg")
        column.addWidget(self.first_step)
        self.getting_started = GettingStarted(service)
        self.getting_started.imported = self.load
        column.addWidget(self.getting_started)
        form_layout = QFormLayout()
        self.form = FieldForm(form_layout)
        self.fields: dict[str, QLineEdit] = {}
        for name, label, example in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setPlaceholderText(f"t.ex. {example}")
            edit.textEdited.connect(self._mark_changed)
            self.fields[name] = edit
            self.form.add(name, label, edit)
        self.form.add("logo", "Logotyp", self._build_logo_box())
        self.sekretess_rubrik = QLineEdit()
        self.sekretess_rubrik.setObjectName("sekretess_rubrik")
        self.sekretess_rubrik.setPlaceholderText(f"t.ex. {DEFAULT_SEKRETESS_RUBRIK}")
        self.sekretess_rubrik.setToolTip("Rubriken en paragraf under sekretess har i webbkopian och i utdrag "
                                         "till andra, t.ex. ”Ärende enligt socialtjänstlagen”")
        self.sekretess_rubrik.textEdited.connect(self._mark_changed)
        self.form.add("sekretess_rubrik", "Rubrik för sekretessärenden", self.sekretess_rubrik)
        self.form.add_general_row()
        column.addLayout(form_layout)

        buttons = QHBoxLayout()
        self.save_button = QPushButton("Spara")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        keys.save_key(self, self.save_button)
        self.revert_button = QPushButton("Ångra ändringar")
        self.revert_button.clicked.connect(self.load)
        self.status = QLabel()
        self.status.setObjectName("kommun_status")
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.status, 1)
        column.addLayout(buttons)
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.load()

    def _build_logo_box(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.preview = QLabel()
        self.preview.setObjectName("logo_preview")
        self.preview.setFixedSize(PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setWordWrap(True)
        row.addWidget(self.preview)
        side = QVBoxLayout()
        self.choose_logo_button = QPushButton("Välj bild…")
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton("Ta bort bilden")
        self.remove_logo_button.clicked.connect(self.remove_logo)
        self.logo_info = QLabel()
        self.logo_info.setWordWrap(True)
        self.logo_info.setMinimumWidth(self.logo_info.fontMetrics().averageCharWidth() * 30)
        side.addWidget(self.choose_logo_button)
        side.addWidget(self.remove_logo_button)
        side.addWidget(self.logo_info)
        side.addStretch(1)
        row.addLayout(side)
        row.addStretch(1)
        return box

    # -- reading and writing ---------------------------------------------------------------
    def load(self) -> None:
        kommun = self.service.kommun() or Kommun()
        for name, edit in self.fields.items():
            edit.setText(getattr(kommun, name))
        self.logo, self.logo_mime = kommun.logo, kommun.logo_mime
        self.sekretess_rubrik.setText(self.service.sekretess_rubrik())
        self._show_logo()
        self.form.clear()
        self.changed = False
        self.status.setText("" if self.service.kommun() else "Inga uppgifter sparade ännu.")
        self.show_first_step()

    def show_first_step(self) -> None:
        """While there is no nämnd: what to do first, and where; the guided start's steps
        until the organisation is in place."""
        self.getting_started.refresh()
        if self.service.namnder():
            self.first_step.hide()
        else:
            self.first_step.show_step("Börja här: skriv kommunens uppgifter och spara. Lägg sedan till "
                                      "nämnden och dess organ (nämnden, arbetsutskottet) – sammanträden, "
                                      "protokoll, ekonomi och register hör till dem.",
                                      "Gå till Nämnder och organ", "organisation", "namnder")

    def kommun_from_form(self) -> Kommun:
        values = {name: edit.text() for name, edit in self.fields.items()}
        return Kommun(**values, logo=self.logo, logo_mime=self.logo_mime)

    def save(self) -> bool:
        self.form.clear()
        try:
            saved = self.service.save_kommun(self.kommun_from_form(),
                                             sekretess_rubrik=self.sekretess_rubrik.text())
        except ValidationError as exc:
            self.form.show(exc)
            self.status.setText(f"Inte sparat: rätta {_count_fel(len(exc.errors))} ovan.")
            return False
        # The service normalises (trims, writes the org.nr with a hyphen): show that.
        for name, edit in self.fields.items():
            edit.setText(getattr(saved, name))
        self.sekretess_rubrik.setText(self.service.sekretess_rubrik())
        self.changed = False
        self.status.setText(f"Sparat {clock.now():%H:%M}.")
        self.getting_started.refresh()
        return True

    def _mark_changed(self) -> None:
        self.changed = True
        self.status.setText("Ändringarna är inte sparade.")

    def leave(self) -> bool:
        """Before the window closes or another database opens: the kommun's changed
        details are saved or thrown away as the user says (False: Avbryt, or Spara
        failed and the errors are shown under the fields)."""
        if not self.changed:
            return True
        answer = dialogs.ask_save_changes(
            self, "Kommunens uppgifter", "Kommunens uppgifter under Organisation → Kommun är ändrade "
            "men inte sparade. Vill du spara dem?")
        if answer == dialogs.SAVE:
            return self.save()
        if answer == dialogs.DISCARD:
            self.load()
            return True
        return False

    # -- logo ---------------------------------------------------------------------------
    def choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Välj logotyp", "", "Bilder (*.png *.jpg *.jpeg);;Alla filer (*)")
        if name:
            self.load_logo_file(Path(name))

    def load_logo_file(self, path: Path) -> None:
        """Take the logo from ``path`` (checked when saved: PNG or JPEG, at most 2 MB)."""
        self.form.clear()
        try:
            data = path.read_bytes()
        except OSError as exc:
            message = f"Kunde inte läsa {path.name}: {exc.strerror}."
            self.form.show(ValidationError([FieldError("logo", message)]))
            return
        self.logo, self.logo_mime = data, logo_mime(data)
        self._show_logo()
        self._mark_changed()

    def remove_logo(self) -> None:
        self.logo = self.logo_mime = None
        self._show_logo()
        self._mark_changed()

    def _show_logo(self) -> None:
        self.remove_logo_button.setEnabled(self.logo is not None)
        self.remove_logo_button.setToolTip("" if self.logo is not None
                                           else "Det finns ingen logotyp att ta bort")
        if self.logo is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText("Ingen logotyp")
            self.logo_info.setText("PNG eller JPEG, högst 2 MB.")
            return
        pixmap = QPixmap()
        if not pixmap.loadFromData(self.logo):
            self.preview.setPixmap(QPixmap())
            self.preview.setText("Bilden kan inte visas")
            self.logo_info.setText(format_bytes(len(self.logo)))
            return
        inner = PREVIEW - QSize(8, 8)
        self.preview.setPixmap(pixmap.scaled(inner, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))
        kind = {"image/png": "PNG", "image/jpeg": "JPEG"}.get(self.logo_mime or "", "Bild")
        self.logo_info.setText(f"{kind}, {pixmap.width()} × {pixmap.height()} px, "
                               f"{format_bytes(len(self.logo))}")


def _count_fel(n: int) -> str:
    return "felet" if n == 1 else f"de {n} felen"
