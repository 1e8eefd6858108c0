"""A budgetuppföljning on a meeting's agenda in one step (seeds/004 ärende 4
”Budgetuppföljning januari 2022”): the ärende with its förslag till beslut, the
analysis as its description, ekonomiska konsekvenser, beslut skickas till, and the
printed follow-up (PDF/A-2b) as its bilaga."""

from __future__ import annotations

from sqlite_utils import Database

from app import richtext
from app.arenden import Arende, ArendeService
from app.budget import Ekonomi
from app.budget.verksamheter import manadsnamn
from app.meetings import STATUSAR, MeetingService
from app.validation import FieldError, ValidationError

EKONOMISKA_KONSEKVENSER = "Förvaltningens förslag till beslut medför inte några kostnader."
SKICKAS_TILL = ["Förvaltningsledningen", "Ekonomer", "Akt"]


def uppfoljning_till_sammantrade(db: Database, meeting_id: int, ar: int, manad: int) -> int:
    """Put the follow-up of ``ar``-``manad`` of the meeting's nämnd on the meeting's
    agenda. Doing it again for the same month updates that ärende and replaces its
    bilaga instead of adding a second. Returns the ärende id."""
    from app.bilagor import BilagaService
    from app.budget.pdf import uppfoljning_pdf

    meeting = MeetingService(db).get_meeting(meeting_id)
    if meeting.status not in STATUSAR:
        raise ValidationError([FieldError("sammantrade_id", f"Sammanträdet {meeting.datum} är avslutat; "
                                                            "ärenden kan inte längre läggas till.")])
    namnd_id = db.execute("SELECT namnd_id FROM organ WHERE id = ?", [meeting.organ_id]).fetchone()[0]
    u = Ekonomi(db).uppfoljning.get(namnd_id, ar, manad)
    if u is None:
        raise ValidationError([FieldError("manad", f"Nämnden har ingen budgetuppföljning för "
                                                   f"{manadsnamn(manad)} {ar}.")])
    bilaga = uppfoljning_pdf(db, namnd_id, ar, manad)
    arenden = ArendeService(db)
    with db.atomic():
        a = next((x for x in arenden.arenden(meeting_id) if x.rubrik == u.rubrik), None) or Arende(
            sammantrade_id=meeting_id, rubrik=u.rubrik, typ="beslut")
        a.forslag_till_beslut = richtext.from_plain_text(u.forslag_till_beslut or u.standard_forslag())
        paragraphs = [p for p in (u.analys or "").split("\n\n") if p.strip()] or [
            f"Förvaltningen redovisar budgetuppföljningen för {u.manadsnamn} {u.ar}; se bilagan."]
        a.beskrivning = richtext.render([richtext.Para([richtext.Run(p.strip())]) for p in paragraphs])
        a.ekonomiska_konsekvenser = richtext.from_plain_text(EKONOMISKA_KONSEKVENSER)
        a.beslutsunderlag = a.beslutsunderlag or [f"{u.rubrik} (bilaga)"]
        a.skickas_till = a.skickas_till or list(SKICKAS_TILL)
        a = arenden.save(a) if a.id is not None else arenden.add(a)
        bilagor = BilagaService(db)
        for old in bilagor.bilagor(a.id):
            if old.titel == u.rubrik:
                bilagor.remove(old.id)
        bilagor.attach(a.id, bilaga, f"budgetuppfoljning-{u.period}.pdf", u.rubrik)
    return a.id
