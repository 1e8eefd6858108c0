"""Investeringsbudget (objects per förvaltning and category, an amount per plan year)
and investeringsredovisning (budget, omdisponering, utfall per project and period).

Sums are computed here: per category (”SOF, Inventarier”), per förvaltning (”Varav
summa SOF”) and in total; budget after omdisponering, kvar and avvikelse.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlite_utils import Database

from app.budget.verksamheter import manadsnamn, next_ordning
from app.changes import AnnouncingService
from app.records import inserted_id, row_to
from app.validation import Checker, clean_text
from db.textsort import swedish_key


def _sum_years(items, years) -> dict[int, int]:
    total = dict.fromkeys(years, 0)
    for item in items:
        for ar in years:
            total[ar] += item.belopp.get(ar, 0)
    return total


@dataclass
class Investeringsobjekt:
    investeringsbudget_id: int = 0
    benamning: str = ""
    kategori: str = ""
    forvaltning_id: int | None = None
    ordning: int = 0
    id: int | None = None
    belopp: dict[int, int] = field(default_factory=dict)  # year -> kronor
    forvaltning: str = field(default="", compare=False)  # kortnamn, read only

    @property
    def grupp(self) -> str:
        """As printed documents head a group: ”SOF, Inventarier”."""
        return ", ".join(p for p in (self.forvaltning, self.kategori) if p)


@dataclass
class Investeringsbudget:
    namnd_id: int
    forsta_ar: int
    antal_ar: int = 3
    id: int | None = None
    objekt: list[Investeringsobjekt] = field(default_factory=list)

    @property
    def ar(self) -> list[int]:
        return list(range(self.forsta_ar, self.forsta_ar + self.antal_ar))

    @property
    def rubrik(self) -> str:
        last = self.forsta_ar + self.antal_ar - 1
        # A one-year budget is "Investeringsbudget 2023", never "2023 – 2023".
        years = str(self.forsta_ar) if last == self.forsta_ar else f"{self.forsta_ar} – {last}"
        return f"Investeringsbudget {years}"

    def forvaltningar(self) -> list[str]:
        return sorted({o.forvaltning for o in self.objekt}, key=swedish_key)

    def grupper(self) -> list[tuple[str, str, list[Investeringsobjekt]]]:
        """(förvaltning, kategori, objects) in print order: förvaltning, then category
        in Swedish order, objects in their own order."""
        groups: dict[tuple[str, str], list[Investeringsobjekt]] = defaultdict(list)
        for o in self.objekt:
            groups[(o.forvaltning, o.kategori)].append(o)
        keys = sorted(groups, key=lambda k: (swedish_key(k[0]), swedish_key(k[1])))
        return [(f, k, sorted(groups[(f, k)], key=lambda o: (o.ordning, o.id or 0))) for f, k in keys]

    def summa_kategori(self, forvaltning: str, kategori: str) -> dict[int, int]:
        return _sum_years((o for o in self.objekt
                           if o.forvaltning == forvaltning and o.kategori == kategori), self.ar)

    def summa_forvaltning(self, forvaltning: str) -> dict[int, int]:
        return _sum_years((o for o in self.objekt if o.forvaltning == forvaltning), self.ar)

    def totalt(self) -> dict[int, int]:
        return _sum_years(self.objekt, self.ar)


@dataclass
class Investeringsprojekt:
    namnd_id: int = 0
    ar: int = 0
    manad: int = 12
    projekt: str = ""
    forvaltning_id: int | None = None
    budget: int = 0
    omdisponering: int = 0
    utfall: int = 0
    prognos: int | None = None
    slutredovisas: bool | None = None
    kommentar: str = ""
    ordning: int = 0
    id: int | None = None

    @property
    def budget_efter(self) -> int:
        return self.budget + self.omdisponering

    @property
    def kvar(self) -> int:
        """What is left of the year's budget after the utfall so far."""
        return self.budget_efter - self.utfall

    @property
    def avvikelse(self) -> int:
        """Budget after omdisponering − expected outlay for the year (the forecast, or the
        utfall when no forecast is given, as at bokslut). Positive = under budget."""
        return self.budget_efter - (self.prognos if self.prognos is not None else self.utfall)


SUMMERADE = ("budget", "omdisponering", "budget_efter", "utfall", "kvar", "avvikelse")


@dataclass
class Investeringsredovisning:
    namnd_id: int
    ar: int
    manad: int
    projekt: list[Investeringsprojekt] = field(default_factory=list)

    @property
    def rubrik(self) -> str:
        if self.manad == 12:
            return f"Investeringsredovisning {self.ar}"
        return f"Investeringsredovisning {manadsnamn(self.manad)} {self.ar}"

    def summa(self, namn: str) -> int:
        return sum(getattr(p, namn) for p in self.projekt)

    def har_prognos(self) -> bool:
        return any(p.prognos is not None for p in self.projekt)

    def har_omdisponering(self) -> bool:
        return any(p.omdisponering for p in self.projekt)


class InvesteringService(AnnouncingService, kinds=("budget",)):
    def __init__(self, db: Database):
        self.db = db

    # -- investeringsbudget ---------------------------------------------------------------
    def budgetar(self, namnd_id: int) -> list[tuple[int, int, int]]:
        """(id, första år, antal år) of the nämnd's investment budgets."""
        return [tuple(r) for r in self.db.execute(
            "SELECT id, forsta_ar, antal_ar FROM investeringsbudget WHERE namnd_id = ? "
            "ORDER BY forsta_ar", [namnd_id])]

    def get(self, namnd_id: int, forsta_ar: int) -> Investeringsbudget | None:
        row = self.db.execute("SELECT id FROM investeringsbudget WHERE namnd_id = ? AND forsta_ar = ?",
                              [namnd_id, forsta_ar]).fetchone()
        return self.load(row[0]) if row else None

    def load(self, budget_id: int) -> Investeringsbudget:
        ib = row_to(Investeringsbudget, self.db.table("investeringsbudget").get(budget_id))
        rows = self.db.query(
            "SELECT o.*, coalesce(f.kortnamn, '') AS forvaltning FROM investeringsobjekt o "
            "LEFT JOIN forvaltning f ON f.id = o.forvaltning_id WHERE o.investeringsbudget_id = ? "
            "ORDER BY o.ordning, o.id", [budget_id])
        objekt = {r["id"]: row_to(Investeringsobjekt, r) for r in rows}
        for r in self.db.query(
                "SELECT b.* FROM investeringsbelopp b JOIN investeringsobjekt o ON o.id = b.objekt_id "
                "WHERE o.investeringsbudget_id = ?", [budget_id]):
            objekt[r["objekt_id"]].belopp[r["ar"]] = r["belopp"]
        ib.objekt = list(objekt.values())
        return ib

    def skapa(self, namnd_id: int, forsta_ar: int, antal_ar: int = 3) -> Investeringsbudget:
        check = Checker()
        if not 1990 <= forsta_ar <= 2200:
            check.add("forsta_ar", f"Året {forsta_ar} är orimligt.")
        if not 1 <= antal_ar <= 10:
            check.add("antal_ar", "En investeringsplan omfattar 1–10 år.")
        if self.get(namnd_id, forsta_ar) is not None:
            check.add("forsta_ar", f"Det finns redan en investeringsbudget som börjar {forsta_ar}.")
        check.raise_if_any()
        with self.db.atomic():
            budget_id = inserted_id(self.db.table("investeringsbudget"),
                                    {"namnd_id": namnd_id, "forsta_ar": forsta_ar, "antal_ar": antal_ar})
        return self.load(budget_id)

    def save_objekt(self, o: Investeringsobjekt, years: list[int] | None = None) -> Investeringsobjekt:
        o.benamning, o.kategori = clean_text(o.benamning), clean_text(o.kategori)
        check = Checker()
        check.required("benamning", o.benamning, "Investeringsobjektets benämning")
        check.max_length("benamning", o.benamning, "Benämningen", 300)
        check.max_length("kategori", o.kategori, "Kategorin", 100)
        for ar, kr in o.belopp.items():
            if kr is not None and kr < 0:
                check.add("belopp", f"Investeringsbeloppet för {ar} kan inte vara negativt.")
            if years is not None and ar not in years:
                check.add("belopp", f"{ar} ingår inte i investeringsplanens år.")
        check.raise_if_any()
        record = {"investeringsbudget_id": o.investeringsbudget_id, "forvaltning_id": o.forvaltning_id,
                  "kategori": o.kategori, "benamning": o.benamning, "ordning": o.ordning}
        with self.db.atomic():
            if o.id is None:
                if not o.ordning:
                    o.ordning = record["ordning"] = next_ordning(
                        self.db, "investeringsobjekt", "investeringsbudget_id = ?", [o.investeringsbudget_id])
                o.id = self.db.table("investeringsobjekt").insert(record).last_pk
            else:
                self.db.table("investeringsobjekt").update(o.id, record)
            self.db.execute("DELETE FROM investeringsbelopp WHERE objekt_id = ?", [o.id])
            for ar, kr in sorted(o.belopp.items()):
                if kr:
                    self.db.table("investeringsbelopp").insert({"objekt_id": o.id, "ar": ar, "belopp": kr})
        o.belopp = {ar: kr for ar, kr in o.belopp.items() if kr}
        return o

    def set_belopp(self, objekt_id: int, ar: int, kr: int | None) -> None:
        if kr is not None and kr < 0:
            raise ValueError("Ett investeringsbelopp kan inte vara negativt.")
        with self.db.atomic():
            self.db.execute("DELETE FROM investeringsbelopp WHERE objekt_id = ? AND ar = ?", [objekt_id, ar])
            if kr:
                self.db.table("investeringsbelopp").insert({"objekt_id": objekt_id, "ar": ar, "belopp": kr})

    def delete_objekt(self, objekt_id: int) -> None:
        with self.db.atomic():
            self.db.table("investeringsobjekt").delete(objekt_id)

    def delete(self, budget_id: int) -> None:
        with self.db.atomic():
            self.db.table("investeringsbudget").delete(budget_id)

    def kategorier(self, namnd_id: int) -> list[str]:
        rows = self.db.execute(
            "SELECT DISTINCT o.kategori FROM investeringsobjekt o JOIN investeringsbudget b "
            "ON b.id = o.investeringsbudget_id WHERE b.namnd_id = ? AND o.kategori != ''", [namnd_id])
        return sorted((r[0] for r in rows), key=swedish_key)

    # -- investeringsredovisning ---------------------------------------------------------
    def perioder(self, namnd_id: int) -> list[tuple[int, int]]:
        return [tuple(r) for r in self.db.execute(
            "SELECT DISTINCT ar, manad FROM investeringsprojekt WHERE namnd_id = ? ORDER BY ar, manad",
            [namnd_id])]

    def redovisning(self, namnd_id: int, ar: int, manad: int) -> Investeringsredovisning:
        rows = self.db.query("SELECT * FROM investeringsprojekt WHERE namnd_id = ? AND ar = ? AND "
                             "manad = ? ORDER BY ordning, id", [namnd_id, ar, manad])
        projekt = []
        for r in rows:
            p = row_to(Investeringsprojekt, r)
            p.slutredovisas = None if p.slutredovisas is None else bool(p.slutredovisas)
            projekt.append(p)
        return Investeringsredovisning(namnd_id, ar, manad, projekt)

    def save_projekt(self, p: Investeringsprojekt) -> Investeringsprojekt:
        p.projekt, p.kommentar = clean_text(p.projekt), clean_text(p.kommentar)
        check = Checker()
        check.required("projekt", p.projekt, "Projektets namn")
        check.max_length("projekt", p.projekt, "Projektets namn", 300)
        if not 1 <= p.manad <= 12:
            check.add("manad", f"Månaden måste vara 1–12 (nu {p.manad}).")
        if not 1990 <= p.ar <= 2200:
            check.add("ar", f"Året {p.ar} är orimligt.")
        if p.budget < 0:
            check.add("budget", "Budgeten för ett investeringsprojekt kan inte vara negativ.")
        if p.budget_efter < 0:
            check.add("omdisponering", "Omdisponeringen gör budgeten negativ "
                      f"({p.budget} + {p.omdisponering} kr).")
        check.raise_if_any()
        record = {"namnd_id": p.namnd_id, "ar": p.ar, "manad": p.manad, "projekt": p.projekt,
                  "forvaltning_id": p.forvaltning_id, "budget": p.budget,
                  "omdisponering": p.omdisponering, "utfall": p.utfall, "prognos": p.prognos,
                  "slutredovisas": None if p.slutredovisas is None else int(p.slutredovisas),
                  "kommentar": p.kommentar, "ordning": p.ordning}
        with self.db.atomic():
            if p.id is None:
                if not p.ordning:
                    p.ordning = record["ordning"] = next_ordning(
                        self.db, "investeringsprojekt", "namnd_id = ? AND ar = ? AND manad = ?",
                        [p.namnd_id, p.ar, p.manad])
                p.id = self.db.table("investeringsprojekt").insert(record).last_pk
            else:
                self.db.table("investeringsprojekt").update(p.id, record)
        return p

    def delete_projekt(self, projekt_id: int) -> None:
        with self.db.atomic():
            self.db.table("investeringsprojekt").delete(projekt_id)

    def kopiera_period(self, namnd_id: int, fran: tuple[int, int], till: tuple[int, int]) -> int:
        """Start a new reporting period from an earlier one in the same year: projects,
        budget and omdisponering carry over, utfall and forecast are to be filled in.
        Projects already final (slutredovisas = ja) are left out. Returns the count."""
        if fran[0] != till[0]:
            raise ValueError("En investeringsredovisning kan bara kopieras inom samma år.")
        if self.redovisning(namnd_id, *till).projekt:
            raise ValueError(f"Det finns redan projekt för {manadsnamn(till[1])} {till[0]}.")
        count = 0
        with self.db.atomic():
            for p in self.redovisning(namnd_id, *fran).projekt:
                if p.slutredovisas:
                    continue
                self.save_projekt(Investeringsprojekt(
                    namnd_id=namnd_id, ar=till[0], manad=till[1], projekt=p.projekt,
                    forvaltning_id=p.forvaltning_id, budget=p.budget,
                    omdisponering=p.omdisponering, ordning=p.ordning))
                count += 1
        return count
