"""A budgetuppföljning on a meeting's agenda in one step (as in a real
kallelse's ärende ”Budgetuppföljning januari 2022”): the ärende with its förslag till beslut, the
analysis as its description, ekonomiska konsekvenser, beslut skickas till, and the
printed follow-up (PDF/A-2b) as its bilaga."""

from __future__ import annotations

from sqlite_utils import Database

from app.budget import Ekonomi
from app.budget.verksamheter import manadsnamn
from app.meetings import STATUSAR, MeetingService
from app.records import id_of
from app.validation import FieldError, ValidationError

EKONOMISKA_KONSEKVENSER = "Förvaltningens förslag till beslut medför inte några kostnader."
SKICKAS_TILL = ["Förvaltningsledningen", "Ekonomer", "Akt"]


def uppfoljning_till_sammantrade(db: Database, meeting_id: int, ar: int, manad: int) -> int:
    """Put the follow-up of ``ar``-``manad`` of the meeting's nämnd on the meeting's
    agenda. Doing it again for the same month updates that ärende and replaces its
    bilaga instead of adding a second. Returns the ärende id."""
    from app.budget.pdf.uppfoljning import render_uppfoljning
    from app.meetings.agenda_documents import AgendaPdf, put_pdf_on_agenda

    meeting = MeetingService(db).get_meeting(meeting_id)
    if meeting.status not in STATUSAR:
        raise ValidationError([FieldError("sammantrade_id", f"Sammanträdet {meeting.datum} är avslutat; "
                                                            "ärenden kan inte längre läggas till.")])
    namnd_id = db.execute("SELECT namnd_id FROM organ WHERE id = ?", [meeting.organ_id]).fetchone()[0]
    u = Ekonomi(db).uppfoljning.get(namnd_id, ar, manad)
    if u is None:
        raise ValidationError([FieldError("manad", f"Nämnden har ingen budgetuppföljning för "
                                                   f"{manadsnamn(manad)} {ar}.")])
    bilaga = render_uppfoljning(db, namnd_id, ar, manad)
    paragraphs = [p for p in (u.analys or "").split("\n\n") if p.strip()] or [
        f"Förvaltningen redovisar budgetuppföljningen för {u.manadsnamn} {u.ar}; se bilagan."]
    pdf = AgendaPdf(u.rubrik, u.forslag_till_beslut or u.standard_forslag(), bilaga,
                    f"budgetuppfoljning-{u.period}.pdf", u.rubrik,
                    beskrivning=tuple(p.strip() for p in paragraphs),
                    ekonomiska_konsekvenser=EKONOMISKA_KONSEKVENSER,
                    beslutsunderlag=(f"{u.rubrik} (bilaga)",), skickas_till=tuple(SKICKAS_TILL))
    return id_of(put_pdf_on_agenda(db, meeting_id, pdf, update=True).arende)
