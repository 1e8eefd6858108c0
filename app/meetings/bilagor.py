"""Bilagor: PDF files attached to an ärende, stored inside the database.

Service API (``session.bilagor``, a :class:`BilagaService`):

* ``attach(arende_id, data, filnamn, titel=None, datum=None) -> Bilaga`` and
  ``attach_file(arende_id, path, titel=None, datum=None)``: checks the file first and
  refuses (:class:`BilagaError`, a ValidationError on field ``fil``, message naming the
  file) anything that is not a PDF, is damaged, encrypted or password-protected, or has
  no pages. The check also records whether the file can be part of a PDF/A bundle.
  Checking walks every page: about a second per 100 pages, so the UI runs it as a Task.
* ``replace(bilaga_id, data, filnamn)`` (keeps title, date and place),
  ``save(Bilaga)`` (title, date), ``remove(bilaga_id)``, ``move(bilaga_id, position)``,
  ``reorder(arende_id, ordered_ids)``.
* ``bilagor(arende_id) -> list[Bilaga]``, ``for_meeting(meeting_id) -> dict[arende_id,
  list[Bilaga]]`` (metadata only), ``data(bilaga_id) -> bytes`` (the file as attached,
  e.g. to open it in the system viewer).
* ``check_meeting(meeting_id) -> list[Problem]``: bilagor that cannot be read or are
  not in archive format (for the check before printing);
  ``underlag_problems(arende, bilagor)``: beslutsunderlag lines naming a document that
  is not attached, or with another date than the attached one.

Identical files are stored once (by sha256) and shared, e.g. by an ärende copied from
the arbetsutskott to the nämnd.
"""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date
from pathlib import Path

import pikepdf
from sqlite_utils import Database

from app import clock
from app.changes import AnnouncingService
from app.dates import as_date, day_month_year
from app.meetings.model import Arende, Bilaga, PdfCheck
from app.numbers import format_bytes
from app.pdf import pdfa_findings
from app.pdf.pdfa import DEFAULT_LEVEL, archive_problems
from app.problems import Problem
from app.records import id_of, inserted_id
from app.validation import Checker, FieldError, ValidationError, clean_text
from db.pdf_text import page_texts

MAX_BYTES = 200 * 1024 * 1024


class BilagaError(ValidationError):
    """A file that cannot be a bilaga; the message names the file and what is wrong."""

    def __init__(self, message: str):
        super().__init__([FieldError("fil", message)])


def open_pdf(data: bytes, filnamn: str) -> pikepdf.Pdf:
    """Open ``data`` as a PDF or raise :class:`BilagaError` saying why it is unusable."""
    name = f"”{filnamn}”"
    if not data:
        raise BilagaError(f"Filen {name} är tom.")
    if b"%PDF-" not in data[:1024]:
        hint = ""
        if data[:4] == b"PK\x03\x04":
            hint = " Den ser ut att vara ett Word- eller Office-dokument; spara den som PDF först."
        elif data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n":
            hint = " Den är en bild; gör en PDF av den först."
        raise BilagaError(f"Filen {name} är ingen PDF-fil.{hint}")
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise BilagaError(f"Filen {name} är lösenordsskyddad och kan inte läsas. "
                          "Spara en kopia utan lösenord och bifoga den.") from exc
    except pikepdf.PdfError as exc:
        raise BilagaError(f"Filen {name} är skadad och kan inte läsas som PDF.") from exc
    damaged = [w for w in pdf.get_warnings() if "damaged" in w or "reconstruct" in w]
    if pdf.is_encrypted:
        pdf.close()
        raise BilagaError(f"Filen {name} är krypterad (skyddad mot ändring eller utskrift) och kan "
                          "inte bli en del av handlingarna. Spara en kopia utan skydd och bifoga den.")
    if damaged:
        pdf.close()
        raise BilagaError(f"Filen {name} är skadad (en del av filen saknas eller är felaktig). Öppna "
                          "den i en PDF-läsare och spara en ny kopia, eller be avsändaren om filen igen.")
    return pdf


def _check_pages(pdf: pikepdf.Pdf, filnamn: str) -> int:
    try:
        count = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            try:
                _ = page.mediabox
                contents = page.obj.get("/Contents")
                streams = contents if isinstance(contents, pikepdf.Array) else [contents]
                for stream in streams:
                    if isinstance(stream, pikepdf.Stream):
                        stream.read_bytes()
            except (pikepdf.PdfError, ValueError, TypeError, KeyError) as exc:
                raise BilagaError(f"Filen ”{filnamn}” är skadad: sidan {number} kan inte läsas.") from exc
    except pikepdf.PdfError as exc:
        raise BilagaError(f"Filen ”{filnamn}” är skadad: sidorna kan inte läsas.") from exc
    if count == 0:
        raise BilagaError(f"Filen ”{filnamn}” innehåller inga sidor.")
    return count


def inspect_pdf(data: bytes, filnamn: str, level: str = DEFAULT_LEVEL) -> PdfCheck:
    """Check a would-be bilaga: readable (else :class:`BilagaError`), page count, and
    whether its pages can be part of a PDF/A document at ``level``."""
    if len(data) > MAX_BYTES:
        raise BilagaError(f"Filen ”{filnamn}” är för stor ({format_bytes(len(data))}; högst "
                          f"{format_bytes(MAX_BYTES)}).")
    with open_pdf(data, filnamn) as pdf:
        pages = _check_pages(pdf, filnamn)
        problems = archive_problems(pdf, level)
    return PdfCheck(pages, level, not problems, problems[0] if problems else "")


class BilagaService(AnnouncingService, kinds=("bilagor", "arenden")):
    def __init__(self, db: Database):
        self.db = db

    _SELECT = ("SELECT b.*, f.sha256, f.storlek FROM bilaga b JOIN bilagefil f ON f.id = b.fil_id ")

    @staticmethod
    def _bilaga(row: dict) -> Bilaga:
        return Bilaga(arende_id=row["arende_id"], titel=row["titel"], filnamn=row["filnamn"],
                      sidor=row["sidor"], sha256=row["sha256"], storlek=row["storlek"],
                      datum=row["datum"], position=row["position"], pdfa_niva=row["pdfa_niva"],
                      pdfa_ok=bool(row["pdfa_ok"]), id=row["id"],
                      # Checked before the validator's findings were translated: English.
                      pdfa_problem=pdfa_findings.stored_reason(row["pdfa_problem"]))

    def bilagor(self, arende_id: int) -> list[Bilaga]:
        return [self._bilaga(r) for r in self.db.query(
            self._SELECT + "WHERE b.arende_id = ? ORDER BY b.position", [arende_id])]

    def get(self, bilaga_id: int) -> Bilaga:
        rows = list(self.db.query(self._SELECT + "WHERE b.id = ?", [bilaga_id]))
        if not rows:
            raise ValidationError([FieldError("id", f"Bilaga {bilaga_id} finns inte.")])
        return self._bilaga(rows[0])

    def for_meeting(self, meeting_id: int) -> dict[int, list[Bilaga]]:
        result: dict[int, list[Bilaga]] = {}
        for row in self.db.query(self._SELECT + "JOIN arende a ON a.id = b.arende_id "
                                 "WHERE a.sammantrade_id = ? ORDER BY a.position, b.position", [meeting_id]):
            result.setdefault(row["arende_id"], []).append(self._bilaga(row))
        return result

    def data(self, bilaga_id: int) -> bytes:
        row = self.db.execute("SELECT f.data FROM bilaga b JOIN bilagefil f ON f.id = b.fil_id "
                              "WHERE b.id = ?", [bilaga_id]).fetchone()
        if row is None:
            raise ValidationError([FieldError("id", f"Bilaga {bilaga_id} finns inte.")])
        return bytes(row[0])

    # -- writing ------------------------------------------------------------------------
    def _store_file(self, data: bytes, pages: list[str] | None = None) -> int:
        """The stored file's id; a new file is stored with its pages' text (``pages``,
        extracted before the transaction where the caller can), which the search index
        reads."""
        digest = hashlib.sha256(data).hexdigest()
        row = self.db.execute("SELECT id FROM bilagefil WHERE sha256 = ?", [digest]).fetchone()
        if row:
            return row[0]
        fil_id = inserted_id(self.db.table("bilagefil"),
                             {"sha256": digest, "storlek": len(data), "data": data})
        if pages is None:
            pages = page_texts(data)
        self.db.conn.executemany("INSERT INTO bilagefil_sida (fil_id, sida, text) VALUES (?, ?, ?)",
                                 [(fil_id, sida, text) for sida, text in enumerate(pages, start=1)])
        return fil_id

    @staticmethod
    def _clean_meta(titel: str, datum: str | date | None) -> tuple[str, str | None]:
        titel = " ".join(clean_text(titel).split())
        check = Checker()
        check.required("titel", titel, "Bilagans titel")
        check.max_length("titel", titel, "Bilagans titel", 500)
        iso = None
        if datum:
            try:
                iso = as_date(datum).isoformat()
            except (TypeError, ValueError):
                check.add("datum", f"Bilagans datum måste skrivas ÅÅÅÅ-MM-DD (nu: ”{datum}”).")
        check.raise_if_any()
        return titel, iso

    def attach(self, arende_id: int, data: bytes, filnamn: str, titel: str | None = None,
               datum: str | date | None = None) -> Bilaga:
        filnamn = Path(clean_text(filnamn) or "bilaga.pdf").name
        if not self.db.execute("SELECT 1 FROM arende WHERE id = ?", [arende_id]).fetchone():
            raise ValidationError([FieldError("arende_id", "Ärendet finns inte längre.")])
        titel, iso = self._clean_meta(titel or Path(filnamn).stem, datum)
        info = inspect_pdf(data, filnamn)
        pages = page_texts(data)
        with self.db.atomic():
            position = self.db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM bilaga "
                                       "WHERE arende_id = ?", [arende_id]).fetchone()[0]
            bilaga_id = inserted_id(self.db.table("bilaga"), {
                "arende_id": arende_id, "position": position, "titel": titel, "datum": iso,
                "filnamn": filnamn, "sidor": info.sidor, "fil_id": self._store_file(data, pages),
                "pdfa_niva": info.pdfa_niva, "pdfa_ok": int(info.pdfa_ok), "pdfa_problem": info.pdfa_problem,
                "tillagd": clock.now_iso(),
            })
        return self.get(bilaga_id)

    def attach_file(self, arende_id: int, path: Path | str, titel: str | None = None,
                    datum: str | date | None = None) -> Bilaga:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BilagaError(f"Filen ”{path.name}” kan inte läsas: {exc.strerror or exc}.") from exc
        return self.attach(arende_id, data, path.name, titel, datum)

    def replace(self, bilaga_id: int, data: bytes, filnamn: str) -> Bilaga:
        """A new version of the file; title, date and place stay."""
        self.get(bilaga_id)
        filnamn = Path(clean_text(filnamn) or "bilaga.pdf").name
        info = inspect_pdf(data, filnamn)
        pages = page_texts(data)
        with self.db.atomic():
            self.db.table("bilaga").update(bilaga_id, {
                "filnamn": filnamn, "sidor": info.sidor, "fil_id": self._store_file(data, pages),
                "pdfa_niva": info.pdfa_niva, "pdfa_ok": int(info.pdfa_ok), "pdfa_problem": info.pdfa_problem,
                "tillagd": clock.now_iso()})
        return self.get(bilaga_id)

    def save(self, b: Bilaga) -> Bilaga:
        """Title and date (the file itself changes only by :meth:`replace`)."""
        self.get(id_of(b))
        b.titel, b.datum = self._clean_meta(b.titel, b.datum)
        with self.db.atomic():
            self.db.table("bilaga").update(id_of(b), {"titel": b.titel, "datum": b.datum})
        return self.get(id_of(b))

    def remove(self, bilaga_id: int) -> None:
        b = self.get(bilaga_id)
        with self.db.atomic():
            self.db.table("bilaga").delete(bilaga_id)
            self._renumber([id_of(x) for x in self.bilagor(b.arende_id)])

    def _renumber(self, ordered_ids: list[int]) -> None:
        self.db.conn.executemany("UPDATE bilaga SET position = ? WHERE id = ?",
                                 [(pos, i) for pos, i in enumerate(ordered_ids, start=1)])

    def move(self, bilaga_id: int, new_position: int) -> None:
        b = self.get(bilaga_id)
        with self.db.atomic():
            ids = [id_of(x) for x in self.bilagor(b.arende_id) if x.id != bilaga_id]
            new_position = max(1, min(new_position, len(ids) + 1))
            ids.insert(new_position - 1, bilaga_id)
            self._renumber(ids)

    def reorder(self, arende_id: int, ordered_ids: list[int]) -> None:
        with self.db.atomic():
            current = [id_of(x) for x in self.bilagor(arende_id)]
            if sorted(current) != sorted(ordered_ids) or len(set(ordered_ids)) != len(ordered_ids):
                raise ValidationError([FieldError(
                    "ordning", "Bilagorna har ändrats under tiden; läs in dem igen och försök på nytt.")])
            self._renumber(list(ordered_ids))

    # -- checks -----------------------------------------------------------------------------
    def check_meeting(self, meeting_id: int) -> list[Problem]:
        """Bilagor of the meeting that cannot be read now, or keep the handlingar from
        being PDF/A."""
        problems = []
        numbers = dict(self.db.execute("SELECT id, position FROM arende WHERE sammantrade_id = ?",
                                       [meeting_id]).fetchall())
        for arende_id, items in self.for_meeting(meeting_id).items():
            for b in items:
                where = f"Bilaga ”{b.titel}” ({b.filnamn}) i ärende {numbers[arende_id]}"
                try:
                    with open_pdf(self.data(id_of(b)), b.filnamn) as pdf:
                        _check_pages(pdf, b.filnamn)
                except BilagaError as exc:
                    problems.append(Problem("fel", f"{where}: {exc}", arende_id, b.id))
                    continue
                if not b.pdfa_ok:
                    problems.append(Problem("varning", f"{where} är inte i arkivformat (PDF/A); "
                                            f"handlingarna blir då inte PDF/A. {b.pdfa_problem}".strip(),
                                            arende_id, b.id))
        return problems


# -- the beslutsunderlag against the bilagor -----------------------------------------------
_DATED = re.compile(r",?\s*daterade?\s+(?:den\s+)?(\d{1,2} \w+ \d{4})")


def _normal(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(". ")


def underlag_problems(a: Arende, bilagor: list[Bilaga]) -> list[Problem]:
    """Lines of the ärende's beslutsunderlag that name a document the handlingar do not
    hold ("fel": the members would decide on a document they never got), and lines
    whose date differs from the attached document's ("varning"). The tjänsteskrivelse
    is the ärende's own document and always there."""
    found = []
    label = f"Ärende {a.nummer} ”{a.rubrik}”"
    titles = {_normal(b.titel): b for b in bilagor}
    for line in a.beslutsunderlag:
        text = _normal(line)
        if text.startswith("tjänsteskrivelse"):
            continue
        dated = _DATED.search(text)
        title = _normal(text[:dated.start()]) if dated else text
        b = titles.get(title) or next((x for t, x in titles.items() if text.startswith(t + ",")), None)
        if b is None:
            found.append(Problem("fel", f"{label}: beslutsunderlaget nämner ”{line}”, men ingen bilaga med "
                                 "den titeln finns i ärendet. Bifoga dokumentet eller ta bort raden.", a.id))
        elif dated and b.datum and dated.group(1) != day_month_year(b.datum):
            found.append(Problem("varning", f"{label}: beslutsunderlaget säger ”{line}”, men bilagan "
                                 f"”{b.titel}” är daterad {day_month_year(b.datum)}.", a.id, b.id))
    return found
