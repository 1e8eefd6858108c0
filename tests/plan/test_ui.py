"""The Verksamhetsplan area driven through its real widgets, with the models checked by
QAbstractItemModelTester."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QAbstractItemModelTester

from app.plan.followup import FollowupService
from app.plan.goals import GoalService
from app.plan.model import DELVIS, EJ, EJ_UTVARDERAD, HELT, SYMBOLER
from app.plan.service import PlanService
from ui.plan.area import PlanArea
from ui.plan.goal_model import KindRole, ObjectRole
from ui.plan.symbols import draw_symbol

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
LEFT = Qt.MouseButton.LeftButton


def check_model(model, parent):
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning, parent)


@pytest.fixture
def area(qtbot, demo_session):
    widget = PlanArea(demo_session)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    return widget


@pytest.fixture
def draft_area(area, qtbot, monkeypatch):
    """The area with version 2 of the plan 2023–2025 open, made with Revidera: the demo's
    plans are adopted, and an adopted plan is changed only in a revision."""
    monkeypatch.setattr("ui.plan.editor.confirm", lambda *_a, **_k: True)
    qtbot.mouseClick(area.editor.revise_button, LEFT)
    assert (area.editor.plan.version, area.editor.plan.status) == (2, "utkast")
    return area


def walk(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    for r in range(model.rowCount(parent)):
        index = model.index(r, 0, parent)
        yield index
        yield from walk(model, index)


def find(model, kind, predicate):
    return next(i for i in walk(model) if i.data(KindRole) == kind and predicate(i.data(ObjectRole)))


def test_area_lists_plans_and_opens_the_newest(area):
    assert [p.period for p in area.model.records] == ["2023–2025", "2022–2024"]
    editor = area.editor
    assert editor.plan.forsta_ar == 2023
    assert [editor.tabs.tabText(i).replace("&", "") for i in range(editor.tabs.count())] == [
        "Plan och text", "Mål och mått", "Fotnoter", "Nyckeltal", "Förändringsbeskrivning", "Handlingsplan",
        "Särskilda uppdrag", "Riskanalys", "Uppföljning"]
    area.view.select_id(area.model.records[1].id)
    assert area.editor.plan.forsta_ar == 2022
    assert area.editor.info.form.line.text() == "Antagen av vård- och omsorgsnämnden 2021-12-15, § 59"


def test_goal_tree_model_and_editing_values_in_the_tree(draft_area, qtbot):
    tab = draft_area.editor.goal_tab
    check_model(tab.model, tab)
    top = [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())]
    assert top == ["Mod och framtidstro", "Trygg och säker uppväxt", "God folkhälsa",
                   "Trygg och värdig ålderdom", "Attraktiv bostadsort", "Hållbar utveckling",
                   "Övriga nämndmål"]
    assert tab.model.headers[2:] == ["Ingångsvärde", "Målvärde 2023", "Målvärde 2024", "Målvärde 2025"]
    index = find(tab.model, "matt", lambda m: m.text == "Egen mätning i Viva.")
    assert [index.siblingAtColumn(c).data() for c in range(2, 6)] == [
        "50 % (jan-okt 2022)", "≥ 50 %", "≥ 50 %", "≥ 50 %"]
    assert index.siblingAtColumn(3).data(Qt.ItemDataRole.ToolTipRole) == "Målvärde 2023: minst 50 %"
    cell = index.siblingAtColumn(4)
    assert tab.model.flags(cell) & Qt.ItemFlag.ItemIsEditable
    assert tab.model.setData(cell, "≥ 55 %")
    matt = index.data(ObjectRole)
    assert GoalService(draft_area.session.db).get_matt(matt.id).malvarden[2024] == "≥ 55 %"
    assert not tab.model.setData(cell, "x" * 201)
    assert "Målvärdet för 2024 får vara högst 200 tecken" in tab.message.text()
    assert not tab.model.flags(find(tab.model, "namndmal", lambda n: True).siblingAtColumn(3)) & \
        Qt.ItemFlag.ItemIsEditable


def test_editing_a_matt_in_its_form(draft_area, qtbot):
    tab = draft_area.editor.goal_tab
    viva = find(tab.model, "matt", lambda m: m.text == "Egen mätning i Viva.").data(ObjectRole)
    tab.select(("matt", viva.id))
    form = tab.forms["matt"]
    assert tab.stack.currentWidget() is form
    assert form.targets[2025].hint.text() == "Tolkas som: minst 50 %"
    form.targets[2025].setText(">2024")
    assert form.targets[2025].hint.text() == "Tolkas som: bättre än utfallet 2024"
    form.text.setPlainText("")
    qtbot.mouseClick(form.save_button, LEFT)
    assert form.form.message("text") == "Måttets text måste fyllas i."
    form.text.setPlainText("Egen mätning i Viva, andel i egen försörjning eller studier.")
    qtbot.mouseClick(form.save_button, LEFT)
    assert form.form.message("text") == ""
    current = tab.view.currentIndex().data(ObjectRole)
    assert current.text == "Egen mätning i Viva, andel i egen försörjning eller studier."
    assert current.malvarden[2025] == ">2024"


def test_new_goal_levels_from_the_buttons(draft_area, qtbot):
    tab = draft_area.editor.goal_tab
    qtbot.mouseClick(tab.buttons["ny_malomrade"], LEFT)
    form = tab.forms["malomrade"]
    assert form.title.text() == "<b>Ny: Målområde (kommunmål)</b>"
    form.namn.setText("Trygghet i hela kommunen")
    form.betyder.edit.setPlainText("I Oxelösund betyder det att alla känner sig trygga.")
    qtbot.mouseClick(form.save_button, LEFT)
    assert tab.view.currentIndex().data() == "Trygghet i hela kommunen"
    qtbot.mouseClick(tab.buttons["ny_namndmal"], LEFT)
    goal_form = tab.forms["namndmal"]
    assert goal_form.placering.currentText() == "Trygghet i hela kommunen (utan KF-mål)"
    goal_form.text.setPlainText("Fler trygghetsvandringar")
    goal_form.ansvarig.setCurrentText("ÄF")
    qtbot.mouseClick(goal_form.save_button, LEFT)
    goal = tab.view.currentIndex().data(ObjectRole)
    assert (goal.text, goal.ansvarig) == ("Fler trygghetsvandringar", "ÄF")
    qtbot.mouseClick(tab.buttons["ny_matt"], LEFT)
    matt_form = tab.forms["matt"]
    matt_form.text.setPlainText("Antal trygghetsvandringar")
    matt_form.ingang.setText("Nytt mål.")
    matt_form.targets[2023].setText("2 aktiviteter")
    qtbot.mouseClick(matt_form.save_button, LEFT)
    saved = tab.view.currentIndex().data(ObjectRole)
    assert (saved.namndmal_id, saved.malvarden) == (goal.id, {2023: "2 aktiviteter"})


def test_delete_asks_and_says_what_goes_along(draft_area, monkeypatch):
    asked = []
    monkeypatch.setattr("ui.plan.goals_tab.confirm", lambda _p, _t, text, *a: asked.append(text) or True)
    tab = draft_area.editor.goal_tab
    tab.select(("malomrade", tab.model.tree.malomraden[1].id))
    tab.delete()
    assert asked == ["Ta bort målområdet ”Trygg och säker uppväxt”?\n\nMed det tas även 3 nämndmål, 3 mått, "
                     "4 aktiviteter och 3 KF-mål bort."]
    assert [m.namn for m in tab.model.tree.malomraden][:2] == ["Mod och framtidstro", "God folkhälsa"]


def test_follow_up_view(area, qtbot):
    editor = area.editor
    editor.tabs.setCurrentWidget(editor.followup)
    tab = editor.followup
    assert tab.occasion.currentText() == "Delår 2023"
    check_model(tab.model, tab)
    assert tab.summary.labels[HELT].text() == "10" and tab.summary.labels[EJ_UTVARDERAD].text() == "1"
    assert tab.summary.share.text() == "Genomförda aktiviteter: 60 % (3 av 5)"
    goal_id = next(g.goal.id for g in tab.model.report.all_goals()
                   if g.goal.text.startswith("Öka deltagandet i öppen träffpunkt"))
    tab.view.setCurrentIndex(tab.model.index_of("goal", goal_id))
    panel = tab.panel
    check_model(panel.outcomes, panel)
    check_model(panel.activities, panel)
    assert panel.outcomes.index(0, 3).data() == "118"
    assert panel.proposal.text().startswith("Programmets förslag: <b>helt uppfyllt</b>")
    # A lower outcome changes the proposal at once.
    assert panel.outcomes.setData(panel.outcomes.index(0, 3), "105")
    assert tab.panel.row.proposal.bedomning == DELVIS  # 105 < 110 but above 100 (nov 2022)
    panel = tab.panel
    qtbot.mouseClick(panel.radios[DELVIS], LEFT)
    panel.comment.setPlainText("Färre deltagare under sommaren.")
    qtbot.mouseClick(panel.save_button, LEFT)
    follow = FollowupService(area.session.db)
    row = next(g for g in follow.report(tab.tillfalle_id()).all_goals() if g.goal.id == goal_id)
    assert (row.bedomning.bedomning, row.bedomning.kommentar) == (DELVIS, "Färre deltagare under sommaren.")
    assert tab.summary.labels[HELT].text() == "9" and tab.summary.labels[DELVIS].text() == "5"
    # The proposal is drawn faded in the Förslag column, the decision in Bedömning.
    index = tab.model.index_of("goal", goal_id)
    from ui.plan.symbols import SymbolRole
    assert index.siblingAtColumn(1).data(SymbolRole) == DELVIS
    assert index.siblingAtColumn(2).data(SymbolRole) == (DELVIS, True)


def test_activity_status_in_follow_up(area, qtbot):
    editor = area.editor
    editor.tabs.setCurrentWidget(editor.followup)
    tab = editor.followup
    goal_id = next(g.goal.id for g in tab.model.report.all_goals()
                   if g.goal.text.startswith("Förebyggande arbete") and g.goal.ansvarig == "SOF")
    tab.view.setCurrentIndex(tab.model.index_of("goal", goal_id))
    model = tab.panel.activities
    assert [model.index(r, 0).data() for r in range(model.rowCount())][:3] == [
        "Föräldragrupper i ABC", "Uppsökande arbete i skolorna", "Samverkansrutin med elevhälsan"]
    assert [model.index(r, 2).data() for r in range(model.rowCount())] == ["Ja", "Ja", "Ja", "Nej"]
    assert model.setData(model.index(2, 3), "genomförd")
    assert tab.summary.share.text() == "Genomförda aktiviteter: 80 % (4 av 5)"
    model = tab.panel.activities
    assert not model.setData(model.index(0, 4), "mycket")
    assert tab.panel.message.text() == "Andel klar ska vara ett tal 0–100 (nu: ”mycket”)."


def test_accept_all_proposals(area, qtbot):
    db = area.session.db
    follow = FollowupService(db)
    tab = area.editor.followup
    t_id = tab.tillfalle_id()
    db.execute("UPDATE mal_bedomning SET bedomning = NULL WHERE tillfalle_id = ?", [t_id])
    db.conn.commit()
    tab.refresh()
    assert tab.summary.labels[HELT].text() == "0"
    qtbot.mouseClick(tab.accept_button, LEFT)
    assert follow.report(t_id).counts[HELT] == 10
    assert tab.panel.message.text().endswith("förslag sattes som bedömning.")


def test_copy_to_next_period(area, qtbot):
    area.view.select_id(next(p.id for p in area.model.records if p.forsta_ar == 2023))
    qtbot.mouseClick(area.buttons["kopiera"], LEFT)
    dialog = area.dialog
    assert dialog.outcomes.isChecked() and not dialog.activities.isChecked()
    dialog.accept()
    assert area.model.records[0].period == "2024–2026"
    assert area.editor.plan.titel == "Vård- och omsorgsnämndens verksamhetsplan 2024–2026"
    assert "ingångsvärden hämtades från utfallen 2023" in area.last_message
    tree = GoalService(area.session.db).tree(area.editor.plan.id)
    frisk = next(n for n in tree.all_namndmal()
                 if n.text.startswith("Öka frisknärvaron") and n.ansvarig == "SOF")
    assert frisk.matt[0].ingangsvarde == "92,1 % (jan–aug 2023)"


def test_new_plan_dialog(area, qtbot):
    qtbot.mouseClick(area.buttons["ny"], LEFT)
    dialog = area.dialog
    dialog.forsta.setValue(2027)
    assert dialog.titel.text() == "Vård- och omsorgsnämndens verksamhetsplan 2027–2029"
    dialog.titel.setText("")
    dialog.accept()
    assert dialog.form.message("titel") == "Planens titel måste fyllas i."
    dialog.titel.setText("VON plan 2027–2029")
    dialog.accept()
    assert area.editor.plan.titel == "VON plan 2027–2029"


def test_risk_table_computes_rv(draft_area, qtbot):
    tab = draft_area.editor.tables["risk"]
    check_model(tab.model, tab)
    assert [tab.model.index(r, 3).data() for r in range(tab.model.rowCount())] == ["8", "25", "5"]
    qtbot.mouseClick(tab.buttons.new, LEFT)
    dialog = tab.dialog
    dialog.widgets["risk"].setPlainText("Rekryteringen av sjuksköterskor drar ut på tiden.")
    dialog.widgets["sannolikhet"].setValue(4)
    dialog.widgets["konsekvens"].setValue(3)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert [tab.model.index(r, 3).data() for r in range(tab.model.rowCount())] == ["8", "25", "5", "12"]
    assert tab.view.current_record().risk.startswith("Rekryteringen")


def test_sections_rich_text(draft_area, qtbot):
    panel = draft_area.editor.info.sections
    panel.view.select_id(panel.model.records[-1].id)  # Fortsatt process VP/HP
    assert panel.rubrik.text() == "Fortsatt process VP/HP"
    assert "<ul><li>vad som planeras" in panel.text.stored()
    panel.rubrik.setText("Fortsatt process för verksamhets- och handlingsplan")
    qtbot.mouseClick(panel.save_button, LEFT)
    saved = PlanService(draft_area.session.db).avsnitt(draft_area.editor.plan.id, "avslutning")
    assert saved[-1].rubrik == "Fortsatt process för verksamhets- och handlingsplan"
    assert "<ul><li>vad som planeras" in saved[-1].text


def test_excel_export_and_import_run_off_the_ui_thread(draft_area, qtbot, tmp_path):
    editor = draft_area.editor
    path = tmp_path / "plan.xlsx"
    task = editor.export_excel(path)
    qtbot.waitUntil(lambda: not task.running and editor.last_result == path, timeout=20000)
    wb = load_workbook(path)
    rows = {r[0].value: r for r in wb["Mått"].iter_rows(min_row=2)}
    rows["1.1.1.1"][8].value = "3"
    wb.save(path)
    task = editor.import_excel(path)
    qtbot.waitUntil(lambda: not task.running and editor.last_result is not None
                    and not isinstance(editor.last_result, type(path)), timeout=20000)
    assert editor.last_result.plan_id == editor.plan.id
    index = find(editor.goal_tab.model, "matt", lambda m: m.id == rows["1.1.1.1"][9].value)
    assert index.siblingAtColumn(5).data() == "3"


@pytest.mark.parametrize(("bedomning", "filled_at_top", "filled_at_bottom"), [
    (HELT, True, True), (DELVIS, False, True), (EJ, False, True),
    (EJ_UTVARDERAD, True, True),  # no fill: white inside, top to bottom
])
def test_symbols_are_drawn(qapp, bedomning, filled_at_top, filled_at_bottom):
    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    draw_symbol(painter, QRectF(0, 0, 40, 40), bedomning)
    painter.end()
    colour = QColor(SYMBOLER[bedomning][0])

    def is_fill(point: QPointF) -> bool:
        return image.pixelColor(int(point.x()), int(point.y())).name() == colour.name()

    assert is_fill(QPointF(20, 12)) == filled_at_top
    assert is_fill(QPointF(20, 34)) == filled_at_bottom
    # The outline is there for every symbol.
    assert image.pixelColor(20, 1).name() != "#ffffff" or image.pixelColor(20, 2).name() != "#ffffff"


def test_print_plan_and_follow_up_off_the_ui_thread(area, qtbot, tmp_path):
    editor = area.editor
    path = tmp_path / "vp.pdf"
    task = editor.print_plan(path)
    qtbot.waitUntil(lambda: not task.running and editor.last_result == path, timeout=30000)
    assert path.read_bytes().startswith(b"%PDF")
    assert "Planen (12 sidor) sparades i" in editor.last_message  # with the Ekonomi section
    follow = tmp_path / "delar.pdf"
    task = editor.print_followup(follow)
    qtbot.waitUntil(lambda: not task.running and editor.last_result == follow, timeout=30000)
    assert "Uppföljningen Delår 2023" in editor.last_message


def test_put_on_agenda_from_the_editor(area, qtbot):
    from app.meetings import BilagaService

    editor = area.editor
    qtbot.mouseClick(editor.buttons["dagordning"], LEFT)
    dialog = editor.dialog
    assert dialog.what.count() == 2 and dialog.meeting.count() > 0
    assert dialog.arende.itemText(0) == "Ett nytt ärende på dagordningen"
    dialog.what.setCurrentIndex(1)  # the follow-up shown (Delår 2023)
    dialog.accept()
    qtbot.waitUntil(lambda: editor.last_result is not None and hasattr(editor.last_result, "bilaga"),
                    timeout=30000)
    placed = editor.last_result
    assert placed.arende.rubrik == "Uppföljning Delår 2023 av verksamhetsplan 2023–2025"
    titles = [b.titel for b in BilagaService(area.session.db).bilagor(placed.arende.id)]
    assert titles == [placed.arende.rubrik]
    assert "är bilaga till ärende" in editor.last_message


def test_plan_actions_fit_beside_the_plan_list_and_reach_every_command(qtbot, draft_area):
    """Excel and printing are menu buttons, so the row fits a 1200-pixel window."""
    editor = draft_area.editor  # (the adopted plan's editor, replaced, is deleted later)
    for key in ("exportera", "importera", "pdf_plan", "pdf_uppfoljning"):
        assert editor.menu_actions[key].isEnabled()
    row_width = sum(b.sizeHint().width() for b in editor.buttons.values())
    assert row_width < 1200 - 230 - 250, row_width
    for button in editor.buttons.values():
        assert button.width() >= button.sizeHint().width() or not button.isVisible()
