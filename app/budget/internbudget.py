"""Internbudget per nämnd and year (docs/domain/economy.md).

Per verksamhet the user enters intäkter and kostnader in three columns (årsprognos,
last year's budget, the new budget). Everything else is computed here and nowhere
else: nettokostnad = intäkter + kostnader, förändring = new budget − last year's,
block sums (S:a Nettokostnad / Intäkter / Kostnader), subtotals per grupp, and the
difference to fullmäktige's ram.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from app.budget.verksamheter import Verksamhet, VerksamhetService
from app.changes import AnnouncingService
from app.records import id_of, inserted_id, row_to
from app.validation import Checker, clean_text
from db.textsort import swedish_key

#: The three blocks of the printed table, in the printed order.
BLOCK = ("netto", "intakter", "kostnader")
BLOCK_RUBRIK = {"netto": "NETTOKOSTNAD", "intakter": "INTÄKTER", "kostnader": "KOSTNADER"}
SUMMA_RUBRIK = {"netto": "S:a Nettokostnad", "intakter": "S:a Intäkter",
                "kostnader": "S:a Kostnader"}
#: Stored amount columns, (kolumn, block) → database field.
FALT = {
    ("prognos", "intakter"): "prognos_intakter", ("prognos", "kostnader"): "prognos_kostnader",
    ("fg_budget", "intakter"): "fg_budget_intakter",
    ("fg_budget", "kostnader"): "fg_budget_kostnader",
    ("budget", "intakter"): "budget_intakter", ("budget", "kostnader"): "budget_kostnader",
}
#: Columns of every block; "forandring" is computed.
KOLUMNER = ("prognos", "fg_budget", "forandring", "budget")
INMATADE = ("prognos", "fg_budget", "budget")


@dataclass(frozen=True)
class Belopp3:
    """One line of a block: the three entered columns; förändring is derived."""

    prognos: int = 0
    fg_budget: int = 0
    budget: int = 0

    @property
    def forandring(self) -> int:
        return self.budget - self.fg_budget

    def kolumn(self, namn: str) -> int:
        return getattr(self, namn)

    def __add__(self, other: Belopp3) -> Belopp3:
        return Belopp3(self.prognos + other.prognos, self.fg_budget + other.fg_budget,
                       self.budget + other.budget)


def summera(items) -> Belopp3:
    total = Belopp3()
    for item in items:
        total = total + item
    return total


@dataclass
class InternbudgetRad:
    verksamhet: Verksamhet
    prognos_intakter: int = 0
    prognos_kostnader: int = 0
    fg_budget_intakter: int = 0
    fg_budget_kostnader: int = 0
    budget_intakter: int = 0
    budget_kostnader: int = 0

    def block(self, namn: str) -> Belopp3:
        if namn == "netto":
            return self.block("intakter") + self.block("kostnader")
        return Belopp3(*(getattr(self, FALT[(k, namn)]) for k in INMATADE))


@dataclass
class Internbudget:
    namnd_id: int
    ar: int
    ram: int | None = None  # kronor of net cost allowed by fullmäktige
    prognos_rubrik: str = ""
    kommentar: str = ""
    id: int | None = None
    rader: list[InternbudgetRad] = field(default_factory=list)

    # -- headings --------------------------------------------------------------------
    @property
    def rubrik(self) -> str:
        return f"Internbudget {self.ar}"

    def kolumnrubriker(self, budgetdokument: str = "Budget") -> dict[str, str]:
        """The column headings; the year's budget is headed by the name of the budget
        document ("M & B 2023"), last year's stays "Budget 2022" as in the printed plans."""
        fg = self.ar - 1
        return {
            "prognos": self.prognos_rubrik or f"Årsprognos per oktober {fg}",
            "fg_budget": f"Budget {fg}",
            "forandring": f"Förändr. mot budg. {fg}",
            "budget": f"{budgetdokument} {self.ar}",
        }

    # -- computed --------------------------------------------------------------------
    def block(self, namn: str) -> list[tuple[Verksamhet, Belopp3]]:
        return [(r.verksamhet, r.block(namn)) for r in self.rader]

    def summa(self, namn: str) -> Belopp3:
        return summera(r.block(namn) for r in self.rader)

    def grupper(self) -> list[str]:
        """The verksamheter's groups in order of first appearance ('' = no group)."""
        seen: list[str] = []
        for r in self.rader:
            if r.verksamhet.grupp not in seen:
                seen.append(r.verksamhet.grupp)
        return seen

    def gruppsumma(self, namn: str, grupp: str) -> Belopp3:
        return summera(r.block(namn) for r in self.rader if r.verksamhet.grupp == grupp)

    def har_grupper(self) -> bool:
        return any(g for g in self.grupper())

    @property
    def nettokostnad(self) -> int:
        """The new budget's net cost as a positive number of kronor (what the ram is)."""
        return -self.summa("netto").budget

    def ram_differens(self) -> int | None:
        """Ram − budgeted net cost: 0 when the budget uses the ram exactly, positive when
        part of the ram is not distributed, negative when the budget exceeds it."""
        if self.ram is None:
            return None
        return self.ram - self.nettokostnad

    def rad(self, verksamhet_id: int) -> InternbudgetRad | None:
        return next((r for r in self.rader if r.verksamhet.id == verksamhet_id), None)


def ram_text(ib: Internbudget, enhet: str = "tkr") -> str:
    """A sentence about the ram for screens and print."""
    from app.budget.belopp import format_belopp

    diff = ib.ram_differens()
    if diff is None:
        return "Ingen ram från fullmäktige är angiven."
    ram = format_belopp(ib.ram, enhet)
    if diff == 0:
        return f"Internbudgeten motsvarar ramen {ram} {enhet} exakt (differens 0)."
    if diff > 0:
        return (f"Ramen är {ram} {enhet}; {format_belopp(diff, enhet)} {enhet} av ramen är "
                "inte fördelat.")
    return (f"Ramen är {ram} {enhet}; internbudgeten överskrider ramen med "
            f"{format_belopp(-diff, enhet)} {enhet}.")


class InternbudgetService(AnnouncingService, kinds=("budget",)):
    def __init__(self, db: Database):
        self.db = db
        self.verksamheter = VerksamhetService(db)

    def ar_lista(self, namnd_id: int) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT ar FROM internbudget WHERE namnd_id = ? ORDER BY ar", [namnd_id])]

    def get(self, namnd_id: int, ar: int) -> Internbudget | None:
        row = self.db.execute("SELECT id FROM internbudget WHERE namnd_id = ? AND ar = ?",
                              [namnd_id, ar]).fetchone()
        return self.load(row[0]) if row else None

    def load(self, internbudget_id: int) -> Internbudget:
        ib = row_to(Internbudget, self.db.table("internbudget").get(internbudget_id))
        by_id = {v.id: v for v in self.verksamheter.verksamheter(ib.namnd_id)}
        order = {vid: i for i, vid in enumerate(by_id)}
        rows = self.db.query("SELECT * FROM internbudget_rad WHERE internbudget_id = ?",
                             [internbudget_id])
        rader = []
        for r in rows:
            v = by_id[r["verksamhet_id"]]
            rader.append(InternbudgetRad(v, **{k: r[k] for k in FALT.values()}))
        rader.sort(key=lambda rad: order[rad.verksamhet.id])
        ib.rader = rader
        return ib

    def skapa(self, namnd_id: int, ar: int, *, ram: int | None = None) -> Internbudget:
        """A new year's internbudget. Rows follow last year's internbudget, whose new
        budget becomes this year's ”budget föregående år”; without one, every verksamhet
        of the nämnd gets an empty row."""
        check = Checker()
        if not 1990 <= ar <= 2200:
            check.add("ar", f"Året {ar} är orimligt.")
        if self.get(namnd_id, ar) is not None:
            check.add("ar", f"Det finns redan en internbudget för {ar}.")
        if ram is not None and ram < 0:
            check.add("ram", "Ramen anges som en nettokostnad och kan inte vara negativ.")
        check.raise_if_any()
        previous = self.get(namnd_id, ar - 1)
        with self.db.atomic():
            ib_id = inserted_id(self.db.table("internbudget"), {"namnd_id": namnd_id, "ar": ar, "ram": ram})
            if previous is not None:
                for r in previous.rader:
                    self.db.table("internbudget_rad").insert({
                        "internbudget_id": ib_id, "verksamhet_id": r.verksamhet.id,
                        "fg_budget_intakter": r.budget_intakter,
                        "fg_budget_kostnader": r.budget_kostnader})
            else:
                for v in self.verksamheter.verksamheter(namnd_id):
                    self.db.table("internbudget_rad").insert({"internbudget_id": ib_id,
                                                              "verksamhet_id": v.id})
        return self.load(ib_id)

    def save_huvud(self, ib: Internbudget) -> None:
        """Ram, prognosis heading and comment (rows are saved cell by cell)."""
        ib.prognos_rubrik, ib.kommentar = clean_text(ib.prognos_rubrik), clean_text(ib.kommentar)
        check = Checker()
        if ib.ram is not None and ib.ram < 0:
            check.add("ram", "Ramen anges som en nettokostnad och kan inte vara negativ.")
        check.max_length("prognos_rubrik", ib.prognos_rubrik, "Rubriken för prognosen", 100)
        check.raise_if_any()
        with self.db.atomic():
            self.db.table("internbudget").update(id_of(ib), {"ram": ib.ram,
                                                             "prognos_rubrik": ib.prognos_rubrik,
                                                             "kommentar": ib.kommentar})

    def set_belopp(self, internbudget_id: int, verksamhet_id: int, kolumn: str, block: str,
                   kr: int) -> None:
        """One entered cell, in internal sign (intäkter positive, kostnader negative)."""
        falt = FALT.get((kolumn, block))
        if falt is None:
            raise ValueError(f"{kolumn}/{block} räknas fram och kan inte skrivas in.")
        with self.db.atomic():
            self.db.execute(f"UPDATE internbudget_rad SET {falt} = ? WHERE internbudget_id = ? "
                            "AND verksamhet_id = ?", [int(kr), internbudget_id, verksamhet_id])

    def lagg_till_rad(self, internbudget_id: int, verksamhet_id: int) -> None:
        with self.db.atomic():
            self.db.table("internbudget_rad").insert(
                {"internbudget_id": internbudget_id, "verksamhet_id": verksamhet_id}, ignore=True)

    def ta_bort_rad(self, internbudget_id: int, verksamhet_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM internbudget_rad WHERE internbudget_id = ? AND "
                            "verksamhet_id = ?", [internbudget_id, verksamhet_id])

    def ersatt_rader(self, internbudget_id: int, rader: list[InternbudgetRad]) -> None:
        """Replace all rows at once (an import): all or nothing."""
        with self.db.atomic():
            self.db.execute("DELETE FROM internbudget_rad WHERE internbudget_id = ?",
                            [internbudget_id])
            for r in rader:
                record = {"internbudget_id": internbudget_id, "verksamhet_id": r.verksamhet.id}
                record.update({f: getattr(r, f) for f in FALT.values()})
                self.db.table("internbudget_rad").insert(record, replace=True)

    def delete(self, internbudget_id: int) -> None:
        with self.db.atomic():
            self.db.table("internbudget").delete(internbudget_id)

    def nya_verksamheter(self, ib: Internbudget) -> list[Verksamhet]:
        """Verksamheter of the nämnd that have no row yet, for the ”add row” choice."""
        have = {r.verksamhet.id for r in ib.rader}
        return sorted((v for v in self.verksamheter.verksamheter(ib.namnd_id) if v.id not in have),
                      key=lambda v: swedish_key(v.benamning))
