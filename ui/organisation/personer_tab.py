"""Personer: the register of förtroendevalda and tjänstemän, searched and filtered, with
rows loaded lazily so that a large register opens at once."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.numbers import format_number
from app.organisation import OrganisationService, Person
from app.validation import ValidationError
from ui.models import Column, LazyTableModel
from ui.models.view import RecordTableView
from ui.widgets import dialogs
from ui.widgets.buttons import ButtonRow
from ui.widgets.dialogs import RecordDialog
from ui.widgets.status import StatusLine
from ui.widgets.text import plural, swedish_list

#: The filter choices: label and the service's ``tjansteman`` argument.
FILTER = (("Alla", None), ("Förtroendevalda", False), ("Tjänstemän", True))
SEARCH_DELAY_MS = 200


def list_name(p: Person) -> str:
    """Surname first, as the list is ordered by it."""
    return f"{p.efternamn}, {p.fornamn}" if p.fornamn else p.efternamn


class PersonDialog(RecordDialog):
    def __init__(self, service: OrganisationService, person: Person | None,
                 parent: QWidget | None = None):
        super().__init__("Ändra person" if person and person.id else "Ny person", parent)
        self.service = service
        self.original = person or Person()
        p = self.original
        self.fornamn = self.form.add("fornamn", "&Förnamn", QLineEdit(p.fornamn))
        self.efternamn = self.form.add("efternamn", "&Efternamn", QLineEdit(p.efternamn))
        self.tjansteman = QCheckBox("Tjänsteman (inte förtroendevald)")
        self.tjansteman.setChecked(p.ar_tjansteman)
        self.form.add("ar_tjansteman", "Roll", self.tjansteman)
        self.parti = QComboBox()
        self.parti.setEditable(True)  # local parties exist: any text is accepted
        self.parti.addItems(["", *service.partier()])
        self.parti.setCurrentText(p.parti)
        self.parti.lineEdit().setPlaceholderText("t.ex. S, M eller ett lokalt parti")
        self.form.add("parti", "&Parti", self.parti)
        self.titel = self.form.add("titel", "&Titel", QLineEdit(p.titel))
        self.titel.setPlaceholderText("t.ex. Förvaltningschef")
        self.forvaltning = QComboBox()
        self.forvaltning.addItem("(ingen)", None)
        namnder = {n.id: n.kortnamn for n in service.namnder()}
        for f in service.forvaltningar():
            self.forvaltning.addItem(f"{f.namn} ({f.kortnamn}, {namnder.get(f.namnd_id, '')})", f.id)
        self.forvaltning.setCurrentIndex(max(0, self.forvaltning.findData(p.forvaltning_id)))
        self.form.add("forvaltning_id", "F&örvaltning", self.forvaltning)
        self.epost = self.form.add("epost", "E-&post", QLineEdit(p.epost))
        self.telefon = self.form.add("telefon", "Tele&fon", QLineEdit(p.telefon))
        self.tjansteman.toggled.connect(self._kind_changed)
        self._kind_changed(p.ar_tjansteman)
        self.finish_layout()

    def _kind_changed(self, tjansteman: bool) -> None:
        # Tjänstemän have a title and a förvaltning; förtroendevalda a party.
        self.parti.setEnabled(not tjansteman)
        self.titel.setEnabled(tjansteman)
        self.forvaltning.setEnabled(tjansteman)

    def build(self) -> Person:
        tj = self.tjansteman.isChecked()
        return replace(
            self.original, fornamn=self.fornamn.text(), efternamn=self.efternamn.text(),
            ar_tjansteman=tj, parti="" if tj else self.parti.currentText(),
            titel=self.titel.text() if tj else "",
            forvaltning_id=self.forvaltning.currentData() if tj else None,
            epost=self.epost.text(), telefon=self.telefon.text())

    def store(self, record: Person) -> Person:
        return self.service.save_person(record)


class PersonerTab(QWidget):
    def __init__(self, service: OrganisationService, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.dialog: RecordDialog | None = None
        self._forvaltningar: dict[int, tuple[str, str]] = {}

        self.search = QLineEdit()
        self.search.setObjectName("sok_person")
        self.search.setPlaceholderText("Sök på namn, parti, titel eller förvaltning…")
        self.search.setClearButtonEnabled(True)
        self.filter = QComboBox()
        self.filter.setObjectName("filter_person")
        for label, value in FILTER:
            self.filter.addItem(label, value)
        self.count = QLabel()
        self.count.setObjectName("antal_personer")
        top = QHBoxLayout()
        top.addWidget(QLabel("&Sök:", buddy=self.search))
        top.addWidget(self.search, 3)
        top.addWidget(QLabel("V&isa:", buddy=self.filter))
        top.addWidget(self.filter)
        top.addWidget(self.count, 1)

        self.model = LazyTableModel(self._columns(), self._load_ids, service.personer,
                                    batch_size=200, parent=self)
        self.view = RecordTableView(self.model)
        self.view.setObjectName("personer")
        self.buttons = ButtonRow("Ny person…", self.new_person, self.edit_person, self.delete_person)
        self.status = StatusLine("personer_meddelande")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        layout.addWidget(self.status)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.view.current_changed.connect(lambda rec: self.buttons.set_has_selection(rec is not None))
        self.view.edit_requested.connect(self.edit_person)
        self.view.delete_requested.connect(self.delete_person)
        self.reload()
        self.view.set_column_widths()

    def _columns(self) -> list[Column]:
        def forv(p: Person, index: int) -> str:
            return self._forvaltningar.get(p.forvaltning_id, ("", ""))[index]

        return [
            Column("Namn", list_name, sort_field="namn", width=28),
            Column("Parti", lambda p: p.parti, sort_field="parti", width=8),
            Column("Titel", lambda p: p.titel, sort_field="titel", width=32, tooltip=lambda p: p.titel),
            Column("Förvaltning", lambda p: forv(p, 0), sort_field="forvaltning", width=12,
                   tooltip=lambda p: forv(p, 1)),
            Column("E-post", lambda p: p.epost, sort_field="epost"),
        ]

    def _load_ids(self, order: str | None, descending: bool) -> list[int]:
        return self.service.person_ids(self.search.text(), self.filter.currentData(),
                                       order=order or "namn", descending=descending)

    def reload(self, select: int | None = None) -> None:
        """Search again, keeping (or moving to) the selected person."""
        self._search_timer.stop()
        keep = select if select is not None else self.view.current_id()
        self._forvaltningar = {f.id: (f.kortnamn, f.namn) for f in self.service.forvaltningar()}
        self.model.refresh()
        self.view.select_id(keep)
        total = self.model.total
        word = "person" if total == 1 else "personer"
        if total == 0 and (self.search.text().strip() or self.filter.currentData() is not None):
            self.count.setText("Inga personer matchar sökningen.")
        elif total == 0:
            self.count.setText("Registret är tomt: lägg in personer med ”Ny person…”.")
        else:
            self.count.setText(f"{format_number(total)} {word}")

    def _open(self, dialog: RecordDialog) -> RecordDialog:
        return dialogs.open_dialog(self, dialog, lambda p: self.reload(p.id))

    def new_person(self) -> RecordDialog:
        tjansteman = self.filter.currentData() is True
        return self._open(PersonDialog(self.service, Person(ar_tjansteman=tjansteman), self))

    def edit_person(self, person: Person | None = None) -> RecordDialog | None:
        person = person or self.view.current_record()
        if person is None:
            return None
        return self._open(PersonDialog(self.service, self.service.get_person(person.id), self))

    def delete_person(self, person: Person | None = None) -> bool:
        person = person or self.view.current_record()
        if person is None:
            return False
        self.status.clear_message()
        holders = self.service.person_holders(person.id)
        if holders:
            # Named in public records (docs/domain/justering.md): the person stays.
            self.status.error(f"{person.namn} kan inte tas bort: {swedish_list(holders)}. Avsluta "
                              "personens uppdrag under ”Ledamöter och ersättare” i stället.")
            return False
        n = self.service.person_usage(person.id)["uppdrag"]
        text = f"Ta bort {person.namn} ur personregistret?\n\n"
        if n:
            text += (f"Personens {plural(n, 'uppdrag', 'uppdrag')} som ledamot eller ersättare "
                     "tas också bort. ")
        text += "Personen finns inte i något justerat protokoll. Det går inte att ångra."
        if not dialogs.confirm(self, "Ta bort person", text):
            return False
        row = self.model.row_for_id(person.id)
        try:
            self.service.delete_person(person.id)
        except ValidationError as exc:
            self.status.error(str(exc))
            return False
        self.reload()
        # Stay at the same place in the list: select the person that came after.
        if self.model.rowCount():
            self.view.select_row(min(max(row, 0), self.model.rowCount() - 1))
        return True
