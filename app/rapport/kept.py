"""An adopted report's PDF, kept as it was adopted (table ``rapport_pdf``, migration 25).

The report's generated chapters are printed from the data as it is now, so once the
report is adopted its PDF is made and kept in the adoption's transaction
(:func:`keep_at_adoption`, called by ``RapportService.adopt``); printing the adopted
report gives exactly those bytes (:func:`print_rapport`), whatever has changed in the
budget, the footnotes or the nämnd since. A draft is printed from the data as now.

A report adopted before the program kept the PDF has none: it is printed as before and
kept at that first print, and the print's ``note`` says that it was kept now and when,
so the secretary knows from which day the printed document is fixed. Where nothing can
be written (a read-only file, the command line's ``rapport``, which only reads) it is
printed as before and the note says that it is not kept yet.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from sqlite_utils import Database

from app import clock
from app.files import write_atomically
from app.rapport.pdf.rapport import render_rapport
from app.verification import sha256

Progress = Callable[[int, int], None]

AT_ADOPTION, AT_PRINT = "antagande", "utskrift"


class KeptPdf(NamedTuple):
    rapport_id: int
    data: bytes
    sha256: str
    pages: int
    tillfalle: str  # AT_ADOPTION, or AT_PRINT for a report adopted before the PDF was kept
    skapad: str

    @property
    def kept_text(self) -> str:
        """"2026-11-16 kl. 10:05"."""
        return f"{self.skapad[:10]} kl. {self.skapad[11:16]}"


class PrintedRapport(NamedTuple):
    """A printed report: its bytes and pages, the kept PDF they are (None for a draft
    and for an adopted report not kept yet) and what the secretary should know ("")."""

    data: bytes
    pages: int
    kept: KeptPdf | None
    note: str

    @property
    def kept_now(self) -> bool:
        return self.kept is not None and self.note != ""



def kept_pdf(db: Database, rapport_id: int) -> KeptPdf | None:
    """The report's kept PDF, None when it has none (a draft, or adopted before it was kept)."""
    if not db.table("rapport_pdf").exists():
        return None
    row = db.execute("SELECT rapport_id, pdf, sha256, sidor, tillfalle, skapad FROM rapport_pdf "
                     "WHERE rapport_id = ?", [rapport_id]).fetchone()
    if row is None:
        return None
    return KeptPdf(row[0], bytes(row[1]), row[2], row[3], row[4], row[5])


def _insert(db: Database, rapport_id: int, data: bytes, pages: int, tillfalle: str) -> KeptPdf:
    kept = KeptPdf(rapport_id, data, sha256(data), pages, tillfalle, clock.now_iso())
    db.execute("INSERT INTO rapport_pdf (rapport_id, pdf, sha256, sidor, tillfalle, skapad) "
               "VALUES (?, ?, ?, ?, ?, ?)", [rapport_id, data, kept.sha256, pages, tillfalle, kept.skapad])
    return kept


def keep_at_adoption(db: Database, rapport_id: int) -> KeptPdf:
    """Make the just adopted report's PDF (as printed: PDF/A, chapters without text left
    out) and keep it. Called inside the adoption's transaction, after the report row is
    marked adopted, so the title page carries the adoption and a failure adopts nothing."""
    data, pages = render_rapport(db, rapport_id)
    return _insert(db, rapport_id, data, pages, AT_ADOPTION)


def _read_only(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF == sqlite3.SQLITE_READONLY


NOT_KEPT = ("Rapporten antogs innan programmet sparade antagna rapporters PDF, och den är inte sparad än: "
            "utskriften är gjord av uppgifterna som de är i dag. Den sparas första gången rapporten skrivs "
            "ut i programmet med databasen öppen för ändringar.")


def kept_now_note(kept: KeptPdf) -> str:
    return (f"Rapporten antogs innan programmet sparade antagna rapporters PDF. Den sparades nu, "
            f"{kept.kept_text}, av uppgifterna som de är i dag; hädanefter skrivs rapporten ut exakt så.")


def _keep_at_first_print(db: Database, rapport_id: int, data: bytes, pages: int) -> PrintedRapport:
    try:
        with db.atomic():
            already = kept_pdf(db, rapport_id)  # kept meanwhile by another print: that one holds
            if already is not None:
                return PrintedRapport(already.data, already.pages, already, "")
            kept = _insert(db, rapport_id, data, pages, AT_PRINT)
    except sqlite3.OperationalError as exc:
        if not _read_only(exc):
            raise
        return PrintedRapport(data, pages, None, NOT_KEPT)
    return PrintedRapport(data, pages, kept, kept_now_note(kept))


def rapport_pdf(db: Database, rapport_id: int, *, progress: Progress | None = None,
                leave_out_empty: bool | None = None, keep: bool = True) -> PrintedRapport:
    """The report as printed. Adopted: the kept PDF (``leave_out_empty`` does not apply,
    an adopted report leaves out the chapters without text), kept now when it has none
    and ``keep`` (see the module). A draft: rendered from the data as now."""
    from app.rapport.service import RapportService

    r = RapportService(db).get(rapport_id)
    if r.adopted:
        kept = kept_pdf(db, rapport_id)
        if kept is not None:
            if progress is not None:
                progress(1, 1)
            return PrintedRapport(kept.data, kept.pages, kept, "")
        data, pages = render_rapport(db, rapport_id, progress=progress)
        if not keep or not db.table("rapport_pdf").exists():
            return PrintedRapport(data, pages, None, NOT_KEPT)
        return _keep_at_first_print(db, rapport_id, data, pages)
    data, pages = render_rapport(db, rapport_id, progress=progress, leave_out_empty=leave_out_empty)
    return PrintedRapport(data, pages, None, "")


def print_rapport(db: Database, rapport_id: int, path: Path, *, progress: Progress | None = None,
                  leave_out_empty: bool | None = None, keep: bool = True) -> PrintedRapport:
    """:func:`rapport_pdf` written to ``path``."""
    printed = rapport_pdf(db, rapport_id, progress=progress, leave_out_empty=leave_out_empty, keep=keep)
    write_atomically(path, printed.data)
    return printed
