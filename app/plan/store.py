"""Small shared helpers for the plan services: saving a dataclass row, keeping the
user's order (``ordning``) within a parent, and moving a row up or down."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import fields

from sqlite_utils import Database

from app.validation import clean_text

#: Fields of the dataclasses that are read along but not columns (besides the child
#: lists and the målvärden dict, which are never columns).
NOT_STORED = {"id", "namnd_namn", "namnd_kortnamn"}


def record(obj, extra_skip: Collection[str] = frozenset()) -> dict:
    data = {f.name: getattr(obj, f.name) for f in fields(obj)}
    return {k: v for k, v in data.items()
            if k not in NOT_STORED and k not in extra_skip and not isinstance(v, list | dict)}


def clean_strings(obj, names: tuple[str, ...] | None = None, *, keep_lines: bool = True) -> None:
    """Trim text fields and drop soft hyphens/NUL (pasted from Word)."""
    for f in fields(obj):
        if names is not None and f.name not in names:
            continue
        value = getattr(obj, f.name)
        if isinstance(value, str):
            cleaned = clean_text(value)
            if not keep_lines:
                cleaned = " ".join(cleaned.split())
            setattr(obj, f.name, cleaned)


def scope_where(scope: dict) -> tuple[str, list]:
    parts, args = [], []
    for column, value in scope.items():
        parts.append(f"{column} IS ?")
        args.append(value)
    return (" AND ".join(parts) or "1=1"), args


def next_ordning(db: Database, table: str, scope: dict) -> int:
    where, args = scope_where(scope)
    row = db.execute(f"SELECT MAX(ordning) FROM {table} WHERE {where}", args).fetchone()
    return (row[0] if row[0] is not None else -1) + 1


def save(db: Database, table: str, obj, scope: dict, extra_skip: Collection[str] = frozenset()) -> int:
    """Insert (appending at the end of ``scope``) or update ``obj``; returns its id.
    The caller holds the transaction."""
    data = record(obj, extra_skip)
    if obj.id is None:
        data["ordning"] = next_ordning(db, table, scope)
        obj.ordning = data["ordning"]
        obj.id = db.table(table).insert(data).last_pk
    else:
        current = db.execute(f"SELECT ordning FROM {table} WHERE id = ?", [obj.id]).fetchone()
        if current is None:
            raise LookupError(f"{table} {obj.id} finns inte längre (borttagen av någon annan?).")
        data["ordning"] = current[0]
        db.table(table).update(obj.id, data)
    return obj.id


def move(db: Database, table: str, row_id: int, delta: int, scope_columns: tuple[str, ...]) -> bool:
    """Move a row one step up (-1) or down (+1) among its siblings. Returns whether it
    moved. Renumbers the siblings 0, 1, 2 … so gaps and ties never pile up."""
    cols = ", ".join(scope_columns)
    row = db.execute(f"SELECT {cols} FROM {table} WHERE id = ?", [row_id]).fetchone()
    if row is None:
        return False
    where, args = scope_where(dict(zip(scope_columns, row, strict=True)))
    ids = [r[0] for r in db.execute(
        f"SELECT id FROM {table} WHERE {where} ORDER BY ordning, id", args)]
    i = ids.index(row_id)
    j = i + (1 if delta > 0 else -1)
    if not 0 <= j < len(ids):
        return False
    ids[i], ids[j] = ids[j], ids[i]
    with db.atomic():
        for n, rid in enumerate(ids):
            db.execute(f"UPDATE {table} SET ordning = ? WHERE id = ?", [n, rid])
    return True


def reorder(db: Database, table: str, ids: list[int]) -> None:
    """Store ``ids`` in this order (the caller holds the transaction)."""
    for n, rid in enumerate(ids):
        db.execute(f"UPDATE {table} SET ordning = ? WHERE id = ?", [n, rid])
