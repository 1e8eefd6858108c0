"""Putting a plan or a follow-up on a meeting's agenda as a bilaga, in one step: the
PDF is generated, an ärende is added to the sammanträde (or an existing ärende is
chosen) and the PDF attached to it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app import clock
from app.meetings import Arende, Bilaga, MeetingService, Sammantrade
from app.meetings.agenda_documents import AgendaPdf, put_pdf_on_agenda
from app.organisation import OrganisationService
from app.plan.followup import FollowupService
from app.plan.pdf.followup import render_followup
from app.plan.pdf.plan import render_plan
from app.plan.service import PlanService


@dataclass
class OnAgenda:
    arende: Arende
    bilaga: Bilaga
    meeting: Sammantrade


def meetings_for_plan(db: Database, plan_id: int) -> list[Sammantrade]:
    """The sammanträden of the plan's nämnd (all its organ), upcoming first, then the
    latest held; justerade and anslagna meetings cannot take new ärenden."""
    return meetings_for_namnd(db, PlanService(db).get_plan(plan_id).namnd_id)


def meetings_for_namnd(db: Database, namnd_id: int) -> list[Sammantrade]:
    """The sammanträden of the nämnd's organ that can take a new ärende, upcoming
    first, then the latest held."""
    meetings = MeetingService(db)
    found = []
    for organ in OrganisationService(db).organ(namnd_id):
        found += [m for m in meetings.meetings(organ.id) if m.status in ("planerat", "kallat", "genomfört")]
    today = clock.today_iso()
    upcoming = sorted((m for m in found if m.datum >= today), key=lambda m: m.datum)
    earlier = sorted((m for m in found if m.datum < today), key=lambda m: m.datum, reverse=True)
    return upcoming + earlier


def _add(db: Database, meeting_id: int, arende_id: int | None, rubrik: str, forslag: str,
         data: bytes, filnamn: str, titel: str) -> OnAgenda:
    entry = put_pdf_on_agenda(db, meeting_id, AgendaPdf(rubrik, forslag, data, filnamn, titel, clock.today()),
                              arende_id=arende_id)
    return OnAgenda(entry.arende, entry.bilaga, MeetingService(db).get_meeting(entry.arende.sammantrade_id))


def put_plan_on_agenda(db: Database, plan_id: int, meeting_id: int, arende_id: int | None = None) -> OnAgenda:
    """The plan as a bilaga to a new ärende "Verksamhetsplan 2023–2025" (or to
    ``arende_id``)."""
    plan = PlanService(db).get_plan(plan_id)
    data, _pages = render_plan(db, plan_id)
    organ = plan.namnd_namn[:1].upper() + plan.namnd_namn[1:]
    decision = f"{organ} antar {plan.titel[:1].lower()}{plan.titel[1:]}."
    return _add(db, meeting_id, arende_id, plan.titel, decision, data, f"Verksamhetsplan {plan.period}.pdf",
                plan.titel)


def put_followup_on_agenda(db: Database, tillfalle_id: int, meeting_id: int,
                           arende_id: int | None = None) -> OnAgenda:
    """The follow-up of one occasion as a bilaga ("Uppföljning Delår 2023 av …")."""
    t = FollowupService(db).get_tillfalle(tillfalle_id)
    plan = PlanService(db).get_plan(t.plan_id)
    data, _pages = render_followup(db, tillfalle_id)
    rubrik = f"Uppföljning {t.label} av verksamhetsplan {plan.period}"
    organ = plan.namnd_namn[:1].upper() + plan.namnd_namn[1:]
    return _add(db, meeting_id, arende_id, rubrik, f"{organ} godkänner uppföljningen {t.label} av "
                f"verksamhetsplanen och lägger den till handlingarna.", data,
                f"Uppföljning {t.label}.pdf", rubrik)
