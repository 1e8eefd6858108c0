"""Register entries reported at a meeting: tied to it, listed in its two ärenden like
a real kallelse, printed in the handlingar, movable until the protokoll is justerat."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app import richtext
from app.meetings.documents import build_handlingar
from app.registers import Registers
from app.registers.delegation import BeslutFilter, Delegationsbeslut, Kategori
from app.registers.meddelanden import Meddelande, MeddelandeFilter
from app.registers.reporting import DELEGATION_TITLE, MEDDELANDEN_TITLE, ReportingService
from app.validation import ValidationError
from tests.meeting_fixtures import make_org


@pytest.fixture
def org(session):
    return make_org(session.db)


@pytest.fixture
def filled(session, org):
    """A real kallelse's lists and a meeting on 2022-02-28."""
    reg = Registers(session.db)
    nid = org.namnd_organ.namnd_id
    kat = {n: reg.delegation.save_kategori(Kategori(namnd_id=nid, namn=n)).id
           for n in ("Au protokoll", "Biståndsbeslut", "Förordnanden", "Delegationsbeslut",
                     "Anställningsavtal")}
    for b in (Delegationsbeslut(nid, "protokoll", kat["Au protokoll"], "2022-02-14", paragrafer="§ 15-19"),
              Delegationsbeslut(nid, "period", kat["Biståndsbeslut"], "2022-01-01", "2022-01-31"),
              Delegationsbeslut(nid, "period", kat["Biståndsbeslut"], "2021-12-01", "2021-12-31"),
              Delegationsbeslut(nid, "beslut", kat["Delegationsbeslut"], "2022-02-07", dnr="VoN 2021/1",
                                beskrivning="Överföring av investeringsmedel – Ehälsa"),
              Delegationsbeslut(nid, "antal", kat["Anställningsavtal"], "2022-02-28", antal=227),
              Delegationsbeslut(nid, "beslut", None, "2022-03-02", beskrivning="Efter sammanträdet")):
        reg.delegation.save_beslut(b)
    for dnr, titel, inkom in (("VON 2022/44-73", "Utskrivningsklara januari 2022", "2022-02-03"),
                              ("VON 2021/277-73", "Åtgärder efter delgivningen", "2022-02-08")):
        reg.meddelanden.save(Meddelande(nid, titel, dnr, inkom))
    meeting = org.meetings.create_meeting(org.namnd_organ.id, "2022-02-28")
    return reg, nid, meeting


def test_fill_ties_entries_and_writes_the_lists(session, filled):
    reg, nid, meeting = filled
    svc = ReportingService(session.db)
    result = svc.fill(meeting.id)
    assert (result.delegationsbeslut, result.meddelanden) == (5, 2)
    # The decision dated after the meeting waits for the next one.
    assert reg.delegation.count(BeslutFilter(nid, anmald=False)) == 1
    delegation = svc.find_arende(meeting.id, DELEGATION_TITLE)
    text = richtext.to_plain_text(delegation.beskrivning)
    assert "1. Au protokoll\n  - 2022-02-14 § 15-19" in text
    assert "2. Biståndsbeslut\n  - 2021-12-01 – 2021-12-31\n  - 2022-01-01 – 2022-01-31" in text
    # An empty category is its heading alone (a dash under it printed "– –", issue 16).
    assert "3. Förordnanden\n4. Delegationsbeslut" in text
    assert "5. Anställningsavtal\n  - 227" in text
    assert richtext.to_plain_text(delegation.forslag_till_beslut) == \
        "Vård- och omsorgsnämnden godkänner redovisningen av delegationsbeslut."
    medd = svc.find_arende(meeting.id, MEDDELANDEN_TITLE)
    assert medd.beskrivning == ("<ol><li><b>VON 2022/44-73</b><br/>Utskrivningsklara januari 2022</li>"
                                "<li><b>VON 2021/277-73</b><br/>Åtgärder efter delgivningen</li></ol>")
    # Filling again rewrites the same two ärenden, it does not add new ones.
    count = len(org_arenden(session, meeting.id))
    svc.fill(meeting.id)
    assert len(org_arenden(session, meeting.id)) == count


def org_arenden(session, meeting_id):
    from app.meetings import ArendeService

    return ArendeService(session.db).arenden(meeting_id)


def test_lists_are_printed_in_the_handlingar(session, filled):
    _reg, _nid, meeting = filled
    ReportingService(session.db).fill(meeting.id)
    result = build_handlingar(session.db, meeting.id, level=None)
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(result.data)).pages).split())
    for expected in ("Redovisning av delegationsbeslut", "Au protokoll", "2022-02-14 § 15-19",
                     "VoN 2021/1 Överföring av investeringsmedel – Ehälsa", "VON 2022/44-73",
                     "Utskrivningsklara januari 2022",
                     "Vård- och omsorgsnämnden godkänner redovisningen av inkomna meddelanden."):
        assert expected in text


def test_entries_move_until_justerat(session, org, filled):
    reg, nid, meeting = filled
    svc = ReportingService(session.db)
    svc.fill(meeting.id)
    later = org.meetings.create_meeting(org.namnd_organ.id, "2022-03-28")
    ids = reg.meddelanden.ids(MeddelandeFilter(nid, sammantrade_id=meeting.id))
    svc.move("meddelanden", ids[:1], later.id)
    assert reg.meddelanden.count(MeddelandeFilter(nid, sammantrade_id=later.id)) == 1
    assert svc.labels({meeting.id, later.id}) == {meeting.id: "VON 2022-02-28", later.id: "VON 2022-03-28"}
    svc.move("meddelanden", ids[:1], None)
    assert reg.meddelanden.count(MeddelandeFilter(nid, anmald=False)) == 1
    # Once the protokoll is justerat (a later status than the meeting helper's three)
    # the entries stay reported there.
    session.db.execute("DROP TRIGGER sammantrade_status_update")
    session.db.execute("UPDATE sammantrade SET status = 'justerat' WHERE id = ?", [meeting.id])
    assert svc.is_final(meeting.id)
    beslut = reg.delegation.beslut_ids(BeslutFilter(nid, sammantrade_id=meeting.id))
    with pytest.raises(ValidationError, match="vars protokoll är justerat"):
        svc.move("delegationsbeslut", beslut[:1], later.id)
    with pytest.raises(ValidationError, match="justerat; listorna kan inte längre ändras"):
        svc.fill(meeting.id)
    assert svc.labels({meeting.id})[meeting.id].endswith("(justerat)")


def test_deleting_a_meeting_releases_its_entries(session, org, filled):
    reg, nid, meeting = filled
    ReportingService(session.db).fill(meeting.id)
    org.meetings.delete_meeting(meeting.id)
    assert reg.delegation.count(BeslutFilter(nid, anmald=True)) == 0
    assert reg.meddelanden.count(MeddelandeFilter(nid, anmald=True)) == 0


def test_missing_arende_is_added(session, org, filled):
    _reg, _nid, _meeting = filled
    bare = org.meetings.create_meeting(org.namnd_organ.id, "2022-04-25", use_template=False)
    svc = ReportingService(session.db)
    svc.fill(bare.id)
    titles = [a.rubrik for a in org_arenden(session, bare.id)]
    assert titles == [DELEGATION_TITLE, MEDDELANDEN_TITLE]


def test_evb_report_as_arende_with_bilaga(session, org):
    from app.registers.ej_verkstallda import EjVerkstalltBeslut
    from app.registers.reporting import evb_to_meeting

    nid = org.namnd_organ.namnd_id
    evb = Registers(session.db).evb
    for insats, lag, beslutad, kon in (("LSS – gruppbostad", "LSS", "2020-01-14", "M"),
                                       ("Äldreboende – demens", "SoL", "2021-09-17", "K")):
        evb.save(EjVerkstalltBeslut(nid, insats, lag, beslutad, kon=kon, orsak=2))
    meeting = org.meetings.create_meeting(org.au.id, "2022-02-14")
    arende_id = evb_to_meeting(session.db, meeting.id, "2022-01-31")
    again = evb_to_meeting(session.db, meeting.id, "2022-01-31")
    assert again == arende_id  # the same report date rewrites its ärende
    a = org.arenden.get(arende_id)
    assert a.rubrik == ("Vård- och omsorgsnämndens rapport angående antal beslut som inte verkställts till "
                        "och med 31 januari 2022")
    assert richtext.to_plain_text(a.forslag_till_beslut).startswith(
        "Vård- och omsorgsnämnden tar del av och godkänner förvaltningens rapport")
    assert "2 gynnande beslut som inte verkställts inom tre månader, 1 avseende kvinnor och 1 avseende män" \
        in richtext.to_plain_text(a.beskrivning)
    assert a.skickas_till == ["Kommunfullmäktige", "Akt"]
    bilagor = org.bilagor.bilagor(arende_id)
    assert [(b.titel, b.pdfa_ok) for b in bilagor] == [("Statistikrapport den 31 januari 2022", True)]
    text = " ".join(PdfReader(io.BytesIO(org.bilagor.data(bilagor[0].id))).pages[0].extract_text().split())
    assert "LSS – gruppbostad 2020-01-14 748 M 2" in text
