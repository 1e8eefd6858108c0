"""UI gaps driven through the real widgets: bordlagda ärenden offered on the
next meeting's agenda, several omröstningar in one §, and the protokoll's own fields
(ordförande, ajournering, first § number)."""

from __future__ import annotations

import pytest
from protokoll_fixtures import demo_protokoll_area, make_meeting
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest

from ui.meetings.area import MeetingsArea

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")



def postpone(po, meeting_id: int, rubrik_start: str, utfall: str) -> int:
    po.svc.start(meeting_id)
    p = next(p for p in po.svc.paragrafer.paragrafer(meeting_id) if p.rubrik.startswith(rubrik_start))
    p.utfall, p.beslut = utfall, ""
    po.svc.paragrafer.save(p)
    return p.arende_id


def test_bordlagda_arenden_are_offered_and_taken_up_on_the_next_agenda(qtbot, session, po):
    february = make_meeting(po, "2022-02-28")
    bordlagt = postpone(po, february.id, "Riktlinjer 1", "bordlagt")
    aterremitterat = postpone(po, february.id, "Riktlinjer 2", "återremitterat")
    march = po.org.meetings.create_meeting(po.org.namnd_organ.id, "2022-03-28")
    before = [a.rubrik for a in po.org.arenden.arenden(march.id)]

    area = MeetingsArea(session)
    qtbot.addWidget(area)
    area.resize(1400, 850)
    area.show()
    agenda = area.agenda
    area.view.select_id(february.id)
    assert not agenda.bordlagda_button.isVisible()  # nothing open before February
    area.view.select_id(march.id)
    assert agenda.meeting.id == march.id
    assert agenda.bordlagda_button.isVisible()
    assert agenda.bordlagda_button.text() == "Bordlagda ärenden (2)…"

    dialog = agenda.take_up_bordlagda()
    QAbstractItemModelTester(dialog.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    texts = [[dialog.model.data(dialog.model.index(r, c)) for c in range(4)]
             for r in range(dialog.model.rowCount())]
    labels = {p.arende_id: p.label for p in po.svc.paragrafer.paragrafer(february.id)}
    assert texts == [
        ["Riktlinjer 1", "2022/29", f"2022-02-28 {labels[bordlagt]}", "Bordlagt"],
        ["Riktlinjer 2", "2022/30", f"2022-02-28 {labels[aterremitterat]}", "Återremitterat"],
    ]
    dialog.choose([aterremitterat])
    assert [o.arende_id for o in dialog.chosen()] == [aterremitterat]
    dialog.add_button.click()
    qtbot.waitUntil(lambda: agenda.dialog is None)

    titles = [a.rubrik for a in po.org.arenden.arenden(march.id)]
    assert len(titles) == len(before) + 1 and "Riktlinjer 2" in titles
    copy = next(a for a in po.org.arenden.arenden(march.id) if a.rubrik == "Riktlinjer 2")
    assert copy.kopierad_fran == aterremitterat
    assert agenda.current().id == copy.id
    assert "”Riktlinjer 2” har tagits upp" in agenda.status.text()
    assert agenda.bordlagda_button.text() == "Bordlagda ärenden (1)…"


# -- several omröstningar in one § --------------------------------------------------------------
@pytest.fixture
def protokoll_area(qtbot, demo_session):
    yield from demo_protokoll_area(qtbot, demo_session)


def call_votes(table, keys):
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    for key in keys:
        QTest.keyClick(table, key)


def test_two_omrostningar_in_one_paragraf_each_with_its_result(protokoll_area):
    area = protokoll_area
    row = next(r for r in area.para_model.records
               if r.p.typ == "beslut" and not r.p.voteringar and r.p.nummer is not None)
    area.para_view.select_id(row.id)
    editor, votes = area.editor, area.editor.votes
    assert not votes.tabs.isVisible() and not votes.details.isVisible()

    votes.add_button.click()
    n = votes.model.rowCount()
    assert n == editor.beslutande.antal and n >= 5
    J, N, A = Qt.Key.Key_J, Qt.Key.Key_N, Qt.Key.Key_A
    call_votes(votes.table, [J] * (n - 2) + [N, A])
    assert f"Ja {n - 2} – Nej 1 – Avstår 1" in votes.result.text()

    votes.add_button.click()  # the second: on the main question
    assert [votes.tabs.tabText(i) for i in range(votes.tabs.count())] == ["Omröstning 1", "Omröstning 2"]
    assert votes.tabs.currentIndex() == 1 and votes.model.roster() == []
    votes.fraga.setText("Omröstning om bifall till yrkandet")
    votes.fraga.textEdited.emit(votes.fraga.text())
    call_votes(votes.table, [N] * (n - 1) + [J])
    assert f"Ja 1 – Nej {n - 1} – Avstår 0" in votes.result.text()
    assert "nej-förslaget" in votes.result.text()

    votes.select(0)  # back to the first: its own votes and result
    assert f"Ja {n - 2} – Nej 1 – Avstår 1" in votes.result.text()
    assert votes.fraga.text() == "Omröstning om bifall till förslaget"
    assert editor.save()
    stored = area.svc.paragrafer.get(row.id).voteringar
    assert [v.fraga for v in stored] == ["Omröstning om bifall till förslaget",
                                         "Omröstning om bifall till yrkandet"]
    assert [sorted(r.rost for r in v.roster).count("nej") for v in stored] == [1, n - 1]

    # Shown again from the database, then the first is removed.
    other = next(r for r in area.para_model.records if r.id != row.id)
    area.para_view.select_id(other.id)
    area.para_view.select_id(row.id)
    assert votes.tabs.count() == 2
    votes.select(0)
    votes.remove_button.click()
    assert votes.tabs.count() == 1 and votes.fraga.text() == "Omröstning om bifall till yrkandet"
    assert editor.save()
    stored = area.svc.paragrafer.get(row.id).voteringar
    assert [v.fraga for v in stored] == ["Omröstning om bifall till yrkandet"]


# -- the protokoll's own fields -------------------------------------------------------------------
def enter(edit, text):
    edit.selectAll()
    QTest.keyClicks(edit, text)
    QTest.keyClick(edit, Qt.Key.Key_Return)


def test_ordforande_ajournering_and_first_paragraf_number_in_the_justering_tab(protokoll_area):
    area = protokoll_area
    panel, mid = area.justering, area.meeting_id
    area.tabs.setCurrentWidget(panel)
    first_before = area.para_model.records[0].p.nummer

    # Someone else chairs: the 1:e vice ordförande, with the casting vote.
    vice = next(n for n in area.svc.narvaro.narvaro(mid)
                if n.grupp == "ledamot" and n.roll == "1:e vice ordförande" and n.narvarande)
    panel.ordforande.setCurrentIndex(panel.ordforande.findData(vice.person_id))
    assert area.svc.get(mid).ordforande_id == vice.person_id
    assert area.svc.ordforande_namn(mid) == vice.namn
    assert area.editor.beslutande.ordforande.namn == vice.namn

    enter(panel.ajournering, "Ajournering 15:30-15:45")
    assert area.svc.get(mid).ajournering == "Ajournering 15:30-15:45"

    # The service's Swedish message under the field; nothing stored.
    enter(panel.startnummer, "0")
    assert panel.message("startnummer") == "Första paragrafnumret måste vara 1 eller större."
    enter(panel.startnummer, "femton")
    assert panel.message("startnummer") == "Första paragrafnumret måste vara 1 eller större."
    assert area.svc.get(mid).startnummer is None

    enter(panel.startnummer, "40")
    assert panel.message("startnummer") == ""
    assert area.svc.get(mid).startnummer == 40
    numbered = [r.p for r in area.para_model.records if r.p.nummer is not None]
    assert [p.nummer for p in numbered] == list(range(40, 40 + len(numbered)))
    assert numbered[0].label == "§ 40"

    panel.startnummer.clear()
    QTest.keyClick(panel.startnummer, Qt.Key.Key_Return)
    assert area.svc.get(mid).startnummer is None
    assert area.para_model.records[0].p.nummer == first_before

    # Shown again when the meeting is loaded again.
    panel.load(mid)
    assert panel.ordforande.currentData() == vice.person_id
    assert panel.ajournering.text() == "Ajournering 15:30-15:45"
    panel.ordforande.setCurrentIndex(0)
    assert area.svc.get(mid).ordforande_id is None
