"""Small shared pieces of the protokoll services: lock checks, dates, agenda positions, rows."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from app.dates import as_date
from app.protokoll.model import LOCKED_STATUSES
from app.validation import FieldError, ValidationError

LOCKED_MESSAGE = (
    "Protokollet från sammanträdet {datum} är justerat och kan inte ändras; gör en rättelse i stället."
)
PARAGRAPH_LOCKED = "{label} är justerad omedelbart och kan inte ändras; gör en rättelse i stället."


def refuse(field: str, message: str) -> ValidationError:
    return ValidationError([FieldError(field, message)])


def parse_date(value, label: str, field: str) -> date:
    """``value`` (a date or "ÅÅÅÅ-MM-DD") as a date; a Swedish refusal naming ``label``."""
    try:
        return as_date(value)
    except (TypeError, ValueError):
        raise refuse(field, f"{label} måste skrivas ÅÅÅÅ-MM-DD (nu: ”{value}”).") from None


def meeting_row(db: Database, meeting_id: int) -> dict:
    rows = list(
        db.query(
            "SELECT s.*, o.namn AS organ_namn FROM sammantrade s JOIN organ o ON o.id = s.organ_id "
            "WHERE s.id = ?",
            [meeting_id],
        )
    )
    if not rows:
        raise refuse("sammantrade_id", f"Sammanträde {meeting_id} finns inte.")
    return rows[0]


def is_locked(db: Database, meeting_id: int) -> bool:
    row = db.execute("SELECT status FROM sammantrade WHERE id = ?", [meeting_id]).fetchone()
    return row is not None and row[0] in LOCKED_STATUSES


def refuse_if_locked(db: Database, meeting_id: int) -> None:
    if is_locked(db, meeting_id):
        datum = meeting_row(db, meeting_id)["datum"]
        raise refuse("sammantrade_id", LOCKED_MESSAGE.format(datum=datum))


def agenda(db: Database, meeting_id: int) -> list[int]:
    """The meeting's ärende ids in agenda order."""
    return [
        r[0]
        for r in db.execute("SELECT id FROM arende WHERE sammantrade_id = ? ORDER BY position", [meeting_id])
    ]


def positions(db: Database, meeting_id: int) -> dict[int, int]:
    return {arende_id: n for n, arende_id in enumerate(agenda(db, meeting_id), start=1)}


def position_span(pos: dict[int, int], fran_arende_id: int | None,
                  till_arende_id: int | None) -> tuple[int, int]:
    """The first and last of ``pos`` (:func:`positions`) that a presence or a
    tjänstgöring covers: from its first ärende (the start when None or not on the
    agenda) to its last (the end when None or not on it)."""
    first = pos.get(fran_arende_id, 1) if fran_arende_id is not None else 1
    last = pos.get(till_arende_id, len(pos)) if till_arende_id is not None else len(pos)
    return first, last


def check_arende_in_meeting(db: Database, meeting_id: int, arende_id: int | None, what: str) -> str | None:
    """A Swedish message when ``arende_id`` is not an ärende of the meeting."""
    if arende_id is None:
        return None
    row = db.execute("SELECT sammantrade_id FROM arende WHERE id = ?", [arende_id]).fetchone()
    if row is None or row[0] != meeting_id:
        return f"{what}: ärendet hör inte till sammanträdet."
    return None
