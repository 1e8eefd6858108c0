"""Writing a meeting's "Redovisning av …" lists again does not silently destroy text the
secretary edited by hand: the service keeps it (or overwrites when told), the dialog asks."""

from __future__ import annotations

import pytest

from app import richtext
from app.registers import Registers
from app.registers.delegation import Delegationsbeslut
from app.registers.meddelanden import Meddelande
from app.registers.reporting import DELEGATION_TITLE, MEDDELANDEN_TITLE, ReportingService
from tests.meeting_fixtures import make_org


@pytest.fixture
def setup(session):
    org = make_org(session.db)
    reg = Registers(session.db)
    nid = org.namnd_organ.namnd_id
    reg.delegation.save_beslut(Delegationsbeslut(nid, "beslut", None, "2022-02-07", dnr="VoN 2021/1",
                                                 beskrivning="Överföring av investeringsmedel – Ehälsa"))
    reg.meddelanden.save(Meddelande(nid, "Utskrivningsklara januari 2022", "VON 2022/44-73", "2022-02-03"))
    meeting = org.meetings.create_meeting(org.namnd_organ.id, "2022-02-28")
    return org, reg, nid, meeting


def _edit_by_hand(org, svc, meeting_id, title, text):
    a = svc.find_arende(meeting_id, title)
    a.beskrivning = richtext.from_plain_text(text)
    org.arenden.save(a)
    return a.id


def test_hand_edit_is_kept_unless_overwrite(session, setup):
    org, reg, nid, meeting = setup
    svc = ReportingService(session.db)
    first = svc.fill(meeting.id)
    assert first.kept == () and len(first.arenden) == 2
    assert svc.hand_edited(meeting.id) == []
    assert svc.fill(meeting.id).kept == ()  # an untouched list is simply rewritten

    edited_id = _edit_by_hand(org, svc, meeting.id, DELEGATION_TITLE, "Omskriven av sekreteraren")
    assert svc.hand_edited(meeting.id) == [DELEGATION_TITLE]
    reg.delegation.save_beslut(Delegationsbeslut(nid, "beslut", None, "2022-02-20",
                                                 beskrivning="Attestlista"))
    reg.meddelanden.save(Meddelande(nid, "Tillsynsbeslut", "VON 2022/50-73", "2022-02-21"))
    result = svc.fill(meeting.id)
    assert result.kept == (DELEGATION_TITLE,)
    assert (result.delegationsbeslut, result.meddelanden) == (2, 2)  # tied all the same
    kept = org.arenden.get(edited_id)
    assert richtext.to_plain_text(kept.beskrivning) == "Omskriven av sekreteraren"
    # The other list was not edited, so it was written with the new meddelande.
    medd = richtext.to_plain_text(svc.find_arende(meeting.id, MEDDELANDEN_TITLE).beskrivning)
    assert "VON 2022/50-73" in medd

    result = svc.fill(meeting.id, overwrite=True)
    assert result.kept == ()
    text = richtext.to_plain_text(org.arenden.get(edited_id).beskrivning)
    assert "Attestlista" in text and "Omskriven" not in text
    assert svc.hand_edited(meeting.id) == []


def test_dialog_asks_and_keeps_or_overwrites(qtbot, session, setup, monkeypatch):
    from ui.registers.meeting_dialog import ReportAtMeetingDialog

    org, _reg, nid, meeting = setup
    svc = ReportingService(session.db)
    svc.fill(meeting.id)
    edited_id = _edit_by_hand(org, svc, meeting.id, DELEGATION_TITLE, "Omskriven av sekreteraren")
    asked = []

    def run(answer):
        dialog = ReportAtMeetingDialog(session, nid)
        qtbot.addWidget(dialog)
        dialog.meeting.setCurrentIndex(dialog.meeting.findData(meeting.id))
        monkeypatch.setattr(dialog, "ask_overwrite", lambda titles: asked.append(titles) or answer)
        messages = []
        dialog.filled.connect(messages.append)
        dialog.accept()
        return messages

    assert run(None) == []  # Avbryt: nothing written
    assert run(False)[0].endswith(f"Texten i ”{DELEGATION_TITLE}” är ändrad för hand och skrevs inte om; "
                                  "nya poster syns inte där förrän listan skrivs om.")
    assert richtext.to_plain_text(org.arenden.get(edited_id).beskrivning) == "Omskriven av sekreteraren"
    assert "skrevs inte om" not in run(True)[0]
    assert "Ehälsa" in richtext.to_plain_text(org.arenden.get(edited_id).beskrivning)
    assert asked == [[DELEGATION_TITLE]] * 3
    run(None)  # nothing edited any more: no question
    assert len(asked) == 3


def test_demo_reports_older_entries_at_the_held_meeting(demo_session):
    """The coming meeting lists what came in since last month's meeting (a real kallelse has 9
    delegationsbeslut and 4 meddelanden), the held meeting the rest."""
    from app.registers.delegation import BeslutFilter
    from app.registers.meddelanden import MeddelandeFilter

    db = demo_session.db
    (organ, nid), = db.execute("SELECT o.id, o.namnd_id FROM organ o JOIN namnd n ON n.id = o.namnd_id "
                               "WHERE n.kortnamn = 'VON' AND o.typ = 'nämnd'").fetchall()
    held, coming = db.execute("SELECT id, datum FROM sammantrade WHERE organ_id = ? AND status IN "
                              "('genomfört', 'planerat', 'kallat') ORDER BY datum", [organ]).fetchall()[-2:]
    reg = Registers(db)
    assert reg.delegation.count(BeslutFilter(nid, anmald=False)) == 0
    on_coming = reg.delegation.beslut(reg.delegation.beslut_ids(BeslutFilter(nid, sammantrade_id=coming[0])))
    medd_ids = reg.meddelanden.ids(MeddelandeFilter(nid, sammantrade_id=coming[0]))
    meddelanden = reg.meddelanden.meddelanden(medd_ids)
    assert 3 <= len(on_coming) <= 20 and 1 <= len(meddelanden) <= 12
    assert all((b.datum_till or b.datum) > held[1] for b in on_coming)
    assert all(m.inkom > held[1] for m in meddelanden)
    assert reg.delegation.count(BeslutFilter(nid, sammantrade_id=held[0])) > 300
    # The coming meeting's ärende lists exactly those entries, and the program wrote it.
    svc = ReportingService(db)
    text = richtext.to_plain_text(svc.find_arende(coming[0], DELEGATION_TITLE).beskrivning)
    assert all(b.entry_text() in text for b in on_coming)
    assert "2022-02-14 § 15-19" not in text
    assert svc.hand_edited(coming[0]) == []
