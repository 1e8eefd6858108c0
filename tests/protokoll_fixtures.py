"""A small nämnd with five ledamöter, three ersättare and a meeting with an agenda, for
the protokoll tests (faster than the whole demo)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from demo_day import DEMO_DAY
from meeting_fixtures import SEATED_FROM, Org, make_org, seated_until

from app import clock, richtext
from app.meetings import Arende
from app.organisation import OrganisationService, Person, Uppdrag
from app.protokoll import ProtokollService

# (förnamn, efternamn, parti, roll); Åsa Bergkvist (S) is the ordförande from make_org.
LEDAMOTER = [("Anders", "Öberg", "M", "1:e vice ordförande"), ("Fatima", "Hassan", "S", "ledamot"),
             ("Karin", "Åkesson", "M", "ledamot"), ("Yusuf", "Demir", "V", "ledamot")]
ERSATTARE = [("Göran", "Persson Ek", "S"), ("Ingrid", "Backman", "M"), ("Rasmus", "Eriksson", "V")]


@dataclass
class ProtokollOrg:
    org: Org
    svc: ProtokollService
    people: dict[str, Person]  # by efternamn

    def person_id(self, efternamn: str) -> int:
        return self.people[efternamn].id


def make_protokoll_org(db) -> ProtokollOrg:
    org = make_org(db)
    svc = OrganisationService(db)
    people = {"Bergkvist": org.ordforande}
    for fornamn, efternamn, parti, roll in LEDAMOTER:
        p = svc.save_person(Person(fornamn=fornamn, efternamn=efternamn, parti=parti))
        svc.save_uppdrag(Uppdrag(person_id=p.id, organ_id=org.namnd_organ.id, roll=roll,
                                 fran=SEATED_FROM, till=seated_until()))
        people[efternamn] = p
    for n, (fornamn, efternamn, parti) in enumerate(ERSATTARE, start=1):
        p = svc.save_person(Person(fornamn=fornamn, efternamn=efternamn, parti=parti))
        svc.save_uppdrag(Uppdrag(person_id=p.id, organ_id=org.namnd_organ.id, roll="ersättare",
                                 fran=SEATED_FROM, till=seated_until(), ordning=n))
        people[efternamn] = p
    people["Engberg"] = org.sekreterare
    people["Dufström"] = org.chef
    return ProtokollOrg(org, ProtokollService(db), people)


def make_meeting(po: ProtokollOrg, datum: str = "2022-02-28", extra_titles: int = 2):
    """A meeting from the template with a budget ärende and ``extra_titles`` more."""
    org = po.org
    m = org.meetings.create_meeting(org.namnd_organ.id, datum)
    m.sluttid = "16:30"
    org.meetings.save_meeting(m)
    org.arenden.add(Arende(
        sammantrade_id=m.id, rubrik="Budgetuppföljning januari 2022", dnr="2021/1", datum="2022-01-21",
        forslag_till_beslut=richtext.from_plain_text(
            "Vård- och omsorgsnämnden godkänner budgetuppföljningen för januari månad 2022."),
        beskrivning=richtext.from_plain_text("Negativ resultatavvikelse mot budget på 1,7 mkr."),
        skickas_till=["Förvaltningsledningen", "Ekonomer", "Akt"]))
    for n in range(extra_titles):
        org.arenden.add(Arende(
            sammantrade_id=m.id, rubrik=f"Riktlinjer {n + 1}", dnr=f"2022/{29 + n}",
            forslag_till_beslut=richtext.from_plain_text(f"Nämnden antar riktlinjer {n + 1}."),
            skickas_till=["Förvaltningsledning", "Akt"]))
    return org.meetings.get_meeting(m.id)


def narvaro_by_name(po: ProtokollOrg, meeting_id: int) -> dict[str, int]:
    """narvaro id by efternamn."""
    return {n.namn.split(" ", 1)[1]: n.id for n in po.svc.narvaro.narvaro(meeting_id)}


def ready(po: ProtokollOrg, meeting_id: int) -> dict[str, int]:
    """Start the protokoll, choose Karin Åkesson as justerare and fill in the
    justering's place and date: the state in which it can be justerat."""
    po.svc.start(meeting_id)
    ids = narvaro_by_name(po, meeting_id)
    head = po.svc.get(meeting_id)
    head.justerare = [ids["Åkesson"]]
    head.justering_plats = "Kommunhuset"
    head.justering_datum = head.datum[:8] + "28" if head.datum.endswith("-28") else head.datum
    head.justering_tid = "10:00"
    po.svc.save(head)
    return ids


def demo_protokoll_area(qtbot, session):
    """The Protokoll area (1400×900) on the demo's coming nämnd meeting, with the clock
    pinned to the justering day a week after it; yields the area."""
    from ui.protokoll.area import ProtokollArea

    meeting_day = demo_namnd_meeting_day()
    with clock.pinned(meeting_day + timedelta(days=7)):
        widget = ProtokollArea(session)
        widget.printer.ask_open = False
        qtbot.addWidget(widget)
        widget.resize(1400, 900)
        widget.show()
        meeting = next(m for m in widget.meetings.meetings(widget.organ.currentData())
                       if m.datum == meeting_day.isoformat())
        assert widget.select_meeting(meeting.id)
        yield widget


def demo_namnd_meeting_day() -> date:
    """The demo's coming nämnd meeting as the demo places it from :data:`DEMO_DAY`."""
    from app.meetings.demo import meeting_day

    return meeting_day(DEMO_DAY)


def open_demo_paragraf(window, rubrik_start: str):
    """The Protokoll area of the main window ``window`` on the demo's coming nämnd meeting,
    with the paragraph whose rubrik starts with ``rubrik_start`` selected: (area, its row)."""
    from ui.main_window import area_widget

    protokoll = area_widget(window, "protokoll")
    window.nav.setCurrentRow(window.stack.indexOf(protokoll))
    meeting = next(m for m in protokoll.meetings.meetings(protokoll.organ.currentData())
                   if m.datum == demo_namnd_meeting_day().isoformat())
    assert protokoll.select_meeting(meeting.id)
    row = next(r for r in protokoll.para_model.records if r.p.rubrik.startswith(rubrik_start))
    protokoll.para_view.select_id(row.id)
    return protokoll, row
