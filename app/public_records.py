"""What keeps a nämnd, organ, meeting, person or förvaltning from being deleted: the
public records that refer to it (docs/domain/justering.md, "What is kept").

A justerat (or anslaget) protokoll, a justering of paragraphs justerade omedelbart with
their anslag, a register entry reported at a justerat meeting and an adopted
verksamhetsplan are allmänna handlingar: they stay. The database refuses such deletes
itself (triggers of db/migrations/m0009_public_records.py, with a fixed message); the
services ask here first so that the refusal names what holds the record.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.validation import FieldError, ValidationError

LOCKED_STATUSES = ("justerat", "anslaget")
_LOCKED_SQL = "('justerat', 'anslaget')"
#: At most this many meetings are named one by one; the rest are counted.
_NAMED = 3


class PublicRecordError(ValidationError):
    """A delete refused because public records refer to what was to be deleted."""

    def __init__(self, message: str, holders: list[str]):
        super().__init__([FieldError("id", message)])
        self.holders = holders


def and_list(items: list[str]) -> str:
    """"a, b och c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def _public_meetings(db: Database, where: str, args: list) -> list[tuple[str, str, str]]:
    """(organ, datum, status) of the public meetings matching ``where`` (over
    ``sammantrade s``): a justerat protokoll, or paragraphs justerade omedelbart."""
    return db.execute(
        "SELECT o.namn, s.datum, s.status FROM sammantrade s JOIN organ o ON o.id = s.organ_id "
        f"WHERE ({where}) AND (s.status IN {_LOCKED_SQL} OR EXISTS (SELECT 1 FROM justering j "
        "WHERE j.sammantrade_id = s.id)) ORDER BY s.datum, s.id", args).fetchall()


def _meetings(db: Database, where: str, args: list) -> list[str]:
    """The public meetings matching ``where``, as phrases ("protokollet från … är justerat")."""
    rows = _public_meetings(db, where, args)
    phrases = []
    for organ, datum, status in rows[:_NAMED]:
        if status in LOCKED_STATUSES:
            phrases.append(f"protokollet från {organ} {datum} är {status}")
        else:
            phrases.append(f"paragrafer i protokollet från {organ} {datum} är justerade omedelbart "
                           "och anslagna")
    if len(rows) > _NAMED:
        phrases.append(f"ytterligare {len(rows) - _NAMED} protokoll är justerade")
    return phrases


def _protokoll_refs(db: Database, where: str, args: list) -> str:
    """"protokollet från … 2022-02-14 (anslaget) och …" for the public meetings matching
    ``where``; "" when there are none."""
    rows = _public_meetings(db, where, args)
    refs = []
    for organ, datum, status in rows[:_NAMED]:
        state = status if status in LOCKED_STATUSES else "paragrafer justerade omedelbart"
        refs.append(f"protokollet från {organ} {datum} ({state})")
    if len(rows) > _NAMED:
        refs.append(f"{len(rows) - _NAMED} protokoll till")
    return and_list(refs)


def _count(db: Database, sql: str, args: list) -> int:
    return int(db.execute(sql, args).fetchone()[0])


def _reported(db: Database, table: str, condition: str, args: list) -> int:
    return _count(db, f"SELECT COUNT(*) FROM {table} e JOIN sammantrade s ON s.id = e.anmald_sammantrade_id "
                      f"WHERE {condition} AND s.status IN {_LOCKED_SQL}", args)


def _entries(db: Database, condition: str, args: list) -> list[str]:
    """Register entries of ``condition`` (over ``e``) reported at justerade meetings."""
    phrases = []
    for table, one, many in (("delegationsbeslut", "delegationsbeslut", "delegationsbeslut"),
                             ("meddelande", "meddelande", "meddelanden")):
        n = _reported(db, table, condition, args)
        if n:
            phrases.append(f"{n} {one if n == 1 else many} är {'anmält' if n == 1 else 'anmälda'} vid "
                           "sammanträden med justerat protokoll")
    return phrases


def namnd_holders(db: Database, namnd_id: int) -> list[str]:
    """What keeps the nämnd: its organs' public meetings, its reported register entries,
    its ej verkställda beslut reported at justerade meetings, its adopted plans."""
    organs = "s.organ_id IN (SELECT id FROM organ WHERE namnd_id = ?)"
    holders = _meetings(db, organs, [namnd_id]) + _sent_kallelser(db, organs, [namnd_id])
    holders += _entries(db, "e.namnd_id = ?", [namnd_id])
    evb = _count(db, "SELECT COUNT(DISTINCT r.beslut_id) FROM ej_verkstallt_anmalan r "
                     "JOIN ej_verkstallt_beslut b ON b.id = r.beslut_id JOIN arende a ON a.id = r.arende_id "
                     f"JOIN sammantrade s ON s.id = a.sammantrade_id WHERE b.namnd_id = ? AND s.status IN "
                     f"{_LOCKED_SQL}", [namnd_id])
    if evb:
        holders.append(f"{evb} ej verkställda beslut är redovisade vid sammanträden med justerat protokoll")
    plans = db.execute("SELECT titel, antagen_datum, antagen_paragraf FROM verksamhetsplan WHERE "
                       "namnd_id = ? AND status = 'antagen' ORDER BY forsta_ar, id", [namnd_id]).fetchall()
    for titel, datum, paragraf in plans:
        when = " ".join(x for x in (datum or "", paragraf or "") if x)
        holders.append(f"verksamhetsplanen ”{titel}” är antagen" + (f" ({when})" if when else ""))
    return holders


def organ_holders(db: Database, organ_id: int) -> list[str]:
    return _meetings(db, "s.organ_id = ?", [organ_id]) + _sent_kallelser(db, "s.organ_id = ?", [organ_id])


def _sent_kallelser(db: Database, where: str, args: list) -> list[str]:
    """Meetings matching ``where`` whose kallelse was sent and is kept as sent (table
    ``kallelse_utskick``, docs/domain/documents.md), as phrases; none in a file without it."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kallelse_utskick'"
                      ).fetchone():
        return []
    rows = db.execute(
        "SELECT o.namn, s.datum FROM sammantrade s JOIN organ o ON o.id = s.organ_id WHERE "
        f"({where}) AND EXISTS (SELECT 1 FROM kallelse_utskick k WHERE k.sammantrade_id = s.id) "
        "ORDER BY s.datum, s.id", args).fetchall()
    phrases = [f"kallelsen till {organ} {datum} har skickats" for organ, datum in rows[:_NAMED]]
    if len(rows) > _NAMED:
        phrases.append(f"ytterligare {len(rows) - _NAMED} kallelser har skickats")
    return phrases


def meeting_holders(db: Database, meeting_id: int) -> list[str]:
    return _meetings(db, "s.id = ?", [meeting_id])


def person_holders(db: Database, person_id: int) -> list[str]:
    """Where a public record names the person: närvaro, ordförande and sekreterare of a
    justerat protokoll, signer or handläggare of its ärenden, delegat of a reported
    delegationsbeslut."""
    holders = []
    for role, where in (
            ("finns i närvarolistan i", "s.id IN (SELECT sammantrade_id FROM narvaro WHERE person_id = ?)"),
            ("är ordförande i", "s.id IN (SELECT sammantrade_id FROM protokoll WHERE ordforande_id = ?)"),
            ("är sekreterare i", "s.sekreterare_id = ?"),
            ("står som undertecknare eller handläggare på ärenden i",
             "s.id IN (SELECT a.sammantrade_id FROM arende a WHERE a.handlaggare_id = ? OR a.id IN "
             "(SELECT arende_id FROM undertecknare WHERE person_id = ?))")):
        refs = _protokoll_refs(db, where, [person_id] * where.count("?"))
        if refs:
            holders.append(f"personen {role} {refs}")
    n = _reported(db, "delegationsbeslut", "e.delegat_person_id = ?", [person_id])
    if n:
        holders.append(f"personen är delegat i {n} delegationsbeslut som anmälts vid sammanträden med "
                       "justerat protokoll")
    return holders


def forvaltning_holders(db: Database, forvaltning_id: int) -> list[str]:
    refs = _protokoll_refs(db, "s.id IN (SELECT sammantrade_id FROM arende WHERE forvaltning_id = ?)",
                           [forvaltning_id])
    holders = [f"förvaltningen står på ärenden i {refs}"] if refs else []
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rapport_kapitel_forvaltning'"
                  ).fetchone():
        reports = [r[0] for r in db.execute(
            "SELECT DISTINCT r.titel FROM rapport_kapitel_forvaltning t JOIN rapport_kapitel k ON "
            "k.id = t.kapitel_id JOIN rapport r ON r.id = k.rapport_id WHERE t.forvaltning_id = ? AND "
            "r.status = 'antagen' ORDER BY r.period_slut, r.id", [forvaltning_id])]
        if reports:
            which = f"den antagna rapporten {reports[0]}" if len(reports) == 1 else \
                f"de antagna rapporterna {', '.join(reports)}"
            holders.append(f"förvaltningen har text i {which}")
    return holders


def refuse_if_justerat(db: Database, meeting_id: int, what: str = "ärendena") -> None:
    """A ValidationError when the meeting's protokoll is justerat or anslaget: what it
    printed (its ärenden with their texts, signers and bilagor) no longer changes."""
    row = db.execute("SELECT o.namn, s.datum, s.status FROM sammantrade s JOIN organ o ON o.id = s.organ_id "
                     "WHERE s.id = ?", [meeting_id]).fetchone()
    if row is not None and row[2] in LOCKED_STATUSES:
        raise ValidationError([FieldError(
            "sammantrade_id", f"Protokollet från {row[0]} {row[1]} är {row[2]}; {what} kan inte ändras. "
                              "Gör en rättelse i protokollet i stället.")])


def refuse_delete(subject: str, holders: list[str], instead: str = "") -> None:
    """Raise :class:`PublicRecordError` ("Nämnden kan inte tas bort: protokollet från …
    är justerat. Avsluta nämnden i stället …") when anything holds the record."""
    if not holders:
        return
    text = f"{subject} kan inte tas bort: {and_list(holders)}."
    if instead:
        text += f" {instead}"
    raise PublicRecordError(text, holders)
