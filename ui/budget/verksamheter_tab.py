"""The rows the nämnd reports on: code, name and group, in print order."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from app.budget.verksamheter import Verksamhet
from app.validation import ValidationError
from ui.budget.common import Context, button, row
from ui.budget.grid import GridModel, GridRow, GridView, text
from ui.widgets.status import StatusLine


class VerksamheterTab(QWidget):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = GridModel(["Kod", "Namn", "Grupp"], self._edit)
        self.view = GridView(self.model)
        self.view.setObjectName("verksamheter_tabell")
        self.message = StatusLine()
        self.model.edit_failed.connect(self.message.error)
        note = QLabel("Verksamheter, verksamhetsområden eller kostnadsslag som nämndens tabeller redovisas "
                      "per. Rader med samma grupp får en delsumma (t.ex. ”Intäkter totalt”).")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(row(button("Ny verksamhet", self.new, "ny_verksamhet"),
                             button("Ta bort…", self.delete, "ta_bort_verksamhet"),
                             button("Flytta upp", lambda: self.move(-1)),
                             button("Flytta ned", lambda: self.move(1))))
        ctx.changed.connect(self.reload)

    def reload(self) -> None:
        items = self.ctx.ek.verksamheter.verksamheter(self.ctx.namnd_id) if self.ctx.namnd_id else []
        self.model.set_rows([GridRow([text(v.kod, key=(v.id, "kod")), text(v.namn, key=(v.id, "namn")),
                                      text(v.grupp, key=(v.id, "grupp"))], "data", v) for v in items])

    def _edit(self, key, value) -> None:
        verksamhet_id, field = key
        v = self.ctx.ek.verksamheter.get(verksamhet_id)
        setattr(v, field, value)
        self.ctx.ek.verksamheter.save(v)
        self.message.clear_message()
        self.reload()
        self.ctx.data_changed.emit()

    def _current(self) -> Verksamhet | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()].ref if index.isValid() else None

    def new(self) -> None:
        if self.ctx.namnd_id is None:
            return
        n = len(self.model.rows) + 1
        try:
            v = self.ctx.ek.verksamheter.save(
                Verksamhet(namnd_id=self.ctx.namnd_id, namn=f"Ny verksamhet {n}"))
        except ValidationError as exc:
            self.message.error(str(exc))
            return
        self.reload()
        r = self.model.find_row(lambda gr: gr.ref.id == v.id)
        self.view.setCurrentIndex(self.model.index(r, 1))
        self.view.edit(self.model.index(r, 1))

    def delete(self) -> None:
        v = self._current()
        if v is None:
            self.message.error("Markera den verksamhet som ska tas bort.")
            return
        if QMessageBox.question(self, "Ta bort verksamhet", f"Ta bort ”{v.benamning}”?") != \
                QMessageBox.StandardButton.Yes:
            return
        try:
            self.ctx.ek.verksamheter.delete(v.id)
        except ValidationError as exc:
            self.message.error(str(exc))
            return
        self.reload()

    def move(self, steg: int) -> None:
        v = self._current()
        if v is None:
            return
        column = self.view.currentIndex().column()
        self.ctx.ek.verksamheter.flytta(self.ctx.namnd_id, v.id, steg)
        self.reload()
        r = self.model.find_row(lambda gr: gr.ref.id == v.id)
        self.view.setCurrentIndex(self.model.index(r, column))
        self.ctx.data_changed.emit()
