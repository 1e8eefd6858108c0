"""One plan open for editing: its tabs, and the actions on it (Excel, PDF, checks).
Long work (Excel, PDF) runs on a worker thread with its own database connection.
An adopted plan is shown frozen, with a line saying so and a Revidera button
(docs/domain/plans.md, "Adoption and revisions")."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes
from app.plan.checks import plan_warnings
from app.plan.frozen import adopted_message
from app.plan.model import Plan
from app.plan.nyckeltal_layout import NyckeltalLayoutService
from app.session import Session
from app.validation import ValidationError
from ui import jobs, undo
from ui.plan import table_specs
from ui.plan.followup_tab import FollowupTab
from ui.plan.goals_tab import GoalsTab
from ui.plan.nyckeltal_layout import NyckeltalLayoutBar
from ui.plan.plan_info import PlanInfoTab
from ui.plan.tables import RowsTab
from ui.tasks import Task
from ui.widgets import keys
from ui.widgets.buttons import enable_or_explain
from ui.widgets.dialogs import confirm
from ui.widgets.files import documents_folder

log = logging.getLogger(__name__)


def worker_job(work: Callable) -> Callable:
    """A runner job (ui/jobs.py) that runs ``work(db, progress, cancelled)`` on the
    worker's own connection."""
    return lambda services, progress: work(services.db, progress.report, progress.is_cancelled)


def notify(parent: QWidget, title: str, text: str, *, warning: bool = False) -> QMessageBox:
    """A message that does not block (a finished background job reports with it)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("meddelande_ruta")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    parent.last_message = text
    return box


def run_plan_import(parent: QWidget, session: Session, path: Path, title: str,
                    on_done: Callable, on_error: Callable) -> Task:
    """Import a plan workbook on a worker. A file that would replace the content of a plan
    in the database is stored only with the user's consent, as the command line's
    ``--ersatt``: the first run stores nothing when consent is missing
    (ReplaceNeedsConsent), the question names the plan and what goes, Ersätt imports
    again with consent and Avbryt leaves everything as it was."""
    from app.plan.excel import import_plan_xlsx
    from app.plan.excel.store import ReplaceNeedsConsent

    def start(replace: bool) -> Task:
        def failed(exc: BaseException, tb: str) -> None:
            if not isinstance(exc, ReplaceNeedsConsent) or replace:
                on_error(exc, tb)
                return
            what = str(exc)
            if confirm(parent, title, f"{what[0].upper()}{what[1:]}.\n\nVill du ersätta planens innehåll med "
                                      f"filens ({path.name})?", "Ersätt"):
                parent.task = start(True)  # type: ignore[attr-defined]
            else:
                notify(parent, title, f"Ingenting importerades från {path.name}; planen är som förut.")

        work = worker_job(lambda db, progress, _c: import_plan_xlsx(db, path, progress=progress,
                                                                     replace=replace))
        return jobs.run(parent, session, work, progress=f"Läser {path.name}…", on_done=on_done,
                        on_error=failed, changes=Changes(plan=True))

    return start(False)


def safe_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in " -_–" else "_" for ch in text).strip() or "plan"


class PlanEditor(QWidget):
    plan_changed = Signal(object)  # the saved Plan (title/status shown in the list)
    #: Emitted with an error text when a background job fails (tests wait for it).
    task_failed = Signal(str)
    #: Emitted with the Revision (app/plan/revision.py) when the plan was revised.
    revised = Signal(object)

    def __init__(self, session: Session, plan: Plan, parent=None):
        super().__init__(parent)
        self.session, self.plan = session, plan
        self.plans, self.goals = session.plan, session.goals
        self.follow = session.followup
        self.task: Task | None = None
        self.last_result = None
        self.last_message = ""
        self.dialog = None
        forvaltningar = [f.kortnamn for f in session.organisation.forvaltningar(plan.namnd_id)]

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.info = PlanInfoTab(self.plans, plan)
        self.info.form.saved.connect(self._plan_saved)
        self.goal_tab = GoalsTab(self.goals, plan, forvaltningar)
        self.tables = {
            "nyckeltal": RowsTab(table_specs.nyckeltal(self.plans, plan, forvaltningar), self.plans),
            "forandring": RowsTab(table_specs.forandring(self.plans, plan, forvaltningar), self.plans),
            "aktivitet": RowsTab(table_specs.aktiviteter(self.plans, self.goals, plan), self.plans),
            "uppdrag": RowsTab(table_specs.uppdrag(self.plans, plan), self.plans),
            "risk": RowsTab(table_specs.risker(self.plans, plan), self.plans),
            "fotnot": RowsTab(table_specs.fotnoter(self.plans, self.goals, plan), self.plans),
        }
        # How the nyckeltal print (the plan 2022–2024's Basvärde and status per year, or not).
        self.nyckeltal_layout = NyckeltalLayoutBar(NyckeltalLayoutService(self.plans.db), plan,
                                                   self.tables["nyckeltal"])
        self.tables["nyckeltal"].layout().insertWidget(0, self.nyckeltal_layout)
        self.followup = FollowupTab(self.follow, self.goals, plan)
        # A typed or pasted utfall is a step of Redigera → Ångra (ui/undo.py).
        self.followup.panel.outcomes.history = lambda: undo.of_window(self)
        self.tabs.addTab(self.info, "&Plan och text")
        self.tabs.addTab(self.goal_tab, "&Mål och mått")
        for key, title in [("fotnot", "&Fotnoter"), ("nyckeltal", "N&yckeltal"),
                           ("forandring", "F&örändringsbeskrivning"), ("aktivitet", "Han&dlingsplan"),
                           ("uppdrag", "Särskilda &uppdrag"), ("risk", "&Riskanalys")]:
            self.tabs.addTab(self.tables[key], title)
        self.tabs.addTab(self.followup, "Uppfö&ljning")
        self.tabs.currentChanged.connect(self._tab_shown)

        actions = QHBoxLayout()
        self.buttons = {}
        self.menu_actions = {}
        # Excel and printing each get one menu button, so the row fits beside the plan
        # list in a 1200-pixel window without cutting any text.
        for title, key, items in [
            ("Excel", "excel", [("exportera", "Exportera till Excel…", lambda: self.export_excel()),
                                ("importera", "Importera från Excel…", lambda: self.import_excel())]),
            ("Skriv ut", "skriv_ut", [("pdf_plan", "Planen (PDF)…", lambda: self.print_plan()),
                                      ("pdf_uppfoljning", "Uppföljningen (PDF)…",
                                       lambda: self.print_followup())]),
        ]:
            button = QPushButton(title)
            button.setObjectName(key)
            menu = QMenu(button)
            for action_key, text, slot in items:
                action = menu.addAction(text)
                action.setObjectName(action_key)
                action.triggered.connect(lambda _=False, s=slot: s())
                self.menu_actions[action_key] = action
            button.setMenu(menu)
            actions.addWidget(button)
            self.buttons[key] = button
        keys.print_action(self, self.menu_actions["pdf_plan"])
        for key, text, slot in [
            ("dagordning", "Lägg på dagordningen…", lambda: self.put_on_agenda()),
            ("kontrollera", "Kontrollera planen", self.check),
        ]:
            button = QPushButton(text)
            button.setObjectName(key)
            button.clicked.connect(lambda _=False, s=slot: s())
            actions.addWidget(button)
            self.buttons[key] = button
        actions.addStretch(1)
        self.version_box = QFrame()
        self.version_box.setObjectName("versionsruta")
        self.version_box.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self.version_box)
        row.setContentsMargins(8, 4, 8, 4)
        self.version_text = QLabel()
        self.version_text.setObjectName("versionsrad")
        self.version_text.setWordWrap(True)
        self.revise_button = QPushButton("Revidera…")
        self.revise_button.setObjectName("revidera")
        self.revise_button.setToolTip("Gör nästa version av planen som utkast; den antagna ändras inte.")
        self.revise_button.clicked.connect(lambda _=False: self.revise())
        row.addWidget(self.version_text, 1)
        row.addWidget(self.revise_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.version_box)
        layout.addWidget(self.tabs, 1)
        self.frozen = False
        self._show_version()
        if plan.adopted:
            self.set_frozen()

    # -- adopted plans and revisions -------------------------------------------------------
    def _show_version(self) -> None:
        plan = self.plan
        line = self.plans.version_line(plan)
        if plan.adopted:
            text = (f"<b>{plan.adoption_line()}.</b> {line}. Planen kan inte ändras; uppföljningen fylls i "
                    "som vanligt. Gör en revidering för att ändra planen.")
        else:
            text = (f"<b>{line}.</b> Utkast: ändra planen och ange antagandet under Plan och text när "
                    "nämnden har beslutat.")
        self.version_text.setText(text)
        self.version_box.setVisible(plan.adopted or plan.revidering_av_id is not None)
        self.revise_button.setVisible(plan.adopted)

    def set_frozen(self) -> None:
        """The plan is adopted: every tab but the follow-up is shown without changes."""
        self.frozen = True
        reason = adopted_message(self.plan)
        self.info.set_frozen(reason)
        self.goal_tab.set_frozen(reason)
        for table in self.tables.values():
            table.set_frozen(reason)
        self.nyckeltal_layout.set_frozen(reason)
        enable_or_explain(self.menu_actions["importera"], reason)

    def revise(self) -> None:
        """Copy the adopted plan into its next version (asked first)."""
        plan = self.plan
        try:
            self.plans.check_revisable(plan.id)  # already revised: say so instead of asking
        except ValidationError as exc:
            notify(self, "Revidera planen", str(exc), warning=True)
            return
        question = (f"Skapa version {plan.version + 1} av ”{plan.titel}” som utkast?\n\nVersion "
                    f"{plan.version}, antagen av {plan.adopted_by()}, ändras inte och behåller sina "
                    "uppföljningar.")
        if not confirm(self, "Revidera planen", question, ok_text="Revidera"):
            return
        try:
            revision = self.plans.revise(plan.id)
        except ValidationError as exc:
            notify(self, "Revidera planen", str(exc), warning=True)
            return
        self.revised.emit(revision)

    # -- keeping tabs in step ------------------------------------------------------------
    def leave(self) -> bool:
        """Before another plan is shown or the database closes: a changed bedömning,
        avsnitt, plan form or goal form is saved or thrown away as the user says (False:
        stay on it)."""
        for tab, leave in ((self.followup, self.followup.leave), (self.info, self.info.form.leave),
                           (self.info, self.info.sections.leave), (self.goal_tab, self.goal_tab.leave)):
            if not leave():
                self.tabs.setCurrentWidget(tab)
                return False
        return True

    def _tab_shown(self, index: int) -> None:
        # The goal tree may have changed since another tab was filled.
        widget = self.tabs.widget(index)
        if widget is self.followup:
            self.followup.load_occasions()
        elif isinstance(widget, RowsTab):
            widget.reload()

    def _plan_saved(self, plan: Plan) -> None:
        self.plan = plan
        self._show_version()
        if plan.adopted and not self.frozen:
            self.set_frozen()  # adopting it is the last change
        self.plan_changed.emit(plan)

    def reload_all(self) -> None:
        self.goal_tab.reload()
        for table in self.tables.values():
            table.reload()
        self.followup.load_occasions()

    # -- background work -----------------------------------------------------------------
    def _run(self, title: str, work: Callable, done: Callable, what: str, changes=None) -> Task:
        def failed(exc: BaseException, tb: str) -> None:
            log.info("%s misslyckades:\n%s", what, tb)
            self.task_failed.emit(str(exc))
            notify(self, what, str(exc), warning=True)

        self.task = jobs.run(self, self.session, worker_job(work), progress=title, on_done=done,
                             on_error=failed, changes=changes)
        return self.task

    def _ask_path(self, title: str, name: str, pattern: str, *, save: bool = True) -> Path | None:
        start = str(documents_folder() / name)
        if save:
            chosen, _ = QFileDialog.getSaveFileName(self, title, start, pattern)
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, title, str(documents_folder()), pattern)
        return Path(chosen) if chosen else None

    def export_excel(self, path: Path | None = None) -> Task | None:
        from app.plan.excel import export_plan_xlsx

        path = path or self._ask_path("Exportera planen till Excel", f"{safe_name(self.plan.titel)}.xlsx",
                                      "Excel-arbetsbok (*.xlsx)")
        if path is None:
            return None
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        plan_id = self.plan.id

        def done(count: int) -> None:
            self.last_result = path
            notify(self, "Exportera till Excel",
                   f"Planens målområden, KF-mål, nämndmål, mått, fotnoter, aktiviteter, nyckeltal, "
                   f"förändringar, särskilda uppdrag, risker, texter och uppföljningstillfällen "
                   f"({count} rader) sparades i\n{path}")

        return self._run(f"Sparar {path.name}…",
                         lambda db, progress, _c: export_plan_xlsx(db, plan_id, path, progress=progress),
                         done, "Exportera till Excel")

    def import_excel(self, path: Path | None = None) -> Task | None:
        """Update this plan from an Excel file exported from it (rows are matched by id),
        asking before the file replaces what the plan holds."""
        if not self.leave():  # the import reads every tab again
            return None
        path = path or self._ask_path("Importera planen från Excel", "", "Excel-arbetsbok (*.xlsx)",
                                      save=False)
        if path is None:
            return None

        def done(result) -> None:
            self.last_result = result
            if result.plan_id != self.plan.id:
                notify(self, "Importera från Excel",
                       "Filen gällde en annan plan; den har sparats som en ny plan.\n\n" + result.summary())
            else:
                notify(self, "Importera från Excel", result.summary())
            self.reload_all()
            self.plan_changed.emit(self.plans.get_plan(self.plan.id))

        def failed(exc: BaseException, tb: str) -> None:
            log.info("Importera från Excel misslyckades:\n%s", tb)
            self.task_failed.emit(str(exc))
            notify(self, "Importera från Excel", str(exc), warning=True)

        self.task = run_plan_import(self, self.session, path, "Importera från Excel", done, failed)
        return self.task

    def print_plan(self, path: Path | None = None) -> Task | None:
        from app.plan.pdf.plan import write_plan_pdf

        path = path or self._ask_path("Skriv ut planen", f"{safe_name(self.plan.titel)}.pdf", "PDF (*.pdf)")
        if path is None:
            return None
        plan_id = self.plan.id

        def done(pages: int) -> None:
            self.last_result = path
            notify(self, "Skriv ut planen", f"Planen ({pages} sidor) sparades i\n{path}")

        return self._run(f"Skriver {path.name}…",
                         lambda db, progress, _c: write_plan_pdf(db, plan_id, path, progress=progress),
                         done, "Skriv ut planen")

    def print_followup(self, path: Path | None = None) -> Task | None:
        from app.plan.pdf.followup import write_followup_pdf

        t_id = self.followup.tillfalle_id()
        if t_id is None:
            notify(self, "Skriv ut uppföljningen", "Planen har inget uppföljningstillfälle.")
            return None
        label = self.followup.occasion.currentText()
        path = path or self._ask_path("Skriv ut uppföljningen", f"Uppföljning {safe_name(label)}.pdf",
                                      "PDF (*.pdf)")
        if path is None:
            return None

        def done(pages: int) -> None:
            self.last_result = path
            notify(self, "Skriv ut uppföljningen",
                   f"Uppföljningen {label} ({pages} sidor) sparades i\n{path}")

        return self._run(f"Skriver {path.name}…",
                         lambda db, progress, _c: write_followup_pdf(db, t_id, path, progress=progress),
                         done, "Skriv ut uppföljningen")

    def put_on_agenda(self) -> None:
        """Ask which meeting (and plan or follow-up); then generate and attach."""
        from ui.plan.agenda_dialog import AgendaDialog

        label = self.followup.occasion.currentText() or None
        dialog = AgendaDialog(self.session.db, self.plan, label, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.attach_to_meeting(*dialog.choice()))
        dialog.open()

    def attach_to_meeting(self, what: str, meeting_id: int, arende_id: int | None) -> Task:
        from app.plan.agenda import put_followup_on_agenda, put_plan_on_agenda

        plan_id, t_id = self.plan.id, self.followup.tillfalle_id()

        def work(db, _progress, _cancelled):
            if what == "uppfoljning":
                return put_followup_on_agenda(db, t_id, meeting_id, arende_id)
            return put_plan_on_agenda(db, plan_id, meeting_id, arende_id)

        def done(result) -> None:
            self.last_result = result
            notify(self, "Lägg på dagordningen",
                   f"”{result.bilaga.titel}” ({result.bilaga.sidor} sidor) är bilaga till ärende "
                   f"{result.arende.nummer} ”{result.arende.rubrik}” på {result.meeting.organ_namn}s "
                   f"sammanträde {result.meeting.datum}.")

        return self._run("Skapar bilagan…", work, done, "Lägg på dagordningen",
                         Changes.of("meetings", "arenden", "bilagor", meeting_ids=[meeting_id]))

    def check(self) -> list[str]:
        warnings = plan_warnings(self.session.db, self.plan.id)
        text = "\n".join(f"• {w}" for w in warnings) if warnings else "Inget att anmärka på."
        notify(self, "Kontrollera planen", text)
        return warnings
