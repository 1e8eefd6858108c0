"""One report open for writing: its outline (the chapters in order, add, remove, move,
rename) beside the chosen chapter's heading and text, and the report's actions (print
it as one PDF, put it on a meeting's agenda). Saving a chapter shows at once in the
outline; a chapter changed and not saved is saved or thrown away as the user says
before another is shown. An adopted report is shown, not changed, and every greyed
control says why."""

from __future__ import annotations

import logging
from copy import copy
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes
from app.jobs import JobEnvironmentError
from app.rapport.model import INNEHALL, TEXT, Kapitel, Rapport
from app.rapport.service import RapportService, adopted_message
from app.session import Session
from app.validation import ValidationError
from db.errors import EnvironmentProblem
from ui import jobs
from ui.rapport.texts import TextChoice
from ui.tasks import Task
from ui.widgets import keys
from ui.widgets.buttons import enable_or_explain
from ui.widgets.dialogs import confirm, open_dialog
from ui.widgets.files import documents_folder
from ui.widgets.flow import FlowLayout
from ui.widgets.forms import FieldForm
from ui.widgets.guard import LeaveGuard, save_or_discard
from ui.widgets.richtext_edit import RichTextEdit
from ui.widgets.scroll import scroll_inside

log = logging.getLogger(__name__)

CHOOSE_CHAPTER = "Välj ett kapitel i dispositionen, eller lägg till ett med ”Nytt kapitel…”."
ONLY_TEXT = "Bara ett kapitel med innehållet Text kan skrivas per förvaltning."
NO_FORVALTNING = ("Nämnden har inga förvaltningar att skriva kapitlet för; lägg till dem under "
                  "Organisation → Nämnder och organ.")
#: Chapters without text named in the question before printing; the rest are counted.
MAX_NAMED = 12
#: Shown beside a copied chapter in the outline until it is reviewed; never printed.
TO_REVIEW = "att granska"


def notify(parent: QWidget, title: str, text: str, *, warning: bool = False) -> QMessageBox:
    """A message that does not block (a finished job reports with it)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("meddelande_ruta")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    parent.last_message = text  # type: ignore[attr-defined]
    return box


def outline_text(k: Kapitel) -> str:
    """The chapter as the outline lists it: indented under its heading, said when it is
    written per förvaltning, marked when copied and not yet reviewed."""
    text = ("    " if k.niva == 2 else "") + k.rubrik
    if k.per_forvaltning:
        text += " (per förvaltning)"
    return f"{text} – {TO_REVIEW}" if k.to_review else text


def safe_file_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in " -_–" else "_" for ch in text).strip() or "rapport"


class RapportEditor(QWidget):
    #: The report's title or status changed (the list shows them).
    rapport_changed = Signal(object)
    #: A background job failed, with its message (tests wait for it).
    task_failed = Signal(str)

    def __init__(self, session: Session, rapport: Rapport, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rapport_redigering")
        self.session, self.rapport = session, rapport
        self.service = RapportService(session.db)
        self.current: Kapitel | None = None
        self._loaded: tuple = ()  # the chapter form as last loaded or saved, to see a change
        self._guard = LeaveGuard(self)
        self.task: Task | None = None
        self.dialog: QWidget | None = None
        self.last_result: object = None
        self.last_message = ""
        self.buttons: dict[str, QPushButton] = {}

        actions = FlowLayout()
        for key, text, tip, slot in [
            ("skriv_ut", "Skriv ut rapporten…", "Hela rapporten som en PDF/A med innehållsförteckning",
             lambda: self.print_rapport()),
            ("dagordning", "Lägg på dagordningen…", "Rapporten som bilaga till ett ärende på ett sammanträde",
             lambda: self.put_on_agenda()),
        ]:
            self._add_button(actions, key, text, slot).setToolTip(tip)
        keys.print_key(self.buttons["skriv_ut"])
        actions.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("rapport_status")
        self.status.setWordWrap(True)

        self.outline = QListWidget()
        self.outline.setObjectName("disposition")
        # Long chapter titles end in "…" (the whole title is in the form beside) rather
        # than putting the outline behind a sideways scroll bar.
        self.outline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.outline.setTextElideMode(Qt.TextElideMode.ElideRight)
        outline_buttons = FlowLayout()
        for key, text, slot in [("nytt", "Nytt kapitel…", self.new_chapter),
                                ("upp", "Upp", lambda: self.move(-1)), ("ned", "Ned", lambda: self.move(1)),
                                ("ta_bort", "Ta bort…", self.remove)]:
            self._add_button(outline_buttons, f"kapitel_{key}", text, slot)
        outline_buttons.addStretch(1)
        outline_pane = QWidget()
        outline_column = QVBoxLayout(outline_pane)
        outline_column.setContentsMargins(0, 0, 0, 0)
        outline_column.addWidget(QLabel("<b>Disposition</b>"))
        outline_column.addWidget(self.outline, 1)
        outline_column.addLayout(outline_buttons)

        chapter = QWidget()
        chapter.setObjectName("kapitel")
        form_layout = QFormLayout()
        self.form = FieldForm(form_layout)
        self.rubrik = QLineEdit()
        self.rubrik.setObjectName("kapitel_rubrik")
        self.form.add("rubrik", "Rubrik:", self.rubrik)
        self.niva = QComboBox()
        self.niva.setObjectName("kapitel_niva")
        self.niva.addItem("Rubrik", 1)
        self.niva.addItem("Underrubrik", 2)
        self.form.add("niva", "Nivå:", self.niva)
        self.innehall = QComboBox()
        self.innehall.setObjectName("kapitel_innehall")
        for key, label in INNEHALL.items():
            self.innehall.addItem(label, key)
        # As wide as the pane allows, not as its longest choice: at 1024×600 the chapter
        # pane would otherwise scroll sideways (the list shows the choices in full).
        self.innehall.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.innehall.setMinimumContentsLength(16)
        self.form.add("innehall", "Innehåll:", self.innehall)
        self.per_forvaltning = QCheckBox("En text för varje förvaltning")
        self.per_forvaltning.setObjectName("kapitel_per_forvaltning")
        self.per_forvaltning.setToolTip("Kapitlet skrivs ut med en underrubrik och en text per förvaltning")
        self.form.add("per_forvaltning", "Förvaltningar:", self.per_forvaltning)
        self.form.add_general_row()
        self.review_note = QLabel("Kopierad från förra perioden: läs texten och ändra det som inte "
                                  "längre stämmer.")
        self.review_note.setObjectName("att_granska")
        self.review_note.setWordWrap(True)
        self.reviewed = QPushButton("Markera som granskad")
        self.reviewed.setObjectName("markera_granskad")
        self.reviewed.setToolTip("Texten stämmer för den nya perioden som den står")
        self.reviewed.clicked.connect(lambda _=False: self.mark_reviewed())
        self.text_caption = QLabel("Text:")
        self.text = RichTextEdit(object_name="kapitel_text")
        self.choice = TextChoice(self.text)
        self.choice.shown_changed.connect(self._enable)
        self.save_button = QPushButton("Spara kapitlet")
        self.save_button.setObjectName("spara_kapitel")
        self.save_button.clicked.connect(lambda _=False: self.save())
        keys.save_key(chapter, self.save_button)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form_layout)
        column.addWidget(self.review_note)
        column.addWidget(self.reviewed, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.choice)
        column.addWidget(self.text_caption)
        column.addWidget(self.text, 1)
        column.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        # The chapter's fields and text are taller than a laptop's window: the pane scrolls.
        scroll_inside(chapter, body)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(outline_pane)
        self.splitter.addWidget(chapter)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)

        self.rubrik.textEdited.connect(lambda _t: self._show_live())
        self.niva.currentIndexChanged.connect(lambda _i: self._show_live())
        self.per_forvaltning.toggled.connect(self._per_forvaltning_toggled)
        self.innehall.currentIndexChanged.connect(lambda _i: self._enable())
        self.outline.currentRowChanged.connect(self._chapter_chosen)
        self.show_status()
        self.reload()
        if self.outline.count():
            self.outline.setCurrentRow(0)
        else:
            self._enable()

    def _add_button(self, row: FlowLayout, key: str, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(key)
        button.clicked.connect(lambda _=False, s=slot: s())
        row.addWidget(button)
        self.buttons[key] = button
        return button

    # -- what is shown ---------------------------------------------------------------------
    @property
    def read_only_reason(self) -> str:
        return adopted_message(self.rapport) if self.rapport.adopted else ""

    def show_status(self) -> None:
        r = self.rapport
        line = f"<b>{r.titel}</b> – {r.namnd_namn}, perioden {r.period_text()}. "
        if r.adopted:
            line += f"{r.adoption_line()}: rapporten kan inte ändras."
        else:
            line += "Utkast: skriv kapitlen, skriv ut rapporten och lägg den på nämndens dagordning."
        self.status.setText(line)

    def chapters(self) -> list[Kapitel]:
        return [self.outline.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.outline.count())]

    def reload(self, select_id: int | None = None) -> None:
        """The outline read again, the chapter ``select_id`` (or the one shown) selected."""
        keep = select_id if select_id is not None else (self.current.id if self.current else None)
        with self._guard.quiet():
            self.outline.clear()
            for k in self.service.kapitel(self.rapport.id):
                item = QListWidgetItem(outline_text(k))
                item.setData(Qt.ItemDataRole.UserRole, k)
                item.setToolTip(INNEHALL[k.innehall] + (" per förvaltning" if k.per_forvaltning else "")
                                + (f" – {TO_REVIEW}" if k.to_review else ""))
                self.outline.addItem(item)
                if k.id == keep:
                    self.outline.setCurrentItem(item)

    def _row_of(self, kapitel_id: int | None) -> int:
        return next((i for i, k in enumerate(self.chapters()) if k.id == kapitel_id), -1)

    def _show_live(self) -> None:
        """The outline follows the heading, level and per förvaltning as they are typed."""
        if self._guard.busy:
            return  # a chapter being loaded: its fields are set one by one
        row = self._row_of(self.current.id if self.current else None)
        if row >= 0 and self.current is not None:
            shown = copy(self.current)
            shown.rubrik, shown.niva = self.rubrik.text(), self.niva.currentData()
            shown.per_forvaltning = self.per_forvaltning.isChecked()
            self.outline.item(row).setText(outline_text(shown))

    def _per_forvaltning_toggled(self, on: bool) -> None:
        if self._guard.busy:
            return
        self.choice.set_per_forvaltning(on)
        self._show_live()
        self._enable()

    def _chapter_chosen(self, row: int) -> None:
        if self._guard.busy:
            return
        shown = self.current
        chosen = self.outline.item(row).data(Qt.ItemDataRole.UserRole) if row >= 0 else None
        if shown is not None and (chosen is None or chosen.id != shown.id):
            # A changed chapter is saved or thrown away first, or it stays selected.
            back = self._row_of(shown.id)
            put_back = lambda: self.outline.setCurrentRow(back)  # noqa: E731
            if not self._guard.leave_or_revert(self.leave, put_back, later=True):
                return
            with self._guard.quiet():  # saving read the outline again
                self.outline.setCurrentRow(self._row_of(chosen.id) if chosen is not None else -1)
        self._load(copy(chosen) if chosen is not None else None)

    def _load(self, k: Kapitel | None) -> None:
        self.current = k
        self.form.clear()
        with self._guard.quiet():
            self.rubrik.setText(k.rubrik if k else "")
            self.niva.setCurrentIndex(self.niva.findData(k.niva if k else 1))
            self.innehall.setCurrentIndex(self.innehall.findData(k.innehall if k else TEXT))
            self.per_forvaltning.setChecked(k.per_forvaltning if k else False)
            texts = self.service.forvaltningstexter(k.id) if k is not None and k.id is not None else []
            self.choice.load(k.text if k else "", texts, k.per_forvaltning if k else False,
                             k.att_granska if k else False)
        self._loaded = self._entered()
        generated = k is not None and k.generated
        self.text_caption.setText("Text under det som hämtas ur programmet:" if generated else "Text:")
        self._enable()

    def _entered(self) -> tuple:
        return (self.rubrik.text(), self.niva.currentData(), self.innehall.currentData(),
                self.per_forvaltning.isChecked(), self.choice.state())

    def _enable(self) -> None:
        locked = self.read_only_reason
        k = self.current
        why = locked or ("" if k is not None else CHOOSE_CHAPTER)
        for w in (self.rubrik, self.niva, self.innehall, self.save_button):
            enable_or_explain(w, why)
        per_forvaltning = self.per_forvaltning.isChecked()
        enable_or_explain(self.per_forvaltning, why or (
            "" if per_forvaltning else ONLY_TEXT if self.innehall.currentData() != TEXT
            else "" if self.choice.texts else NO_FORVALTNING))
        self.text.set_read_only(bool(why))
        for button in (self.text.bold, self.text.italic, self.text.underline, self.text.numbered,
                       self.text.bulleted):
            enable_or_explain(button, why)
        enable_or_explain(self.buttons["kapitel_nytt"], locked)
        row = self._row_of(k.id if k else None)
        enable_or_explain(self.buttons["kapitel_upp"],
                          why or ("Kapitlet står redan först." if row == 0 else ""))
        enable_or_explain(self.buttons["kapitel_ned"],
                          why or ("Kapitlet står redan sist." if row == self.outline.count() - 1 else ""))
        enable_or_explain(self.buttons["kapitel_ta_bort"], why)
        to_review = k is not None and self.choice.shown_to_review() and not locked
        self.review_note.setVisible(to_review)
        self.reviewed.setVisible(to_review)

    # -- leaving and saving ----------------------------------------------------------------
    def leave(self) -> bool:
        """Before another chapter or report is shown or the database closes: Spara, Släng
        or Avbryt when the chapter shown was changed. False: stay on it."""
        if self.read_only_reason or self.current is None or self._entered() == self._loaded:
            return True
        return save_or_discard(
            self, "Kapitlet är inte sparat",
            f"Kapitlet ”{self.rubrik.text() or self.current.rubrik}” i {self.rapport.titel} har ändrats men "
            "inte sparats.\n\nSpara det, släng ändringen eller avbryt och stanna kvar på kapitlet?",
            self.save, self._forget_changes)

    def _forget_changes(self) -> None:
        if self.current is not None:
            self._load(self.current)

    def save(self) -> bool:
        if self.current is None or self.read_only_reason:
            return False
        k = copy(self.current)
        k.rubrik, k.niva = self.rubrik.text(), self.niva.currentData()
        k.innehall = self.innehall.currentData()
        k.per_forvaltning, k.text = self.per_forvaltning.isChecked(), self.choice.own_text()
        self.form.clear()
        try:
            saved = self.service.save_kapitel(k, self.choice.changed_texts())
        except ValidationError as exc:
            self.form.show(exc)
            return False
        self.reload(saved.id)
        self._load(copy(saved))
        return True

    # -- the outline -----------------------------------------------------------------------
    def new_chapter(self) -> None:
        if not self.leave():
            return
        from ui.rapport.dialogs import NewChapterDialog

        after = self.current.id if self.current is not None else None
        dialog = NewChapterDialog(self.service, self.rapport.id, after, self)
        open_dialog(self, dialog, self._chapter_added)

    def _chapter_added(self, k: Kapitel) -> None:
        self.reload(k.id)
        self._load(copy(k))
        self.text.setFocus()

    def move(self, delta: int) -> None:
        if self.current is None or not self.leave():
            return
        self.service.move_kapitel(self.current.id, delta)
        self.reload(self.current.id)
        self._enable()

    def remove(self) -> None:
        k = self.current
        if k is None:
            return
        if not confirm(self, "Ta bort kapitel", f"Ta bort kapitlet ”{k.rubrik}” och dess text ur rapporten?"):
            return
        self.service.remove_kapitel(k.id)
        row = self._row_of(k.id)
        self.current = None
        self.reload()
        if self.outline.count():
            self.outline.setCurrentRow(min(row, self.outline.count() - 1))
        else:
            self._load(None)

    def mark_reviewed(self) -> None:
        if self.current is None:
            return
        shown = self.choice.shown_text()
        marked = self.service.mark_reviewed(self.current.id, shown.id if shown is not None else None)
        self.current.att_granska = marked.att_granska
        self.current.forvaltning_att_granska = marked.forvaltning_att_granska
        self.choice.mark_shown_reviewed()
        self.reload(self.current.id)
        self._show_live()  # a heading typed and not yet saved stays in the outline
        self._enable()

    # -- printing and the agenda -------------------------------------------------------------
    def _failed(self, what: str):
        def failed(exc: BaseException, tb: str) -> None:
            if isinstance(exc, JobEnvironmentError):
                from ui.crash import show_environment_problem

                show_environment_problem(EnvironmentProblem("job", exc.title, exc.message), self)
            else:
                log.info("%s misslyckades:\n%s", what, tb)
                notify(self, what, str(exc), warning=True)
            self.task_failed.emit(str(exc))
        return failed

    def _ask_if_missing(self, title: str, consequence: str, go: str, proceed) -> QMessageBox | None:
        """When written chapters of a draft have no text, name them and let the user go on
        (``proceed()``) or go back and write them; otherwise go on at once."""
        missing = [] if self.rapport.adopted else self.service.missing_texts(self.rapport.id)
        if not missing:
            proceed()
            return None
        shown = [f"– {name}" for name in missing[:MAX_NAMED]]
        if len(missing) > MAX_NAMED:
            shown.append(f"… och {len(missing) - MAX_NAMED} till")
        text = (f"{len(missing)} kapitel i {self.rapport.titel} saknar text:\n\n" + "\n".join(shown)
                + f"\n\n{consequence}")
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("kapitel_utan_text")
        box.go_button = box.addButton(go, QMessageBox.ButtonRole.AcceptRole)  # type: ignore[attr-defined]
        back = box.addButton("Gå tillbaka", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: proceed() if button is box.go_button else None)  # type: ignore[attr-defined]
        self.dialog = box
        self.last_message = text
        box.open()
        return box

    def print_rapport(self, path: Path | None = None) -> None:
        """The whole report as one PDF/A, written on a worker with a progress dialog. A
        draft with chapters without text asks first: they print as "Texten är inte skriven."."""
        if not self.leave():  # what is printed is what is saved
            return
        self._ask_if_missing("Skriv ut rapporten", "I utskriften står ”Texten är inte skriven.” under dem. "
                             "Skriv ut ändå, eller gå tillbaka och skriv dem först?", "Skriv ut ändå",
                             lambda: self._print_to(path))

    def _print_to(self, path: Path | None) -> Task | None:
        from app.rapport.kept import print_rapport

        if path is None:
            suggested = documents_folder() / f"{safe_file_name(self.rapport.titel)}.pdf"
            chosen, _ = QFileDialog.getSaveFileName(self, "Skriv ut rapporten", str(suggested), "PDF (*.pdf)")
            if not chosen:
                return None
            path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        rapport_id, target = self.rapport.id, path

        def done(printed) -> None:
            self.last_result = target
            text = f"{self.rapport.titel} ({printed.pages} sidor) sparades i\n{target}"
            if printed.kept is not None and not printed.note:
                text += f"\n\nDen antagna rapporten skrevs ut som den sparades {printed.kept.kept_text}."
            if printed.note:
                text += f"\n\n{printed.note}"
            notify(self, "Skriv ut rapporten", text)

        def cancelled() -> None:
            notify(self, "Skriv ut rapporten", f"Utskriften avbröts; {target.name} är inte färdig.")

        self.task = jobs.run(self, self.session,
                             lambda services, progress: print_rapport(services.db, rapport_id, target,
                                                                      progress=progress),
                             progress=f"Skriver {target.name}…", on_done=done, on_cancelled=cancelled,
                             on_error=self._failed("Skriv ut rapporten"))
        return self.task

    def put_on_agenda(self) -> None:
        """Choose the meeting; the PDF is then made and attached on a worker. A chapter
        without text is not in what goes to the nämnd: the user is asked first."""
        if not self.leave():
            return
        self._ask_if_missing("Lägg på dagordningen", "I handlingen till sammanträdet tas de inte med, varken "
                             "i texten eller i innehållsförteckningen. Lägg på dagordningen utan dem, eller "
                             "gå tillbaka och skriv dem först?", "Lägg på utan dem", self._choose_meeting)

    def _choose_meeting(self) -> None:
        from ui.rapport.dialogs import RapportAgendaDialog

        dialog = RapportAgendaDialog(self.session.db, self.rapport, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.attach_to_meeting(*dialog.choice(),
                                                               dialog.meeting.currentText()))
        dialog.open()

    def attach_to_meeting(self, meeting_id: int, arende_id: int | None,
                          meeting_label: str = "sammanträdet") -> Task:
        from app.rapport.agenda import put_rapport_on_agenda

        rapport_id = self.rapport.id

        def done(placed) -> None:
            self.last_result = placed
            notify(self, "Lägg på dagordningen",
                   f"”{placed.bilaga.titel}” ({placed.bilaga.sidor} sidor) är bilaga till ärende "
                   f"{placed.arende.nummer} ”{placed.arende.rubrik}” på dagordningen för {meeting_label}.")

        self.task = jobs.run(self, self.session,
                             lambda services, _p: put_rapport_on_agenda(services.db, rapport_id, meeting_id,
                                                                       arende_id),
                             progress="Skapar bilagan…", on_done=done,
                             on_error=self._failed("Lägg på dagordningen"),
                             changes=Changes.of("meetings", "arenden", "bilagor", meeting_ids=[meeting_id]))
        return self.task
