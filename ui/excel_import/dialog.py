"""The import dialog every register and plan uses: choose file and sheet, check the
column mapping, see the rows and every problem, correct cells, import all or nothing.

Reading, parsing and storing run on a worker thread (ui/jobs.py) with their own database
connection; the dialog only shows results. A result that arrives after the user has
changed the mapping again is dropped (generation counter).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.excel_import import (
    ImportCancelled,
    ImportFileError,
    ImportPreview,
    ImportRefused,
    ImportTarget,
    MappingStore,
    SheetGrid,
    apply_import,
    build_preview,
    detect_header_row,
    initial_mapping,
    read_sheet,
    sheet_names,
)
from app.excel_import.mapping import auto_mapping, headings
from app.jobs import JobCancelled
from app.session import Session
from ui import crash, jobs, window_state
from ui.excel_import.models import FieldKeyRole, MappingModel, PreviewModel, ProblemModel
from ui.tasks import Task
from ui.widgets import dialogs

log = logging.getLogger(__name__)
FILE_FILTER = "Excel- och CSV-filer (*.xlsx *.xlsm *.csv);;Alla filer (*)"


@dataclass
class _Loaded:
    sheets: list[str]
    grid: SheetGrid
    header_index: int
    mapping: dict[int, str]
    existing: set
    preview: ImportPreview


class FieldDelegate(QStyledItemDelegate):
    """A combo box of the target's fields in the mapping table's Fält column."""

    def __init__(self, model: MappingModel, parent=None):
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for key, label in self.model.field_choices():
            combo.addItem(label, key)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor, index):
        key = index.data(FieldKeyRole)
        editor.setCurrentIndex(max(0, editor.findData(key)))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData())


class ImportDialog(QDialog):
    """``imported(count)`` fires after a successful import."""

    imported = Signal(int)

    def __init__(self, session: Session, target: ImportTarget, parent: QWidget | None = None,
                 path: Path | str | None = None):
        super().__init__(parent)
        self.session, self.target = session, target
        self.setWindowTitle(f"Importera {target.title.lower()} från Excel")
        window_state.resize_within_screen(self, QSize(1150, 720))
        self.grid: SheetGrid | None = None
        self.header_index = 0
        self.existing: set = set()
        self.preview: ImportPreview | None = None
        self.overrides: dict[tuple[int, int], Any] = {}
        self.imported_count: int | None = None
        self.busy = False
        self._generation = 0
        self._tasks: set[Task] = set()
        self._build()
        if path is not None:
            self.load_file(Path(path))

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.path_edit = QLineEdit(readOnly=True, placeholderText="Ingen fil vald")
        choose = QPushButton("Välj fil…")
        choose.clicked.connect(self.choose_file)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setMinimumWidth(180)
        self.sheet_combo.activated.connect(
            lambda _i: self.load_file(self.path, self.sheet_combo.currentText()))
        self.header_spin = QSpinBox(minimum=1, maximum=1)
        self.header_spin.setToolTip("Raden i bladet där kolumnrubrikerna står")
        self.header_spin.valueChanged.connect(self._header_changed)
        top = QHBoxLayout()
        top.addWidget(QLabel("Fil:"))
        top.addWidget(self.path_edit, 1)
        top.addWidget(choose)
        top.addWidget(QLabel("Blad:"))
        top.addWidget(self.sheet_combo)
        top.addWidget(QLabel("Rubrikrad:"))
        top.addWidget(self.header_spin)

        self.mapping_model = MappingModel(self.target, self)
        self.mapping_model.mapping_changed.connect(self._mapping_changed)
        self.mapping_view = QTableView()
        self.mapping_view.setModel(self.mapping_model)
        self.mapping_view.setItemDelegateForColumn(MappingModel.FIELD_COLUMN,
                                                   FieldDelegate(self.mapping_model, self.mapping_view))
        self.mapping_view.verticalHeader().hide()
        self.mapping_view.setWordWrap(False)
        self.mapping_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.mapping_view.horizontalHeader().setStretchLastSection(True)
        self.mapping_model.modelReset.connect(self._open_editors)

        self.preview_model = PreviewModel(self.target, self)
        self.preview_model.corrected.connect(self._cell_corrected)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.verticalHeader().hide()
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                          | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.preview_view.setWordWrap(False)

        self.problem_model = ProblemModel(self)
        self.problem_view = QListView()
        self.problem_view.setModel(self.problem_model)
        self.problem_view.setAlternatingRowColors(True)
        self.problem_view.activated.connect(self._show_problem)
        self.problem_view.clicked.connect(self._show_problem)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>Kolumner</b> – välj vilket fält varje kolumn fyller"))
        left_layout.addWidget(self.mapping_view)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(
            QLabel("<b>Förhandsgranskning</b> – dubbelklicka på en cell för att rätta den"))
        right_layout.addWidget(self.preview_view)
        upper = QSplitter()
        upper.addWidget(left)
        upper.addWidget(right)
        upper.setSizes([420, 730])
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.problem_label = QLabel("<b>Problem</b>")
        lower_layout.addWidget(self.problem_label)
        lower_layout.addWidget(self.problem_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setSizes([480, 170])

        self.summary = QLabel("Välj en Excel-fil att importera.")
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("Importera", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def _open_editors(self) -> None:
        for row in range(self.mapping_model.rowCount()):
            self.mapping_view.openPersistentEditor(self.mapping_model.index(row, MappingModel.FIELD_COLUMN))
        self.mapping_view.resizeColumnsToContents()
        header = self.mapping_view.horizontalHeader()
        header.resizeSection(MappingModel.FIELD_COLUMN, 170)
        for col in (0, 1):
            header.resizeSection(col, min(header.sectionSize(col), 160))

    # -- loading --------------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        text = self.path_edit.text()
        return Path(text) if text else None

    def choose_file(self) -> None:
        start = str(self.path.parent) if self.path else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self, "Välj Excel-fil", start, FILE_FILTER)
        if name:
            self.load_file(Path(name))

    def _start(self, title: str, job, on_success) -> None:
        self._generation += 1
        generation = self._generation
        self.busy = True
        self.import_button.setEnabled(False)

        def ok(result) -> None:
            if generation == self._generation:
                self.busy = False
                on_success(result)

        def failed(exc: BaseException, tb: str) -> None:
            if generation != self._generation:
                return
            self.busy = False
            self._update_buttons()
            if isinstance(exc, ImportCancelled | JobCancelled):
                self.summary.setText("Avbrutet.")
            elif isinstance(exc, ImportFileError):
                self.summary.setText(str(exc))
                QMessageBox.warning(self, self.windowTitle(), str(exc))
            elif isinstance(exc, ImportRefused):
                self._show_refusal(exc)
            elif crash.report_environment_error(exc, self, self.session.path):
                self.summary.setText("Ingenting har importerats.")
            else:
                log.error("Importen misslyckades:\n%s", tb)
                QMessageBox.critical(self, self.windowTitle(),
                                     f"Ett oväntat fel inträffade: {type(exc).__name__}: {exc}\n"
                                     "Ingenting har importerats.")

        task = jobs.run(self, self.session, job, progress=title, on_done=ok, on_error=failed)
        self._tasks.add(task)
        task.done.connect(lambda: self._tasks.discard(task))

    def load_file(self, path: Path | None, sheet: str | None = None) -> None:
        if path is None:
            return
        self.path_edit.setText(str(path))
        target = self.target

        def job(services, progress) -> _Loaded:
            cancelled = progress.is_cancelled
            sheets = sheet_names(path)
            # One bar for both halves: reading the sheet, then checking its rows.
            grid = read_sheet(path, sheet or sheets[0], progress=lambda i, n: progress.report(i, 2 * n),
                              cancelled=cancelled)
            rows = max(1, len(grid.rows))
            header_index = detect_header_row(grid, target.fields)
            db = services.db
            bound = target.bind(db)
            mapping = initial_mapping(db, bound, grid, header_index)
            existing = bound.existing_keys(db)
            preview = build_preview(grid, bound, mapping, header_index, existing=existing,
                                    progress=lambda i, _n: progress.report(rows + i, 2 * rows),
                                    cancelled=cancelled)
            return _Loaded(sheets, grid, header_index, mapping, existing, preview)

        self._start(f"Läser {path.name}…", job, self._loaded)

    def _loaded(self, result: _Loaded) -> None:
        self.grid, self.header_index, self.existing = result.grid, result.header_index, result.existing
        self.overrides = {}
        self.sheet_combo.clear()
        self.sheet_combo.addItems(result.sheets)
        self.sheet_combo.setCurrentText(result.grid.sheet)
        self.header_spin.blockSignals(True)
        self.header_spin.setMaximum(max(1, len(result.grid.rows)))
        self.header_spin.setValue(result.header_index + 1)
        self.header_spin.blockSignals(False)
        self.mapping_model.set_source(result.grid, result.header_index,
                                      headings(result.grid, result.header_index), result.mapping)
        self._show_preview(result.preview)

    def _header_changed(self, value: int) -> None:
        if self.grid is None:
            return
        self.header_index = value - 1
        names = headings(self.grid, self.header_index)
        mapping = MappingStore(self.session.db).load(self.target.kind, self.grid.sheet, names,
                                                     self.target.fields)
        self.mapping_model.set_source(self.grid, self.header_index, names,
                                      mapping or auto_mapping(names, self.target.fields))
        self.reparse()

    def _mapping_changed(self) -> None:
        self.reparse()

    def _cell_corrected(self, excel_row: int, col: int, text: str) -> None:
        self.overrides[(excel_row, col)] = text
        self.reparse()

    def reparse(self) -> None:
        if self.grid is None:
            return
        grid, target, header_index = self.grid, self.target, self.header_index
        mapping, existing = dict(self.mapping_model.mapping), self.existing
        overrides = dict(self.overrides)

        def job(services, progress) -> ImportPreview:
            return build_preview(grid, target.bind(services.db), mapping, header_index, existing=existing,
                                 overrides=overrides, progress=progress.report,
                                 cancelled=progress.is_cancelled)

        self._start("Läser raderna…", job, self._show_preview)

    def _show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.preview_model.set_preview(preview, self.grid, self.overrides)
        self.preview_view.resizeColumnsToContents()
        for col in range(self.preview_model.columnCount()):
            if self.preview_view.columnWidth(col) > 320:
                self.preview_view.setColumnWidth(col, 320)
        # Warnings follow the problems: those rows are imported, marked "Behöver granskas".
        self.problem_model.set_problems(preview.problems + [
            replace(w, message=f"varning: {w.message} (importeras, markeras ”Behöver granskas”)")
            for w in preview.warnings])
        label = f"<b>Problem ({len(preview.problems)})</b>" if preview.problems else "<b>Problem</b> – inga"
        if preview.warnings:
            label += f", <b>varningar ({len(preview.warnings)})</b>"
        self.problem_label.setText(label)
        text = preview.summary() + "."
        if preview.unmapped:
            text += (" Kolumner som inte importeras: " + ", ".join(f"”{n}”" for n in preview.unmapped)
                     + " – välj ett fält för dem under Kolumner om de ska med.")
        if preview.notes:
            text += " " + "; ".join(preview.notes) + "."
        if preview.problems:
            text += " Rätta cellerna här (dubbelklicka) eller i Excel-filen och läs in den igen."
        self.summary.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(not self.busy and self.preview is not None
                                      and self.preview.can_import)

    def _show_problem(self, index: QModelIndex) -> None:
        problem = self.problem_model.problems[index.row()]
        if self.preview is None or problem.row is None:
            return
        for r, row in enumerate(self.preview.rows):
            if row.excel_row == problem.row:
                col = 0
                if problem.column is not None:
                    key = self.preview.mapping.get(problem.column)
                    if key in self.preview_model.keys:
                        col = self.preview_model.keys.index(key) + 1
                cell = self.preview_model.index(r, col)
                self.preview_view.scrollTo(cell)
                self.preview_view.setCurrentIndex(cell)
                return

    # -- importing ------------------------------------------------------------------------
    def do_import(self) -> None:
        preview, target = self.preview, self.target
        if preview is None or not preview.can_import or self.busy:
            return
        # Replacing what is stored needs consent, as --ersatt on the command line.
        replaced = target.bind(self.session.db).replaces(self.session.db)
        if replaced and not dialogs.confirm(self, self.windowTitle(),
                                            f"{replaced[0].upper()}{replaced[1:]}.\n\nErsätta?",
                                            ok_text="Ersätt"):
            self.summary.setText("Ingenting importerades: det som finns ersattes inte.")
            return

        def job(services, _progress) -> int:
            return apply_import(services.db, target.bind(services.db), preview)

        self._start(f"Importerar {len(preview.rows)} rader…", job, self._imported)

    def _imported(self, count: int) -> None:
        self.imported_count = count
        self.imported.emit(count)
        self.accept()

    def _show_refusal(self, exc: ImportRefused) -> None:
        self.problem_model.set_problems(exc.problems)
        self.summary.setText("Ingenting importerades. " + str(exc).splitlines()[0])
        self._update_buttons()

    def done(self, result: int) -> None:
        for task in list(self._tasks):
            task.cancel()
        super().done(result)
