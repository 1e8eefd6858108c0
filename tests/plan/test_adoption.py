"""A plan's adoption linked to the justerade paragraph that adopted it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from protokoll_fixtures import make_meeting, make_protokoll_org, ready
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from app.plan.adoption import adopting_paragraph, adopting_paragraphs, with_linked_adoption
from app.plan.pdf.plan import render_plan
from app.plan.service import PlanService
from app.validation import ValidationError
from ui.plan.plan_info import PlanForm


@pytest.fixture
def justerat(session):
    """A nämnd with a justerat protokoll 2022-02-28 (§ 1–3) and one not yet justerat."""
    po = make_protokoll_org(session.db)
    meeting = make_meeting(po)
    ready(po, meeting.id)
    po.svc.justera(meeting.id, "2022-03-04", today=date(2022, 3, 4))
    open_meeting = make_meeting(po, datum="2022-03-30", extra_titles=0)
    po.svc.start(open_meeting.id)
    return po, meeting, open_meeting


def test_only_justerade_paragraphs_of_the_namnd_are_offered(justerat):
    po, meeting, _open = justerat
    namnd_id = po.org.namnd_organ.namnd_id
    found = adopting_paragraphs(po.svc.db, namnd_id)
    # The same § labels the protokoll itself prints, newest first.
    expected = [("2022-02-28", p.label, p.rubrik) for p in po.svc.paragrafer.paragrafer(meeting.id)
                if p.label and p.utfall == "beslut"]
    assert [(p.datum, p.label, p.rubrik) for p in found] == expected[::-1]
    assert len(found) == 10 and ("2022-02-28", "§ 6", "Riktlinjer 2") in expected
    assert all(p.sammantrade_id == meeting.id for p in found)
    filtered = adopting_paragraphs(po.svc.db, namnd_id, "RIKTLINJER 2022/30")
    assert [p.label for p in filtered] == ["§ 6"]
    assert [p.label for p in adopting_paragraphs(po.svc.db, namnd_id, "§ 10")] == ["§ 10"]
    assert adopting_paragraphs(po.svc.db, namnd_id + 999) == []


def test_linking_fills_date_and_paragraph_and_the_adoption_line(justerat):
    po, _meeting, open_meeting = justerat
    db = po.svc.db
    namnd_id = po.org.namnd_organ.namnd_id
    plans = PlanService(db)
    plan = plans.new_plan(namnd_id, 2023)
    riktlinjer = adopting_paragraphs(db, namnd_id, "Riktlinjer 1")[0]
    plan.antagen_paragraf_id = riktlinjer.arende_id
    plan.antagen_paragraf = "skrivet för hand"
    saved = plans.save_plan(plan)
    assert (saved.status, saved.antagen_datum, saved.antagen_paragraf, saved.antagen_paragraf_id) == (
        "antagen", "2022-02-28", "§ 5", riktlinjer.arende_id)
    assert saved.adoption_line() == "Antagen av vård- och omsorgsnämnden 2022-02-28, § 5"
    assert with_linked_adoption(db, saved).adoption_line() == saved.adoption_line()
    pdf = PdfReader(io.BytesIO(render_plan(db, saved.id, pdfa_level=None)[0]))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Antagen av vård- och omsorgsnämnden 2022-02-28, § 5" in text

    # Adopted, the plan is frozen: not even its link changes (a revision is adopted anew).
    saved.antagen_paragraf_id = None
    with pytest.raises(ValidationError) as err:
        plans.save_plan(saved)
    assert str(err.value) == ("Planen är antagen (vård- och omsorgsnämnden 2022-02-28, § 5); gör en "
                              "revidering för att ändra den.")
    assert plans.get_plan(saved.id).antagen_paragraf_id == riktlinjer.arende_id

    # A paragraph of a protokoll not yet justerat cannot adopt a plan.
    draft = plans.new_plan(namnd_id, 2024)
    unjusterat = db.execute("SELECT id FROM arende WHERE sammantrade_id = ?", [open_meeting.id]).fetchone()[0]
    assert adopting_paragraph(db, unjusterat) is None
    draft.antagen_paragraf_id = unjusterat
    with pytest.raises(ValidationError) as err:
        plans.save_plan(draft)
    assert err.value.errors[0].field == "antagen_paragraf"
    assert "justerade protokoll" in err.value.errors[0].message


def test_free_text_still_works_without_a_link(justerat):
    po, _meeting, _open = justerat
    plans = PlanService(po.svc.db)
    plan = plans.new_plan(po.org.namnd_organ.namnd_id, 2022)
    plan.status, plan.antagen_datum, plan.antagen_paragraf = "antagen", "2021-12-15", "§ 59"
    saved = plans.save_plan(plan)
    assert saved.antagen_paragraf_id is None
    assert with_linked_adoption(po.svc.db, saved).adoption_line() == (
        "Antagen av vård- och omsorgsnämnden 2021-12-15, § 59")


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_picker_filters_links_and_saves(qtbot, justerat):
    po, _meeting, _open = justerat
    db = po.svc.db
    plans = PlanService(db)
    plan = plans.new_plan(po.org.namnd_organ.namnd_id, 2023)
    form = PlanForm(plans, plan)
    qtbot.addWidget(form)
    form.show()
    assert form.link_text.text() == "Ingen koppling – datum och paragraf skrivs för hand."
    assert not form.unlink_button.isEnabled()

    qtbot.mouseClick(form.pick_button, Qt.MouseButton.LeftButton)
    picker = form.picker
    QAbstractItemModelTester(picker.model, QAbstractItemModelTester.FailureReportingMode.Warning, picker)
    assert picker.model.rowCount() == 10
    assert "10 av 10 justerade paragrafer" in picker.empty.text()
    qtbot.keyClicks(picker.filter, "riktlinjer")
    assert [picker.model.index(r, 1).data() for r in range(picker.model.rowCount())] == ["§ 6", "§ 5"]
    assert not picker.ok.isEnabled()
    qtbot.keyClicks(picker.filter, " 2022/29")
    assert picker.model.rowCount() == 1  # the only row is selected
    assert [picker.model.index(0, c).data() for c in range(4)] == [
        "2022-02-28", "§ 5", "Riktlinjer 1", "2022/29"]
    qtbot.mouseClick(picker.ok, Qt.MouseButton.LeftButton)

    assert form.paragraf.text() == "§ 5" and not form.paragraf.isEnabled()
    assert form.datum.text() == "2022-02-28"
    assert form.status.currentData() == "antagen"
    assert form.link_text.text() == "Kopplad till § 5 Riktlinjer 1 (sammanträdet 2022-02-28)"

    # Unlinking before saving gives the typed fields back; the text stays until changed.
    qtbot.mouseClick(form.unlink_button, Qt.MouseButton.LeftButton)
    assert form.paragraf.isEnabled() and form.paragraf.text() == "§ 5"
    form.link_to(picker.chosen())
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    saved = plans.get_plan(plan.id)
    assert saved.antagen_paragraf_id == picker.chosen().arende_id
    assert form.line.text() == "Antagen av vård- och omsorgsnämnden 2022-02-28, § 5"

    # Saved, the adoption is a decision: unlinking it now is refused, saying why.
    qtbot.mouseClick(form.unlink_button, Qt.MouseButton.LeftButton)
    form.paragraf.setText("§ 59")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.form.general.text() == ("Planen är antagen (vård- och omsorgsnämnden 2022-02-28, § 5); gör "
                                        "en revidering för att ändra den.")
    saved = plans.get_plan(plan.id)
    assert (saved.antagen_paragraf_id, saved.antagen_paragraf) == (picker.chosen().arende_id, "§ 5")


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_picker_says_when_no_protokoll_is_justerat(qtbot, session):
    from plan_helpers import make_namnd

    plans = PlanService(session.db)
    plan = plans.new_plan(make_namnd(session.db), 2023)
    form = PlanForm(plans, plan)
    qtbot.addWidget(form)
    form.choose_paragraph()
    assert form.picker.model.rowCount() == 0
    assert "inga justerade protokoll" in form.picker.empty.text()
    assert not form.picker.ok.isEnabled()
    form.picker.reject()
