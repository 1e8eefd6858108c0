"""Nothing public is deleted, and the lock of a justerat protokoll has no gaps
(docs/domain/justering.md, "What is kept"): the database refuses by itself, the services
first, with a Swedish message naming what holds the record; what has no public record
can still be deleted."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from pdf_samples import make_pdf
from protokoll_fixtures import make_meeting, make_protokoll_org, ready

from app import richtext
from app.meetings import Arende
from app.organisation import Namnd, Organ, OrganisationService, Person
from app.plan.service import PlanService
from app.registers.delegation import Delegationsbeslut, DelegationService
from app.registers.ej_verkstallda import EjVerkstalldaService, EjVerkstalltBeslut
from app.registers.meddelanden import Meddelande, MeddelandeService
from app.registers.reporting import ReportingService, evb_to_meeting
from app.validation import RefusedByDatabase, ValidationError

JUSTERAT = date(2022, 3, 4)
#: The demo's public records (tests/demo_day.py): the arbetsutskott's protokoll of
#: 2022-02-14 is justerat and anslaget; the nämnd has two adopted plans.
AU_MEETING = 4

COUNTS = {
    "sammantrade": "SELECT COUNT(*) FROM sammantrade",
    "justering": "SELECT COUNT(*) FROM justering",
    "paragraf": "SELECT COUNT(*) FROM paragraf",
    "delegationsbeslut": "SELECT COUNT(*) FROM delegationsbeslut",
    "meddelande": "SELECT COUNT(*) FROM meddelande",
    "verksamhetsplan": "SELECT COUNT(*) FROM verksamhetsplan",
    "internbudget": "SELECT COUNT(*) FROM internbudget",
    "organ": "SELECT COUNT(*) FROM organ",
    "narvaro": "SELECT COUNT(*) FROM narvaro",
}


def counts(db) -> dict[str, int]:
    return {name: db.execute(sql).fetchone()[0] for name, sql in COUNTS.items()}


def refused(db, sql: str, args=()) -> str:
    with pytest.raises(sqlite3.IntegrityError) as caught:
        db.execute(sql, list(args))
    return str(caught.value)


# -- the database itself ------------------------------------------------------------------------
def test_the_database_refuses_deleting_what_a_public_record_refers_to(demo_session):
    db = demo_session.db
    before = counts(db)
    assert before["justering"] == 1 and before["verksamhetsplan"] == 2 and before["paragraf"] > 0
    person = db.execute("SELECT person_id FROM narvaro WHERE sammantrade_id = ? AND person_id IS NOT NULL",
                        [AU_MEETING]).fetchone()[0]
    assert refused(db, "DELETE FROM namnd").startswith("Nämnden kan inte tas bort")
    assert refused(db, "DELETE FROM organ WHERE id = (SELECT organ_id FROM sammantrade WHERE id = ?)",
                   [AU_MEETING]).startswith("Organet kan inte tas bort")
    assert refused(db, "DELETE FROM sammantrade WHERE id = ?", [AU_MEETING]).startswith(
        "Sammanträdet kan inte tas bort")
    assert refused(db, "DELETE FROM person WHERE id = ?", [person]).startswith("Personen kan inte tas bort")
    assert counts(db) == before
    assert db.execute("SELECT 1 FROM person WHERE id = ?", [person]).fetchone()


def test_a_cascade_is_stopped_by_the_tables_in_between(po):
    """Even without the nämnd's own trigger, deleting it cannot take a justerat protokoll
    along: the cascade reaches the organ and the meeting, whose triggers abort it."""
    m = make_meeting(po)
    ready(po, m.id)
    po.svc.justera(m.id, JUSTERAT, today=JUSTERAT)
    db = po.org.meetings.db
    before = counts(db)
    assert refused(db, "DELETE FROM namnd").startswith("Nämnden kan inte tas bort")
    db.execute("DROP TRIGGER namnd_offentlig_delete")  # someone with a database tool
    assert refused(db, "DELETE FROM namnd").startswith("Organet kan inte tas bort")
    db.execute("DROP TRIGGER organ_offentlig_delete")
    assert refused(db, "DELETE FROM namnd").startswith("Sammanträdet kan inte tas bort")
    assert counts(db) == before


def test_an_adopted_plan_alone_holds_its_nämnd(demo_session):
    org, db = demo_session.organisation, demo_session.db
    sn = org.save_namnd(Namnd(namn="Socialnämnden", kortnamn="SN"))
    db.execute("INSERT INTO verksamhetsplan (namnd_id, titel, forsta_ar, status, antagen_datum, "
               "antagen_paragraf, skapad) VALUES (?, 'Socialnämndens plan 2027', 2027, 'antagen', "
               "'2026-11-09', '§ 12', '2026-11-09T10:00:00')", [sn.id])
    assert refused(db, "DELETE FROM namnd WHERE id = ?", [sn.id]).startswith("Nämnden kan inte tas bort")
    with pytest.raises(ValidationError) as caught:
        org.delete_namnd(sn.id)
    assert str(caught.value) == ("Nämnden kan inte tas bort: verksamhetsplanen ”Socialnämndens plan "
                                 "2027” är antagen (2026-11-09 § 12). Avsluta nämnden i stället; då finns "
                                 "allt kvar.")


# -- the services: refusals that name what holds the record ------------------------------------
def test_services_refuse_deleting_and_name_what_holds_it(demo_session):
    org, meetings = demo_session.organisation, demo_session.meetings
    von = org.namnder()[0]
    au = next(o for o in org.organ(von.id) if o.typ == "arbetsutskott")
    before = counts(demo_session.db)
    with pytest.raises(ValidationError) as caught:
        org.delete_namnd(von.id)
    message = str(caught.value)
    assert message.startswith("Nämnden kan inte tas bort: protokollet från Vård- och omsorgsnämndens "
                              "arbetsutskott 2022-02-14 är anslaget")
    assert "verksamhetsplanen ”Vård- och omsorgsnämndens verksamhetsplan 2022–2024” är antagen " \
           "(2021-12-15 § 59)" in message
    assert message.endswith("Avsluta nämnden i stället; då finns allt kvar.")
    with pytest.raises(ValidationError) as caught:
        org.delete_organ(au.id)
    assert str(caught.value).startswith("Organet kan inte tas bort: protokollet från Vård- och "
                                        "omsorgsnämndens arbetsutskott 2022-02-14 är anslaget")
    with pytest.raises(ValidationError) as caught:
        meetings.delete_meeting(AU_MEETING)
    assert str(caught.value).startswith("Sammanträdet kan inte tas bort: protokollet från Vård- och "
                                        "omsorgsnämndens arbetsutskott 2022-02-14 är anslaget")
    present = demo_session.db.execute("SELECT person_id FROM narvaro WHERE sammantrade_id = ? AND "
                                      "person_id IS NOT NULL", [AU_MEETING]).fetchone()[0]
    with pytest.raises(ValidationError) as caught:
        org.delete_person(present)
    assert str(caught.value).startswith(
        "Personen kan inte tas bort: personen finns i närvarolistan i protokollet från Vård- och "
        "omsorgsnämndens arbetsutskott 2022-02-14 (anslaget)")
    assert counts(demo_session.db) == before


def test_what_has_no_public_record_can_still_be_deleted(demo_session):
    org, meetings = demo_session.organisation, demo_session.meetings
    db = demo_session.db
    # An open meeting of the demo (kallat, nothing justerat) goes with its ärenden.
    open_meeting = next(m for m in meetings.meetings() if m.status == "planerat")
    n_arenden = open_meeting.antal_arenden
    before = db.execute("SELECT COUNT(*) FROM arende").fetchone()[0]
    meetings.delete_meeting(open_meeting.id)
    assert db.execute("SELECT COUNT(*) FROM arende").fetchone()[0] == before - n_arenden
    # A nämnd of its own, with an organ, a meeting, register entries and a draft plan.
    sn = org.save_namnd(Namnd(namn="Socialnämnden", kortnamn="SN"))
    sn_organ = next(o for o in org.organ(sn.id))
    beredning = org.save_organ(Organ(namnd_id=sn.id, namn="Socialnämndens beredning", typ="beredning"))
    meetings.create_meeting(sn_organ.id, "2026-12-01")
    meetings.create_meeting(beredning.id, "2026-11-25")
    DelegationService(db).save_beslut(Delegationsbeslut(namnd_id=sn.id, datum="2026-11-02",
                                                        beskrivning="Beslut om bistånd"))
    MeddelandeService(db).save(Meddelande(namnd_id=sn.id, rubrik="Dom från förvaltningsrätten",
                                          inkom="2026-11-03"))
    PlanService(db).new_plan(sn.id, 2027)
    assert org.organ_holders(beredning.id) == [] and org.namnd_holders(sn.id) == []
    org.delete_organ(beredning.id)
    assert [o.namn for o in org.organ(sn.id)] == ["Socialnämnden"]
    usage = org.namnd_usage(sn.id)
    assert (usage["sammanträden"], usage["delegationsbeslut"], usage["meddelanden"],
            usage["verksamhetsplaner"]) == (1, 1, 1, 1)
    org.delete_namnd(sn.id)
    assert all(n.id != sn.id for n in org.namnder())
    assert db.execute("SELECT COUNT(*) FROM delegationsbeslut WHERE namnd_id = ?", [sn.id]).fetchone()[0] == 0
    # A person no protokoll names.
    ny = org.save_person(Person(fornamn="Ylva", efternamn="Ek", parti="C"))
    assert org.person_holders(ny.id) == []
    org.delete_person(ny.id)
    assert org.personer(org.person_ids("Ylva Ek")) == []


# -- a justerat protokoll of one's own: lock gaps and omedelbar justering --------------------------
@pytest.fixture
def po(session):
    return make_protokoll_org(session.db)


@pytest.fixture
def justerat(po):
    """A meeting with a bilaga and register entries reported at it, then justerat."""
    m = make_meeting(po)
    db = po.org.meetings.db
    budget = next(a for a in po.org.arenden.arenden(m.id) if a.rubrik.startswith("Budget"))
    po.org.bilagor.attach(budget.id, make_pdf(2, "Budgetuppföljning"), "budget.pdf", "Budgetuppföljning")
    namnd_id = po.org.namnd_organ.namnd_id
    budget.undertecknare = [po.org.arenden.signer(po.person_id("Dufström"))]
    po.org.arenden.save(budget)
    beslut = DelegationService(db).save_beslut(Delegationsbeslut(
        namnd_id=namnd_id, datum="2022-02-10", beskrivning="Beslut om hemtjänst",
        delegat_person_id=po.person_id("Dufström")))
    brev = MeddelandeService(db).save(Meddelande(namnd_id=namnd_id, rubrik="Tillsyn från IVO",
                                                 inkom="2022-02-11"))
    evb = EjVerkstalldaService(db).save(EjVerkstalltBeslut(
        namnd_id=namnd_id, insats="Särskilt boende", lag="SoL", beslutsdatum="2021-09-01", kon="K", orsak=2))
    assert ReportingService(db).assign(m.id) == (1, 1)
    evb_arende = evb_to_meeting(db, m.id, "2021-12-31")
    ready(po, m.id)
    po.svc.justera(m.id, JUSTERAT, today=JUSTERAT)
    return {"meeting": m, "budget": budget, "beslut": beslut, "brev": brev, "evb": evb,
            "evb_arende": evb_arende}


def test_every_field_of_a_justerat_arende_is_refused_by_the_database(po, justerat):
    db = po.org.meetings.db
    budget = justerat["budget"].id
    message = "Protokollet är justerat och kan inte ändras; gör en rättelse i stället."
    for sql in ("UPDATE arende SET forslag_till_beslut = '<p>Annat förslag</p>' WHERE id = ?",
                "UPDATE arende SET beskrivning = '<p>Ny text</p>' WHERE id = ?",
                "UPDATE arende SET ekonomiska_konsekvenser = '<p>Dyrare</p>' WHERE id = ?",
                "UPDATE arende SET skickas_till = '[\"Ingen\"]' WHERE id = ?",
                "UPDATE arende SET handlaggare = 'Någon annan' WHERE id = ?",
                "UPDATE undertecknare SET namn = 'Någon annan' WHERE arende_id = ?",
                "DELETE FROM undertecknare WHERE arende_id = ?",
                "INSERT INTO undertecknare (arende_id, position, namn) VALUES (?, 9, 'Ny')",
                "UPDATE bilaga SET titel = 'Annan bilaga' WHERE arende_id = ?",
                "DELETE FROM bilaga WHERE arende_id = ?",
                "UPDATE bilagefil SET data = x'00' WHERE id IN "
                "(SELECT fil_id FROM bilaga WHERE arende_id = ?)"):
        assert refused(db, sql, [budget]) == message, sql
    assert refused(db, "INSERT INTO bilaga (arende_id, position, titel, filnamn, sidor, fil_id, "
                       "pdfa_niva, pdfa_ok, tillagd) SELECT ?, 9, 'Ny', 'ny.pdf', 1, fil_id, pdfa_niva, "
                       "pdfa_ok, tillagd FROM bilaga LIMIT 1", [budget]) == message
    assert "Budgetuppföljning januari 2022" in db.execute(
        "SELECT rubrik FROM arende WHERE id = ?", [budget]).fetchone()[0]


def test_services_refuse_a_justerat_arende_in_swedish(po, justerat):
    arenden, bilagor = po.org.arenden, po.org.bilagor
    a = arenden.get(justerat["budget"].id)
    a.forslag_till_beslut = richtext.from_plain_text("Ett annat förslag.")
    with pytest.raises(ValidationError) as caught:
        arenden.save(a)
    assert str(caught.value).startswith("Protokollet från Vård- och omsorgsnämnden 2022-02-28 är justerat; "
                                        "ärendet ”Budgetuppföljning januari 2022” kan inte ändras")
    with pytest.raises(ValidationError, match="dagordningen kan inte ändras"):
        arenden.delete(a.id)
    # Bilagor have no check of their own: the database's refusal reaches the caller as
    # a ValidationError with its Swedish message, never as an IntegrityError.
    with pytest.raises(RefusedByDatabase, match="Protokollet är justerat och kan inte ändras"):
        bilagor.attach(a.id, make_pdf(1), "sent.pdf", "Sen bilaga")
    with pytest.raises(RefusedByDatabase, match="Protokollet är justerat"):
        bilagor.remove(bilagor.bilagor(a.id)[0].id)
    assert arenden.get(a.id).forslag_till_beslut == justerat["budget"].forslag_till_beslut


def test_register_entries_reported_at_a_justerat_meeting_are_final(po, justerat):
    db = po.org.meetings.db
    beslut, brev = justerat["beslut"], justerat["brev"]
    entry = ("Posten är anmäld vid ett sammanträde vars protokoll är justerat; den kan inte ändras eller "
             "tas bort.")
    for sql, row in (("UPDATE delegationsbeslut SET beskrivning = 'Ändrat' WHERE id = ?", beslut.id),
                     ("UPDATE delegationsbeslut SET anmald_sammantrade_id = NULL WHERE id = ?", beslut.id),
                     ("UPDATE delegationsbeslut SET kategori_id = NULL, datum = '2022-02-01' WHERE id = ?",
                      beslut.id),
                     ("DELETE FROM delegationsbeslut WHERE id = ?", beslut.id),
                     ("UPDATE meddelande SET rubrik = 'Ändrat' WHERE id = ?", brev.id),
                     ("UPDATE meddelande SET avsandare = 'Någon' WHERE id = ?", brev.id),
                     ("DELETE FROM meddelande WHERE id = ?", brev.id)):
        assert refused(db, sql, [row]) == entry, sql
    # A new entry cannot be slipped into the justerat meeting's report either.
    assert refused(db, "INSERT INTO meddelande (namnd_id, rubrik, anmald_sammantrade_id, skapad) "
                       "VALUES (?, 'Efterhand', ?, '2022-03-05')",
                   [brev.namnd_id, justerat["meeting"].id]) == entry
    beslut.beskrivning = "Ändrat i efterhand"
    with pytest.raises(ValidationError, match="anmäldes vid Vård- och omsorgsnämnden 2022-02-28, vars "
                                              "protokoll är justerat; den kan inte ändras"):
        DelegationService(db).save_beslut(beslut)


def test_an_ej_verkstallt_beslut_reported_keeps_what_identifies_it(po, justerat):
    db = po.org.meetings.db
    evb = EjVerkstalldaService(db)
    b = evb.get(justerat["evb"].id)
    assert db.execute("SELECT arende_id FROM ej_verkstallt_anmalan WHERE beslut_id = ?",
                      [b.id]).fetchone()[0] == justerat["evb_arende"]
    assert refused(db, "UPDATE ej_verkstallt_beslut SET insats = 'Hemtjänst' WHERE id = ?", [b.id]) \
        .startswith("Beslutet är redovisat i en rapport till ett sammanträde vars protokoll är justerat")
    assert refused(db, "DELETE FROM ej_verkstallt_beslut WHERE id = ?", [b.id]).startswith(
        "Beslutet är redovisat")
    assert refused(db, "DELETE FROM ej_verkstallt_anmalan WHERE beslut_id = ?", [b.id]).startswith(
        "Protokollet är justerat")
    b.kon = "M"
    with pytest.raises(ValidationError, match="redovisades i rapporten till Vård- och omsorgsnämnden "
                                              "2022-02-28, vars protokoll är justerat"):
        evb.save(b)
    with pytest.raises(ValidationError, match="det kan inte tas bort"):
        evb.delete([b.id])
    # The case goes on: it is carried out later, which the next report must know.
    b = evb.get(b.id)
    b.verkstallt = "2022-04-01"
    evb.save(b)
    assert evb.get(b.id).verkstallt == "2022-04-01"


def test_a_meeting_with_paragraphs_justerade_omedelbart_is_kept(po):
    m = make_meeting(po)
    ready(po, m.id)
    budget = next(p for p in po.svc.paragrafer.paragrafer(m.id) if p.rubrik.startswith("Budget"))
    po.svc.justera_omedelbart(m.id, [budget.arende_id], "2022-02-28", today=date(2022, 2, 28))
    assert po.org.meetings.get_meeting(m.id).status != "justerat"
    with pytest.raises(ValidationError, match="paragrafer i protokollet från Vård- och omsorgsnämnden "
                                              "2022-02-28 är justerade omedelbart och anslagna"):
        po.org.meetings.delete_meeting(m.id)
    # Past the service's own check, the database still refuses.
    assert refused(po.org.meetings.db, "DELETE FROM sammantrade WHERE id = ?", [m.id]).startswith(
        "Sammanträdet kan inte tas bort")
    with pytest.raises(ValidationError, match="Personen kan inte tas bort"):
        OrganisationService(po.org.meetings.db).delete_person(po.person_id("Demir"))


def test_an_arende_added_to_a_justerat_meeting_is_refused_in_swedish(po, justerat):
    with pytest.raises(ValidationError, match="dagordningen kan inte ändras"):
        po.org.arenden.add(Arende(sammantrade_id=justerat["meeting"].id, rubrik="Sent ärende"))
