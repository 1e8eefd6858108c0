"""A report onto a meeting's agenda in one step: the PDF is made, an ärende "Delårsrapport
2024" with förslag till beslut from the report's data is added to the sammanträde (or
an existing ärende is chosen), and the PDF attached to it as its bilaga."""

from __future__ import annotations

from sqlite_utils import Database

from app import clock
from app.meetings import Sammantrade
from app.meetings.agenda_documents import AgendaEntry, AgendaPdf, put_pdf_on_agenda
from app.plan.agenda import meetings_for_namnd
from app.rapport.kept import rapport_pdf
from app.rapport.service import RapportService


def meetings_for_rapport(db: Database, rapport_id: int) -> list[Sammantrade]:
    """The meetings the report can go to: its nämnd's, upcoming first."""
    return meetings_for_namnd(db, RapportService(db).get(rapport_id).namnd_id)


def agenda_pdf(db: Database, rapport_id: int) -> AgendaPdf:
    r = RapportService(db).get(rapport_id)
    # What goes to the nämnd prints no chapter without text (the window asks first); an
    # adopted report goes as it was kept when adopted.
    data = rapport_pdf(db, rapport_id, leave_out_empty=True).data
    rubrik = f"{r.titel} – {r.namnd_namn}" if r.namnd_namn not in r.titel else r.titel
    beskrivning = (f"{r.titel} redovisar nämndens verksamhet, måluppfyllelse, ekonomi och personal för "
                   f"perioden {r.period_text()}.",)
    return AgendaPdf(rubrik, r.forslag_till_beslut(), data, f"{r.titel}.pdf", r.titel, clock.today(),
                     beskrivning=beskrivning)


def put_rapport_on_agenda(db: Database, rapport_id: int, meeting_id: int,
                          arende_id: int | None = None) -> AgendaEntry:
    """The report as the bilaga of a new ärende of the meeting (or of ``arende_id``)."""
    return put_pdf_on_agenda(db, meeting_id, agenda_pdf(db, rapport_id), arende_id=arende_id)
