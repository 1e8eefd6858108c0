"""Volymmått and personal key figures per period, the latter split kvinnor/män
(a delårsrapport's ”Volymutveckling” and ”Personalkostnader och personalstyrka”, an
årsredovisning's ”Personalredovisning”; docs/domain/economy.md).

Values are Decimals stored as text, never floats. For a figure that is a count
(summerbar), totalt is computed as kvinnor + män and not typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlite_utils import Database

from app.budget.belopp import decimal_text
from app.budget.verksamheter import next_ordning
from app.changes import AnnouncingService
from app.records import row_to
from app.validation import Checker, clean_text

SLAG = {"volym": "Volymmått", "personal": "Personalnyckeltal"}
ENHETER = {"antal": "antal", "procent": "%", "tkr": "tkr", "kr": "kr", "timmar": "timmar",
           "index": "index"}
PERIODER = {"tertial": "Tertial", "delar": "Delår", "helar": "Helår", "prognos": "Progn"}


@dataclass
class Nyckeltal:
    namnd_id: int = 0
    slag: str = "volym"
    namn: str = ""
    avsnitt: str = ""
    enhet: str = "antal"
    matdatum: str = ""
    kon_uppdelad: bool = False
    summerbar: bool = False
    ordning: int = 0
    id: int | None = None


@dataclass
class Varde:
    totalt: Decimal | None = None
    kvinnor: Decimal | None = None
    man: Decimal | None = None

    def summa(self, summerbar: bool) -> Decimal | None:
        """The total as printed: kvinnor + män for a count, otherwise the typed total."""
        if summerbar and self.kvinnor is not None and self.man is not None:
            return self.kvinnor + self.man
        return self.totalt


@dataclass(frozen=True)
class Kolumn:
    ar: int
    period: str

    @property
    def rubrik(self) -> str:
        return f"{PERIODER[self.period]} {self.ar}"


@dataclass
class Nyckeltalstabell:
    """A printed key-figure table: the figures and their values per column."""

    slag: str
    kolumner: list[Kolumn]
    rader: list[Nyckeltal]
    varden: dict[tuple[int, Kolumn], Varde] = field(default_factory=dict)

    def varde(self, nyckeltal_id: int, kolumn: Kolumn) -> Varde:
        return self.varden.get((nyckeltal_id, kolumn), Varde())

    def avsnitt(self) -> list[tuple[str, list[Nyckeltal]]]:
        out: list[tuple[str, list[Nyckeltal]]] = []
        for n in self.rader:
            if out and out[-1][0] == n.avsnitt:
                out[-1][1].append(n)
            else:
                out.append((n.avsnitt, [n]))
        return out

    @property
    def kon_uppdelad(self) -> bool:
        return any(n.kon_uppdelad for n in self.rader)


def standardkolumner(slag: str, ar: int, period: str = "delar") -> list[Kolumn]:
    """The printed columns: volymmått ”Delår 2024 | Progn 2024 | Delår 2023 | Helår 2023”;
    personal ”2024” and ”2023” for the same period."""
    if slag == "volym":
        cols = [Kolumn(ar, period)]
        if period != "helar":
            cols.append(Kolumn(ar, "prognos"))
        cols.append(Kolumn(ar - 1, period))
        if period != "helar":
            cols.append(Kolumn(ar - 1, "helar"))
        return cols
    return [Kolumn(ar, period), Kolumn(ar - 1, period)]


def _dec(text: str | None) -> Decimal | None:
    return None if text is None or text == "" else Decimal(text)


class NyckeltalService(AnnouncingService, kinds=("budget",)):
    def __init__(self, db: Database):
        self.db = db

    def lista(self, namnd_id: int, slag: str) -> list[Nyckeltal]:
        rows = self.db.query("SELECT * FROM nyckeltal WHERE namnd_id = ? AND slag = ? ORDER BY ordning, id",
                             [namnd_id, slag])
        out = []
        for r in rows:
            n = row_to(Nyckeltal, r)
            n.kon_uppdelad, n.summerbar = bool(n.kon_uppdelad), bool(n.summerbar)
            out.append(n)
        return out

    def save(self, n: Nyckeltal) -> Nyckeltal:
        n.namn, n.avsnitt, n.matdatum = clean_text(n.namn), clean_text(n.avsnitt), clean_text(n.matdatum)
        check = Checker()
        check.required("namn", n.namn, "Nyckeltalets namn")
        check.max_length("namn", n.namn, "Nyckeltalets namn", 300)
        check.max_length("matdatum", n.matdatum, "Mätdatum", 40)
        if n.slag not in SLAG:
            check.add("slag", f"Okänt slag av nyckeltal ”{n.slag}”.")
        if n.enhet not in ENHETER:
            check.add("enhet", f"Okänd enhet ”{n.enhet}”; välj en av {', '.join(ENHETER)}.")
        if n.summerbar and not n.kon_uppdelad:
            check.add("summerbar", "Bara ett nyckeltal uppdelat på kvinnor och män kan summeras.")
        if n.summerbar and n.enhet == "procent":
            check.add("summerbar", "Andelar i procent kan inte summeras; totalen skrivs in.")
        clash = self.db.execute(
            "SELECT 1 FROM nyckeltal WHERE namnd_id = ? AND slag = ? AND avsnitt = ? AND namn = ? "
            "AND id IS NOT ?", [n.namnd_id, n.slag, n.avsnitt, n.namn, n.id]).fetchone()
        if clash:
            check.add("namn", f"Nyckeltalet ”{n.namn}” finns redan.")
        check.raise_if_any()
        record = {"namnd_id": n.namnd_id, "slag": n.slag, "avsnitt": n.avsnitt, "namn": n.namn,
                  "enhet": n.enhet, "matdatum": n.matdatum, "kon_uppdelad": int(n.kon_uppdelad),
                  "summerbar": int(n.summerbar), "ordning": n.ordning}
        with self.db.atomic():
            if n.id is None:
                if not n.ordning:
                    n.ordning = record["ordning"] = next_ordning(
                        self.db, "nyckeltal", "namnd_id = ? AND slag = ?", [n.namnd_id, n.slag])
                n.id = self.db.table("nyckeltal").insert(record).last_pk
            else:
                self.db.table("nyckeltal").update(n.id, record)
            if n.summerbar:
                # A computed total must not linger as a typed one.
                self.db.execute("UPDATE nyckeltalsvarde SET totalt = NULL WHERE nyckeltal_id = ?", [n.id])
        return n

    def delete(self, nyckeltal_id: int) -> None:
        with self.db.atomic():
            self.db.table("nyckeltal").delete(nyckeltal_id)

    def get(self, nyckeltal_id: int) -> Nyckeltal:
        n = row_to(Nyckeltal, self.db.table("nyckeltal").get(nyckeltal_id))
        n.kon_uppdelad, n.summerbar = bool(n.kon_uppdelad), bool(n.summerbar)
        return n

    def set_varde(self, nyckeltal_id: int, ar: int, period: str, varde: Varde) -> None:
        n = self.get(nyckeltal_id)
        check = Checker()
        if period not in PERIODER:
            check.add("period", f"Okänd period ”{period}”.")
        if not 1990 <= ar <= 2200:
            check.add("ar", f"Året {ar} är orimligt.")
        if not n.kon_uppdelad and (varde.kvinnor is not None or varde.man is not None):
            check.add("kvinnor", f"”{n.namn}” är inte uppdelat på kvinnor och män.")
        check.raise_if_any()
        totalt = None if n.summerbar else varde.totalt
        with self.db.atomic():
            self.db.table("nyckeltalsvarde").upsert({
                "nyckeltal_id": nyckeltal_id, "ar": ar, "period": period,
                "totalt": decimal_text(totalt), "kvinnor": decimal_text(varde.kvinnor),
                "man": decimal_text(varde.man)}, pk=("nyckeltal_id", "ar", "period"))

    def varde(self, nyckeltal_id: int, ar: int, period: str) -> Varde:
        row = self.db.execute("SELECT totalt, kvinnor, man FROM nyckeltalsvarde WHERE nyckeltal_id = ? "
                              "AND ar = ? AND period = ?", [nyckeltal_id, ar, period]).fetchone()
        return Varde(*(_dec(x) for x in row)) if row else Varde()

    def ar_lista(self, namnd_id: int, slag: str) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT v.ar FROM nyckeltalsvarde v JOIN nyckeltal n ON n.id = v.nyckeltal_id "
            "WHERE n.namnd_id = ? AND n.slag = ? ORDER BY v.ar", [namnd_id, slag])]

    # -- footnotes ----------------------------------------------------------------------
    # Kept per nämnd, slag and year in ``nyckeltal_fotnot`` (migration 24): what a
    # footnote says ("* Avser perioden 2023-01-01–2023-11-30") belongs to one year's table.
    def fotnoter(self, namnd_id: int, slag: str, ar: int) -> list[str]:
        """The footnotes printed under the year's table, in order."""
        return [r[0] for r in self.db.execute(
            "SELECT text FROM nyckeltal_fotnot WHERE namnd_id = ? AND slag = ? AND ar = ? ORDER BY ordning",
            [namnd_id, slag, ar])]

    def fotnot_ar(self, namnd_id: int, slag: str) -> list[int]:
        """The years whose table has footnotes."""
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT ar FROM nyckeltal_fotnot WHERE namnd_id = ? AND slag = ? ORDER BY ar",
            [namnd_id, slag])]

    def save_fotnoter(self, namnd_id: int, slag: str, ar: int, fotnoter: list[str] | str) -> list[str]:
        """Store the footnotes (a list, or a text with one footnote per line); empty lines
        are dropped and no footnotes removes them."""
        lines = fotnoter.splitlines() if isinstance(fotnoter, str) else list(fotnoter)
        lines = [clean_text(line) for line in lines if clean_text(line)]
        check = Checker()
        if slag not in SLAG:
            check.add("slag", f"Okänt slag av nyckeltal ”{slag}”.")
        if not 1990 <= ar <= 2200:
            check.add("ar", f"Året {ar} är orimligt.")
        for n, line in enumerate(lines, start=1):
            if len(line) > 500:
                check.add("fotnoter", f"Fotnot {n} är längre än 500 tecken ({len(line)}).")
        if len(lines) > 20:
            check.add("fotnoter", f"Högst 20 fotnoter per tabell (nu {len(lines)}).")
        check.raise_if_any()
        with self.db.atomic():
            self.db.execute("DELETE FROM nyckeltal_fotnot WHERE namnd_id = ? AND slag = ? AND ar = ?",
                            [namnd_id, slag, ar])
            for ordning, line in enumerate(lines, start=1):
                self.db.execute("INSERT INTO nyckeltal_fotnot (namnd_id, slag, ar, ordning, text) "
                                "VALUES (?, ?, ?, ?, ?)", [namnd_id, slag, ar, ordning, line])
        return lines

    def tabell(self, namnd_id: int, slag: str, ar: int, period: str = "delar",
               kolumner: list[Kolumn] | None = None) -> Nyckeltalstabell:
        kolumner = kolumner or standardkolumner(slag, ar, period)
        rader = self.lista(namnd_id, slag)
        t = Nyckeltalstabell(slag, kolumner, rader)
        wanted = set(kolumner)
        for r in self.db.query(
                "SELECT v.* FROM nyckeltalsvarde v JOIN nyckeltal n ON n.id = v.nyckeltal_id "
                "WHERE n.namnd_id = ? AND n.slag = ?", [namnd_id, slag]):
            kol = Kolumn(r["ar"], r["period"])
            if kol in wanted:
                t.varden[(r["nyckeltal_id"], kol)] = Varde(_dec(r["totalt"]), _dec(r["kvinnor"]),
                                                           _dec(r["man"]))
        return t
