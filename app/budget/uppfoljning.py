"""Monthly budgetuppföljning (docs/domain/economy.md; a delårsrapport's driftredovisning, a kallelse's
”Resultat vård och omsorg Januari 2022”).

Per row (verksamhetsområde or kostnadsslag) the economy system gives amounts
accumulated from January: periodiserad budget and utfall, optionally the year's
budget, a cost kept outside the comparison (personalskuld) and the forecast deviation
for the whole year. Computed here: avvikelse (utfall − budget, positive = better),
the month's own figures (difference to the month before), group subtotals, RESULTAT,
RESULTAT exkl. justeringar, and the year view with the months side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from sqlite_utils import Database

from app.budget.verksamheter import Verksamhet, VerksamhetService, manadsnamn, next_ordning
from app.changes import AnnouncingService
from app.records import id_of, inserted_id, row_to
from app.validation import Checker, clean_text

#: Entered amounts of a row (kronor, internal sign).
INMATADE = ("arsbudget", "budget_ack", "utfall_ack", "sarskild_post_ack", "prognos_avvikelse")
#: Amounts that are deviations (not turned by the sign convention).
AVVIKELSER = ("avvikelse_ack", "avvikelse_ack_exkl", "avvikelse_manad", "prognos_avvikelse")


def _add(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def _sub(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a - b


@dataclass
class Siffror:
    """The figures of one line of the table (a row, a group sum or RESULTAT)."""

    arsbudget: int | None = None
    budget_ack: int = 0
    utfall_ack: int = 0
    sarskild_post_ack: int = 0
    prognos_avvikelse: int | None = None
    # Accumulated figures of the month before; None when that month is not reported.
    fg_budget_ack: int | None = None
    fg_utfall_ack: int | None = None

    @property
    def avvikelse_ack(self) -> int:
        return self.utfall_ack - self.budget_ack

    @property
    def avvikelse_ack_exkl(self) -> int:
        """The deviation without the särskild post (”Avvikelse exkl personalskuld”)."""
        return self.avvikelse_ack - self.sarskild_post_ack

    @property
    def budget_manad(self) -> int | None:
        return _sub(self.budget_ack, self.fg_budget_ack)

    @property
    def utfall_manad(self) -> int | None:
        return _sub(self.utfall_ack, self.fg_utfall_ack)

    @property
    def avvikelse_manad(self) -> int | None:
        return _sub(self.utfall_manad, self.budget_manad)

    @property
    def prognos_helar(self) -> int | None:
        """The forecast outcome for the year: årsbudget + forecast deviation."""
        if self.arsbudget is None or self.prognos_avvikelse is None:
            return None
        return self.arsbudget + self.prognos_avvikelse

    def __add__(self, o: Siffror) -> Siffror:
        return Siffror(
            _add(self.arsbudget, o.arsbudget), self.budget_ack + o.budget_ack,
            self.utfall_ack + o.utfall_ack, self.sarskild_post_ack + o.sarskild_post_ack,
            _add(self.prognos_avvikelse, o.prognos_avvikelse),
            _add(self.fg_budget_ack, o.fg_budget_ack), _add(self.fg_utfall_ack, o.fg_utfall_ack))

    def varde(self, namn: str) -> int | None:
        return getattr(self, namn)


def summera(items, har_foregaende: bool = True) -> Siffror:
    total = Siffror(fg_budget_ack=0 if har_foregaende else None,
                    fg_utfall_ack=0 if har_foregaende else None)
    for item in items:
        total = total + item
    return total


@dataclass
class UppfoljningRad:
    verksamhet: Verksamhet
    siffror: Siffror
    ordning: int = 0


@dataclass
class Justering:
    benamning: str = ""
    avvikelse: int = 0
    ordning: int = 0
    id: int | None = None


@dataclass
class EjBudgeterat:
    benamning: str = ""
    ack: int = 0  # kronor, internal sign (a cost is negative)
    prognos_helar: int = 0
    ordning: int = 0
    id: int | None = None


@dataclass
class Atgard:
    atgard: str = ""
    avvikelse: str = ""
    ekonomisk_effekt: str = ""
    verksamhetseffekt: str = ""
    belopp: int | None = None
    ordning: int = 0
    id: int | None = None


@dataclass
class Budgetuppfoljning:
    namnd_id: int
    ar: int
    manad: int
    enhet: str = "tkr"
    analys: str = ""
    forslag_till_beslut: str = ""
    sarskild_post: str = ""
    justering_rubrik: str = ""
    id: int | None = None
    rader: list[UppfoljningRad] = field(default_factory=list)
    justeringar: list[Justering] = field(default_factory=list)
    ej_budgeterat: list[EjBudgeterat] = field(default_factory=list)
    atgarder: list[Atgard] = field(default_factory=list)
    #: The month before is reported (or this is January), so month figures exist.
    har_foregaende: bool = False

    @property
    def manadsnamn(self) -> str:
        return manadsnamn(self.manad)

    @property
    def rubrik(self) -> str:
        return f"Budgetuppföljning {self.manadsnamn} {self.ar}"

    @property
    def period(self) -> str:
        return f"{self.ar}-{self.manad:02d}"

    @property
    def perioden(self) -> str:
        """The months the figures cover, as a report says it: "2023" for the whole year,
        "januari–augusti 2024", "januari 2024"."""
        if self.manad == 12:
            return str(self.ar)
        if self.manad == 1:
            return f"januari {self.ar}"
        return f"januari–{self.manadsnamn} {self.ar}"

    @property
    def driftredovisning_rubrik(self) -> str:
        return f"Driftredovisning {self.perioden}"

    def grupper(self) -> list[tuple[str, list[UppfoljningRad]]]:
        """Rows by grupp, in order of first appearance."""
        out: list[tuple[str, list[UppfoljningRad]]] = []
        for r in self.rader:
            for grupp, rows in out:
                if grupp == r.verksamhet.grupp:
                    rows.append(r)
                    break
            else:
                out.append((r.verksamhet.grupp, [r]))
        return out

    def gruppsumma(self, grupp: str) -> Siffror:
        return summera((r.siffror for r in self.rader if r.verksamhet.grupp == grupp),
                       self.har_foregaende)

    def resultat(self) -> Siffror:
        return summera((r.siffror for r in self.rader), self.har_foregaende)

    def summa_justeringar(self) -> int:
        return sum(j.avvikelse for j in self.justeringar)

    def resultat_exkl(self) -> tuple[int, int]:
        """(avvikelse, avvikelse exkl särskild post) of RESULTAT without the justeringar."""
        res = self.resultat()
        just = self.summa_justeringar()
        return res.avvikelse_ack - just, res.avvikelse_ack_exkl - just

    def summa_ej_budgeterat(self) -> tuple[int, int]:
        return (sum(e.ack for e in self.ej_budgeterat), sum(e.prognos_helar for e in self.ej_budgeterat))

    def har_arsbudget(self) -> bool:
        return any(r.siffror.arsbudget is not None for r in self.rader)

    def har_prognos(self) -> bool:
        return any(r.siffror.prognos_avvikelse is not None for r in self.rader)

    def har_sarskild_post(self) -> bool:
        return bool(self.sarskild_post) or any(r.siffror.sarskild_post_ack for r in self.rader)

    def underskott_prognos(self) -> bool:
        """A deficit is forecast: then an åtgärdsplan is due (docs/domain/economy.md)."""
        res = self.resultat()
        return res.prognos_avvikelse is not None and res.prognos_avvikelse < 0

    def standard_forslag(self) -> str:
        return f"Nämnden godkänner budgetuppföljningen för {self.manadsnamn} månad {self.ar}."


@dataclass
class Arsoversikt:
    """The months of one year side by side: per row and month its figures."""

    namnd_id: int
    ar: int
    manader: list[int]
    verksamheter: list[Verksamhet]
    celler: dict[tuple[int, int], Siffror]  # (verksamhet id, månad) -> figures
    totalt: dict[int, Siffror]  # månad -> RESULTAT

    def varde(self, verksamhet_id: int, manad: int, namn: str) -> int | None:
        s = self.celler.get((verksamhet_id, manad))
        return None if s is None else s.varde(namn)


class UppfoljningService(AnnouncingService, kinds=("budget",)):
    def __init__(self, db: Database):
        self.db = db
        self.verksamheter = VerksamhetService(db)

    def perioder(self, namnd_id: int) -> list[tuple[int, int]]:
        return [tuple(r) for r in self.db.execute(
            "SELECT ar, manad FROM budgetuppfoljning WHERE namnd_id = ? ORDER BY ar, manad", [namnd_id])]

    def _id(self, namnd_id: int, ar: int, manad: int) -> int | None:
        row = self.db.execute("SELECT id FROM budgetuppfoljning WHERE namnd_id = ? AND ar = ? AND manad = ?",
                              [namnd_id, ar, manad]).fetchone()
        return row[0] if row else None

    def get(self, namnd_id: int, ar: int, manad: int) -> Budgetuppfoljning | None:
        uid = self._id(namnd_id, ar, manad)
        return self.load(uid) if uid else None

    def _raw_rows(self, uppfoljning_id: int) -> list[dict]:
        return list(self.db.query("SELECT * FROM budgetuppfoljning_rad WHERE uppfoljning_id = ? "
                                  "ORDER BY ordning", [uppfoljning_id]))

    def load(self, uppfoljning_id: int) -> Budgetuppfoljning:
        u = row_to(Budgetuppfoljning, self.db.table("budgetuppfoljning").get(uppfoljning_id))
        by_id = {v.id: v for v in self.verksamheter.verksamheter(u.namnd_id)}
        previous: dict[int, dict] | None = None
        if u.manad == 1:
            previous = {}
        else:
            prev_id = self._id(u.namnd_id, u.ar, u.manad - 1)
            if prev_id is not None:
                previous = {r["verksamhet_id"]: r for r in self._raw_rows(prev_id)}
        rows = self._raw_rows(uppfoljning_id)
        if previous is None and rows and all(r["fg_budget_ack"] is not None and r["fg_utfall_ack"] is not None
                                             for r in rows):
            # The month before is not in the program: what the imported file said of it.
            previous = {r["verksamhet_id"]: {"budget_ack": r["fg_budget_ack"],
                                             "utfall_ack": r["fg_utfall_ack"]} for r in rows}
        u.har_foregaende = previous is not None
        for r in rows:
            s = Siffror(**{k: r[k] for k in INMATADE})
            if previous is not None:
                before = previous.get(r["verksamhet_id"], {})
                s.fg_budget_ack = before.get("budget_ack", 0)
                s.fg_utfall_ack = before.get("utfall_ack", 0)
            u.rader.append(UppfoljningRad(by_id[r["verksamhet_id"]], s, r["ordning"]))
        u.justeringar = [row_to(Justering, r) for r in self.db.query(
            "SELECT * FROM budgetuppfoljning_justering WHERE uppfoljning_id = ? ORDER BY ordning, id",
            [uppfoljning_id])]
        u.ej_budgeterat = [row_to(EjBudgeterat, r) for r in self.db.query(
            "SELECT * FROM budgetuppfoljning_ej_budgeterat WHERE uppfoljning_id = ? ORDER BY ordning, id",
            [uppfoljning_id])]
        u.atgarder = [row_to(Atgard, r) for r in self.db.query(
            "SELECT * FROM atgard WHERE uppfoljning_id = ? ORDER BY ordning, id", [uppfoljning_id])]
        return u

    def skapa(self, namnd_id: int, ar: int, manad: int, *, enhet: str | None = None) -> Budgetuppfoljning:
        """A new month. Its rows are those of the latest earlier follow-up (same year
        first), or the verksamheter of that year's internbudget with its budget as
        årsbudget, or every verksamhet of the nämnd."""
        check = Checker()
        if not 1 <= manad <= 12:
            check.add("manad", f"Månaden måste vara 1–12 (nu {manad}).")
        if not 1990 <= ar <= 2200:
            check.add("ar", f"Året {ar} är orimligt.")
        if not check.errors and self._id(namnd_id, ar, manad):
            check.add("manad", f"Det finns redan en budgetuppföljning för {manadsnamn(manad)} {ar}.")
        check.raise_if_any()
        if enhet is None:
            enhet = self.verksamheter.installning(namnd_id).enhet
        earlier = self.db.execute(
            "SELECT id, ar FROM budgetuppfoljning WHERE namnd_id = ? AND (ar < ? OR (ar = ? AND manad < ?)) "
            "ORDER BY ar DESC, manad DESC LIMIT 1", [namnd_id, ar, ar, manad]).fetchone()
        rows: list[dict] = []
        if earlier is not None:
            same_year = earlier[1] == ar
            for r in self._raw_rows(earlier[0]):
                rows.append({"verksamhet_id": r["verksamhet_id"],
                             "arsbudget": r["arsbudget"] if same_year else None,
                             "ordning": r["ordning"]})
        else:
            from app.budget.internbudget import InternbudgetService

            ib = InternbudgetService(self.db).get(namnd_id, ar)
            source = ([(r.verksamhet.id, r.block("netto").budget) for r in ib.rader] if ib
                      else [(v.id, None) for v in self.verksamheter.verksamheter(namnd_id)])
            rows = [{"verksamhet_id": vid, "arsbudget": budget, "ordning": i}
                    for i, (vid, budget) in enumerate(source, start=1)]
        with self.db.atomic():
            uid = inserted_id(self.db.table("budgetuppfoljning"), {
                "namnd_id": namnd_id, "ar": ar, "manad": manad, "enhet": enhet,
                "forslag_till_beslut": ""})
            for r in rows:
                self.db.table("budgetuppfoljning_rad").insert({"uppfoljning_id": uid, **r})
        return self.load(uid)

    def save_huvud(self, u: Budgetuppfoljning) -> None:
        for name in ("analys", "forslag_till_beslut", "sarskild_post", "justering_rubrik"):
            setattr(u, name, clean_text(getattr(u, name)))
        check = Checker()
        check.max_length("sarskild_post", u.sarskild_post, "Namnet på den särskilda posten", 60)
        check.max_length("justering_rubrik", u.justering_rubrik, "Rubriken för justeringar", 60)
        if u.enhet not in ("kr", "tkr"):
            check.add("enhet", f"Enheten måste vara kr eller tkr (nu ”{u.enhet}”).")
        check.raise_if_any()
        with self.db.atomic():
            self.db.table("budgetuppfoljning").update(id_of(u), {
                "enhet": u.enhet, "analys": u.analys, "forslag_till_beslut": u.forslag_till_beslut,
                "sarskild_post": u.sarskild_post, "justering_rubrik": u.justering_rubrik})

    def set_belopp(self, uppfoljning_id: int, verksamhet_id: int, falt: str, kr: int | None) -> None:
        if falt not in INMATADE:
            raise ValueError(f"{falt} räknas fram och kan inte skrivas in.")
        if kr is None and falt not in ("arsbudget", "prognos_avvikelse"):
            kr = 0
        with self.db.atomic():
            self.db.execute(f"UPDATE budgetuppfoljning_rad SET {falt} = ? WHERE uppfoljning_id = ? "
                            "AND verksamhet_id = ?", [kr, uppfoljning_id, verksamhet_id])

    def lagg_till_rad(self, uppfoljning_id: int, verksamhet_id: int) -> None:
        order = next_ordning(self.db, "budgetuppfoljning_rad", "uppfoljning_id = ?", [uppfoljning_id])
        with self.db.atomic():
            self.db.table("budgetuppfoljning_rad").insert(
                {"uppfoljning_id": uppfoljning_id, "verksamhet_id": verksamhet_id, "ordning": order},
                ignore=True)

    def ta_bort_rad(self, uppfoljning_id: int, verksamhet_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM budgetuppfoljning_rad WHERE uppfoljning_id = ? "
                            "AND verksamhet_id = ?", [uppfoljning_id, verksamhet_id])

    def ersatt_rader(self, uppfoljning_id: int, rader: list[UppfoljningRad]) -> None:
        """Replace all rows at once (an import): all or nothing. The month before's
        figures of ``rader`` are kept only while that month is not in the program."""
        u = row_to(Budgetuppfoljning, self.db.table("budgetuppfoljning").get(uppfoljning_id))
        keep_before = u.manad > 1 and self._id(u.namnd_id, u.ar, u.manad - 1) is None
        with self.db.atomic():
            self.db.execute("DELETE FROM budgetuppfoljning_rad WHERE uppfoljning_id = ?", [uppfoljning_id])
            for i, r in enumerate(rader, start=1):
                record = {k: getattr(r.siffror, k) for k in INMATADE}
                if keep_before:
                    record.update(fg_budget_ack=r.siffror.fg_budget_ack,
                                  fg_utfall_ack=r.siffror.fg_utfall_ack)
                record.update({"uppfoljning_id": uppfoljning_id, "verksamhet_id": r.verksamhet.id,
                               "ordning": r.ordning or i})
                self.db.table("budgetuppfoljning_rad").insert(record, replace=True)

    def delete(self, uppfoljning_id: int) -> None:
        with self.db.atomic():
            self.db.table("budgetuppfoljning").delete(uppfoljning_id)

    # -- lists under the table ---------------------------------------------------------
    def _save_item(self, table: str, uppfoljning_id: int, item, check: Checker) -> None:
        check.raise_if_any()
        record = {f.name: getattr(item, f.name) for f in fields(item) if f.name != "id"}
        record["uppfoljning_id"] = uppfoljning_id
        with self.db.atomic():
            if item.id is None:
                if not item.ordning:
                    item.ordning = record["ordning"] = next_ordning(self.db, table, "uppfoljning_id = ?",
                                                                    [uppfoljning_id])
                item.id = self.db.table(table).insert(record).last_pk
            else:
                self.db.table(table).update(item.id, record)

    def save_atgard(self, uppfoljning_id: int, a: Atgard) -> Atgard:
        for name in ("atgard", "avvikelse", "ekonomisk_effekt", "verksamhetseffekt"):
            setattr(a, name, clean_text(getattr(a, name)))
        check = Checker()
        check.required("atgard", a.atgard, "Åtgärden")
        for name, label in (("atgard", "Åtgärden"), ("avvikelse", "Avvikelsen"),
                            ("ekonomisk_effekt", "Den ekonomiska effekten"),
                            ("verksamhetseffekt", "Verksamhetseffekten")):
            check.max_length(name, getattr(a, name), label, 2000)
        self._save_item("atgard", uppfoljning_id, a, check)
        return a

    def save_justering(self, uppfoljning_id: int, j: Justering) -> Justering:
        j.benamning = clean_text(j.benamning)
        check = Checker()
        check.required("benamning", j.benamning, "Justeringens benämning")
        self._save_item("budgetuppfoljning_justering", uppfoljning_id, j, check)
        return j

    def save_ej_budgeterat(self, uppfoljning_id: int, e: EjBudgeterat) -> EjBudgeterat:
        e.benamning = clean_text(e.benamning)
        check = Checker()
        check.required("benamning", e.benamning, "Benämningen")
        self._save_item("budgetuppfoljning_ej_budgeterat", uppfoljning_id, e, check)
        return e

    def delete_item(self, table: str, item_id: int) -> None:
        if table not in ("atgard", "budgetuppfoljning_justering", "budgetuppfoljning_ej_budgeterat"):
            raise ValueError(table)
        with self.db.atomic():
            self.db.table(table).delete(item_id)

    # -- the year -----------------------------------------------------------------------
    def arsoversikt(self, namnd_id: int, ar: int) -> Arsoversikt:
        manader = [m for a, m in self.perioder(namnd_id) if a == ar]
        verksamheter: list[Verksamhet] = []
        celler: dict[tuple[int, int], Siffror] = {}
        totalt: dict[int, Siffror] = {}
        for m in manader:
            u = self.get(namnd_id, ar, m)
            assert u is not None  # m is one of the stored months
            for r in u.rader:
                if r.verksamhet.id not in {v.id for v in verksamheter}:
                    verksamheter.append(r.verksamhet)
                celler[(id_of(r.verksamhet), m)] = r.siffror
            totalt[m] = u.resultat()
        return Arsoversikt(namnd_id, ar, manader, verksamheter, celler, totalt)
