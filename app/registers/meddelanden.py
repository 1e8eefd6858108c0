"""The register of meddelanden: incoming letters, decisions from other bodies and
supervisory notices, reported to the nämnd at its next meeting (docs/domain/registers.md)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlite_utils import Database

from app.changes import AnnouncingService
from app.records import iso
from app.registers.common import (
    check_date,
    check_no_personnummer,
    delete_rows,
    insert_entries,
    limit_clause,
    refuse_justerat,
    store_entry,
    text_search,
    update_entries,
)
from app.validation import Checker, clean_text
from db.textsort import swedish_key


@dataclass
class Meddelande:
    namnd_id: int = 0
    rubrik: str = ""
    dnr: str = ""
    inkom: str | None = None
    avsandare: str = ""
    anmald_sammantrade_id: int | None = None
    #: the meeting it was reported at as an import named it, when not in the database
    anmald_vid: str | None = None
    #: why an import marked the entry for review ("Behöver granskas"); cleared on save
    granskas: str | None = None
    id: int | None = None

    def entry_text(self) -> str:
        return " ".join(p for p in (self.dnr, self.rubrik) if p)


@dataclass
class MeddelandeFilter:
    namnd_id: int | None = None
    text: str = ""
    fran: date | None = None
    till: date | None = None
    anmald: bool | None = None
    sammantrade_id: int | None = None
    #: True: only entries an import marked "Behöver granskas"
    granskas: bool = False


_STORED = ("namnd_id", "rubrik", "dnr", "inkom", "avsandare", "anmald_sammantrade_id", "anmald_vid",
           "granskas")
_SQL_SORT = {
    "inkom": "inkom IS NULL, inkom {dir}, id {dir}",
    "dnr": "dnr_ar IS NULL, dnr_ar {dir}, dnr_nr {dir}, dnr {dir}, id",
    "anmald": "anmald_sammantrade_id IS NULL, anmald_sammantrade_id {dir}, id",
}
_TEXT_SORT = {"rubrik", "avsandare"}


class MeddelandeService(AnnouncingService, kinds=("registers",)):
    def __init__(self, db: Database):
        self.db = db

    def _where(self, f: MeddelandeFilter) -> tuple[str, list]:
        sql = " WHERE 1=1"
        args: list[int | str | None] = []
        if f.namnd_id is not None:
            sql += " AND namnd_id = ?"
            args.append(f.namnd_id)
        search, words = text_search(("rubrik", "dnr", "avsandare"), f.text)
        sql += search
        args += words
        if f.fran is not None:
            sql += " AND inkom >= ?"
            args.append(iso(f.fran))
        if f.till is not None:
            sql += " AND inkom <= ?"
            args.append(iso(f.till))
        if f.anmald is True:
            sql += " AND (anmald_sammantrade_id IS NOT NULL OR anmald_vid IS NOT NULL)"
        elif f.anmald is False:
            sql += " AND anmald_sammantrade_id IS NULL AND anmald_vid IS NULL"
        if f.sammantrade_id is not None:
            sql += " AND anmald_sammantrade_id = ?"
            args.append(f.sammantrade_id)
        if f.granskas:
            sql += " AND granskas IS NOT NULL"
        return sql, args

    def ids(self, f: MeddelandeFilter, sort: str | None = None, descending: bool = True,
            limit: int | None = None) -> list[int]:
        """Ids in display order, the first ``limit`` when given. Default: newest first."""
        where, args = self._where(f)
        if sort in _TEXT_SORT:
            rows = self.db.execute(f"SELECT id, {sort} FROM meddelande{where}", args).fetchall()
            rows.sort(key=lambda r: swedish_key(r[1] or ""), reverse=descending)
            rows.sort(key=lambda r: not r[1])
            return [r[0] for r in rows[:limit]]
        sort = sort if sort in _SQL_SORT else "inkom"
        if sort == "inkom" and descending:
            order = "inkom DESC, id DESC"  # served by the index; no date sorts lowest, so last
        else:
            order = _SQL_SORT[sort].format(dir="DESC" if descending else "ASC")
        sql = f"SELECT id FROM meddelande{where} ORDER BY {order}{limit_clause(limit)}"
        return [r[0] for r in self.db.execute(sql, args)]

    def count(self, f: MeddelandeFilter) -> int:
        where, args = self._where(f)
        return self.db.execute(f"SELECT COUNT(*) FROM meddelande{where}", args).fetchone()[0]

    def meddelanden(self, ids: list[int]) -> list[Meddelande]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        names = {f.name for f in fields(Meddelande)}
        by_id = {r["id"]: Meddelande(**{k: v for k, v in r.items() if k in names})
                 for r in self.db.query(f"SELECT * FROM meddelande WHERE id IN ({marks})", ids)}
        return [by_id[i] for i in ids if i in by_id]

    def get(self, meddelande_id: int) -> Meddelande:
        found = self.meddelanden([meddelande_id])
        if not found:
            raise KeyError(meddelande_id)
        return found[0]

    def check(self, m: Meddelande, check: Checker) -> None:
        m.rubrik, m.dnr, m.avsandare = clean_text(m.rubrik), clean_text(m.dnr), clean_text(m.avsandare)
        check.required("rubrik", m.rubrik, "Rubriken")
        check.max_length("rubrik", m.rubrik, "Rubriken", 1000)
        check.max_length("dnr", m.dnr, "Dnr", 60)
        check.max_length("avsandare", m.avsandare, "Avsändaren", 300)
        m.inkom = iso(check_date(check, "inkom", m.inkom, "Inkommet datum"))
        for name, label in (("rubrik", "Rubriken"), ("avsandare", "Avsändaren"), ("dnr", "Dnr")):
            check_no_personnummer(check, name, label, getattr(m, name))

    def save(self, m: Meddelande) -> Meddelande:
        """Store ``m``; a meddelande reported at a meeting whose protokoll is justerat is
        a final record and is refused (a ValidationError naming it and the meeting)."""
        if m.id is not None:
            refuse_justerat(self.db, "meddelande", [m.id], self._describe, "ändras")
        check = Checker()
        self.check(m, check)
        check.raise_if_any()
        m.granskas = None  # saved in the form: the user has looked at it
        with self.db.atomic():
            self._store(m)
        return m

    def _store(self, m: Meddelande) -> None:
        store_entry(self.db, "meddelande", m, _STORED)

    def insert_many(self, items: list[Meddelande]) -> int:
        """Store already checked new entries (an import) inside the caller's transaction."""
        return insert_entries(self.db, "meddelande", items, _STORED)

    def update_many(self, items: list[Meddelande]) -> int:
        """Write already checked entries (an import's changed rows); see update_entries."""
        return update_entries(self.db, "meddelande", items, _STORED, self._describe)

    def _describe(self, meddelande_id: int) -> str:
        found = self.meddelanden([meddelande_id])
        return f"Meddelandet ”{found[0].entry_text()}”" if found else "Meddelandet"

    def delete(self, ids: list[int]) -> None:
        """Delete entries; refused for all of them if any is reported at a justerat meeting."""
        refuse_justerat(self.db, "meddelande", ids, self._describe, "tas bort")
        with self.db.atomic():
            delete_rows(self.db, "meddelande", ids)
