"""Migrations that report how far they have come while they run.

A migration that has much to do in a file with many rows (building the search index)
tells the user how far it has come: the window shows it in a progress dialog, the
command line on the terminal (app/upgrade.py). A migration written for it takes
``up(conn, progress)``; for one that shipped with ``up(conn)`` alone and must never be
edited, :data:`_STEPPED` names a function here that does the same work in steps and
reports after each, inside the migration's one transaction. Without ``progress``, every
migration runs its own ``up(conn)`` exactly as shipped.
"""

from __future__ import annotations

import importlib
import inspect
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.migrations import Migration

Stepped = Callable[[sqlite3.Connection, Callable[[int, int], None]], None]

#: Migration module → "module:function" doing its ``up`` in reported steps.
_STEPPED = {
    "db.migrations.m0018_sok": "db.sok_index:build_with_progress",
}


def stepped(migration: Migration) -> Stepped | None:
    """How to run ``migration`` reporting ``progress(done, total)``, or None when it cannot
    say how far it has come (it runs as one step)."""
    ref = _STEPPED.get(migration.module_name)
    if ref is not None:
        module, _, name = ref.partition(":")
        return getattr(importlib.import_module(module), name)
    up = migration.module.up
    if "progress" in inspect.signature(up).parameters:
        return lambda conn, progress: up(conn, progress=progress)
    return None
