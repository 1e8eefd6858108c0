"""Delegationsordning: the versions the nämnd adopted, each with its numbered points;
a version is edited as a whole, imported from Excel or exported."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.registers.delegation import DelegationService, Delegationsordning, Delegationspunkt
from app.registers.excel import DelegationsordningImport
from app.session import Session
from app.validation import ValidationError
from ui.excel_import.dialog import ImportDialog
from ui.excel_import.export import ask_save_path, export_rows
from ui.models import Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.widgets import dialogs
from ui.widgets.buttons import enable_or_explain
from ui.widgets.fields import DateField
from ui.widgets.status import error_label

#: Why Ändra…, Ta bort version… and Exportera are off.
NO_VERSION = "Det finns ingen version ännu: lägg in en med ”Ny version…” eller importera från Excel."
FIELDS = (("nummer", "Nummer"), ("arendetyp", "Ärendetyp"), ("delegat", "Delegat"), ("lagrum", "Lagrum"),
          ("anmarkning", "Anmärkning"))
_ROOT = QModelIndex()


class PunktModel(QAbstractTableModel):
    """The points of a version being edited (an editable copy)."""

    def __init__(self, punkter: list[Delegationspunkt], parent=None):
        super().__init__(parent)
        self.punkter = [replace(p) for p in punkter]

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.punkter)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(FIELDS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(FIELDS):
            return FIELDS[section][1]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.punkter):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return getattr(self.punkter[index.row()], FIELDS[index.column()][0])
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        setattr(self.punkter[index.row()], FIELDS[index.column()][0], str(value))
        self.dataChanged.emit(index, index)
        return True

    def add(self, after: int) -> int:
        row = min(max(after + 1, 0), len(self.punkter))
        self.beginInsertRows(_ROOT, row, row)
        self.punkter.insert(row, Delegationspunkt())
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.punkter):
            self.beginRemoveRows(_ROOT, row, row)
            del self.punkter[row]
            self.endRemoveRows()


class OrdningDialog(QDialog):
    """One version with all its points; Spara stores the whole version."""

    saved = Signal(object)

    def __init__(self, service: DelegationService, ordning: Delegationsordning,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Delegationsordning")
        self.resize(900, 560)
        self.service, self.original = service, ordning
        self.antagen = DateField(ordning.antagen)
        self.paragraf = QLineEdit(ordning.paragraf)
        self.paragraf.setPlaceholderText("t.ex. § 58")
        self.anteckning = QLineEdit(ordning.anteckning)
        form = QFormLayout()
        form.addRow("&Antagen den:", self.antagen)
        form.addRow("&Paragraf:", self.paragraf)
        form.addRow("A&nteckning:", self.anteckning)
        self.model = PunktModel(ordning.punkter, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(0, 70)
        add, remove = QPushButton("Ny punkt"), QPushButton("Ta bort punkt")
        add.clicked.connect(self.add_point)
        remove.clicked.connect(lambda: self.model.remove(self.view.currentIndex().row()))
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.error = error_label("fel_ordning")
        buttons = QDialogButtonBox()
        buttons.addButton("Spara", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def add_point(self) -> None:
        row = self.model.add(self.view.currentIndex().row() if self.view.currentIndex().isValid()
                             else self.model.rowCount() - 1)
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.edit(self.model.index(row, 0))

    def accept(self) -> None:
        ordning = replace(self.original, antagen=self.antagen.iso() or "", paragraf=self.paragraf.text(),
                          anteckning=self.anteckning.text(), punkter=self.model.punkter)
        try:
            saved = self.service.save_ordning(ordning)
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.saved.emit(saved)
        super().accept()


class AntagenDialog(QDialog):
    """Before importing: the date the nämnd adopted the delegationsordning in the file."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Importera delegationsordning")
        self.antagen = DateField(clock.today())
        self.paragraf = QLineEdit()
        self.paragraf.setPlaceholderText("t.ex. § 58")
        self.error = error_label("fel_antagen")
        form = QFormLayout(self)
        form.addRow(QLabel("Filens punkter blir en version av delegationsordningen. Finns redan en "
                           "version antagen samma dag ersätts dess punkter."))
        form.addRow("&Antagen den:", self.antagen)
        form.addRow("&Paragraf:", self.paragraf)
        form.addRow(self.error)
        buttons = QDialogButtonBox()
        buttons.addButton("Välj fil…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        try:
            if self.antagen.value() is None:
                raise ValueError("Ange datumet då nämnden antog delegationsordningen.")
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


class OrdningTab(QWidget):
    changed = Signal(str)

    def __init__(self, session: Session, namnd_id, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.namnd_id = session, namnd_id
        self.service = session.registers.delegation
        self.dialog = None
        self.version = QComboBox()
        self.version.setMinimumWidth(320)
        self.info = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("Ve&rsion:", buddy=self.version))
        top.addWidget(self.version)
        top.addWidget(self.info, 1)
        self.model = RecordTableModel([
            Column("Nummer", lambda p: p.nummer, width=8, sort_key=lambda p: _number_key(p.nummer)),
            Column("Ärendetyp", lambda p: p.arendetyp, stretch=True, tooltip=lambda p: p.arendetyp),
            Column("Delegat", lambda p: p.delegat, width=24),
            Column("Lagrum", lambda p: p.lagrum, width=26, tooltip=lambda p: p.lagrum),
            Column("Anmärkning", lambda p: p.anmarkning, width=24),
        ], parent=self)
        self.view = RecordTableView(self.model)
        self.view.set_column_widths()
        buttons = QHBoxLayout()
        self.actions = {}
        for key, text, slot in (("ny", "Ny version…", self.new_version),
                                ("andra", "Ändra…", self.edit_version),
                                ("bort", "Ta bort version…", self.delete_version),
                                ("import", "Importera från Excel…", self.import_excel),
                                ("export", "Exportera till Excel…", self.export_excel)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=slot: s())
            self.actions[key] = button
            buttons.addWidget(button)
            if key == "bort":
                buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.version.currentIndexChanged.connect(lambda _i: self.show_version())

    def reload(self, select: int | None = None) -> None:
        nid = self.namnd_id()
        keep = select if select is not None else self.version.currentData()
        self.version.blockSignals(True)
        self.version.clear()
        today = clock.today_iso()
        for o in self.service.ordningar(nid) if nid else []:
            label = f"Antagen {o.antagen}" + (f", {o.paragraf}" if o.paragraf else "")
            if o.antagen > today:
                label += " (framtida)"
            self.version.addItem(label, o.id)
        in_force = self.service.ordning_i_kraft(nid, today) if nid else None
        wanted = keep if self.version.findData(keep) >= 0 else (in_force.id if in_force else None)
        self.version.setCurrentIndex(max(0, self.version.findData(wanted)))
        self.version.blockSignals(False)
        self.show_version()

    def current(self) -> Delegationsordning | None:
        oid = self.version.currentData()
        return self.service.get_ordning(oid) if oid is not None else None

    def show_version(self) -> None:
        o = self.current()
        self.model.set_records(o.punkter if o else [])
        reason = "" if o is not None else NO_VERSION
        for key in ("andra", "bort", "export"):
            enable_or_explain(self.actions[key], reason)
        if o is None:
            self.info.setText("Ingen delegationsordning ännu: lägg in en version eller importera från Excel.")
        else:
            self.info.setText(f"{len(o.punkter)} punkter" + (f" · {o.anteckning}" if o.anteckning else ""))

    def _open(self, ordning: Delegationsordning) -> OrdningDialog:
        dialog = OrdningDialog(self.service, ordning, self)
        self.dialog = dialog
        dialog.saved.connect(
            lambda o: (self.reload(o.id), self.changed.emit("Delegationsordningen sparades.")))
        dialog.open()
        return dialog

    def new_version(self) -> OrdningDialog | None:
        nid = self.namnd_id()
        if nid is None:
            return None
        base = self.current()
        punkter = [replace(p, id=None, ordning_id=None) for p in base.punkter] if base else []
        return self._open(Delegationsordning(namnd_id=nid, antagen=clock.today_iso(), punkter=punkter))

    def edit_version(self) -> OrdningDialog | None:
        o = self.current()
        return self._open(o) if o else None

    def delete_version(self) -> bool:
        o = self.current()
        if o is None or not dialogs.confirm(
                self, "Ta bort version", f"Ta bort delegationsordningen antagen {o.antagen} med "
                f"{len(o.punkter)} punkter?\n\nBeslut som hänvisar till punkterna behåller punktnumret."):
            return False
        self.service.delete_ordning(o.id)
        self.reload()
        return True

    def import_excel(self, path=None, antagen: date | None = None, paragraf: str = "") -> ImportDialog | None:
        nid = self.namnd_id()
        if nid is None:
            return None
        if antagen is None:
            ask = AntagenDialog(self)
            if not ask.exec():
                return None
            antagen, paragraf = ask.antagen.value(), ask.paragraf.text()
        dialog = ImportDialog(self.session, DelegationsordningImport(nid, antagen, paragraf), self, path=path)
        self.dialog = dialog
        dialog.imported.connect(lambda n: (self.reload(), self.changed.emit(f"{n} punkter importerades.")))
        dialog.open()
        return dialog

    def export_excel(self, path=None):
        from app.registers.excel import KINDS

        o = self.current()
        if o is None:
            return None
        path = path or ask_save_path(self, f"Delegationsordning {o.antagen}.xlsx")
        if path is None:
            return None
        spec = KINDS["delegationsordning"]
        rows = [(p.nummer, p.arendetyp, p.delegat, p.lagrum, p.anmarkning) for p in o.punkter]
        return export_rows(self, spec.title, spec.columns, lambda: rows, path,
                           heading_lines=[f"Delegationsordning antagen {o.antagen}"],
                           on_done=lambda p, n: self.changed.emit(f"{n} punkter sparades i {p.name}."))


def _number_key(nummer: str) -> tuple:
    """"3.10" after "3.9"."""
    return tuple(int(x) if x.isdigit() else 10**6 for x in nummer.split("."))
