"""Excel import of economy figures on the shared infrastructure (app.excel_import):
the internbudget (our template ”bilaga Internbudget” or an economy-system export), a
month's budgetuppföljning (an economy-system export like ”Utfall jan 2022”), the
investeringsredovisning and the investeringsbudget.

Amounts are read as the nämnd prints them (its sign convention, kr or tkr) and stored
as internal kronor. Sum rows (”S:a Intäkter”, ”Kostnader totalt”, ”RESULTAT”) are
passed over: the program computes every sum itself.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Hashable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlite_utils import Database

from app.budget.belopp import ENHETER, Teckenkonvention, internt
from app.budget.internbudget import FALT, InternbudgetRad, InternbudgetService
from app.budget.investeringar import InvesteringService, Investeringsobjekt, Investeringsprojekt
from app.budget.uppfoljning import Siffror, UppfoljningRad, UppfoljningService
from app.budget.verksamheter import VerksamhetService, dela_benamning, manadsnamn
from app.excel_import import FieldSpec, ImportTarget
from app.records import id_of

_SUMMA = re.compile(r"^(s:?a\b|summa\b|totalt\b|resultat\b|netto(kostnad)?\s+totalt\b|varav\b)|\btotalt$",
                    re.IGNORECASE)
_JA = {"ja": True, "j": True, "x": True, "1": True, "nej": False, "n": False, "0": False}


def is_sum_row(label: str | None) -> bool:
    return bool(label and _SUMMA.search(label.strip()))


def kronor(value: Decimal | None, enhet: str) -> int | None:
    """A figure in ``enhet`` as whole kronor (halves away from zero)."""
    if value is None:
        return None
    return int((value * ENHETER[enhet]).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _dec(key: str, label: str, synonyms: tuple[str, ...] = ()) -> FieldSpec:
    return FieldSpec(key, label, "decimal", synonyms)


class _EconomyTarget(ImportTarget):
    """Bound to a nämnd, a period and how the file writes amounts."""

    def __init__(self, namnd_id: int, ar: int, *, manad: int = 12, enhet: str = "tkr",
                 konvention: Teckenkonvention | str = Teckenkonvention.KOSTNADER_NEGATIVA,
                 db: Database | None = None):
        self.namnd_id, self.ar, self.manad = namnd_id, ar, manad
        self.enhet, self.konvention, self.db = enhet, Teckenkonvention(konvention), db
        self.fields = self.build_fields()

    def build_fields(self) -> tuple[FieldSpec, ...]:
        raise NotImplementedError

    def bind(self, db: Database) -> ImportTarget:
        bound = copy.copy(self)
        bound.db = db
        return bound

    def amount(self, value: Decimal | None) -> int | None:
        """A typed amount (nämnd's sign, file's unit) as internal kronor."""
        kr = kronor(value, self.enhet)
        return None if kr is None else internt(kr, self.konvention)

    def skip_reason(self, values: dict[str, Any]) -> str | None:
        for key in ("kod", "verksamhet", "projekt", "benamning"):
            label = values.get(key)
            if isinstance(label, str) and is_sum_row(label):
                return f"summarad rad ”{label}” (summor räknas fram av programmet)"
        return None


# -- internbudget ---------------------------------------------------------------------------
class InternbudgetImport(_EconomyTarget):
    kind = "internbudget"
    title = "Internbudget"

    def build_fields(self) -> tuple[FieldSpec, ...]:
        fg, ar = self.ar - 1, self.ar
        fields = [
            FieldSpec("kod", "Kod", "text", ("Verksamhetskod", "Vht", "Vht-kod", "Verksamhet kod"),
                      numbers_ok=True, max_length=20),
            FieldSpec("verksamhet", "Verksamhet", "text", ("Benämning", "Namn", "Verksamhetsområde",
                                                            "Text", "Verksamhet benämning"),
                      required=True, numbers_ok=True, max_length=200),
        ]
        for block, word in (("intakter", "Intäkter"), ("kostnader", "Kostnader")):
            fields += [
                _dec(f"{block}_prognos", f"{word} årsprognos",
                     (f"{word} prognos", f"Årsprognos {word.lower()}",
                      f"{word} årsprognos per oktober {fg}")),
                _dec(f"{block}_fg_budget", f"{word} budget {fg}",
                     (f"{word} budget föregående år", f"{word} M&B {fg}", f"{word} M & B {fg}")),
                _dec(f"{block}_budget", f"{word} budget {ar}",
                     (f"{word} budget", f"{word} M&B {ar}", f"{word} M & B {ar}", f"{word} ny budget")),
            ]
        return tuple(fields)

    def check_row(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        """A cost written with the revenue's sign is almost always a file written in the
        other convention; saying so beats storing a budget with the wrong sign."""
        problems: list[tuple[str | None, str]] = []
        cost_negative = self.konvention is Teckenkonvention.KOSTNADER_NEGATIVA
        for key in ("kostnader_prognos", "kostnader_fg_budget", "kostnader_budget"):
            v = values.get(key)
            if v is not None and v != 0 and (v > 0) == cost_negative:
                tecken = "negativa" if cost_negative else "positiva"
                problems.append((key, f"kostnader skrivs {tecken} i nämndens teckenkonvention "
                                      f"(nu {v}); ändra tecknet eller nämndens inställning"))
        for key in ("intakter_prognos", "intakter_fg_budget", "intakter_budget"):
            v = values.get(key)
            if v is not None and v != 0 and (v < 0) == cost_negative:
                tecken = "positiva" if cost_negative else "negativa"
                problems.append((key, f"intäkter skrivs {tecken} i nämndens teckenkonvention (nu {v})"))
        return problems

    def row_key(self, values: dict[str, Any]) -> Hashable | None:
        kod, namn = _kod_namn(values)
        return (kod, namn.casefold())

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        svc = InternbudgetService(db)
        ib = svc.get(self.namnd_id, self.ar) or svc.skapa(self.namnd_id, self.ar)
        by_id = {r.verksamhet.id: r for r in ib.rader}
        verksamheter = VerksamhetService(db)
        for values in rows:
            kod, namn = _kod_namn(values)
            v = verksamheter.hitta_eller_skapa(self.namnd_id, kod, namn)
            rad = by_id.get(v.id) or InternbudgetRad(v)
            for (kolumn, block), falt in FALT.items():
                kr = self.amount(values.get(f"{block}_{kolumn}"))
                if kr is not None:  # a blank cell keeps what is there
                    setattr(rad, falt, kr)
            by_id[v.id] = rad
        svc.ersatt_rader(id_of(ib), list(by_id.values()))
        return len(rows)


def _kod_namn(values: dict[str, Any]) -> tuple[str, str]:
    kod = str(values.get("kod") or "").strip()
    namn = str(values.get("verksamhet") or "").strip()
    if not kod:
        kod, namn = dela_benamning(namn)
    return kod, namn


# -- budgetuppföljning ----------------------------------------------------------------------
class UppfoljningImport(_EconomyTarget):
    kind = "budgetuppfoljning"
    title = "Budgetuppföljning"

    def build_fields(self) -> tuple[FieldSpec, ...]:
        m = manadsnamn(self.manad)[:3]
        return (
            FieldSpec("kod", "Kod", "text", ("Verksamhetskod", "Vht", "Konto", "Kontonummer"),
                      numbers_ok=True, max_length=20),
            FieldSpec("verksamhet", "Verksamhet", "text", (
                "Text", "Benämning", "Verksamhetsområde", "Kostnadsslag", "Beskrivning", "Namn",
                "Kontonamn"), required=True, numbers_ok=True, max_length=200),
            FieldSpec("grupp", "Grupp", "text", ("Block", "Delsumma", "Huvudgrupp"), max_length=100),
            _dec("arsbudget", "Årsbudget", ("Budget helår", "Budget år", f"Budget {self.ar}",
                                            "Helårsbudget")),
            _dec("budget_ack", "Periodiserad budget", (
                "Driftbudget periodiserad", "Budget ack", "Budget ackumulerat", "Budget perioden",
                f"Budget ack {m}", f"Budget {m}", "Periodbudget")),
            _dec("utfall_ack", "Utfall", (
                "Utfall ack", "Utfall ackumulerat", "Utfall inkl personalskuld", "Utfall perioden",
                f"Utfall ack {m}", f"Utfall {m}", "Ackumulerat utfall")),
            _dec("sarskild_post", "Särskild post", ("Personalskuld", "Personalskuldsförändring")),
            _dec("prognos_avvikelse", "Prognos avvikelse helår", (
                "Prognos avvikelse", "Prognos helår", f"Prognos helår {self.ar}", "Helårsprognos",
                "Prognos", "Prognos avvikelse helår")),
        )

    def row_key(self, values: dict[str, Any]) -> Hashable | None:
        kod, namn = _kod_namn(values)
        return (kod, namn.casefold())

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        svc = UppfoljningService(db)
        u = svc.get(self.namnd_id, self.ar, self.manad) or svc.skapa(
            self.namnd_id, self.ar, self.manad, enhet=self.enhet)
        verksamheter = VerksamhetService(db)
        rader = []
        for order, values in enumerate(rows, start=1):
            kod, namn = _kod_namn(values)
            v = verksamheter.hitta_eller_skapa(self.namnd_id, kod, namn, values.get("grupp") or "")
            if values.get("grupp") and v.grupp != values["grupp"]:
                v.grupp = values["grupp"]
                verksamheter.save(v)
            rader.append(UppfoljningRad(v, Siffror(
                arsbudget=self.amount(values.get("arsbudget")),
                budget_ack=self.amount(values.get("budget_ack")) or 0,
                utfall_ack=self.amount(values.get("utfall_ack")) or 0,
                sarskild_post_ack=self.amount(values.get("sarskild_post")) or 0,
                # A deviation has the same sign for every nämnd: not turned.
                prognos_avvikelse=kronor(values.get("prognos_avvikelse"), self.enhet)), order))
        svc.ersatt_rader(id_of(u), rader)
        return len(rows)


# -- investeringar ----------------------------------------------------------------------------
def _forvaltning_id(db: Database, namnd_id: int, text: str | None) -> int | None:
    if not text:
        return None
    row = db.execute("SELECT id FROM forvaltning WHERE namnd_id = ? AND (kortnamn = ? COLLATE NOCASE "
                     "OR namn = ? COLLATE NOCASE)", [namnd_id, text.strip(), text.strip()]).fetchone()
    return row[0] if row else None


class _ForvaltningCheck:
    # Set by _EconomyTarget, which this is mixed into; check_row runs on a bound target.
    db: Database | None
    namnd_id: int

    def check_forvaltning(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        text = values.get("forvaltning")
        if not text:
            return []
        assert self.db is not None, "check_row on a target without bind()"
        if _forvaltning_id(self.db, self.namnd_id, text) is None:
            return [("forvaltning", f"förvaltningen ”{text}” finns inte hos nämnden; lägg in den under "
                                    "Organisation eller skriv dess kortnamn (t.ex. SOF)")]
        return []


class InvesteringsredovisningImport(_ForvaltningCheck, _EconomyTarget):
    kind = "investeringsredovisning"
    title = "Investeringsredovisning"

    def build_fields(self) -> tuple[FieldSpec, ...]:
        return (
            FieldSpec("projekt", "Projekt", "text", ("Huvudprojekt", "Investeringsprojekt", "Benämning",
                                                      "Investeringsobjekt"), required=True, max_length=300),
            FieldSpec("forvaltning", "Förvaltning", "text", ("Förv",), max_length=100),
            _dec("budget", "Budget", (f"Budget {self.ar}", "Budget helår", f"Budget helår {self.ar}",
                                      "Årsbudget")),
            _dec("omdisponering", "Omdisponering", ("Förslag till omdisponering", "Omdisp")),
            _dec("utfall", "Utfall", ("Utfall ack", f"Utfall ack {self.ar}-{self.manad:02d}",
                                      "Utfall ackumulerat")),
            _dec("prognos", "Prognos helår", ("Prognos", "Prognos utfall helår")),
            FieldSpec("slutredovisas", "Slutredovisas", "choice", ("Slutredovisning",), choices={
                "Ja": "ja", "J": "ja", "X": "ja", "Nej": "nej", "N": "nej"}),
        )

    def check_row(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        problems = self.check_forvaltning(values)
        if values.get("budget") is not None and values["budget"] < 0:
            problems.append(("budget", "budgeten för ett investeringsprojekt kan inte vara negativ"))
        return problems

    def row_key(self, values: dict[str, Any]) -> Hashable | None:
        return str(values.get("projekt") or "").casefold()

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        svc = InvesteringService(db)
        for p in svc.redovisning(self.namnd_id, self.ar, self.manad).projekt:
            svc.delete_projekt(id_of(p))
        for order, values in enumerate(rows, start=1):
            slut = values.get("slutredovisas")
            svc.save_projekt(Investeringsprojekt(
                namnd_id=self.namnd_id, ar=self.ar, manad=self.manad, projekt=values["projekt"],
                forvaltning_id=_forvaltning_id(db, self.namnd_id, values.get("forvaltning")),
                budget=kronor(values.get("budget"), self.enhet) or 0,
                omdisponering=kronor(values.get("omdisponering"), self.enhet) or 0,
                utfall=kronor(values.get("utfall"), self.enhet) or 0,
                prognos=kronor(values.get("prognos"), self.enhet),
                slutredovisas=None if slut is None else slut == "ja", ordning=order))
        return len(rows)


class InvesteringsbudgetImport(_ForvaltningCheck, _EconomyTarget):
    """Objects with an amount per plan year; ``ar`` is the plan's first year."""

    kind = "investeringsbudget"
    title = "Investeringsbudget"

    def build_fields(self) -> tuple[FieldSpec, ...]:
        fields = [
            FieldSpec("forvaltning", "Förvaltning", "text", ("Förv",), max_length=100),
            FieldSpec("kategori", "Kategori", "text", ("Investeringskategori", "Slag"), max_length=100),
            FieldSpec("benamning", "Investeringsobjekt", "text", (
                "Investeringsobjekt benämning", "Benämning", "Objekt", "Projekt"), required=True,
                max_length=300),
        ]
        for ar in range(self.ar, self.ar + 3):
            fields.append(_dec(f"ar_{ar}", f"Investeringsbelopp {ar}", (
                str(ar), f"Investeringsbelopp tkr {ar}", f"Investerings- belopp {ar}", f"Belopp {ar}")))
        return tuple(fields)

    def check_row(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        problems = self.check_forvaltning(values)
        for ar in range(self.ar, self.ar + 3):
            v = values.get(f"ar_{ar}")
            if v is not None and v < 0:
                problems.append((f"ar_{ar}", "ett investeringsbelopp kan inte vara negativt"))
        return problems

    def skip_reason(self, values: dict[str, Any]) -> str | None:
        reason = super().skip_reason(values)
        if reason is None and not any(values.get(f"ar_{ar}") for ar in range(self.ar, self.ar + 3)) \
                and str(values.get("benamning") or "").endswith("nedan"):
            return f"rubrikrad ”{values['benamning']}”"
        return reason

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        svc = InvesteringService(db)
        plan = svc.get(self.namnd_id, self.ar) or svc.skapa(self.namnd_id, self.ar, 3)
        for o in plan.objekt:
            svc.delete_objekt(id_of(o))
        for order, values in enumerate(rows, start=1):
            belopp = {ar: kronor(values.get(f"ar_{ar}"), self.enhet) or 0 for ar in plan.ar}
            svc.save_objekt(Investeringsobjekt(
                investeringsbudget_id=id_of(plan), benamning=values["benamning"],
                kategori=values.get("kategori") or "", ordning=order, belopp=belopp,
                forvaltning_id=_forvaltning_id(db, self.namnd_id, values.get("forvaltning"))), plan.ar)
        return len(rows)
