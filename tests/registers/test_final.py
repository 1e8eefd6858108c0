"""Entries reported at a meeting whose protokoll is justerat are final records: the
services refuse to change or delete them, and the register tabs show them read-only."""

from __future__ import annotations

import pytest

from app.registers import Registers
from app.registers.delegation import BeslutFilter, Delegationsbeslut
from app.registers.meddelanden import Meddelande, MeddelandeFilter
from app.registers.reporting import ReportingService
from app.validation import ValidationError
from tests.meeting_fixtures import make_org


@pytest.fixture
def reported(session):
    """Two meetings: 2022-02-28 (its protokoll justerat) and 2022-03-28 (not yet)."""
    org = make_org(session.db)
    reg = Registers(session.db)
    nid = org.namnd_organ.namnd_id
    reg.delegation.save_beslut(Delegationsbeslut(nid, "beslut", None, "2022-02-07", dnr="VoN 2021/1",
                                                 beskrivning="Överföring av investeringsmedel – Ehälsa"))
    reg.meddelanden.save(Meddelande(nid, "Utskrivningsklara januari 2022", "VON 2022/44-73", "2022-02-03"))
    held = org.meetings.create_meeting(org.namnd_organ.id, "2022-02-28")
    ReportingService(session.db).assign(held.id)
    reg.delegation.save_beslut(Delegationsbeslut(nid, "beslut", None, "2022-03-02",
                                                 beskrivning="Attestförteckning"))
    reg.meddelanden.save(Meddelande(nid, "Tillsynsbeslut", "VON 2022/50-73", "2022-03-03"))
    coming = org.meetings.create_meeting(org.namnd_organ.id, "2022-03-28")
    ReportingService(session.db).assign(coming.id)
    # The protokoll's justering sets this status (app.protokoll); its trigger guards the
    # meeting status order, which this test skips.
    session.db.execute("DROP TRIGGER sammantrade_status_update")
    session.db.execute("UPDATE sammantrade SET status = 'justerat' WHERE id = ?", [held.id])
    return reg, nid, held, coming, org


def _one_beslut(reg, nid, meeting_id):
    ids = reg.delegation.beslut_ids(BeslutFilter(nid, sammantrade_id=meeting_id))
    return reg.delegation.get_beslut(ids[0])


def _one_meddelande(reg, nid, meeting_id):
    return reg.meddelanden.get(reg.meddelanden.ids(MeddelandeFilter(nid, sammantrade_id=meeting_id))[0])


def test_justerat_entries_cannot_be_changed_or_deleted(reported):
    reg, nid, held, _coming, org = reported
    organ = org.namnd_organ.namn
    b = _one_beslut(reg, nid, held.id)
    b.beskrivning = "Ändrad i efterhand"
    expected = (f"Posten ”VoN 2021/1 Överföring av investeringsmedel – Ehälsa” anmäldes vid {organ} "
                "2022-02-28, vars protokoll är justerat; den kan inte ändras.")
    with pytest.raises(ValidationError) as caught:
        reg.delegation.save_beslut(b)
    assert [e.message for e in caught.value.errors] == [expected]
    with pytest.raises(ValidationError, match="den kan inte tas bort"):
        reg.delegation.delete_beslut([b.id])
    assert _one_beslut(reg, nid, held.id).beskrivning == "Överföring av investeringsmedel – Ehälsa"

    m = _one_meddelande(reg, nid, held.id)
    m.rubrik = "Ändrad"
    with pytest.raises(ValidationError) as caught:
        reg.meddelanden.save(m)
    assert [e.message for e in caught.value.errors] == [
        f"Meddelandet ”VON 2022/44-73 Utskrivningsklara januari 2022” anmäldes vid {organ} 2022-02-28, "
        "vars protokoll är justerat; den kan inte ändras."]
    # Deleting several at once is all-or-nothing: the open one stays too.
    open_one = _one_meddelande(reg, nid, _coming.id)
    with pytest.raises(ValidationError, match="den kan inte tas bort"):
        reg.meddelanden.delete([m.id, open_one.id])
    assert reg.meddelanden.count(MeddelandeFilter(nid)) == 2


def test_entries_at_an_open_meeting_stay_editable_and_movable(reported):
    reg, nid, _held, coming, org = reported
    b = _one_beslut(reg, nid, coming.id)
    b.beskrivning = "Attestförteckning 2022"
    reg.delegation.save_beslut(b)
    assert reg.delegation.get_beslut(b.id).beskrivning == "Attestförteckning 2022"
    m = _one_meddelande(reg, nid, coming.id)
    later = org.meetings.create_meeting(org.namnd_organ.id, "2022-04-25")
    ReportingService(reg.db).move("meddelanden", [m.id], later.id)
    reg.meddelanden.delete([m.id])
    reg.delegation.delete_beslut([b.id])
    assert reg.delegation.count(BeslutFilter(nid)) == 1


def test_tabs_show_justerat_rows_read_only(qtbot, session, reported):
    from ui.registers.delegation_tab import DelegationTab
    from ui.registers.meddelanden_tab import MeddelandenTab

    reg, nid, held, coming, _org = reported
    for tab_class, getter in ((DelegationTab, _one_beslut), (MeddelandenTab, _one_meddelande)):
        tab = tab_class(session, lambda: nid)
        qtbot.addWidget(tab)
        tab.reload()
        final, open_entry = getter(reg, nid, held.id), getter(reg, nid, coming.id)
        tab.view.select_id(final.id)
        assert not tab.buttons.edit.isEnabled() and not tab.buttons.delete.isEnabled()
        assert "vars protokoll är justerat" in tab.buttons.edit.toolTip()
        assert "vars protokoll är justerat" in tab.lock_note.text()
        assert tab.edit_record(final) is None  # double-click or Enter opens nothing
        assert tab.delete_record(final) is False
        assert tab.meeting_actions(final) == []
        row = tab.model.row_for_id(final.id)
        tip = tab.model.data(tab.model.index(row, tab.model.columnCount() - 1), 3)  # ToolTipRole
        assert "justerat" in tip
        tab.view.select_id(open_entry.id)
        assert tab.buttons.edit.isEnabled() and tab.buttons.delete.isEnabled()
        assert tab.lock_note.text() == ""
