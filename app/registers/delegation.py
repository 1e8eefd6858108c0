"""Delegationsordning and the register of delegationsbeslut (docs/domain/registers.md).

A nämnd's delegationsordning is versioned by the date it was adopted: a decision is
checked against the version in force on its date. Delegationsbeslut come in the five
shapes a real kallelse prints (see :data:`FORMER`), grouped by the nämnd's own categories.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from sqlite_utils import Database

from app.changes import AnnouncingService
from app.records import id_of, iso, row_to, rows_to
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

#: Entry shapes: form -> what the user calls it.
FORMER = {
    "beslut": "Enskilt beslut",
    "protokoll": "Hänvisning till protokoll",
    "period": "Sammanställning för period",
    "antal": "Antal",
    "text": "Rubrik eller namn",
}
DASH = "\u2013"


@dataclass
class Kategori:
    namnd_id: int = 0
    namn: str = ""
    ordning: int = 0
    standardform: str = "beslut"
    id: int | None = None


@dataclass
class Delegationspunkt:
    nummer: str = ""
    arendetyp: str = ""
    delegat: str = ""
    lagrum: str = ""
    anmarkning: str = ""
    sortering: int = 0
    ordning_id: int | None = None
    id: int | None = None


@dataclass
class Delegationsordning:
    namnd_id: int = 0
    antagen: str = ""
    paragraf: str = ""
    anteckning: str = ""
    id: int | None = None
    punkter: list[Delegationspunkt] = field(default_factory=list)


@dataclass
class Delegationsbeslut:
    namnd_id: int = 0
    form: str = "beslut"
    kategori_id: int | None = None
    datum: str | None = None
    datum_till: str | None = None
    delegat_person_id: int | None = None
    delegat: str = ""
    punkt_id: int | None = None
    punkt: str = ""
    beskrivning: str = ""
    dnr: str = ""
    paragrafer: str = ""
    antal: int | None = None
    anmald_sammantrade_id: int | None = None
    #: the meeting it was reported at, as an import's ”Anmäld vid” named it, when that
    #: meeting is not in the database (reported before the program was used)
    anmald_vid: str | None = None
    #: why an import marked the entry for review ("Behöver granskas"); cleared on save
    granskas: str | None = None
    id: int | None = None
    # Filled when read, for tables and lists; not stored.
    kategori_namn: str = field(default="", compare=False)
    person_namn: str = field(default="", compare=False)

    @property
    def delegat_namn(self) -> str:
        return self.person_namn or self.delegat

    def entry_text(self) -> str:
        """The entry as printed in the list to the nämnd (as in a real kallelse)."""
        if self.form == "protokoll":
            return " ".join(p for p in (self.datum or "", self.paragrafer) if p)
        if self.form == "period":
            return f"{self.datum} {DASH} {self.datum_till}"
        if self.form == "antal":
            return str(self.antal if self.antal is not None else "")
        if self.form == "text":
            return self.beskrivning
        return " ".join(p for p in (self.dnr, self.beskrivning) if p)


@dataclass
class BeslutLookups:
    """A nämnd's delegationsordning versions (antagen, {nummer: punkt id}) in date
    order and its category ids."""

    namnd_id: int
    versions: list[tuple[str, dict[str, int]]]
    kategorier: set[int]

    def punkt(self, nummer: str, on: date) -> tuple[int | None, str | None]:
        """See :meth:`DelegationService.find_punkt`."""
        day = on.isoformat()
        in_force = None
        for antagen, points in self.versions:
            if antagen <= day:
                in_force = (antagen, points)
        if in_force is None:
            return None, None
        hit = in_force[1].get(nummer.strip())
        if hit is not None:
            return hit, None
        return None, f"punkt {nummer} finns inte i delegationsordningen antagen {in_force[0]}"


@dataclass
class BeslutFilter:
    namnd_id: int | None = None
    text: str = ""
    fran: date | None = None
    till: date | None = None
    #: a category id, 0 for "no category", None for all
    kategori_id: int | None = None
    #: True: only entries already tied to a meeting; False: only those not yet
    anmald: bool | None = None
    sammantrade_id: int | None = None
    #: True: only entries an import marked "Behöver granskas"
    granskas: bool = False


_STORED = ("namnd_id", "form", "kategori_id", "datum", "datum_till", "delegat_person_id",
           "delegat", "punkt_id", "punkt", "beskrivning", "dnr", "paragrafer", "antal",
           "anmald_sammantrade_id", "anmald_vid", "granskas")
_SQL_SORT = {
    "datum": "d.datum IS NULL, d.datum {dir}, d.id {dir}",
    "dnr": "d.dnr_ar IS NULL, d.dnr_ar {dir}, d.dnr_nr {dir}, d.id",
    "kategori": "k.ordning {dir}, d.datum, d.id",
    "antal": "d.antal {dir}, d.id",
    "anmald": "d.anmald_sammantrade_id IS NULL, d.anmald_sammantrade_id {dir}, d.id",
}
_TEXT_SORT = {
    "beskrivning": "d.beskrivning",
    "delegat": "COALESCE(p.fornamn || ' ' || p.efternamn, d.delegat)",
    "punkt": "d.punkt",
    "form": "d.form",
}
_FROM = ("FROM delegationsbeslut d LEFT JOIN delegationskategori k ON k.id = d.kategori_id "
         "LEFT JOIN person p ON p.id = d.delegat_person_id")


class DelegationService(AnnouncingService, kinds=("registers",)):
    def __init__(self, db: Database):
        self.db = db

    # -- kategorier -------------------------------------------------------------------------
    def kategorier(self, namnd_id: int) -> list[Kategori]:
        rows = self.db.query("SELECT * FROM delegationskategori WHERE namnd_id = ? ORDER BY ordning, id",
                             [namnd_id])
        return [row_to(Kategori, r) for r in rows]

    def save_kategori(self, k: Kategori) -> Kategori:
        k.namn = clean_text(k.namn)
        check = Checker()
        check.required("namn", k.namn, "Kategorins namn")
        check.max_length("namn", k.namn, "Kategorins namn", 120)
        if k.standardform not in FORMER:
            check.add("standardform", f"Okänd form ”{k.standardform}”.")
        clash = self.db.execute(
            "SELECT 1 FROM delegationskategori WHERE namnd_id = ? AND namn = ? COLLATE NOCASE "
            "AND id IS NOT ?", [k.namnd_id, k.namn, k.id]).fetchone()
        if clash:
            check.add("namn", f"Nämnden har redan en kategori som heter ”{k.namn}”.")
        check.raise_if_any()
        with self.db.atomic():
            if k.id is None:
                last = self.db.execute("SELECT MAX(ordning) FROM delegationskategori WHERE namnd_id = ?",
                                       [k.namnd_id]).fetchone()[0]
                k.ordning = (last or 0) + 1
                k.id = self.db.table("delegationskategori").insert(
                    {n: v for n, v in asdict(k).items() if n != "id"}).last_pk
            else:
                self.db.table("delegationskategori").update(k.id, {"namn": k.namn,
                                                                   "standardform": k.standardform})
        return k

    def move_kategori(self, kategori_id: int, steps: int) -> None:
        """Move a category up (negative) or down in the print order."""
        row = self.db.table("delegationskategori").get(kategori_id)
        ids = [id_of(k) for k in self.kategorier(row["namnd_id"])]
        i = ids.index(kategori_id)
        j = max(0, min(len(ids) - 1, i + steps))
        ids.insert(j, ids.pop(i))
        self.set_kategori_order(row["namnd_id"], ids)

    def set_kategori_order(self, namnd_id: int, ids: list[int]) -> None:
        with self.db.atomic():
            for n, kid in enumerate(ids, start=1):
                self.db.execute("UPDATE delegationskategori SET ordning = ? WHERE id = ? AND namnd_id = ?",
                                [n, kid, namnd_id])

    def delete_kategori(self, kategori_id: int) -> None:
        with self.db.atomic():
            self.db.table("delegationskategori").delete(kategori_id)

    def kategori_by_name(self, namnd_id: int, namn: str) -> Kategori | None:
        rows = list(self.db.query("SELECT * FROM delegationskategori WHERE namnd_id = ? AND "
                                  "namn = ? COLLATE NOCASE", [namnd_id, clean_text(namn)]))
        return row_to(Kategori, rows[0]) if rows else None

    # -- delegationsordning ------------------------------------------------------------
    def ordningar(self, namnd_id: int) -> list[Delegationsordning]:
        """Every adopted version, newest first (without their points)."""
        rows = self.db.query("SELECT * FROM delegationsordning WHERE namnd_id = ? ORDER BY antagen DESC",
                             [namnd_id])
        return [row_to(Delegationsordning, r) for r in rows]

    def get_ordning(self, ordning_id: int) -> Delegationsordning:
        o = row_to(Delegationsordning, self.db.table("delegationsordning").get(ordning_id))
        o.punkter = [row_to(Delegationspunkt, r) for r in self.db.query(
            "SELECT * FROM delegationspunkt WHERE ordning_id = ? ORDER BY sortering, id", [ordning_id])]
        return o

    def ordning_i_kraft(self, namnd_id: int, on: date | str) -> Delegationsordning | None:
        row = self.db.execute("SELECT id FROM delegationsordning WHERE namnd_id = ? AND antagen <= ? "
                              "ORDER BY antagen DESC LIMIT 1", [namnd_id, iso(on)]).fetchone()
        return self.get_ordning(row[0]) if row else None

    def save_ordning(self, o: Delegationsordning) -> Delegationsordning:
        """Save a version with all its points (the points replace the stored ones)."""
        o.paragraf, o.anteckning = clean_text(o.paragraf), clean_text(o.anteckning)
        check = Checker()
        antagen = check_date(check, "antagen", o.antagen, "Antagen den", required=True)
        if antagen:
            o.antagen = antagen.isoformat()
            clash = self.db.execute("SELECT 1 FROM delegationsordning WHERE namnd_id = ? AND antagen = ? "
                                    "AND id IS NOT ?", [o.namnd_id, o.antagen, o.id]).fetchone()
            if clash:
                check.add("antagen", f"Det finns redan en delegationsordning antagen {o.antagen}.")
        seen: dict[str, int] = {}
        for n, p in enumerate(o.punkter, start=1):
            for name in ("nummer", "arendetyp", "delegat", "lagrum", "anmarkning"):
                setattr(p, name, clean_text(getattr(p, name)))
            where = f"Punkt {p.nummer or n}"
            if not p.nummer:
                check.add("punkter", f"Rad {n}: punkten saknar nummer.")
            elif p.nummer in seen:
                check.add("punkter", f"Punkt {p.nummer} finns två gånger (rad {seen[p.nummer]} och {n}).")
            seen.setdefault(p.nummer, n)
            if not p.arendetyp:
                check.add("punkter", f"{where}: ärendetyp saknas.")
            if not p.delegat:
                check.add("punkter", f"{where}: delegat saknas.")
            for name, label in (("arendetyp", "ärendetypen"), ("anmarkning", "anmärkningen")):
                check_no_personnummer(check, "punkter", f"{where}: {label}", getattr(p, name))
        check.raise_if_any()
        with self.db.atomic():
            record = {"namnd_id": o.namnd_id, "antagen": o.antagen, "paragraf": o.paragraf,
                      "anteckning": o.anteckning}
            if o.id is None:
                o.id = self.db.table("delegationsordning").insert(record).last_pk
            else:
                self.db.table("delegationsordning").update(o.id, record)
            self._replace_punkter(o)
        return o

    def _replace_punkter(self, o: Delegationsordning) -> None:
        # Keep ids of points whose number survives, so decisions stay linked to them.
        old = {r["nummer"]: r["id"] for r in self.db.query(
            "SELECT id, nummer FROM delegationspunkt WHERE ordning_id = ?", [o.id])}
        keep = set()
        for n, p in enumerate(o.punkter, start=1):
            p.ordning_id, p.sortering = o.id, n
            record = {k: v for k, v in asdict(p).items() if k != "id"}
            existing = old.get(p.nummer)
            if existing is not None:
                self.db.table("delegationspunkt").update(existing, record)
                p.id = existing
            else:
                p.id = self.db.table("delegationspunkt").insert(record).last_pk
            keep.add(p.id)
        for pid in set(old.values()) - keep:
            self.db.table("delegationspunkt").delete(pid)

    def delete_ordning(self, ordning_id: int) -> None:
        with self.db.atomic():
            self.db.table("delegationsordning").delete(ordning_id)

    def find_punkt(self, namnd_id: int, nummer: str, on: date | str | None) -> tuple[int | None, str | None]:
        """(point id, None) for ``nummer`` in the version in force ``on``; (None, a
        Swedish complaint) when the version has no such point; (None, None) when the
        nämnd has no delegationsordning for that date (the number is kept as typed)."""
        if not nummer or on is None:
            return None, None
        row = self.db.execute(
            "SELECT o.id, o.antagen FROM delegationsordning o WHERE o.namnd_id = ? AND o.antagen <= ? "
            "ORDER BY o.antagen DESC LIMIT 1", [namnd_id, iso(on)]).fetchone()
        if row is None:
            return None, None
        hit = self.db.execute("SELECT id FROM delegationspunkt WHERE ordning_id = ? AND nummer = ?",
                              [row[0], nummer.strip()]).fetchone()
        if hit:
            return hit[0], None
        return None, f"punkt {nummer} finns inte i delegationsordningen antagen {row[1]}"

    def lookups(self, namnd_id: int) -> BeslutLookups:
        """What checking many decisions needs, read once (an import of thousands)."""
        versions = []
        for o in sorted(self.ordningar(namnd_id), key=lambda o: o.antagen):
            points = {r[1]: r[0] for r in self.db.execute(
                "SELECT id, nummer FROM delegationspunkt WHERE ordning_id = ?", [o.id])}
            versions.append((o.antagen, points))
        kategorier = {r[0] for r in self.db.execute(
            "SELECT id FROM delegationskategori WHERE namnd_id = ?", [namnd_id])}
        return BeslutLookups(namnd_id, versions, kategorier)

    # -- delegationsbeslut ---------------------------------------------------------------
    def _where(self, f: BeslutFilter) -> tuple[str, list]:
        sql = " WHERE 1=1"
        args: list[int | str | None] = []
        if f.namnd_id is not None:
            sql += " AND d.namnd_id = ?"
            args.append(f.namnd_id)
        search, words = text_search(("d.beskrivning", "d.dnr", "d.delegat", "d.punkt", "d.paragrafer",
                                     "p.fornamn || ' ' || p.efternamn"), f.text)
        sql += search
        args += words
        if f.fran is not None:
            sql += " AND COALESCE(d.datum_till, d.datum) >= ?"
            args.append(iso(f.fran))
        if f.till is not None:
            sql += " AND d.datum <= ?"
            args.append(iso(f.till))
        if f.kategori_id == 0:
            sql += " AND d.kategori_id IS NULL"
        elif f.kategori_id is not None:
            sql += " AND d.kategori_id = ?"
            args.append(f.kategori_id)
        if f.anmald is True:
            sql += " AND (d.anmald_sammantrade_id IS NOT NULL OR d.anmald_vid IS NOT NULL)"
        elif f.anmald is False:
            sql += " AND d.anmald_sammantrade_id IS NULL AND d.anmald_vid IS NULL"
        if f.sammantrade_id is not None:
            sql += " AND d.anmald_sammantrade_id = ?"
            args.append(f.sammantrade_id)
        if f.granskas:
            sql += " AND d.granskas IS NOT NULL"
        return sql, args

    def beslut_ids(self, f: BeslutFilter, sort: str | None = None, descending: bool = True,
                   limit: int | None = None) -> list[int]:
        """Ids in display order (cheap: rows are loaded on demand), the first ``limit``
        when given. Default: newest first. Text columns sort in Swedish order."""
        where, args = self._where(f)
        if sort in _TEXT_SORT:
            rows = self.db.execute(f"SELECT d.id, {_TEXT_SORT[sort]} {_FROM}{where}", args).fetchall()
            rows.sort(key=lambda r: (r[1] in (None, ""), swedish_key(r[1] or "")), reverse=descending)
            if descending:  # empty values still last
                rows.sort(key=lambda r: r[1] in (None, ""))
            return [r[0] for r in rows[:limit]]
        sort = sort if sort in _SQL_SORT else "datum"
        if sort == "datum" and descending:
            # Newest first, entries without a date last (NULL sorts lowest): the index on
            # (namnd_id, datum) serves this without sorting 100 000 rows.
            order = "d.datum DESC, d.id DESC"
        else:
            order = _SQL_SORT[sort].format(dir="DESC" if descending else "ASC")
        # The joins are only needed to search the delegat's name or sort by category.
        source = _FROM if f.text.strip() or sort == "kategori" else "FROM delegationsbeslut d"
        sql = f"SELECT d.id {source}{where} ORDER BY {order}{limit_clause(limit)}"
        return [r[0] for r in self.db.execute(sql, args)]

    def count(self, f: BeslutFilter) -> int:
        where, args = self._where(f)
        return self.db.execute(f"SELECT COUNT(*) {_FROM}{where}", args).fetchone()[0]

    def beslut(self, ids: list[int]) -> list[Delegationsbeslut]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        cursor = self.db.execute(
            f"SELECT d.*, COALESCE(k.namn, '') AS kategori_namn, "
            f"COALESCE(p.fornamn || ' ' || p.efternamn, '') AS person_namn {_FROM} "
            f"WHERE d.id IN ({marks})", ids)
        by_id = {b.id: b for b in rows_to(Delegationsbeslut, cursor)}
        return [by_id[i] for i in ids if i in by_id]

    def get_beslut(self, beslut_id: int) -> Delegationsbeslut:
        found = self.beslut([beslut_id])
        if not found:
            raise KeyError(beslut_id)
        return found[0]

    def check_beslut(self, b: Delegationsbeslut, check: Checker,
                     lookups: BeslutLookups | None = None) -> None:
        """Clean ``b`` and add every problem to ``check`` (shared by form and import;
        an import passes :meth:`lookups` so that no row needs a query)."""
        if lookups is None or lookups.namnd_id != b.namnd_id:
            lookups = self.lookups(b.namnd_id)
        for name in ("delegat", "punkt", "beskrivning", "dnr", "paragrafer"):
            setattr(b, name, clean_text(getattr(b, name)))
        if b.form not in FORMER:
            check.add("form", f"Okänd form ”{b.form}”; välj en av {', '.join(FORMER)}.")
            return
        needs_date = b.form in ("beslut", "protokoll", "period")
        start = check_date(check, "datum", b.datum, "Datum" if b.form != "period" else "Från-datum",
                           required=needs_date)
        end = check_date(check, "datum_till", b.datum_till, "Till-datum", required=b.form == "period")
        b.datum, b.datum_till = iso(start), iso(end) if b.form == "period" else None
        if start and end and b.form == "period" and end < start:
            check.add("datum_till", f"Perioden slutar ({end}) före den börjar ({start}).")
        if b.form == "beslut" and not (b.beskrivning or b.dnr):
            check.add("beskrivning", "Ange vad beslutet gäller (beskrivning eller Dnr).")
        if b.form == "text" and not b.beskrivning:
            check.add("beskrivning", "Texten måste fyllas i.")
        if b.form == "antal":
            if b.antal is None:
                check.add("antal", "Antalet måste fyllas i.")
            elif b.antal < 0:
                check.add("antal", f"Antalet kan inte vara negativt (nu {b.antal}).")
        check.max_length("beskrivning", b.beskrivning, "Beskrivningen", 2000)
        check.max_length("dnr", b.dnr, "Dnr", 60)
        for name, label in (("beskrivning", "Beskrivningen"), ("delegat", "Delegaten"),
                            ("dnr", "Dnr")):
            check_no_personnummer(check, name, label, getattr(b, name))
        if b.kategori_id is not None and b.kategori_id not in lookups.kategorier:
            check.add("kategori_id", "Kategorin hör inte till nämnden.")
        if b.punkt and start and b.form == "beslut":
            b.punkt_id, complaint = lookups.punkt(b.punkt, start)
            if complaint:
                check.add("punkt", complaint[0].upper() + complaint[1:] + ".")
        elif not b.punkt:
            b.punkt_id = None

    def save_beslut(self, b: Delegationsbeslut) -> Delegationsbeslut:
        """Store ``b``; an entry reported at a meeting whose protokoll is justerat is a
        final record and is refused (a ValidationError naming it and the meeting)."""
        if b.id is not None:
            refuse_justerat(self.db, "delegationsbeslut", [b.id], self._describe, "ändras")
        check = Checker()
        self.check_beslut(b, check)
        check.raise_if_any()
        b.granskas = None  # saved in the form: the user has looked at it
        with self.db.atomic():
            self._store(b)
        return b

    def update_many(self, items: list[Delegationsbeslut]) -> int:
        """Write already checked entries (an import's changed rows); see update_entries."""
        return update_entries(self.db, "delegationsbeslut", items, _STORED, self._describe)

    def _store(self, b: Delegationsbeslut) -> None:
        store_entry(self.db, "delegationsbeslut", b, _STORED)

    def insert_many(self, items: list[Delegationsbeslut]) -> int:
        """Store already checked new entries (an import) inside the caller's transaction."""
        return insert_entries(self.db, "delegationsbeslut", items, _STORED)

    def _describe(self, beslut_id: int) -> str:
        found = self.beslut([beslut_id])
        return f"Posten ”{found[0].entry_text()}”" if found else "Posten"

    def delete_beslut(self, ids: list[int]) -> None:
        """Delete entries; refused for all of them if any is reported at a justerat meeting."""
        refuse_justerat(self.db, "delegationsbeslut", ids, self._describe, "tas bort")
        with self.db.atomic():
            delete_rows(self.db, "delegationsbeslut", ids)
