"""Excel import of economy figures on the shared infrastructure (app.excel_import):
the internbudget (our template ”bilaga Internbudget” or an economy-system export), the
investeringsredovisning and the investeringsbudget; a month's budgetuppföljning is read by
read_uppfoljning.py, volymmått and personal by read_nyckeltal.py, on what this module shares.

Amounts are read as the nämnd prints them (its sign convention, kr or tkr) and stored
as internal kronor. Sum rows (”S:a Intäkter”, ”Kostnader totalt”, ”RESULTAT”) are
passed over: the program computes every sum itself.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Hashable
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlite_utils import Database

from app.budget.belopp import ENHETER, Teckenkonvention, internt
from app.budget.internbudget import BLOCK_RUBRIK, FALT, InternbudgetRad, InternbudgetService
from app.budget.investeringar import InvesteringService, Investeringsobjekt, Investeringsprojekt
from app.budget.verksamheter import VerksamhetService, dela_benamning, manadsnamn
from app.excel_import import FieldSpec, ImportTarget
from app.excel_import.values import CellError, is_blank, normalize_heading, parse_decimal, split_unit
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


def decimal_field(key: str, label: str, synonyms: tuple[str, ...] = (), unit: str | None = None) -> FieldSpec:
    return FieldSpec(key, label, "decimal", synonyms, unit=unit)


class EconomyTarget(ImportTarget):
    """Bound to a nämnd, a period and how the file writes amounts."""

    def __init__(self, namnd_id: int, ar: int, *, manad: int = 12, enhet: str = "tkr",
                 konvention: Teckenkonvention | str = Teckenkonvention.KOSTNADER_NEGATIVA,
                 db: Database | None = None):
        self.namnd_id, self.ar, self.manad = namnd_id, ar, manad
        self.enhet, self.konvention, self.db = enhet, Teckenkonvention(konvention), db
        # Every amount is read in the file's unit, so a unit in a heading ("Budget (tkr)")
        # is converted to it (docs/domain/economy.md, "Headings of imported tables").
        self.fields = tuple(replace(f, unit=enhet) if f.kind == "decimal" and f.unit is None else f
                            for f in self.build_fields())

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
#: The ram as internbudget.ram_text says it: "… ramen 333 088 tkr …", "Ramen är 1 200 tkr; …".
_RAM_TEXT = re.compile(r"^(?:Internbudgeten motsvarar ramen|Ramen är) "
                       r"([\d\s\u00a0\u202f]+(?:,\d+)?) (tkr|kr)\b")


class InternbudgetImport(EconomyTarget):
    kind = "internbudget"
    title = "Internbudget"
    #: the block of the program's own export being read (set by its heading rows)
    _block: str | None = None

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
                decimal_field(f"{block}_prognos", f"{word} årsprognos",
                     (f"{word} prognos", f"Årsprognos {word.lower()}",
                      f"{word} årsprognos per oktober {fg}")),
                decimal_field(f"{block}_fg_budget", f"{word} budget {fg}",
                     (f"{word} budget föregående år", f"{word} M&B {fg}", f"{word} M & B {fg}")),
                decimal_field(f"{block}_budget", f"{word} budget {ar}",
                     (f"{word} budget", f"{word} M&B {ar}", f"{word} M & B {ar}", f"{word} ny budget")),
            ]
        # The program's own export: one table in blocks (NETTOKOSTNAD, INTÄKTER, KOSTNADER),
        # the same columns in each; the block heading row says what a row's figures are.
        fields += [
            decimal_field("prognos", "Årsprognos", (f"Årsprognos per oktober {fg}", "Prognos")),
            decimal_field("fg_budget", f"Budget {fg}", ()),
            decimal_field("budget", f"Budget {ar}", ()),
        ]
        fields[1] = replace(fields[1], synonyms=(*fields[1].synonyms, "Tkr", "Kr"))
        return tuple(fields)

    def skip_reason(self, values: dict[str, Any]) -> str | None:
        text = str(values.get("verksamhet") or "").strip()
        block = next((b for b, rubrik in BLOCK_RUBRIK.items() if rubrik == text.upper()), None)
        if block is not None and all(values.get(k) is None for k in ("prognos", "fg_budget", "budget")):
            self._block = block
            return f"blockrubrik ”{text}”"
        return super().skip_reason(values)

    def _in_block(self, values: dict[str, Any]) -> None:
        """A row of the export's blocks: its figures moved to the block's fields (a
        NETTOKOSTNAD row is intäkter + kostnader and not read)."""
        block = self._block
        values["_block"] = block
        for kolumn in ("prognos", "fg_budget", "budget"):
            value = values.pop(kolumn, None)
            if block in ("intakter", "kostnader") and value is not None \
                    and values.get(f"{block}_{kolumn}") is None:
                values[f"{block}_{kolumn}"] = value

    def check_row(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        """A cost written with the revenue's sign is almost always a file written in the
        other convention; saying so beats storing a budget with the wrong sign."""
        loose = [k for k in ("prognos", "fg_budget", "budget") if values.get(k) is not None]
        if loose and self._block is None:
            return [(loose[0], "raden står inte under någon blockrubrik (NETTOKOSTNAD, INTÄKTER eller "
                               "KOSTNADER), så det framgår inte om beloppen är intäkter eller kostnader")]
        self._in_block(values)
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
        kod, namn = kod_namn(values)
        return (values.get("_block"), kod, namn.casefold())

    def heading_note(self, heading: str) -> str | None:
        # Computed columns: the template's nettokostnad (a formula), the export's förändring.
        norm = normalize_heading(split_unit(heading)[0])
        if norm.startswith("nettokostnad") or norm.startswith("förändr"):
            return "läses inte: räknas fram av programmet"
        return None

    def above_headings(self, rows: list[list]) -> tuple[dict[str, Any], list[tuple[int, str]]]:
        """The ram typed in the template's row "Ram från fullmäktige": a net cost, read
        as a positive number whichever sign it was typed with (docs/domain/economy.md)."""
        self._block = None  # each reading of the sheet starts outside the export's blocks
        for index, row in enumerate(rows):
            if not row or not normalize_heading(row[0]).startswith("ramfrånfullmäktige"):
                continue
            value = next((v for v in row[1:] if not is_blank(v)), None)
            if value is None:
                return {}, []
            try:
                ram = abs(parse_decimal(value))
            except CellError as exc:
                return {}, [(index + 1, f"ramen från fullmäktige: {exc}")]
            return {"ram": kronor(ram, self.enhet)}, []
        return self._export_heading(rows), []

    def _export_heading(self, rows: list[list]) -> dict[str, Any]:
        """The program's own export says the ram in a sentence (internbudget.ram_text) and
        has the comment on the line after it."""
        texts = [str(r[0]).strip() if r and not is_blank(r[0]) else "" for r in rows]
        for i, text in enumerate(texts):
            if text == "Ingen ram från fullmäktige är angiven.":
                found: dict[str, Any] = {"ram": None}
            elif m := _RAM_TEXT.match(text):
                number = Decimal(re.sub(r"[\s\u00a0\u202f]", "", m[1]).replace(",", "."))
                found = {"ram": kronor(number, m[2])}
            else:
                continue
            if i + 1 < len(texts) and texts[i + 1] and texts[i + 1] != texts[0]:
                found["kommentar"] = texts[i + 1]
            return found
        return {}

    def store_above(self, db: Database, values: dict[str, Any]) -> None:
        svc = InternbudgetService(db)
        ib = svc.get(self.namnd_id, self.ar)
        if ib is None:
            return
        changed = False
        for name in ("ram", "kommentar"):
            if name in values and getattr(ib, name) != values[name]:
                setattr(ib, name, values[name])
                changed = True
        if changed:
            svc.save_huvud(ib)

    def replaces(self, db: Database) -> str | None:
        ib = InternbudgetService(db).get(self.namnd_id, self.ar)
        if ib is None or not ib.rader:
            return None
        return (f"internbudgeten {self.ar} finns redan med {len(ib.rader)} verksamheter; filens "
                "belopp skriver över deras belopp")

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        svc = InternbudgetService(db)
        ib = svc.get(self.namnd_id, self.ar) or svc.skapa(self.namnd_id, self.ar)
        by_id = {r.verksamhet.id: r for r in ib.rader}
        verksamheter = VerksamhetService(db)
        for values in rows:
            kod, namn = kod_namn(values)
            v = verksamheter.hitta_eller_skapa(self.namnd_id, kod, namn)
            rad = by_id.get(v.id) or InternbudgetRad(v)
            for (kolumn, block), falt in FALT.items():
                kr = self.amount(values.get(f"{block}_{kolumn}"))
                if kr is not None:  # a blank cell keeps what is there
                    setattr(rad, falt, kr)
            by_id[v.id] = rad
        svc.ersatt_rader(id_of(ib), list(by_id.values()))
        return len(rows)


def kod_namn(values: dict[str, Any]) -> tuple[str, str]:
    kod = str(values.get("kod") or "").strip()
    namn = str(values.get("verksamhet") or "").strip()
    if not kod:
        kod, namn = dela_benamning(namn)
    return kod, namn


# -- investeringar ----------------------------------------------------------------------------
def _forvaltning_id(db: Database, namnd_id: int, text: str | None) -> int | None:
    if not text:
        return None
    row = db.execute("SELECT id FROM forvaltning WHERE namnd_id = ? AND (kortnamn = ? COLLATE NOCASE "
                     "OR namn = ? COLLATE NOCASE)", [namnd_id, text.strip(), text.strip()]).fetchone()
    return row[0] if row else None


class _ForvaltningCheck:
    # Set by EconomyTarget, which this is mixed into; check_row runs on a bound target.
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


class InvesteringsredovisningImport(_ForvaltningCheck, EconomyTarget):
    kind = "investeringsredovisning"
    title = "Investeringsredovisning"

    def build_fields(self) -> tuple[FieldSpec, ...]:
        return (
            FieldSpec("projekt", "Projekt", "text", ("Huvudprojekt", "Investeringsprojekt", "Benämning",
                                                      "Investeringsobjekt"), required=True, max_length=300),
            FieldSpec("forvaltning", "Förvaltning", "text", ("Förv",), max_length=100),
            decimal_field("budget", "Budget", (f"Budget {self.ar}", "Budget helår", f"Budget helår {self.ar}",
                                      "Årsbudget")),
            decimal_field("omdisponering", "Omdisponering", ("Förslag till omdisponering", "Omdisp")),
            decimal_field("utfall", "Utfall", ("Utfall ack", f"Utfall ack {self.ar}-{self.manad:02d}",
                                      "Utfall ackumulerat")),
            decimal_field("prognos", "Prognos helår", ("Prognos", "Prognos utfall helår")),
            FieldSpec("slutredovisas", "Slutredovisas", "choice", ("Slutredovisning",), choices={
                "Ja": "ja", "J": "ja", "X": "ja", "Nej": "nej", "N": "nej"}),
        )

    def heading_note(self, heading: str) -> str | None:
        # The export's computed columns (app/budget/tabeller.py REDOVISNING_KOLUMNER).
        if normalize_heading(split_unit(heading)[0]) in ("kvar", "avvikelse", "budgetefteromdisp."):
            return "läses inte: räknas fram av programmet"
        # Beside "Budget" (read), a bokslut's "Budget 2023" is the budget after omdisponering.
        if normalize_heading(split_unit(heading)[0]) == f"budget{self.ar}":
            return "läses inte: budgeten efter omdisponering räknas fram av programmet"
        return None

    def check_row(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        problems = self.check_forvaltning(values)
        if values.get("budget") is not None and values["budget"] < 0:
            problems.append(("budget", "budgeten för ett investeringsprojekt kan inte vara negativ"))
        return problems

    def row_key(self, values: dict[str, Any]) -> Hashable | None:
        return str(values.get("projekt") or "").casefold()

    def replaces(self, db: Database) -> str | None:
        projekt = InvesteringService(db).redovisning(self.namnd_id, self.ar, self.manad).projekt
        if not projekt:
            return None
        return (f"investeringsredovisningen för {manadsnamn(self.manad)} {self.ar} finns redan med "
                f"{len(projekt)} projekt; filens projekt ersätter dem")

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        svc = InvesteringService(db)
        # A project already there by name keeps its id and comment (the file has none):
        # importing the month's own export again changes nothing.
        red = svc.redovisning(self.namnd_id, self.ar, self.manad)
        existing = {p.projekt.casefold(): p for p in red.projekt}
        kept = {str(v["projekt"]).strip().casefold() for v in rows}
        for name, p in existing.items():
            if name not in kept:
                svc.delete_projekt(id_of(p))
        for order, values in enumerate(rows, start=1):
            slut = values.get("slutredovisas")
            before = existing.pop(str(values["projekt"]).strip().casefold(), None)
            svc.save_projekt(Investeringsprojekt(
                id=before.id if before else None, kommentar=before.kommentar if before else "",
                namnd_id=self.namnd_id, ar=self.ar, manad=self.manad, projekt=values["projekt"],
                forvaltning_id=_forvaltning_id(db, self.namnd_id, values.get("forvaltning")),
                budget=kronor(values.get("budget"), self.enhet) or 0,
                omdisponering=kronor(values.get("omdisponering"), self.enhet) or 0,
                utfall=kronor(values.get("utfall"), self.enhet) or 0,
                prognos=kronor(values.get("prognos"), self.enhet),
                slutredovisas=None if slut is None else slut == "ja", ordning=order))
        return len(rows)


class InvesteringsbudgetImport(_ForvaltningCheck, EconomyTarget):
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
            fields.append(decimal_field(f"ar_{ar}", f"Investeringsbelopp {ar}", (
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
                and self._is_group_heading(values):
            return f"rubrikrad ”{values['benamning']}”"
        return reason

    def _is_group_heading(self, values: dict[str, Any]) -> bool:
        """A row without amounts that heads a group: "… nedan", or as the program's own
        export heads one, "SOF, Inventarier" (a förvaltning's kortnamn and a category)
        or "Övrigt", with no förvaltning or kategori of its own."""
        text = str(values.get("benamning") or "")
        if text.endswith("nedan"):
            return True
        if values.get("forvaltning") or values.get("kategori") or self.db is None:
            return False
        if text == "Övrigt":
            return True
        head = text.split(",", 1)[0].strip()
        return "," in text and _forvaltning_id(self.db, self.namnd_id, head) is not None

    def replaces(self, db: Database) -> str | None:
        plan = InvesteringService(db).get(self.namnd_id, self.ar)
        if plan is None or not plan.objekt:
            return None
        return (f"investeringsbudgeten {min(plan.ar)}–{max(plan.ar)} finns redan med {len(plan.objekt)} "
                "investeringsobjekt; filens objekt ersätter dem")

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        svc = InvesteringService(db)
        plan = svc.get(self.namnd_id, self.ar) or svc.skapa(self.namnd_id, self.ar, 3)

        def key(benamning: str, forvaltning_id: int | None, kategori: str) -> tuple:
            return benamning.strip().casefold(), forvaltning_id, kategori.strip().casefold()

        # An object already there (same name, förvaltning and category) keeps its id:
        # importing the plan's own export again changes nothing.
        existing = {key(o.benamning, o.forvaltning_id, o.kategori): o for o in plan.objekt}
        wanted = [(values, _forvaltning_id(db, self.namnd_id, values.get("forvaltning"))) for values in rows]
        kept = {key(str(v["benamning"]), f, v.get("kategori") or "") for v, f in wanted}
        for k, o in existing.items():
            if k not in kept:
                svc.delete_objekt(id_of(o))
        for order, (values, forvaltning_id) in enumerate(wanted, start=1):
            belopp = {ar: kronor(values.get(f"ar_{ar}"), self.enhet) or 0 for ar in plan.ar}
            # pop: a second row of the same name is a new object, not the first one again
            before = existing.pop(key(str(values["benamning"]), forvaltning_id, values.get("kategori") or ""),
                                  None)
            svc.save_objekt(Investeringsobjekt(
                id=before.id if before else None,
                investeringsbudget_id=id_of(plan), benamning=values["benamning"],
                kategori=values.get("kategori") or "", ordning=order, belopp=belopp,
                forvaltning_id=forvaltning_id), plan.ar)
        return len(rows)
