"""Ending instead of deleting (docs/domain/justering.md, "What is kept"): a nämnd, an
organ or a seat (uppdrag) that has ended gets its last day in ``avslutad``. It is kept
with everything that refers to it and shown in lists and history marked as ended, but no
longer offered for new work (new meetings, register entries, seats); it can be
reopened. :class:`app.organisation.OrganisationService` offers these methods as its own.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlite_utils import Database

from app import clock
from app.changes import AnnouncingService
from app.validation import Checker, FieldError, ValidationError

if TYPE_CHECKING:
    from app.organisation import Namnd, Organ, OrganisationService, Uppdrag


def _refuse(message: str) -> ValidationError:
    return ValidationError([FieldError("avslutad", message)])


def end_day(datum: date | str | None) -> str:
    """The last day as stored (ÅÅÅÅ-MM-DD): ``datum``, or today by the program's clock."""
    if datum is None:
        return clock.today().isoformat()
    text = datum.isoformat() if isinstance(datum, date) else str(datum).strip()
    check = Checker()
    try:
        date.fromisoformat(text)
    except ValueError:
        check.add("avslutad", f"Sista dagen måste vara ett datum som ÅÅÅÅ-MM-DD (nu: ”{text}”).")
    check.raise_if_any()
    return text


class AvslutService(AnnouncingService, kinds=("organisation",)):
    def __init__(self, db: Database, organisation: OrganisationService):
        self.db = db
        self.organisation = organisation

    # -- nämnder ----------------------------------------------------------------------------
    def avsluta_namnd(self, namnd_id: int, datum: date | str | None = None) -> Namnd:
        """End the nämnd on ``datum`` (its last day; default today): it is kept with its
        organs, protokoll, registers and plans, but no longer offered for new work.
        Refused while it has meetings after that day."""
        namnd = self.organisation.get_namnd(namnd_id)
        day = end_day(datum)
        self._refuse_later_meetings(namnd.namn, day,
                                    "s.organ_id IN (SELECT id FROM organ WHERE namnd_id = ?)", namnd_id)
        with self.db.atomic():
            self.db.execute("UPDATE namnd SET avslutad = ? WHERE id = ?", [day, namnd_id])
        return self.organisation.get_namnd(namnd_id)

    def reopen_namnd(self, namnd_id: int) -> Namnd:
        """Take an ended nämnd into use again."""
        with self.db.atomic():
            self.db.execute("UPDATE namnd SET avslutad = NULL WHERE id = ?", [namnd_id])
        return self.organisation.get_namnd(namnd_id)

    # -- organ --------------------------------------------------------------------------------
    def avsluta_organ(self, organ_id: int, datum: date | str | None = None) -> Organ:
        """End the organ on ``datum`` (its last day; default today): kept with its
        protokoll and seats, no longer offered for new meetings or seats. Refused while
        it has meetings after that day."""
        organ = self.organisation.get_organ(organ_id)
        day = end_day(datum)
        self._refuse_later_meetings(organ.namn, day, "s.organ_id = ?", organ_id)
        with self.db.atomic():
            self.db.execute("UPDATE organ SET avslutad = ? WHERE id = ?", [day, organ_id])
        return self.organisation.get_organ(organ_id)

    def reopen_organ(self, organ_id: int) -> Organ:
        with self.db.atomic():
            self.db.execute("UPDATE organ SET avslutad = NULL WHERE id = ?", [organ_id])
        return self.organisation.get_organ(organ_id)

    def refuse_if_ended(self, organ_id: int, day: date, field: str = "organ_id") -> None:
        """A ValidationError when the organ or its nämnd had ended before ``day``: new
        meetings and seats go only to organs in use."""
        organ = self.organisation.get_organ(organ_id)
        namnd = self.organisation.get_namnd(organ.namnd_id)
        for what, ended, it in ((organ.namn, organ, "det"), (namnd.namn, namnd, "den")):
            if not ended.active_on(day):
                raise ValidationError([FieldError(field, f"{what} avslutades {ended.avslutad}; återöppna "
                                                  f"{it} under Organisation för att använda {it} igen.")])

    def _refuse_later_meetings(self, namn: str, day: str, where: str, ref: int) -> None:
        later = self.db.execute(f"SELECT MIN(s.datum) FROM sammantrade s WHERE {where} AND s.datum > ?",
                                [ref, day]).fetchone()[0]
        if later:
            raise _refuse(f"{namn} har sammanträden efter {day} (det första {later}); ta bort eller flytta "
                          "dem först, eller välj en senare sista dag.")

    # -- uppdrag ------------------------------------------------------------------------------
    def avsluta_uppdrag(self, uppdrag_id: int, datum: date | str | None = None) -> Uppdrag:
        """The person left the seat: ``datum`` (default today) is its last day. The seat
        stays in the lists, marked as ended; from the next day it no longer counts (the
        kallelse, the närvaro of a new protokoll)."""
        u = self.organisation.get_uppdrag(uppdrag_id)
        day = end_day(datum)
        if day < u.fran:
            raise _refuse(f"Uppdraget börjar {u.fran}; det kan inte avslutas dessförinnan ({day}).")
        if day > u.till:
            raise _refuse(f"Uppdraget slutar redan {u.till} (mandatperiodens slut); välj en tidigare dag.")
        with self.db.atomic():
            self.db.execute("UPDATE uppdrag SET avslutad = ? WHERE id = ?", [day, uppdrag_id])
        return self.organisation.get_uppdrag(uppdrag_id)

    def reopen_uppdrag(self, uppdrag_id: int) -> Uppdrag:
        with self.db.atomic():
            self.db.execute("UPDATE uppdrag SET avslutad = NULL WHERE id = ?", [uppdrag_id])
        return self.organisation.get_uppdrag(uppdrag_id)
