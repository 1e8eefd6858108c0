"""Demo data modelled on real municipal documents (Oxelösund's vård- och
omsorgsnämnd with its two förvaltningar SOF and ÄF, and that nämnd's meeting habits).

The politicians are invented names spread over the parties of such a nämnd; the
nämnd, förvaltningar and the kommun's address block are those of the documents.
Later features add their own demo content through :data:`EXTENSIONS`.

Every date is placed from one reference day (:class:`app.demo_calendar.DemoCalendar`):
the program's clock by default, so the demo is right whenever it is made. While the
demo is built the clock is pinned to that day, so that what the services stamp
("skapad", a kallelse sent "today") agrees with the demo's own dates.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from sqlite_utils import Database

from app import clock
from app.demo_calendar import DemoCalendar
from app.organisation import (
    Forvaltning,
    Kommun,
    Namnd,
    Organ,
    OrganisationService,
    Person,
    Uppdrag,
)
from app.records import id_of

#: Functions called with the open database and the demo's calendar after the
#: organisation is created, in order; each later feature registers one to fill its own
#: tables.
EXTENSIONS: list[Callable[[Database, DemoCalendar], None]] = []

#: How far ahead the demo's meetings may lie (the coming nämnd meeting is three to four
#: weeks ahead): the politicians are also seated in a mandate period starting before then.
MEETINGS_AHEAD = timedelta(days=35)

# (förnamn, efternamn, parti, roll) — nämnden: 11 ledamöter, 11 ersättare.
NAMND_LEDAMOTER = [
    ("Birgitta", "Lindqvist", "S", "ordförande"),
    ("Anders", "Öberg", "M", "1:e vice ordförande"),
    ("Mikael", "Ståhl", "SD", "2:e vice ordförande"),
    ("Fatima", "Hassan", "S", "ledamot"),
    ("Jan-Erik", "Ahlgren", "S", "ledamot"),
    ("Karin", "Åkesson", "M", "ledamot"),
    ("Lars", "Ekström", "SD", "ledamot"),
    ("Elin", "Wikander", "C", "ledamot"),
    ("Yusuf", "Demir", "V", "ledamot"),
    ("Margareta", "Häll", "KD", "ledamot"),
    ("Sofia", "Nyström", "L", "ledamot"),
]
NAMND_ERSATTARE = [
    ("Göran", "Persson Ek", "S"),
    ("Amina", "Yusuf", "S"),
    ("Per", "Zetterlund", "S"),
    ("Ingrid", "Backman", "M"),
    ("Oskar", "Ängström", "M"),
    ("Helena", "Karlsson", "SD"),
    ("Tomas", "Rydén", "SD"),
    ("Maja", "Östlund", "C"),
    ("Rasmus", "Eriksson", "V"),
    ("Ulla", "Sjöberg", "KD"),
    ("Nils", "Andersson", "MP"),
]
# Arbetsutskottet: ordförande, vice ordförande and one ledamot from the nämnd.
AU_LEDAMOTER = [("Lindqvist", "ordförande"), ("Öberg", "1:e vice ordförande"), ("Ståhl", "ledamot")]
AU_ERSATTARE = ["Hassan", "Åkesson", "Ekström"]

TJANSTEMAN = [
    ("Annika", "Holm", "Socialchef", "SOF"),
    ("Peter", "Lundgren", "Äldreomsorgschef", "ÄF"),
    ("Åsa", "Engström", "Nämndsekreterare", "SOF"),
    ("Camilla", "Berg", "Controller", "SOF"),
    ("Johan", "Falk", "Verksamhetschef hemtjänst", "ÄF"),
    ("Leila", "Mansour", "Kvalitetsstrateg", "ÄF"),
]


def populate(db: Database, reference: date | None = None) -> None:
    """Fill an empty, migrated database with the demo, dated from ``reference`` (the
    program's clock when None)."""
    day = reference or clock.today()
    with clock.pinned(day):
        _populate(db, DemoCalendar(day))


def _populate(db: Database, cal: DemoCalendar) -> None:
    svc = OrganisationService(db)
    with db.atomic():
        svc.save_kommun(Kommun(
            namn="Oxelösunds kommun",
            postadress="Oxelösunds kommun, 613 81 Oxelösund",
            besoksadress="Höjdgatan 26, Oxelösund",
            telefon="0155-380 00",
            epost="kommun@oxelosund.se",
            webb="www.oxelosund.se",
            organisationsnummer="212000-0340",
        ))
        von = svc.save_namnd(Namnd(namn="Vård- och omsorgsnämnden", kortnamn="VON"))
        von_id = id_of(von)
        namnd_organ = next(o for o in svc.organ(von_id) if o.typ == "nämnd")
        au = svc.save_organ(Organ(
            namnd_id=von_id, namn="Vård- och omsorgsnämndens arbetsutskott",
            typ="arbetsutskott", kortnamn="VONAU", paragraf_format="§ {nr}"))
        forv = {
            f.kortnamn: f for f in (
                svc.save_forvaltning(Forvaltning(von_id, "Socialförvaltningen", "SOF")),
                svc.save_forvaltning(Forvaltning(von_id, "Äldreförvaltningen", "ÄF")),
            )
        }
        by_surname: dict[str, Person] = {}
        for fornamn, efternamn, parti, _roll in NAMND_LEDAMOTER + [(*e, "") for e in NAMND_ERSATTARE]:
            by_surname[efternamn] = svc.save_person(Person(
                fornamn=fornamn, efternamn=efternamn, parti=parti, epost=_mail(fornamn, efternamn)))
        # The same politicians in every period the demo's meetings fall in (the previous
        # one holds the recorded history, the next one a coming meeting after New Year).
        for start, end in cal.seated_periods(cal.reference + MEETINGS_AHEAD):
            _seat(svc, namnd_organ, au, by_surname, start.isoformat(), end.isoformat())
        for fornamn, efternamn, titel, kort in TJANSTEMAN:
            svc.save_person(Person(fornamn=fornamn, efternamn=efternamn, titel=titel,
                                   ar_tjansteman=True, forvaltning_id=forv[kort].id,
                                   epost=_mail(fornamn, efternamn), telefon="0155-380 00"))
        for extend in EXTENSIONS:
            extend(db, cal)


def _seat(svc: OrganisationService, namnd_organ: Organ, au: Organ, by_surname: dict[str, Person],
          fran: str, till: str) -> None:
    person_id = {efternamn: id_of(p) for efternamn, p in by_surname.items()}
    namnd_organ_id, au_id = id_of(namnd_organ), id_of(au)
    for _fornamn, efternamn, _parti, roll in NAMND_LEDAMOTER:
        svc.save_uppdrag(Uppdrag(person_id=person_id[efternamn], organ_id=namnd_organ_id, roll=roll,
                                 fran=fran, till=till))
    for order, (_fornamn, efternamn, _parti) in enumerate(NAMND_ERSATTARE, start=1):
        svc.save_uppdrag(Uppdrag(person_id=person_id[efternamn], organ_id=namnd_organ_id,
                                 roll="ersättare", fran=fran, till=till, ordning=order))
    for efternamn, roll in AU_LEDAMOTER:
        svc.save_uppdrag(Uppdrag(person_id=person_id[efternamn], organ_id=au_id,
                                 roll=roll, fran=fran, till=till))
    for order, efternamn in enumerate(AU_ERSATTARE, start=1):
        svc.save_uppdrag(Uppdrag(person_id=person_id[efternamn], organ_id=au_id,
                                 roll="ersättare", fran=fran, till=till, ordning=order))


def _mail(fornamn: str, efternamn: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", " ": ".", "-": ""})
    return f"{fornamn}.{efternamn}".lower().translate(table) + "@oxelosund.se"


# Feature modules' demo content, in this order (each fills its own tables).
from app.budget.demo import populate as _ekonomi  # noqa: E402

EXTENSIONS.append(_ekonomi)
from app.plan.demo import populate as _verksamhetsplan  # noqa: E402

EXTENSIONS.append(_verksamhetsplan)
from app.registers.demo import populate as _register  # noqa: E402

EXTENSIONS.append(_register)
from app.meetings.demo import populate as _sammantraden  # noqa: E402

EXTENSIONS.append(_sammantraden)
from app.registers.demo import report_history as _register_history  # noqa: E402

EXTENSIONS.append(_register_history)
from app.protokoll.demo import populate as _protokoll  # noqa: E402

EXTENSIONS.append(_protokoll)
from app.rapport.demo import populate as _rapporter  # noqa: E402

EXTENSIONS.append(_rapporter)
