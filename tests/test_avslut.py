"""Ending instead of deleting (app/avslut.py): an ended nämnd, organ or seat is kept and
listed, but not offered for new work; it can be reopened."""

from __future__ import annotations

from datetime import date

import pytest

from app import clock
from app.organisation import Namnd, Organ, Person, Uppdrag
from app.registers.delegation import Delegationsbeslut, DelegationService
from app.registers.ej_verkstallda import EjVerkstalldaService, EjVerkstalltBeslut
from app.registers.meddelanden import Meddelande, MeddelandeService
from app.validation import ValidationError

TODAY = date(2026, 11, 20)  # tests/demo_day.py


def test_an_ended_namnd_is_kept_but_gets_no_new_meetings_or_entries(demo_session):
    org, db = demo_session.organisation, demo_session.db
    sn = org.save_namnd(Namnd(namn="Socialnämnden", kortnamn="SN"))
    sn_organ = org.organ(sn.id)[0]
    held = demo_session.meetings.create_meeting(sn_organ.id, "2026-10-05")
    DelegationService(db).save_beslut(Delegationsbeslut(namnd_id=sn.id, datum="2026-10-01",
                                                        beskrivning="Beslut om bistånd"))
    ended = org.avsluta_namnd(sn.id, "2026-10-31")
    assert ended.avslutad == "2026-10-31" and not ended.active_on(TODAY)
    # Kept and listed …
    assert [n.namn for n in org.namnder()] == ["Socialnämnden", "Vård- och omsorgsnämnden"]
    assert [m.id for m in demo_session.meetings.meetings(sn_organ.id)] == [held.id]
    # … but not offered for new work.
    assert [n.namn for n in org.namnder(active_on=TODAY)] == ["Vård- och omsorgsnämnden"]
    assert all(o.namnd_id != sn.id for o in org.organ(active_on=TODAY))
    with pytest.raises(ValidationError) as caught:
        demo_session.meetings.create_meeting(sn_organ.id, "2026-12-07")
    assert caught.value.for_field("organ_id") == [
        "Socialnämnden avslutades 2026-10-31; återöppna den under Organisation för att använda den igen."]
    for save in (lambda: DelegationService(db).save_beslut(Delegationsbeslut(
                     namnd_id=sn.id, datum="2026-11-02", beskrivning="Sent beslut")),
                 lambda: MeddelandeService(db).save(Meddelande(namnd_id=sn.id, rubrik="Brev",
                                                               inkom="2026-11-02")),
                 lambda: EjVerkstalldaService(db).save(EjVerkstalltBeslut(
                     namnd_id=sn.id, insats="Hemtjänst", beslutsdatum="2026-06-01", kon="K", orsak=2))):
        with pytest.raises(ValidationError) as caught:
            save()
        assert str(caught.value).startswith("Socialnämnden avslutades 2026-10-31; nya registerposter kan "
                                            "inte läggas in")
    # A meeting held before the end can still be recorded.
    assert demo_session.meetings.create_meeting(sn_organ.id, "2026-10-20").datum == "2026-10-20"
    assert org.reopen_namnd(sn.id).avslutad is None
    assert demo_session.meetings.create_meeting(sn_organ.id, "2026-12-07").datum == "2026-12-07"


def test_ending_is_refused_while_meetings_come_after_the_last_day(demo_session):
    org = demo_session.organisation
    von = org.namnder()[0]
    with pytest.raises(ValidationError) as caught:
        org.avsluta_namnd(von.id)  # today, by the program's clock
    assert caught.value.for_field("avslutad") == [
        "Vård- och omsorgsnämnden har sammanträden efter 2026-11-20 (det första 2026-11-30); ta bort eller "
        "flytta dem först, eller välj en senare sista dag."]
    with pytest.raises(ValidationError, match="Sista dagen måste vara ett datum som ÅÅÅÅ-MM-DD"):
        org.avsluta_namnd(von.id, "31/12")
    assert org.namnder()[0].avslutad is None


def test_an_ended_organ_takes_no_new_seats_or_meetings(demo_session):
    org = demo_session.organisation
    von = org.namnder()[0]
    beredning = org.save_organ(Organ(namnd_id=von.id, namn="Beredningen", typ="beredning"))
    assert org.avsluta_organ(beredning.id).avslutad == clock.today().isoformat()
    # Today is its last day: from tomorrow it is no longer offered.
    assert beredning.id in [o.id for o in org.organ(von.id, active_on=TODAY)]
    assert beredning.id not in [o.id for o in org.organ(von.id, active_on=date(2026, 11, 21))]
    assert beredning.id in [o.id for o in org.organ(von.id)]
    person = org.save_person(Person(fornamn="Ylva", efternamn="Ek", parti="C"))
    with pytest.raises(ValidationError) as caught:
        org.save_uppdrag(Uppdrag(person_id=person.id, organ_id=beredning.id, roll="ledamot",
                                 fran="2027-01-01", till="2030-12-31"))
    assert caught.value.for_field("organ_id") == [
        "Beredningen avslutades 2026-11-20; återöppna det under Organisation för att använda det igen."]
    # Saving the organ's other fields does not reopen it; only reopening does.
    beredning.namn = "Beredningen för äldrefrågor"
    org.save_organ(beredning)
    assert org.get_organ(beredning.id).avslutad == "2026-11-20"
    org.reopen_organ(beredning.id)
    assert org.save_uppdrag(Uppdrag(person_id=person.id, organ_id=beredning.id, roll="ledamot",
                                    fran="2027-01-01", till="2030-12-31")).id is not None


def test_an_ended_seat_stays_listed_but_no_longer_counts(demo_session):
    org, meetings = demo_session.organisation, demo_session.meetings
    namnd_organ = next(o for o in org.organ() if o.typ == "nämnd")
    ordforande = meetings.ordforande(namnd_organ.id, TODAY)
    seat = next(u for u in org.uppdrag(namnd_organ.id, on_date=TODAY) if u.roll == "ordförande")
    with pytest.raises(ValidationError, match="slutar redan 2026-12-31"):
        org.avsluta_uppdrag(seat.id, "2027-03-01")
    with pytest.raises(ValidationError, match="börjar 2023-01-01; det kan inte avslutas dessförinnan"):
        org.avsluta_uppdrag(seat.id, "2022-12-31")
    ended = org.avsluta_uppdrag(seat.id, "2026-06-30")
    assert (ended.avslutad, ended.sista_dag, ended.till) == ("2026-06-30", "2026-06-30", "2026-12-31")
    assert not ended.active_on(TODAY) and ended.active_on(date(2026, 6, 30))
    assert seat.id not in [u.id for u in org.uppdrag(namnd_organ.id, on_date=TODAY)]
    assert seat.id in [u.id for u in org.uppdrag(namnd_organ.id, on_date=TODAY, include_ended=True)]
    assert seat.id in [u.id for u in org.uppdrag(namnd_organ.id, on_date=date(2026, 6, 1))]
    # The kallelse and a new protokoll no longer find the chair after the last day.
    assert meetings.ordforande(namnd_organ.id, TODAY) is None
    assert meetings.ordforande(namnd_organ.id, date(2026, 6, 1)) == ordforande
    assert org.reopen_uppdrag(seat.id).avslutad is None
    assert meetings.ordforande(namnd_organ.id, TODAY) == ordforande
