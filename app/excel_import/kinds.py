"""What the command line can import and export, by name.

A feature registers a :class:`DataKind` (``import KIND FIL.xlsx``, ``export KIND
FIL.xlsx``); the verbs in app/excel_cli.py only look names up here. :data:`KIND_MODULES`
lists the modules that register kinds, imported on first use so the command line
starts fast.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from app.excel_import.spec import ImportTarget

#: Modules whose import registers kinds.
KIND_MODULES = ["app.registers.excel.kinds", "app.plan.excel.kinds", "app.budget.excel.kinds",
                "app.organisation_excel"]


class KindError(Exception):
    """The arguments do not fit the kind (unknown nämnd, missing date …); Swedish."""


@dataclass(frozen=True)
class DataKind:
    name: str
    title: str
    #: The import target for these arguments (None: the kind cannot be imported).
    target: Callable[[Database, argparse.Namespace], ImportTarget] | None = None
    #: Write the kind to a file; returns the number of rows.
    export: Callable[[Database, Path, argparse.Namespace], int] | None = None
    #: A kind whose file is not one table (a plan's workbook with a sheet per level)
    #: runs the whole verb itself: called with the arguments and the database path,
    #: returns the exit code.
    run_import: Callable[[argparse.Namespace, Path], int] | None = None
    run_export: Callable[[argparse.Namespace, Path], int] | None = None


DATA_KINDS: dict[str, DataKind] = {}


def register(kind: DataKind) -> None:
    DATA_KINDS[kind.name] = kind


def load_kinds() -> None:
    for module in KIND_MODULES:
        importlib.import_module(module)


def namnd_id(db: Database, kortnamn: str | None) -> int:
    """The nämnd named by ``--namnd`` (kortnamn), or the only one there is."""
    rows = db.execute("SELECT id, kortnamn FROM namnd ORDER BY kortnamn COLLATE sv").fetchall()
    if kortnamn:
        for nid, kort in rows:
            if kort.casefold() == kortnamn.casefold():
                return nid
        known = ", ".join(k for _i, k in rows) or "inga"
        raise KindError(f"Det finns ingen nämnd med kortnamnet ”{kortnamn}” (nämnder: {known}).")
    if len(rows) == 1:
        return rows[0][0]
    if not rows:
        raise KindError("Databasen har ingen nämnd ännu. Lägg in organisationen först.")
    raise KindError("Databasen har flera nämnder; ange vilken med --namnd "
                    f"({', '.join(k for _i, k in rows)}).")
