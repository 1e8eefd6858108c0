"""What the three registers share: personnummer refusal (the detector is app/personnummer.py),
Dnr sort parts, checked dates, the rows' SQL and the justerat lock. Dates to and from their
stored text: app/records.py."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import date

from app import clock
from app.personnummer import find_personnummer  # re-exported: the registers' callers use it
from app.records import to_date
from app.validation import Checker
from db.sok_bulk import indexed_afterwards
from db.textsort import search_fold

_DNR_PARTS = re.compile(r"((?:19|20)\d\d)\s*/\s*(\d{1,7})")


def personnummer_message(found: str) -> str:
    return (f"ser ut att innehålla ett personnummer (”{found}”). Personnummer får inte "
            "föras in i registret")


def check_no_personnummer(check: Checker, field: str, label: str, value: str | None) -> None:
    found = find_personnummer(value)
    if found:
        check.add(field, f"{label} {personnummer_message(found)}.")


def dnr_parts(text: str | None) -> tuple[int | None, int | None]:
    """(year, serial) of a Dnr for sorting "2022/10" after "2022/9"; (None, None) for a
    Dnr of another shape (kept as typed, sorted after)."""
    m = _DNR_PARTS.search(text or "")
    return (int(m[1]), int(m[2])) if m else (None, None)


def check_date(check: Checker, field: str, value, label: str, *, required: bool = False) -> date | None:
    """The date, or None after adding a Swedish error for a missing or bad one."""
    if value is None or value == "":
        if required:
            check.add(field, f"{label} måste fyllas i.")
        return None
    try:
        return to_date(value)
    except ValueError:
        check.add(field, f"{label} måste vara ett datum som ÅÅÅÅ-MM-DD (nu: ”{value}”).")
        return None


def insert_row(db, table: str, record: dict) -> int:
    """INSERT one row; plain SQL because imports store thousands of rows and the
    sqlite-utils insert costs several times more per row."""
    names = ", ".join(record)
    marks = ", ".join("?" * len(record))
    return db.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(record.values())).lastrowid


#: From this many rows on, an import's rows are indexed for search together, not one by
#: one (db/sok_bulk.py); below it, taking the triggers away and back costs more.
BULK_ROWS = 100


def insert_rows(db, table: str, records: list[dict]) -> None:
    """Many rows with the same columns in one executemany (an import)."""
    if not records:
        return
    names = list(records[0])
    marks = ", ".join("?" * len(names))
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})"
    values = [[r[n] for n in names] for r in records]
    if len(records) < BULK_ROWS:
        db.conn.executemany(sql, values)
        return
    # The search index in one statement (db/sok_bulk.py), in the caller's transaction
    # (or one of its own when called alone).
    with db.atomic(), indexed_afterwards(db.conn, table):
        db.conn.executemany(sql, values)


def update_row(db, table: str, row_id: int, record: dict) -> None:
    sets = ", ".join(f"{k} = ?" for k in record)
    db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*record.values(), row_id])


def delete_rows(db, table: str, ids: list[int]) -> None:
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        db.execute(f"DELETE FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk)


def justerat_entries(db, table: str, ids: list[int]) -> dict[int, str]:
    """{entry id: "Vård- och omsorgsnämnden 2026-11-09"} for those of ``ids`` reported at
    a meeting whose protokoll is justerat (app.protokoll.hooks.is_justerat): final
    records, which can no longer be changed or deleted."""
    from app.protokoll.hooks import is_justerat

    found: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = db.execute(
            f"SELECT e.id, s.id, o.namn, s.datum FROM {table} e "
            f"JOIN sammantrade s ON s.id = e.anmald_sammantrade_id JOIN organ o ON o.id = s.organ_id "
            f"WHERE e.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        meetings = {r[1] for r in rows}
        final = {m for m in meetings if is_justerat(db, m)}
        found.update({r[0]: f"{r[2]} {r[3]}" for r in rows if r[1] in final})
    return found


def refuse_justerat(db, table: str, ids: list[int], describe, action: str) -> None:
    """Raise a ValidationError naming each entry and its meeting when any of ``ids`` is
    reported at a justerat meeting. ``describe(id)`` gives "Posten ”…”"; ``action`` is
    "ändras" or "tas bort"."""
    from app.validation import FieldError, ValidationError

    final = justerat_entries(db, table, ids)
    if final:
        raise ValidationError([FieldError("anmald_sammantrade_id", f"{describe(i)} anmäldes vid {meeting}, "
                                          f"vars protokoll är justerat; den kan inte {action}.")
                               for i, meeting in final.items()])


def entry_record(item, fields) -> dict:
    """The stored columns of a register entry, with its Dnr's parts for sorting."""
    record = {k: getattr(item, k) for k in fields}
    record["dnr_ar"], record["dnr_nr"] = dnr_parts(item.dnr)
    return record


def store_entry(db, table: str, item, fields) -> None:
    """Insert (setting ``item.id``) or update one register entry."""
    record = entry_record(item, fields)
    if item.id is None:
        refuse_if_namnd_ended(db, [item.namnd_id])
        record["skapad"] = now_text()
        item.id = insert_row(db, table, record)
    else:
        update_row(db, table, item.id, record)


def insert_entries(db, table: str, items, fields) -> int:
    """Store already checked new entries (an import) inside the caller's transaction."""
    refuse_if_namnd_ended(db, sorted({item.namnd_id for item in items}))
    stamp = now_text()
    insert_rows(db, table, [{**entry_record(item, fields), "skapad": stamp} for item in items])
    return len(items)


def update_entries(db, table: str, items, fields, describe) -> int:
    """Write already checked entries (an import's changed rows) inside the caller's
    transaction; refused for all if any is reported at a justerat meeting."""
    ids = [item.id for item in items if item.id is not None]
    refuse_justerat(db, table, ids, describe, "ändras")
    bulk = len(items) >= BULK_ROWS
    with db.atomic(), indexed_afterwards(db.conn, table, ids) if bulk else contextlib.nullcontext():
        for item in items:
            store_entry(db, table, item, fields)
    return len(items)


def refuse_if_namnd_ended(db, namnd_ids: list[int]) -> None:
    """New entries go only to a nämnd in use: an ended one (app/avslut.py) keeps its
    registers but has no meeting left to report them at."""
    from app.validation import FieldError, ValidationError

    today = clock.today().isoformat()
    for namn, avslutad in db.execute(
            f"SELECT namn, avslutad FROM namnd WHERE id IN ({','.join('?' * len(namnd_ids))}) "
            "AND avslutad < ?", [*namnd_ids, today]).fetchall():
        raise ValidationError([FieldError("namnd_id", f"{namn} avslutades {avslutad}; nya registerposter "
                                          "kan inte läggas in. Återöppna nämnden under Organisation om "
                                          "den ska användas igen.")])


def limit_clause(limit: int | None) -> str:
    """`` LIMIT n`` for a list of ids read a page at a time; "" for all of them."""
    return "" if limit is None else f" LIMIT {int(limit)}"


def now_text() -> str:
    return clock.now_iso()


def text_search(columns: Sequence[str], text: str) -> tuple[str, list[str]]:
    """The SQL (" AND …", or "" for no text) and arguments of a free-text search: every
    word of ``text`` must occur in one of ``columns``, compared with the Swedish fold
    (``sv_fold``, db/textsort.py), so "överföring" finds "Överföring" and "ryden" "Rydén";
    % and _ are plain characters."""
    words = text.split()
    if not words:
        return "", []
    # A line break between the columns: a word (no whitespace) cannot span two of them.
    haystack = "sv_fold(" + " || char(10) || ".join(f"coalesce({c}, '')" for c in columns) + ")"
    return "".join(f" AND instr({haystack}, ?) > 0" for _ in words), [search_fold(w) for w in words]
