"""Putting a plan or a follow-up on a meeting's agenda as a bilaga, in one step: the
PDF is generated, an ärende is added to the sammanträde (or an existing ärende is
chosen) and the PDF attached to it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app import clock
from app.arenden import Arende, ArendeService
from app.bilagor import Bilaga, BilagaService
from app.meetings import MeetingService, Sammantrade
from app.organisation import OrganisationService
from app.plan.followup import FollowupService
from app.plan.pdf_followup import followup_pdf
from app.plan.pdf_plan import plan_pdf
from app.plan.plans import PlanService
from app.richtext import from_plain_text


@dataclass
class OnAgenda:
    arende: Arende
    bilaga: Bilaga
    meeting: Sammantrade


def meetings_for_plan(db: Database, plan_id: int) -> list[Sammantrade]:
    """The sammanträden of the plan's nämnd (all its organ), upcoming first, then the
    latest held; justerade and anslagna meetings cannot take new ärenden."""
    plan = PlanService(db).get_plan(plan_id)
    meetings = MeetingService(db)
    found = []
    for organ in OrganisationService(db).organ(plan.namnd_id):
        found += [m for m in meetings.meetings(organ.id) if m.status in ("planerat", "kallat", "genomfört")]
    today = clock.today_iso()
    upcoming = sorted((m for m in found if m.datum >= today), key=lambda m: m.datum)
    earlier = sorted((m for m in found if m.datum < today), key=lambda m: m.datum, reverse=True)
    return upcoming + earlier


def _add(db: Database, meeting_id: int, arende_id: int | None, rubrik: str, forslag: str,
         data: bytes, filnamn: str, titel: str) -> OnAgenda:
    arenden, bilagor = ArendeService(db), BilagaService(db)
    with db.atomic():
        if arende_id is None:
            arende = arenden.add(Arende(sammantrade_id=meeting_id, rubrik=rubrik,
                                        forslag_till_beslut=from_plain_text(forslag)))
        else:
            arende = arenden.get(arende_id)
        bilaga = bilagor.attach(arende.id, data, filnamn, titel=titel, datum=clock.today())
    return OnAgenda(arende, bilaga, MeetingService(db).get_meeting(arende.sammantrade_id))


def put_plan_on_agenda(db: Database, plan_id: int, meeting_id: int, arende_id: int | None = None) -> OnAgenda:
    """The plan as a bilaga to a new ärende "Verksamhetsplan 2023–2025" (or to
    ``arende_id``)."""
    plan = PlanService(db).get_plan(plan_id)
    data, _pages = plan_pdf(db, plan_id)
    organ = plan.namnd_namn[:1].upper() + plan.namnd_namn[1:]
    decision = f"{organ} antar {plan.titel[:1].lower()}{plan.titel[1:]}."
    return _add(db, meeting_id, arende_id, plan.titel, decision, data, f"Verksamhetsplan {plan.period}.pdf",
                plan.titel)


def put_followup_on_agenda(db: Database, tillfalle_id: int, meeting_id: int,
                           arende_id: int | None = None) -> OnAgenda:
    """The follow-up of one occasion as a bilaga ("Uppföljning Delår 2023 av …")."""
    t = FollowupService(db).get_tillfalle(tillfalle_id)
    plan = PlanService(db).get_plan(t.plan_id)
    data, _pages = followup_pdf(db, tillfalle_id)
    rubrik = f"Uppföljning {t.label} av verksamhetsplan {plan.period}"
    organ = plan.namnd_namn[:1].upper() + plan.namnd_namn[1:]
    return _add(db, meeting_id, arende_id, rubrik, f"{organ} godkänner uppföljningen {t.label} av "
                f"verksamhetsplanen och lägger den till handlingarna.", data,
                f"Uppföljning {t.label}.pdf", rubrik)
