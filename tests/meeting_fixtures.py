"""A small organisation for meeting tests (faster than the whole demo)."""

from __future__ import annotations

from dataclasses import dataclass

from app import clock
from app.meetings import ArendeService, BilagaService, Kallelseinstallning, MeetingService
from app.organisation import (
    Forvaltning,
    Kommun,
    Namnd,
    Organ,
    OrganisationService,
    Person,
    Uppdrag,
    mandatperiod,
)

#: The fixtures' seats run from 2019 (the tests' recorded meetings of 2022) to the end of
#: the mandate period after today's, so that a meeting some weeks ahead has its
#: ordförande whatever day the tests run.
SEATED_FROM = "2019-01-01"


def seated_until() -> str:
    _start, end = mandatperiod(clock.today())
    return end.replace(year=end.year + 4).isoformat()


@dataclass
class Org:
    meetings: MeetingService
    arenden: ArendeService
    bilagor: BilagaService
    namnd_organ: Organ
    au: Organ
    forvaltning: Forvaltning
    ordforande: Person
    sekreterare: Person
    chef: Person


def make_org(db) -> Org:
    svc = OrganisationService(db)
    svc.save_kommun(Kommun(namn="Ludvika kommun", postadress="771 82 Ludvika",
                           besoksadress="Biskopsvägen 10, Ludvika", telefon="0240-860 00",
                           epost="vard.omsorg@ludvika.se", webb="www.ludvika.se",
                           organisationsnummer="212000-2270"))
    von = svc.save_namnd(Namnd(namn="Vård- och omsorgsnämnden", kortnamn="VON"))
    namnd_organ = next(o for o in svc.organ(von.id) if o.typ == "nämnd")
    au = svc.save_organ(Organ(namnd_id=von.id, namn="Vård- och omsorgsnämndens arbetsutskott",
                              typ="arbetsutskott", kortnamn="VONAU"))
    forv = svc.save_forvaltning(Forvaltning(von.id, "Vård- och omsorgsförvaltningen", "VOF"))
    ordf = svc.save_person(Person(fornamn="Åsa", efternamn="Bergkvist", parti="S"))
    svc.save_uppdrag(Uppdrag(person_id=ordf.id, organ_id=namnd_organ.id, roll="ordförande",
                             fran=SEATED_FROM, till=seated_until()))
    sek = svc.save_person(Person(fornamn="Åsa", efternamn="Engberg", titel="Nämndsekreterare",
                                 ar_tjansteman=True, forvaltning_id=forv.id,
                                 epost="asa.engberg@ludvika.se", telefon="0240-866 85"))
    chef = svc.save_person(Person(fornamn="Laila", efternamn="Dufström", titel="Tf förvaltningschef",
                                  ar_tjansteman=True, forvaltning_id=forv.id))
    meetings = MeetingService(db)
    meetings.save_settings(Kallelseinstallning(organ_id=namnd_organ.id, kallelse_dagar=7,
                                               sekreterare_id=sek.id, plats="Samlingssalen, Marnäsliden",
                                               starttid="14:15"))
    return Org(meetings, ArendeService(db), BilagaService(db), namnd_organ, au, forv, ordf, sek, chef)
