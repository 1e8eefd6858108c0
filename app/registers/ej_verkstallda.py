"""Ej verkställda gynnande beslut and the report at a chosen date (docs/domain/registers.md).

A favourable decision under the socialtjänstlag or LSS that has not been carried out
within three months of the decision, or that was interrupted and not resumed within
three months, is reported until it is carried out or closed. The register is anonymous
by design: insats, law, dates, kön and the reason, never a name or personnummer.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, fields
from datetime import date

from sqlite_utils import Database

from app.changes import AnnouncingService
from app.dates import day_month_year
from app.records import iso, to_date
from app.registers.common import (
    check_date,
    check_no_personnummer,
    delete_rows,
    insert_row,
    insert_rows,
    limit_clause,
    now_text,
    refuse_if_namnd_ended,
    text_search,
    update_row,
)
from app.validation import Checker, FieldError, ValidationError, clean_text
from db.textsort import swedish_key

#: Stored code -> the law by name. Since July 2025 a new socialtjänstlag replaces
#: SoL (2001:453); reports name the law and never cite old paragraph numbers.
LAGAR = {"SoL": "socialtjänstlagen", "LSS": "lagen om stöd och service till vissa funktionshindrade"}
LAG_KORT = {"SoL": "Socialtjänstlagen", "LSS": "LSS"}
ORSAKER = {1: "Tackat nej till erbjuden plats", 2: "Resursbrist", 3: "Annat"}
#: What the statistics report's "121 *" means, under its table in print and in Excel.
AVBROTT_FOTNOT = "* Verkställigheten avbröts och har inte återupptagits; dagarna räknas från avbrottet."
KON = {"K": "Kvinna", "M": "Man"}
MONTHS_LIMIT = 3


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later; the 31st becomes the month's last day."""
    month_index = d.month - 1 + months
    year, month = d.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def insats_key(text: str) -> str:
    """"Äldreboende- demens" and "Äldreboende – demens" are the same insats."""
    folded = re.sub(r"\s*[-\u2010-\u2015\u2212]\s*", " - ", text.casefold())
    return " ".join(folded.split())


@dataclass
class EjVerkstalltBeslut:
    namnd_id: int = 0
    insats: str = ""
    lag: str = "SoL"
    beslutsdatum: str | None = None
    avbrott: str | None = None
    kon: str = ""
    orsak: int | None = None
    orsak_text: str = ""
    erbjudanden: int = 0
    tackat_nej: int = 0
    verkstallt: str | None = None
    avslutat: str | None = None
    id: int | None = None

    @property
    def start(self) -> date:
        """The day the three months run from: the interruption, else the decision."""
        return to_date(self.avbrott) or self._beslutsdag

    @property
    def frist(self) -> date:
        return add_months(self.start, MONTHS_LIMIT)

    def open_on(self, day: date) -> bool:
        """Neither carried out nor closed by ``day``."""
        done = [d for d in (to_date(self.verkstallt), to_date(self.avslutat)) if d]
        return self._beslutsdag <= day and not any(d <= day for d in done)

    @property
    def _beslutsdag(self) -> date:
        day = to_date(self.beslutsdatum)
        if day is None:  # required when saved (NOT NULL in the table)
            raise ValueError(f"Beslutet om ”{self.insats}” saknar beslutsdatum.")
        return day

    def reportable_on(self, day: date) -> bool:
        return self.open_on(day) and day > self.frist

    def dagar(self, day: date) -> int:
        """Days from the decision (or interruption) to ``day``: 2020-01-14 → 2022-01-31
        is 748."""
        return (day - self.start).days

    @property
    def orsak_label(self) -> str:
        label = ORSAKER.get(self.orsak or 0, "")
        return f"{label}: {self.orsak_text}" if self.orsak == 3 and self.orsak_text else label


@dataclass(frozen=True)
class RapportRad:
    insats: str
    lag: str
    beslutsdatum: str
    avbrott: str | None
    dagar: int
    kon: str
    orsak: int
    orsak_text: str
    tackat_nej: bool


@dataclass
class EvbRapport:
    """The nämnd's statistics report on ``datum`` ("Statistikrapport", as a real kallelse prints it)."""

    datum: date
    rader: list[RapportRad] = field(default_factory=list)

    @property
    def antal(self) -> int:
        return len(self.rader)

    @property
    def kvinnor(self) -> int:
        return sum(1 for r in self.rader if r.kon == "K")

    @property
    def man(self) -> int:
        return sum(1 for r in self.rader if r.kon == "M")

    @property
    def tackat_nej(self) -> int:
        return sum(1 for r in self.rader if r.tackat_nej)

    def per_insats(self) -> list[tuple[str, int]]:
        counts: dict[str, list] = {}
        for r in self.rader:
            entry = counts.setdefault(insats_key(r.insats), [r.insats, 0])
            entry[1] += 1
        return sorted(((name, n) for name, n in counts.values()), key=lambda x: swedish_key(insats_key(x[0])))

    def per_lag(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.rader:
            out[r.lag] = out.get(r.lag, 0) + 1
        return out

    @property
    def rubrik(self) -> str:
        return f"Statistikrapport den {day_month_year(self.datum)}"


@dataclass
class EvbFilter:
    namnd_id: int | None = None
    text: str = ""
    #: "oppna" (not carried out or closed), "avslutade", or None for all
    status: str | None = None
    lag: str | None = None


#: What identifies a decision; fixed once it was in a report given at a meeting whose
#: protokoll is justerat (db/migrations/m0009_public_records.py refuses it too).
FIXED_WHEN_REPORTED = ("namnd_id", "insats", "lag", "beslutsdatum", "kon")
_STORED = ("namnd_id", "insats", "lag", "beslutsdatum", "avbrott", "kon", "orsak", "orsak_text",
           "erbjudanden", "tackat_nej", "verkstallt", "avslutat")
_SORT = {
    "beslutsdatum": "beslutsdatum {dir}, id {dir}",
    "lag": "lag {dir}, beslutsdatum, id",
    "kon": "kon {dir}, beslutsdatum, id",
    "orsak": "orsak {dir}, beslutsdatum, id",
    "verkstallt": "COALESCE(verkstallt, avslutat) IS NULL, COALESCE(verkstallt, avslutat) {dir}, id",
    "dagar": "COALESCE(avbrott, beslutsdatum) {rev}, id",
}


class EjVerkstalldaService(AnnouncingService, kinds=("registers",)):
    def __init__(self, db: Database):
        self.db = db

    def _where(self, f: EvbFilter) -> tuple[str, list]:
        sql = " WHERE 1=1"
        args: list[int | str] = []
        if f.namnd_id is not None:
            sql += " AND namnd_id = ?"
            args.append(f.namnd_id)
        search, words = text_search(("insats", "orsak_text"), f.text)
        sql += search
        args += words
        if f.status == "oppna":
            sql += " AND verkstallt IS NULL AND avslutat IS NULL"
        elif f.status == "avslutade":
            sql += " AND (verkstallt IS NOT NULL OR avslutat IS NOT NULL)"
        if f.lag:
            sql += " AND lag = ?"
            args.append(f.lag)
        return sql, args

    def ids(self, f: EvbFilter, sort: str | None = None, descending: bool = False,
            limit: int | None = None) -> list[int]:
        """Ids in display order, the first ``limit`` when given."""
        where, args = self._where(f)
        if sort == "insats":
            rows = self.db.execute(f"SELECT id, insats FROM ej_verkstallt_beslut{where}", args).fetchall()
            rows.sort(key=lambda r: swedish_key(r[1]), reverse=descending)
            return [r[0] for r in rows[:limit]]
        d, rev = ("DESC", "ASC") if descending else ("ASC", "DESC")
        order = _SORT.get(sort or "beslutsdatum", _SORT["beslutsdatum"]).format(dir=d, rev=rev)
        return [r[0] for r in self.db.execute(
            f"SELECT id FROM ej_verkstallt_beslut{where} ORDER BY {order}{limit_clause(limit)}", args)]

    def beslut(self, ids: list[int]) -> list[EjVerkstalltBeslut]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        names = {f.name for f in fields(EjVerkstalltBeslut)}
        by_id = {r["id"]: EjVerkstalltBeslut(**{k: v for k, v in r.items() if k in names})
                 for r in self.db.query(f"SELECT * FROM ej_verkstallt_beslut WHERE id IN ({marks})", ids)}
        return [by_id[i] for i in ids if i in by_id]

    def get(self, beslut_id: int) -> EjVerkstalltBeslut:
        found = self.beslut([beslut_id])
        if not found:
            raise KeyError(beslut_id)
        return found[0]

    def insatser(self, namnd_id: int) -> list[str]:
        """The insatser used so far, for suggestions in the form."""
        rows = self.db.execute("SELECT DISTINCT insats FROM ej_verkstallt_beslut WHERE namnd_id = ?",
                               [namnd_id]).fetchall()
        return sorted((r[0] for r in rows), key=swedish_key)

    def check(self, b: EjVerkstalltBeslut, check: Checker,
              known_insatser: dict[str, str] | None = None) -> None:
        b.insats, b.orsak_text = clean_text(b.insats), clean_text(b.orsak_text)
        check.required("insats", b.insats, "Insatsen")
        check.max_length("insats", b.insats, "Insatsen", 200)
        check.max_length("orsak_text", b.orsak_text, "Orsaken", 500)
        if b.lag not in LAGAR:
            check.add("lag", "Välj lag: socialtjänstlagen (SoL) eller LSS.")
        if b.kon not in KON:
            check.add("kon", "Välj kön: K (kvinna) eller M (man).")
        if b.orsak not in ORSAKER:
            check.add("orsak", "Välj orsak: 1 tackat nej till erbjuden plats, 2 resursbrist, 3 annat.")
        beslutad = check_date(check, "beslutsdatum", b.beslutsdatum, "Beslutsdatum", required=True)
        b.beslutsdatum = iso(beslutad)
        for name, label in (("avbrott", "Avbrott"), ("verkstallt", "Verkställt"), ("avslutat", "Avslutat")):
            d = check_date(check, name, getattr(b, name), f"{label}-datum")
            setattr(b, name, iso(d))
            if d and beslutad and d < beslutad:
                check.add(name, f"{label}-datumet ({d}) är före beslutsdatumet ({beslutad}).")
        for name, label in (("erbjudanden", "Antal erbjudanden"), ("tackat_nej", "Antal avböjda")):
            value = getattr(b, name)
            if not isinstance(value, int) or value < 0:
                check.add(name, f"{label} måste vara ett heltal, 0 eller mer.")
                setattr(b, name, 0)
        if b.orsak == 1 and b.tackat_nej == 0:
            # Reason 1 means an offer was declined: count it rather than refuse.
            b.tackat_nej = 1
        b.erbjudanden = max(b.erbjudanden, b.tackat_nej)
        for name, label in (("insats", "Insatsen"), ("orsak_text", "Orsaken")):
            check_no_personnummer(check, name, label, getattr(b, name))
        if b.insats:
            known = known_insatser if known_insatser is not None else self.known_insatser(b.namnd_id)
            b.insats = known.get(insats_key(b.insats), b.insats)

    def known_insatser(self, namnd_id: int) -> dict[str, str]:
        """Normalised insats -> the spelling used first, so a typed variant joins it."""
        out: dict[str, str] = {}
        for (name,) in self.db.execute("SELECT insats FROM ej_verkstallt_beslut WHERE namnd_id = ? "
                                       "ORDER BY id", [namnd_id]):
            out.setdefault(insats_key(name), name)
        return out

    def save(self, b: EjVerkstalltBeslut) -> EjVerkstalltBeslut:
        """Store ``b``. A decision in a report given at a meeting whose protokoll is
        justerat keeps what identifies it (:data:`FIXED_WHEN_REPORTED`); what happens to
        it later is still written, as the law wants it reported until it is carried out."""
        check = Checker()
        self.check(b, check)
        check.raise_if_any()
        if b.id is not None:
            before = self.get(b.id)
            changed = [name for name in FIXED_WHEN_REPORTED if getattr(b, name) != getattr(before, name)]
            meetings = self.reported_at([b.id]).get(b.id)
            if changed and meetings:
                raise ValidationError([FieldError(changed[0], (
                    f"Beslutet om {before.insats} ({before.beslutsdatum}) redovisades i rapporten till "
                    f"{meetings}, vars protokoll är justerat; insats, lag, beslutsdatum och kön kan inte "
                    "ändras. Verkställt, avslutat, avbrott, orsak och erbjudanden kan fortfarande "
                    "fyllas i."))])
        with self.db.atomic():
            self._store(b)
        return b

    def reported_at(self, ids: list[int]) -> dict[int, str]:
        """{decision id: "Vård- och omsorgsnämnden 2026-11-09"} for those of ``ids`` in a
        report given at a meeting whose protokoll is justerat (table ej_verkstallt_anmalan)."""
        found: dict[int, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for beslut_id, organ, datum in self.db.execute(
                    "SELECT r.beslut_id, o.namn, s.datum FROM ej_verkstallt_anmalan r JOIN arende a "
                    "ON a.id = r.arende_id JOIN sammantrade s ON s.id = a.sammantrade_id JOIN organ o "
                    "ON o.id = s.organ_id WHERE s.status IN ('justerat', 'anslaget') AND r.beslut_id IN "
                    f"({','.join('?' * len(chunk))}) ORDER BY s.datum", chunk):
                meeting = f"{organ} {datum}"
                found[beslut_id] = f"{found[beslut_id]}, {meeting}" if beslut_id in found else meeting
        return found

    def record_report(self, arende_id: int, namnd_id: int, datum: date | str) -> None:
        """Remember which decisions the report on ``datum`` put on the ärende was about
        (rewritten with the report; fixed once the meeting's protokoll is justerat)."""
        day = to_date(datum)
        ids = [b.id for b in self.beslut(self.ids(EvbFilter(namnd_id=namnd_id)))
               if day is not None and b.reportable_on(day)]
        with self.db.atomic():
            self.db.execute("DELETE FROM ej_verkstallt_anmalan WHERE arende_id = ?", [arende_id])
            self.db.conn.executemany("INSERT INTO ej_verkstallt_anmalan (beslut_id, arende_id) VALUES (?, ?)",
                                     [(i, arende_id) for i in ids])

    def _store(self, b: EjVerkstalltBeslut) -> None:
        record = {k: getattr(b, k) for k in _STORED}
        if b.id is None:
            refuse_if_namnd_ended(self.db, [b.namnd_id])
            record["skapad"] = now_text()
            b.id = insert_row(self.db, "ej_verkstallt_beslut", record)
        else:
            update_row(self.db, "ej_verkstallt_beslut", b.id, record)

    def insert_many(self, items: list[EjVerkstalltBeslut]) -> int:
        """Store already checked new entries (an import) inside the caller's transaction."""
        refuse_if_namnd_ended(self.db, sorted({b.namnd_id for b in items}))
        stamp = now_text()
        records = []
        for b in items:
            record = {k: getattr(b, k) for k in _STORED}
            record["skapad"] = stamp
            records.append(record)
        insert_rows(self.db, "ej_verkstallt_beslut", records)
        return len(items)

    def update_many(self, items: list[EjVerkstalltBeslut]) -> int:
        """Write already checked decisions (an import's changed rows) inside the caller's
        transaction. What happens to a reported decision later is still written; the
        database refuses a change of what identifies it (:data:`FIXED_WHEN_REPORTED`)."""
        for b in items:
            self._store(b)
        return len(items)

    def delete(self, ids: list[int]) -> None:
        """Delete decisions; refused for all if any was in a report given at a meeting
        whose protokoll is justerat."""
        reported = self.reported_at(ids)
        if reported:
            rows = {b.id: b for b in self.beslut(list(reported))}
            raise ValidationError([FieldError("id", (
                f"Beslutet om {rows[i].insats} ({rows[i].beslutsdatum}) redovisades i rapporten till {m}, "
                "vars protokoll är justerat; det kan inte tas bort.")) for i, m in reported.items()])
        with self.db.atomic():
            delete_rows(self.db, "ej_verkstallt_beslut", ids)

    def rapport(self, namnd_id: int, datum: date | str) -> EvbRapport:
        """Every decision not carried out within three months, as of ``datum``."""
        day = to_date(datum)
        if day is None:
            raise ValueError("Rapporten behöver ett datum.")
        ids = self.ids(EvbFilter(namnd_id=namnd_id))
        rows = [b for b in self.beslut(ids) if b.reportable_on(day)]
        rows.sort(key=lambda b: (b.beslutsdatum, swedish_key(b.insats), b.id))
        rader = []
        for b in rows:
            assert b.beslutsdatum is not None and b.orsak is not None  # NOT NULL in the table
            rader.append(RapportRad(b.insats, b.lag, b.beslutsdatum, b.avbrott, b.dagar(day), b.kon,
                                    b.orsak, b.orsak_text, b.tackat_nej > 0))
        return EvbRapport(day, rader)
