"""Rebuilding the search index on request: ``namndkansli check --bygg-om-sokindex``, when
``check`` has found it out of date or damaged (db/sok_index.py says how it is checked)."""

from __future__ import annotations

from pathlib import Path

from app.session import Session
from app.upgrade import terminal_progress
from db import sok_index


def rebuild_index(path: Path) -> int:
    """Empty the index of ``path`` and fill it again from the records, in one transaction,
    with the one-editor lock (so never beside a window that has the file open); the
    progress on stderr when it is a terminal. Returns the number of rows indexed."""
    terminal = terminal_progress()
    with Session.open(path) as session:
        conn = session.conn
        assert conn is not None  # just opened
        progress = None
        if terminal is not None:
            def progress(done: int, total: int) -> None:
                terminal.advance("Sökindexet byggs om", done, total)
        try:
            written = sok_index.rebuild(conn, progress)
        finally:
            if terminal is not None:
                terminal.end()
    print(f"Sökindexet har byggts om: {written} rader.")
    return written
