"""Small helpers for turning stored rows into the features' dataclasses and back."""

from __future__ import annotations

import functools
from dataclasses import fields
from datetime import date, datetime
from typing import Any, Protocol

from sqlite_utils.db import Table


@functools.cache
def _field_names(cls) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def row_to(cls, row: dict):
    """A dataclass ``cls`` from a database row (a dict), ignoring columns the class has
    no field for (``skapad``, the Dnr's sort parts …). The field names are looked up once
    per class: a table's page of 200 rows calls this 200 times."""
    names = _field_names(cls)
    return cls(**{k: v for k, v in row.items() if k in names})


def rows_to(cls, cursor) -> list:
    """Dataclasses ``cls`` from every row of ``cursor`` (a plain sqlite3 cursor), the
    columns matched to fields once by the cursor's description rather than a dict per
    row: a table's page of 200 rows is read while the user waits for it."""
    names = _field_names(cls)
    wanted = [(i, column[0]) for i, column in enumerate(cursor.description) if column[0] in names]
    return [cls(**{name: row[i] for i, name in wanted}) for row in cursor]


class Stored(Protocol):
    """A feature dataclass that gets its ``id`` when it is saved."""

    @property
    def id(self) -> int | None: ...


def id_of(obj: Stored) -> int:
    """The id of a saved (or loaded) dataclass; RuntimeError if it has none, which
    means it was never saved – a programming error, not something a user can cause."""
    if obj.id is None:
        raise RuntimeError(f"{type(obj).__name__} saknar id (är inte sparad)")
    return obj.id


def inserted_id(table: Table, record: dict[str, Any], **kwargs: Any) -> int:
    """Insert ``record`` into ``table`` (keyword arguments as for ``Table.insert``) and
    return the new row's integer primary key."""
    pk = table.insert(record, **kwargs).last_pk
    if pk is None:
        raise RuntimeError(f"Raden i {table.name} fick inget id")
    return int(pk)


def to_date(value: date | str | None) -> date | None:
    """A date from a date, a datetime (its day) or an ISO text (its first ten
    characters); None for None or ""."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def iso(value: date | str | None) -> str | None:
    """The day as stored, ``"ÅÅÅÅ-MM-DD"``; None for None or "". A text is read as a
    date first, so a malformed one raises ValueError."""
    d = to_date(value)
    return d.isoformat() if d else None
