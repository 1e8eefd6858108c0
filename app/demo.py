"""Demo data built from the facts in ../shared/seeds (Oxelösund's vård- och
omsorgsnämnd with SOF and ÄF, seeds 000/001; the meeting habits of seeds/004).

The politicians are invented names spread over the parties the seeds mention; the
nämnd, förvaltningar and the kommun's address block are those of the seed documents.
Later features add their own demo content through :data:`EXTENSIONS`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlite_utils import Database

from app.organisation import (
    Forvaltning,
    Kommun,
    Namnd,
    Organ,
    OrganisationService,
    Person,
    Uppdrag,
)

MANDAT_FRAN = date(2023, 1, 1)
MANDAT_TILL = date(2026, 12, 31)

#: Functions called with the open database after the organisation is created, in
#: order; each later feature registers one to fill its own tables.
EXTENSIONS: list[Callable[[Database], None]] = []

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


def populate(db: Database) -> None:
    """Fill an empty, migrated database with the demo organisation."""
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
        namnd_organ = next(o for o in svc.organ(von.id) if o.typ == "nämnd")
        au = svc.save_organ(Organ(
            namnd_id=von.id, namn="Vård- och omsorgsnämndens arbetsutskott",
            typ="arbetsutskott", kortnamn="VONAU", paragraf_format="§ {nr}"))
        forv = {
            f.kortnamn: f for f in (
                svc.save_forvaltning(Forvaltning(von.id, "Socialförvaltningen", "SOF")),
                svc.save_forvaltning(Forvaltning(von.id, "Äldreförvaltningen", "ÄF")),
            )
        }
        fran, till = MANDAT_FRAN.isoformat(), MANDAT_TILL.isoformat()
        by_surname: dict[str, Person] = {}
        for fornamn, efternamn, parti, roll in NAMND_LEDAMOTER:
            p = svc.save_person(Person(fornamn=fornamn, efternamn=efternamn, parti=parti,
                                       epost=_mail(fornamn, efternamn)))
            by_surname[efternamn] = p
            svc.save_uppdrag(Uppdrag(person_id=p.id, organ_id=namnd_organ.id, roll=roll,
                                     fran=fran, till=till))
        for order, (fornamn, efternamn, parti) in enumerate(NAMND_ERSATTARE, start=1):
            p = svc.save_person(Person(fornamn=fornamn, efternamn=efternamn, parti=parti,
                                       epost=_mail(fornamn, efternamn)))
            svc.save_uppdrag(Uppdrag(person_id=p.id, organ_id=namnd_organ.id,
                                     roll="ersättare", fran=fran, till=till, ordning=order))
        for efternamn, roll in AU_LEDAMOTER:
            svc.save_uppdrag(Uppdrag(person_id=by_surname[efternamn].id, organ_id=au.id,
                                     roll=roll, fran=fran, till=till))
        for order, efternamn in enumerate(AU_ERSATTARE, start=1):
            svc.save_uppdrag(Uppdrag(person_id=by_surname[efternamn].id, organ_id=au.id,
                                     roll="ersättare", fran=fran, till=till, ordning=order))
        for fornamn, efternamn, titel, kort in TJANSTEMAN:
            svc.save_person(Person(fornamn=fornamn, efternamn=efternamn, titel=titel,
                                   ar_tjansteman=True, forvaltning_id=forv[kort].id,
                                   epost=_mail(fornamn, efternamn), telefon="0155-380 00"))
        for extend in EXTENSIONS:
            extend(db)


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
from app.meeting_demo import populate as _sammantraden  # noqa: E402

EXTENSIONS.append(_sammantraden)
from app.registers.demo import report_history as _register_history  # noqa: E402

EXTENSIONS.append(_register_history)
from app.protokoll.demo import populate as _protokoll  # noqa: E402

EXTENSIONS.append(_protokoll)
