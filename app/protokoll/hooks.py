"""What other features use to follow a protokoll's justering (no PDF, no UI here),
and the reading of justeringar the protokoll's collaborators share.

* ``is_justerat(db, meeting_id) -> bool``: the protokoll is justerat (status
  ``justerat`` or ``anslaget``), so its content is locked. The registers ask it before
  changing an entry reported at a meeting (app/registers/common.py).
* ``protokoll_justering(db, meeting_id) -> Justering | None``: date, signers, the
  posting date printed and confirmed; with :mod:`app.protokoll.frister` this gives the
  appeal period of decisions reported at the meeting:
  ``frister.overklagande_sista_dag(j.anslag)``.
* ``on_protokoll_justerat(fn)``: register ``fn(db, justering)`` to run when a meeting's
  protokoll is justerat (not for paragraphs justerade omedelbart). It runs inside the
  justering's transaction, after the meeting's status became ``justerat``: raising
  aborts the justering, so keep it to bookkeeping. No feature registers one at
  present; tests/protokoll/test_justering.py checks when it runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from sqlite_utils import Database

from app.protokoll.common import is_locked
from app.protokoll.model import Justering

JusteratHook = Callable[[Database, Justering], None]
_HOOKS: list[JusteratHook] = []


def on_protokoll_justerat(fn: JusteratHook) -> JusteratHook:
    """Register ``fn`` (usable as a decorator); registering twice has no effect."""
    if fn not in _HOOKS:
        _HOOKS.append(fn)
    return fn


def remove_hook(fn: JusteratHook) -> None:
    if fn in _HOOKS:
        _HOOKS.remove(fn)


def run_hooks(db: Database, justering: Justering) -> None:
    for fn in list(_HOOKS):
        fn(db, justering)


def is_justerat(db: Database, meeting_id: int) -> bool:
    return is_locked(db, meeting_id)


def justering_from_row(db: Database, row: dict) -> Justering:
    covered = tuple(
        r[0]
        for r in db.execute(
            "SELECT p.arende_id FROM paragraf p JOIN arende a ON a.id = p.arende_id WHERE p.justering_id = ? "
            "ORDER BY a.position",
            [row["id"]],
        )
    )
    return Justering(
        id=row["id"],
        sammantrade_id=row["sammantrade_id"],
        slag=row["slag"],
        datum=date.fromisoformat(row["datum"]),
        justerat_av=tuple(json.loads(row["justerat_av"])),
        anslag_datum=date.fromisoformat(row["anslag_datum"]),
        anslag_uppsatt=date.fromisoformat(row["anslag_uppsatt"]) if row["anslag_uppsatt"] else None,
        sha256=row["sha256"],
        registrerad=row["registrerad"],
        arende_ids=covered,
    )


def justeringar(db: Database, meeting_id: int) -> list[Justering]:
    rows = db.query(
        "SELECT id, sammantrade_id, slag, datum, justerat_av, anslag_datum, anslag_uppsatt, sha256, "
        "registrerad FROM justering WHERE sammantrade_id = ? ORDER BY id",
        [meeting_id],
    )
    return [justering_from_row(db, r) for r in rows]


def protokoll_justering(db: Database, meeting_id: int) -> Justering | None:
    return next((j for j in justeringar(db, meeting_id) if j.slag == "protokoll"), None)
