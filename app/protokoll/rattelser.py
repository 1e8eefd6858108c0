"""Rättelser: dated, visible corrections of a justerat protokoll (or of paragraphs
justerade omedelbart), printed after the stored protokoll, never a change of it. A
collaborator of :class:`app.protokoll.service.ProtokollService`.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from app import clock
from app.changes import AnnouncingService
from app.protokoll.common import meeting_row, parse_date
from app.protokoll.hooks import justeringar
from app.protokoll.model import Rattelse
from app.protokoll.paragrafer import ParagrafService
from app.validation import FieldError, ValidationError, clean_text


class RattelseService(AnnouncingService, kinds=("protokoll",)):
    def __init__(self, db: Database, paragrafer: ParagrafService):
        self.db = db
        self.paragrafer = paragrafer

    def add_rattelse(
        self,
        meeting_id: int,
        text: str,
        gjord_av: str,
        datum: date | str | None = None,
        arende_id: int | None = None,
        today: date | None = None,
    ) -> Rattelse:
        """A dated, visible correction of a justerat protokoll (or of a paragraph
        justerad omedelbart). The justerat text itself never changes."""
        m = meeting_row(self.db, meeting_id)
        text, gjord_av = clean_text(text), " ".join(clean_text(gjord_av).split())
        day = parse_date(datum or today or clock.today(), "Rättelsens datum", "datum")
        done = justeringar(self.db, meeting_id)
        covering = [
            j
            for j in done
            if (arende_id is None and j.slag == "protokoll")
            or (arende_id is not None and arende_id in j.arende_ids)
        ]
        errors = []
        if not covering:
            errors.append(
                FieldError(
                    "sammantrade_id",
                    f"Protokollet från {m['datum']} är inte justerat; ändra "
                    "texten direkt i stället för att göra en rättelse.",
                )
            )
        if not text:
            errors.append(FieldError("text", "Skriv vad som rättas."))
        if not gjord_av:
            errors.append(FieldError("gjord_av", "Ange vem som gör rättelsen."))
        if covering and day < min(j.datum for j in covering):
            errors.append(
                FieldError("datum", f"Rättelsen ({day.isoformat()}) kan inte vara före justeringen.")
            )
        if errors:
            raise ValidationError(errors)
        with self.db.atomic():
            new_id = (
                self.db.table("rattelse")
                .insert(
                    {
                        "sammantrade_id": meeting_id,
                        "arende_id": arende_id,
                        "datum": day.isoformat(),
                        "text": text,
                        "gjord_av": gjord_av,
                        "registrerad": clock.now_iso(),
                    }
                )
                .last_pk
            )
        return next(r for r in self.rattelser(meeting_id) if r.id == new_id)

    def rattelser(self, meeting_id: int) -> list[Rattelse]:
        labels = self.paragrafer.numrering(meeting_id)
        return [
            Rattelse(
                r["id"],
                r["sammantrade_id"],
                r["arende_id"],
                date.fromisoformat(r["datum"]),
                r["text"],
                r["gjord_av"],
                r["registrerad"],
                labels.label(r["arende_id"]) if r["arende_id"] else "",
            )
            for r in self.db.query(
                "SELECT * FROM rattelse WHERE sammantrade_id = ? ORDER BY datum, id", [meeting_id]
            )
        ]
