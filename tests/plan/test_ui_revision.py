"""An adopted plan in the Verksamhetsplan area: shown frozen with its follow-up still
open, refused for deletion, and revised with the real Revidera button into an editable
version 2 that is adopted in its own turn."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.plan.followup import FollowupService
from app.plan.goals import GoalService
from app.plan.model import DELVIS
from app.plan.service import PlanService
from ui.plan.area import PlanArea
from ui.plan.goal_model import KindRole, ObjectRole

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
LEFT = Qt.MouseButton.LeftButton
ADOPTED = "Antagen av vård- och omsorgsnämnden 2022-12-14, § VON.2022.55"


@pytest.fixture
def area(qtbot, demo_session):
    widget = PlanArea(demo_session)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    return widget


def _type(widget, text):
    """Typed key by key (keyClicks cannot send å/ä/ö/§ offscreen)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _matt(tab, text):
    def walk(parent):
        for r in range(tab.model.rowCount(parent)):
            index = tab.model.index(r, 0, parent)
            yield index
            yield from walk(index)

    from PySide6.QtCore import QModelIndex

    return next(i for i in walk(QModelIndex())
                if i.data(KindRole) == "matt" and i.data(ObjectRole).text == text)


def test_an_adopted_plan_is_shown_frozen_with_its_follow_up_open(area, qtbot):
    editor = area.editor
    assert (editor.plan.period, editor.plan.adopted) == ("2023–2025", True)
    assert editor.version_box.isVisible() and editor.revise_button.isVisible()
    assert editor.version_text.text() == (
        f"<b>{ADOPTED}.</b> Version 1. Planen kan inte ändras; uppföljningen fylls i som vanligt. Gör en "
        "revidering för att ändra planen.")
    goals = editor.goal_tab
    assert not any(b.isEnabled() for b in goals.buttons.values())
    index = _matt(goals, "Egen mätning i Viva.")
    assert not goals.model.flags(index.siblingAtColumn(3)) & Qt.ItemFlag.ItemIsEditable
    goals.view.setCurrentIndex(index)
    form = goals.forms["matt"]
    assert goals.stack.currentWidget() is form and form.text.isReadOnly() and not form.save_button.isEnabled()
    assert form.text.toPlainText() == "Egen mätning i Viva."
    for table in editor.tables.values():
        table.view.select_id(table.model.records[0].id if table.model.records else None)
        assert not table.buttons.new.isEnabled() and not table.buttons.edit.isEnabled()
        assert not table.buttons.delete.isEnabled() and not table.up.isEnabled()
    info = editor.info
    assert info.form.titel.isReadOnly() and not info.form.save_button.isEnabled()
    info.sections.view.select_id(info.sections.model.records[0].id)
    assert info.sections.rubrik.isReadOnly() and not info.sections.save_button.isEnabled()
    assert info.sections.text.edit.toPlainText()  # the text is there to read
    assert not editor.menu_actions["importera"].isEnabled() and editor.menu_actions["exportera"].isEnabled()

    # The follow-up is written on the adopted plan as before.
    editor.tabs.setCurrentWidget(editor.followup)
    tab = editor.followup
    goal_id = next(g.goal.id for g in tab.model.report.all_goals()
                   if g.goal.text.startswith("Öka deltagandet i öppen träffpunkt"))
    tab.view.setCurrentIndex(tab.model.index_of("goal", goal_id))
    panel = tab.panel
    assert panel.save_button.isEnabled()
    qtbot.mouseClick(panel.radios[DELVIS], LEFT)
    panel.agenda.item(2).setCheckState(Qt.CheckState.Checked)  # 03. Hälsa och välbefinnande
    qtbot.mouseClick(panel.save_button, LEFT)
    assert panel.message.text() == ""
    row = next(g for g in FollowupService(area.session.db).report(tab.tillfalle_id()).all_goals()
               if g.goal.id == goal_id)
    assert (row.bedomning.bedomning, row.goal.agenda2030) == (DELVIS, "03")


def test_deleting_an_adopted_plan_is_refused_before_asking(area, qtbot, monkeypatch):
    monkeypatch.setattr("ui.plan.area.confirm", lambda *_a, **_k: pytest.fail("asked"))
    plan = area.editor.plan
    qtbot.mouseClick(area.buttons["ta_bort"], LEFT)
    assert area.last_message == ("Planen är antagen (vård- och omsorgsnämnden 2022-12-14, § VON.2022.55) och "
                                 "kan inte tas bort; ett antaget beslut finns kvar som det fattades.")
    assert PlanService(area.session.db).get_plan(plan.id).adopted


def test_revidera_makes_an_editable_version_and_leaves_the_adopted_one(area, qtbot, monkeypatch, tmp_path):
    db = area.session.db
    original = area.editor.plan
    before = GoalService(db).tree(original.id)
    asked = []
    answers = iter([False, True])
    monkeypatch.setattr("ui.plan.editor.confirm",
                        lambda _p, title, text, **_k: asked.append((title, text)) or next(answers))
    qtbot.mouseClick(area.editor.revise_button, LEFT)  # answered Avbryt: nothing made
    assert len(area.model.records) == 2 and area.editor.plan.id == original.id
    qtbot.mouseClick(area.editor.revise_button, LEFT)
    assert asked[-1] == ("Revidera planen", "Skapa version 2 av ”Vård- och omsorgsnämndens verksamhetsplan "
                         "2023–2025” som utkast?\n\nVersion 1, antagen av vård- och omsorgsnämnden "
                         "2022-12-14, § VON.2022.55, ändras inte och behåller sina uppföljningar.")

    editor = area.editor
    revision = editor.plan
    assert (revision.version, revision.status, revision.revidering_av_id) == (2, "utkast", original.id)
    assert [area.model.index(r, 2).data() for r in range(3)] == ["utkast, version 2", "antagen", "antagen"]
    assert area.last_message.startswith("Version 2 av ”Vård- och omsorgsnämndens verksamhetsplan 2023–2025” "
                                        "har skapats som utkast.")
    assert editor.version_text.text() == (
        f"<b>Version 2, revidering av version 1 {ADOPTED[0].lower()}{ADOPTED[1:]}.</b> Utkast: ändra planen "
        "och ange antagandet under Plan och text när nämnden har beslutat.")
    assert not editor.revise_button.isVisible()
    editor.grab().save(str(tmp_path / "revision.png"))

    # The revision is edited as a user does: the mått's form, a new målvärde, Spara.
    goals = editor.goal_tab
    assert all(goals.buttons[k].isEnabled() for k in ("ny_malomrade", "ny_namndmal"))
    goals.view.setCurrentIndex(_matt(goals, "Egen mätning i Viva."))
    form = goals.forms["matt"]
    form.targets[2025].line.clear()
    _type(form.targets[2025].line, "≥ 60 %")
    qtbot.mouseClick(form.save_button, LEFT)
    assert form.form.message("malvarde_2025") == ""
    new_viva = next(m for m in GoalService(db).tree(revision.id).all_matt()
                    if m.text == "Egen mätning i Viva.")
    assert new_viva.malvarden[2025] == "≥ 60 %"
    old_viva = next(m for m in before.all_matt() if m.text == "Egen mätning i Viva.")
    assert GoalService(db).get_matt(old_viva.id).malvarden[2025] == "≥ 50 %"
    assert GoalService(db).tree(original.id) == before

    # Version 1 is revised once; pressed again, the user is told to change version 2.
    area.view.select_id(original.id)
    qtbot.mouseClick(area.editor.revise_button, LEFT)
    assert area.editor.last_message == ("Version 1 har redan reviderats: version 2 är ett utkast. Ändra den "
                                        "i stället.")
    assert len(asked) == 2 and len(area.model.records) == 3


def test_adopting_the_revision_in_the_editor_freezes_it(area, qtbot, monkeypatch):
    monkeypatch.setattr("ui.plan.editor.confirm", lambda *_a, **_k: True)
    qtbot.mouseClick(area.editor.revise_button, LEFT)
    editor = area.editor
    form = editor.info.form
    form.status.setCurrentIndex(form.status.findData("antagen"))
    qtbot.mouseClick(form.har_datum, LEFT)
    form.datum.clear()
    qtbot.keyClicks(form.datum, "19/6 2023")  # typed as people write it
    _type(form.paragraf, "§ VON.2023.40")
    qtbot.mouseClick(form.save_button, LEFT)

    plan = PlanService(area.session.db).get_plan(editor.plan.id)
    assert (plan.status, plan.antagen_datum, plan.antagen_paragraf, plan.version) == (
        "antagen", "2023-06-19", "§ VON.2023.40", 2)
    assert editor.frozen and not any(b.isEnabled() for b in editor.goal_tab.buttons.values())
    assert not form.save_button.isEnabled() and editor.revise_button.isVisible()
    assert editor.version_text.text().startswith(
        "<b>Antagen av vård- och omsorgsnämnden 2023-06-19, § VON.2023.40.</b> Version 2, revidering av "
        f"version 1 {ADOPTED[0].lower()}{ADOPTED[1:]}. Planen kan inte ändras")
    assert area.model.index(0, 2).data() == "antagen, version 2"
