"""Importing a plan workbook in the window over a plan that is in the database asks
first, as the command line wants ``--ersatt``: Avbryt leaves the plan as it was, Ersätt
imports. Pressed as a user presses it (window at 1280×720, the real question's buttons)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app.plan.goals import GoalService
from ui.plan.area import PlanArea

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
LEFT = Qt.MouseButton.LeftButton
TITLE = "Vård- och omsorgsnämndens verksamhetsplan 2023–2025"


def _answer_when_asked(qtbot, text, asked):
    """Press ``text`` in the question once it is on the screen (a finished job's message,
    open beside it, has only OK)."""
    def press():
        box = QApplication.activeModalWidget()
        button = next((b for b in box.findChildren(QPushButton) if b.text() == text), None) \
            if isinstance(box, QMessageBox) else None
        if button is None:
            QTimer.singleShot(10, press)
            return
        asked.append(box.text())
        qtbot.mouseClick(button, LEFT)

    QTimer.singleShot(0, press)


@pytest.fixture
def area(qtbot, demo_session):
    widget = PlanArea(demo_session)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    # The demo's plans are adopted; a change is made in a revision (Revidera, answered).
    asked: list[str] = []
    _answer_when_asked(qtbot, "Revidera", asked)
    qtbot.mouseClick(widget.editor.revise_button, LEFT)
    assert asked and (widget.editor.plan.version, widget.editor.plan.status) == (2, "utkast")
    yield widget
    widget.close()


def _malvarden(db, plan_id):
    return {m.id: dict(m.malvarden) for g in GoalService(db).tree(plan_id).all_namndmal() for m in g.matt}


def test_import_over_the_plan_asks_and_avbryt_leaves_it_ersatt_imports(area, qtbot, tmp_path):
    editor, db = area.editor, area.session.db
    plan_id = editor.plan.id
    path = tmp_path / "plan.xlsx"
    task = editor.export_excel(path)
    qtbot.waitUntil(lambda: not task.running and editor.last_result == path, timeout=20000)
    # The message names every table the workbook carries.
    assert editor.last_message.startswith(
        "Planens målområden, KF-mål, nämndmål, mått, fotnoter, aktiviteter, nyckeltal, förändringar, "
        "särskilda uppdrag, risker, texter och uppföljningstillfällen (")
    wb = load_workbook(path)
    ws = wb["Mått"]
    headings = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "1.1.1.1")
    year = headings[-2].removeprefix("Målvärde ")
    matt_id = row[headings.index("Id")].value
    row[headings.index(f"Målvärde {year}")].value = "97"
    wb.save(path)
    before = _malvarden(db, plan_id)
    assert before[matt_id].get(int(year)) != "97"

    asked: list[str] = []
    _answer_when_asked(qtbot, "Avbryt", asked)
    editor.import_excel(path)
    qtbot.waitUntil(lambda: editor.last_message.startswith("Ingenting importerades"), timeout=20000)
    assert asked == [
        f"Planen ”{TITLE}” (id {plan_id}) finns redan med 31 nämndmål och 31 mått; filens innehåll ersätter "
        "planens, och rader som inte finns i filen tas bort.\n\nVill du ersätta planens innehåll med filens "
        "(plan.xlsx)?"]
    assert editor.last_message == "Ingenting importerades från plan.xlsx; planen är som förut."
    assert _malvarden(db, plan_id) == before

    # The area's Importera plan asks the same; Ersätt imports the file over the plan.
    _answer_when_asked(qtbot, "Ersätt", asked)
    area.import_new(path)
    qtbot.waitUntil(lambda: len(asked) == 2 and area.last_message.startswith("Planen uppdaterad"),
                    timeout=20000)
    assert asked[1] == asked[0]
    assert _malvarden(db, plan_id)[matt_id][int(year)] == "97"
