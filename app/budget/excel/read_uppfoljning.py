"""Excel import of a month's budgetuppföljning: an economy-system export like ”Utfall jan
2022”, or the program's own export, whose sheet also holds the analysis and the proposal
above the table and the blocks Åtgärdsplan and Ej budgeterat below it (read here too, so
that the export imports back whole).

Amounts are read as the nämnd prints them (its sign convention, kr or tkr) and stored as
internal kronor; sum rows are passed over (app/budget/excel/read.py).
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from sqlite_utils import Database

from app.budget.belopp import ENHETER, internt, till_enhet, visat
from app.budget.excel.read import EconomyTarget, decimal_field, is_sum_row, kod_namn, kronor
from app.budget.uppfoljning import (
    Atgard,
    EjBudgeterat,
    Justering,
    Siffror,
    UppfoljningRad,
    UppfoljningService,
)
from app.budget.verksamheter import VerksamhetService, manadsnamn
from app.excel_import import FieldSpec
from app.excel_import.values import UNITS, CellError, is_blank, normalize_heading, parse_decimal, split_unit
from app.numbers import format_number
from app.records import id_of


# -- budgetuppföljning ----------------------------------------------------------------------
class UppfoljningImport(EconomyTarget):
    kind = "budgetuppfoljning"
    title = "Budgetuppföljning"

    def build_fields(self) -> tuple[FieldSpec, ...]:
        m, full, u = manadsnamn(self.manad)[:3], manadsnamn(self.manad), self.enhet
        # "Budget aug" alone could be August's budget or January–August's: it is no
        # synonym; resolve_headings and heading_problems decide (docs/domain/economy.md).
        span = [f"jan-{m}", f"jan–{m}", f"januari-{full}", f"januari–{full}", f"ack {m}", f"ack {full}"]
        year_end = [f"Bokslut {self.ar}"] if self.manad == 12 else []
        return (
            FieldSpec("kod", "Kod", "text", ("Verksamhetskod", "Vht", "Konto", "Kontonummer"),
                      numbers_ok=True, max_length=20),
            FieldSpec("verksamhet", "Verksamhet", "text", (
                "Text", "Benämning", "Verksamhetsområde", "Kostnadsslag", "Beskrivning", "Namn",
                "Kontonamn"), required=True, numbers_ok=True, max_length=200),
            FieldSpec("grupp", "Grupp", "text", ("Block", "Delsumma", "Huvudgrupp"), max_length=100),
            decimal_field("arsbudget", "Årsbudget", ("Budget helår", "Budget år", f"Budget {self.ar}",
                                            "Helårsbudget"), u),
            decimal_field("budget_ack", "Periodiserad budget", (
                "Driftbudget periodiserad", "Budget ack", "Budget ackumulerat", "Budget perioden",
                "Periodbudget", *(f"Budget {s}" for s in span)), u),
            decimal_field("utfall_ack", "Utfall", (
                "Utfall ack", "Utfall ackumulerat", "Utfall inkl personalskuld", "Utfall perioden",
                "Ackumulerat utfall", *(f"Utfall {s}" for s in span), *year_end), u),
            decimal_field("budget_manad", "Budget månad", (f"Budget {m} månad", f"Budget {full} månad",
                                                  "Budget månaden", "Månadens budget"), u),
            decimal_field("utfall_manad", "Utfall månad", (f"Utfall {m} månad", f"Utfall {full} månad",
                                                  "Utfall månaden", "Månadens utfall"), u),
            decimal_field("sarskild_post", "Särskild post", ("Personalskuld", "Personalskuldsförändring",
                                                    "Särskild post ack", "Personalskuld ack"), u),
            decimal_field("prognos_avvikelse", "Prognos avvikelse helår", (
                "Prognos avvikelse", "Prognos helår", f"Prognos helår {self.ar}", "Helårsprognos",
                "Prognos", "Prognos avvikelse helår"), u),
        )

    def _month_headings(self, names: list[str]) -> list[tuple[int, str, str]]:
        """(column, field, word) of the headings "Budget aug", "Utfall augusti" (unit aside)."""
        m, full = manadsnamn(self.manad)[:3], manadsnamn(self.manad)
        found = []
        for col, name in enumerate(names):
            base = normalize_heading(split_unit(name)[0])
            for word, key in (("Budget", "budget_manad"), ("Utfall", "utfall_manad")):
                if base in (normalize_heading(f"{word} {m}"), normalize_heading(f"{word} {full}")):
                    found.append((col, key, word))
        return found

    @staticmethod
    def _tells_accumulated(names: list[str]) -> bool:
        """Whether the headings say which columns are accumulated ("Avvikelse ack. Aug"):
        then a month heading without "ack" beside them is the month's own figure."""
        return any("ack" in normalize_heading(n) for n in names)

    def resolve_headings(self, names: list[str], mapping: dict[int, str]) -> dict[int, str]:
        taken = set(mapping.values())
        found = {}
        post = _sarskild_post(names)
        if post is not None and post[0] not in mapping and "sarskild_post" not in taken:
            found[post[0]] = "sarskild_post"
        if self._tells_accumulated(names):
            found |= {col: key for col, key, _w in self._month_headings(names)
                      if col not in mapping and key not in taken}
        return found

    def heading_problems(self, names: list[str], mapping: dict[int, str]) -> dict[int, str]:
        if self._tells_accumulated(names):
            return {}
        full = manadsnamn(self.manad)
        month_label = {"Budget": "Budget månad", "Utfall": "Utfall månad"}
        ack_label = {"Budget": "Periodiserad budget", "Utfall": "Utfall"}
        return {col: (f"rubriken ”{names[col]}” kan vara {full} månads {word.lower()} eller "
                      f"{word.lower()} ackumulerat januari–{full}; välj fältet ”{month_label[word]}” eller "
                      f"”{ack_label[word]}” för kolumnen (kommandoraden: --mapping "
                      f"'{{\"{names[col]}\": \"{month_label[word]}\"}}')")
                for col, _key, word in self._month_headings(names) if col not in mapping}

    def heading_note(self, heading: str) -> str | None:
        norm = normalize_heading(split_unit(heading)[0])
        if norm.startswith("avvikelse"):
            return "läses inte: avvikelserna räknas fram av programmet"
        if norm.startswith("prognoshelår"):  # beside "Prognos avvikelse helår", as the export has it
            return ("läses inte: prognosen för helåret räknas fram av programmet (årsbudget + prognos "
                    "avvikelse)")
        if norm == f"bokslut{self.ar - 1}":
            return "läses inte: föregående års bokslut hör till den uppföljningen"
        return None

    def skip_reason(self, values: dict[str, Any]) -> str | None:
        reason = super().skip_reason(values)
        amounts = ("arsbudget", "budget_ack", "utfall_ack", "budget_manad", "utfall_manad", "sarskild_post",
                   "prognos_avvikelse")
        if reason is None and all(values.get(k) is None for k in amounts):
            return f"rubrikrad ”{values.get('verksamhet') or ''}” utan belopp"
        return reason

    def _previous(self) -> dict[tuple[str, str], Siffror] | None:
        """The month before's accumulated figures by (kod, namn), None when not reported."""
        if not hasattr(self, "_before"):
            svc = UppfoljningService(cast(Database, self.db))
            u = svc.get(self.namnd_id, self.ar, self.manad - 1) if self.manad > 1 else None
            self._before = None if u is None else {
                (r.verksamhet.kod, r.verksamhet.namn.casefold()): r.siffror for r in u.rader}
        return self._before

    def check_row(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        """A month's own figure is added to the month before's accumulated one, which
        must be in the program (January needs none); beside an accumulated figure it
        must agree with it."""
        keys = [k for k in ("budget_manad", "utfall_manad") if values.get(k) is not None
                and values.get(k.replace("manad", "ack")) is None]
        problems = self._month_disagrees(values)
        if not keys or self.manad == 1:
            return problems
        before = self._previous()
        kod, namn = kod_namn(values)
        if before is not None and (kod, namn.casefold()) in before:
            return problems
        prev = manadsnamn(self.manad - 1)
        missing = f"saknar raden {namn!r}" if before is not None else "är inte inlagd"
        return [*problems, (keys[0], f"månadens belopp läggs till {prev}s ackumulerade, men {prev} {missing}"
                                     f"; importera {prev} först eller en fil med ackumulerade belopp")]

    def _month_disagrees(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        """A month's own figure beside the accumulated one must be the accumulated
        minus the month before's in the program (in January the accumulated itself):
        the program shows the month as that difference and stores only accumulated
        figures, so a file saying otherwise is refused rather than stored half. A
        difference of one unit (tkr or kr) is the rounding of figures printed whole.
        Without the month before the file's month figures are kept as they are."""
        before = self._previous() if self.manad > 1 else {}
        if before is None or getattr(self, "_wrong_unit", False):
            return []
        kod, namn = kod_namn(values)
        was = before.get((kod, namn.casefold()), Siffror())
        prev = manadsnamn(self.manad - 1) if self.manad > 1 else ""
        problems: list[tuple[str | None, str]] = []
        for key, ack in (("budget_manad", "budget_ack"), ("utfall_manad", "utfall_ack")):
            month, accumulated = self.amount(values.get(key)), self.amount(values.get(ack))
            if month is None or accumulated is None:
                continue
            implied = accumulated - getattr(was, ack)
            if abs(implied - month) <= ENHETER[self.enhet]:
                continue
            shown, word = self._shown, key.split("_")[0]
            since = (f"{word} ack. {shown(accumulated)} minus {prev}s {word} ack. {shown(getattr(was, ack))} "
                     f"i programmet ger {shown(implied)}" if prev else
                     f"i januari är månaden hela perioden, {word} ack. {shown(accumulated)}")
            problems.append((key, f"månadens {word} är {shown(month)} i filen, men {since}; rätta filen "
                                  f"{'eller ' + prev + ' i programmet ' if prev else ''}och importera igen"))
        return problems

    def _shown(self, kr: int) -> str:
        """Internal kronor as the file writes them (the nämnd's sign, the file's unit)."""
        value = till_enhet(visat(kr, self.konvention), self.enhet)
        return f"{format_number(value, 0 if value == int(value) else 3)} {self.enhet}"

    def row_key(self, values: dict[str, Any]) -> Hashable | None:
        kod, namn = kod_namn(values)
        return (kod, namn.casefold())

    def replaces(self, db: Database) -> str | None:
        u = UppfoljningService(db).get(self.namnd_id, self.ar, self.manad)
        if u is None or not u.rader:
            return None
        return (f"budgetuppföljningen för {manadsnamn(self.manad)} {self.ar} finns redan med "
                f"{len(u.rader)} rader; filens rader ersätter dem")

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        svc = UppfoljningService(db)
        u = svc.get(self.namnd_id, self.ar, self.manad) or svc.skapa(
            self.namnd_id, self.ar, self.manad, enhet=self.enhet)
        verksamheter = VerksamhetService(db)
        rader = []
        before = self._previous() or {}
        for order, values in enumerate(rows, start=1):
            kod, namn = kod_namn(values)
            prev = before.get((kod, namn.casefold()), Siffror())
            for key, ack, was in (("budget_manad", "budget_ack", prev.budget_ack),
                                  ("utfall_manad", "utfall_ack", prev.utfall_ack)):
                month = self.amount(values.get(key))
                if values.get(ack) is None and month is not None:
                    values[ack] = None
                    values[f"_{ack}_kr"] = (was if self.manad > 1 else 0) + month
            v = verksamheter.hitta_eller_skapa(self.namnd_id, kod, namn, values.get("grupp") or "")
            if values.get("grupp") and v.grupp != values["grupp"]:
                v.grupp = values["grupp"]
                verksamheter.save(v)
            rader.append(UppfoljningRad(v, Siffror(
                arsbudget=self.amount(values.get("arsbudget")),
                # The year's end: the accumulated budget is the year's.
                budget_ack=values.get("_budget_ack_kr") or self.amount(values.get("budget_ack")) or (
                    self.amount(values.get("arsbudget")) if self.manad == 12 else 0) or 0,
                utfall_ack=values.get("_utfall_ack_kr") or self.amount(values.get("utfall_ack")) or 0,
                sarskild_post_ack=self.amount(values.get("sarskild_post")) or 0,
                # A deviation has the same sign for every nämnd: not turned.
                prognos_avvikelse=kronor(values.get("prognos_avvikelse"), self.enhet)), order))
            for key, ack in (("budget_manad", "budget_ack"), ("utfall_manad", "utfall_ack")):
                month = self.amount(values.get(key))
                if month is not None and values.get(ack) is not None:
                    # Both given: the file says the month before's figure too (kept while
                    # that month is not in the program, UppfoljningService.ersatt_rader).
                    setattr(rader[-1].siffror, f"fg_{ack}", getattr(rader[-1].siffror, ack) - month)
        svc.ersatt_rader(id_of(u), rader)
        return len(rows)

    # -- the program's own export: analysis above the table, blocks below it -------------
    def above_headings(self, rows: list[list]) -> tuple[dict[str, Any], list[tuple[int, str]]]:
        """The analysis and the proposal, on the lines after the export's line saying
        the unit (write.py): only the program's own export has them."""
        texts = [_text(r[0]) if r else "" for r in rows]
        start = next((i for i, t in enumerate(texts) if _FORMAT_LINE.match(t)), None)
        found: dict[str, Any] = {}
        # Figures read in the wrong unit cannot be compared (_month_disagrees).
        self._wrong_unit = False
        if start is None:
            return found, []
        unit = _FORMAT_LINE.match(texts[start])[1]  # type: ignore[index]
        if unit != self.enhet:
            self._wrong_unit = True
            return found, [(start + 1, f"filen säger ”Belopp i {unit}”, men beloppen läses i {self.enhet}; "
                                       f"importera med enheten {unit} (kommandoraden: --enhet {unit})")]
        for line in texts[start + 1:]:
            if not line:
                break
            if line.startswith(_FORSLAG):
                found["forslag_till_beslut"] = line[len(_FORSLAG):].strip()
            else:
                found["analys"] = line
        return found, []

    def below_table(self, rows: list[list], header_index: int
                    ) -> tuple[int | None, dict[str, Any], list[tuple[int, str]]]:
        """The blocks Åtgärdsplan and Ej budgeterat that the export writes below the table
        (a caption row, then headings): the table ends at the first of them."""
        starts = [i for i in range(header_index + 1, len(rows) - 1) if _block(rows, i) is not None]
        found: dict[str, Any] = {}
        problems: list[tuple[int, str]] = []
        post = _sarskild_post([_text(v) for v in rows[header_index]])
        if post is not None:
            found["sarskild_post"] = post[1]
        table_end = starts[0] if starts else None
        first = self._read_justeringar(rows, header_index, table_end or len(rows), found, problems)
        if first is not None:
            table_end = first
        for n, start in enumerate(starts):
            key = cast(str, _block(rows, start))
            end = starts[n + 1] if n + 1 < len(starts) else len(rows)
            found[key] = self._read_block(key, rows, start, end, problems)
        return table_end, found, problems

    def _read_justeringar(self, rows: list[list], header_index: int, end: int, found: dict[str, Any],
                          problems: list[tuple[int, str]]) -> int | None:
        """The justeringar the export writes between "Resultat" and "Resultat exkl
        <rubrik>" (only their deviation is filled in); the index of the first, or None
        when the table has no such rows."""
        labels = [_text(r[0]) if r else "" for r in rows[:end]]
        exkl = next((i for i in range(header_index + 1, end)
                     if normalize_heading(labels[i]).startswith("resultatexkl")), None)
        result = None if exkl is None else next((i for i in range(exkl - 1, header_index, -1)
                                                 if normalize_heading(labels[i]) == "resultat"), None)
        if exkl is None or result is None or exkl == result + 1:
            return None
        headings = [_text(v) for v in rows[header_index]]
        # Only the export's shape: a name and deviations (an economy system's "Resultat
        # exkl personalskuld" with figures is a sum row like any other).
        figures = [c for c, h in enumerate(headings)
                   if c and not normalize_heading(h).startswith("avvikelse")]
        if any(c < len(rows[i]) and not is_blank(rows[i][c])
               for i in range(result + 1, exkl + 1) for c in figures):
            return None
        col = next((c for c, h in enumerate(headings)
                    if normalize_heading(split_unit(h)[0]).startswith("avvikelseack")), None)
        if col is None:
            month = manadsnamn(self.manad)[:3]
            problems.append((header_index + 1, f"justeringarna under ”{labels[result]}” har inget "
                                               f"belopp: kolumnen ”Avvikelse ack. {month}” saknas"))
            return result + 1
        unit = split_unit(headings[col])[1] or self.enhet
        items = []
        for index in range(result + 1, exkl):
            row = rows[index]
            if all(is_blank(v) for v in row):
                continue
            value = row[col] if col < len(row) else None
            where = f"justeringen ”{labels[index]}”, kolumnen ”{headings[col]}”"
            if not labels[index]:
                problems.append((index + 1, "en justering under Resultat saknar benämning (måste fyllas i)"))
                continue
            try:
                number = parse_decimal(value)
            except CellError as exc:
                problems.append((index + 1, f"{where}: {exc}"))
                continue
            if number is None or UNITS.get(unit) is None:
                problems.append((index + 1, f"{where}: avvikelsen saknas" if number is None
                                 else f"{where}: {unit} är inget belopp"))
                continue
            # A deviation has the same sign for every nämnd: not turned.
            kr = int((number * cast(Decimal, UNITS[unit])).quantize(Decimal(1), rounding=ROUND_HALF_UP))
            items.append(Justering(labels[index], kr))
        found["justeringar"] = items
        found["justering_rubrik"] = re.sub(r"^resultat\s+exkl\.?\s*", "", labels[exkl], flags=re.IGNORECASE)
        return result + 1

    def _read_block(self, key: str, rows: list[list], start: int, end: int,
                    problems: list[tuple[int, str]]) -> list:
        caption, columns = BLOCKS[key]
        headings = [_text(v) for v in rows[start + 1]]
        column_of: dict[str, int] = {}
        units: dict[str, str] = {}
        for col, heading in enumerate(headings):
            if not heading:
                continue
            base, unit = split_unit(heading)
            name = next((c for c in columns if normalize_heading(c) == normalize_heading(base)), None)
            if name is None:
                problems.append((start + 2, f"{caption}: kolumnen ”{heading}” känns inte igen (kolumnerna är "
                                            f"{', '.join(columns)})"))
                continue
            column_of[name] = col
            units[name] = unit or self.enhet
        items: list = []
        for index in range(start + 2, end):
            row = rows[index]
            if all(is_blank(v) for v in row):
                continue
            cells = {name: row[col] if col < len(row) else None for name, col in column_of.items()}
            item = self._block_item(key, caption, cells, units, index + 1, problems)
            if item is not None:
                items.append(item)
        return items

    def _block_item(self, key: str, caption: str, cells: dict[str, Any], units: dict[str, str],
                    excel_row: int, problems: list[tuple[int, str]]):
        first = "Åtgärd" if key == "atgarder" else "Benämning"
        if key == "ej_budgeterat" and is_sum_row(_text(cells.get("Benämning"))):
            return None  # the export's sum, computed by the program
        if not _text(cells.get(first)):
            problems.append((excel_row, f"{caption}: {first} saknas (måste fyllas i)"))
            return None
        amounts: dict[str, int | None] = {}
        for name, value in cells.items():
            if name in ("Belopp", "Ackumulerat", "Prognos helår") and not is_blank(value):
                try:
                    amounts[name] = kronor(parse_decimal(value), units[name])
                except CellError as exc:
                    problems.append((excel_row, f"{caption}, kolumnen ”{name}”: {exc}"))
                    return None
        if key == "atgarder":
            return Atgard(atgard=_text(cells.get("Åtgärd")), avvikelse=_text(cells.get("Avvikelse")),
                          ekonomisk_effekt=_text(cells.get("Förväntade ekonomiska effekter")),
                          verksamhetseffekt=_text(cells.get("Förväntade verksamhetseffekter")),
                          belopp=amounts.get("Belopp"))
        # Ej budgeterat is shown as the nämnd shows amounts (its sign convention).
        return EjBudgeterat(benamning=_text(cells.get("Benämning")),
                            ack=internt(amounts.get("Ackumulerat") or 0, self.konvention),
                            prognos_helar=internt(amounts.get("Prognos helår") or 0, self.konvention))

    def store_above(self, db: Database, values: dict[str, Any]) -> None:
        """The analysis, the proposal and the blocks the file has; what the file does not
        have is left as it is, and what is the same is not written again."""
        svc = UppfoljningService(db)
        u = svc.get(self.namnd_id, self.ar, self.manad)
        if u is None:
            return
        texts = {k: values[k] for k in ("analys", "forslag_till_beslut", "sarskild_post", "justering_rubrik")
                 if k in values}
        if any(getattr(u, k) != v for k, v in texts.items()):
            for k, v in texts.items():
                setattr(u, k, v)
            svc.save_huvud(u)
        blocks = (("atgarder", "atgard", u.atgarder, svc.save_atgard),
                  ("ej_budgeterat", "budgetuppfoljning_ej_budgeterat", u.ej_budgeterat,
                   svc.save_ej_budgeterat),
                  ("justeringar", "budgetuppfoljning_justering", u.justeringar, svc.save_justering))
        for key, table, current, save in blocks:
            if key not in values or [_content(i) for i in current] == [_content(i) for i in values[key]]:
                continue
            for item in current:
                svc.delete_item(table, id_of(item))
            for order, item in enumerate(values[key], start=1):
                item.ordning = order
                save(id_of(u), item)


#: The export's line saying the unit and the sign convention (write.py, _format_line).
_FORMAT_LINE = re.compile(r"^Belopp i (tkr|kr);")
_FORSLAG = "Förslag till beslut:"
#: Blocks below the table: key → (caption, the columns the export writes).
BLOCKS = {
    "atgarder": ("Åtgärdsplan", ("Avvikelse", "Åtgärd", "Förväntade ekonomiska effekter",
                                 "Förväntade verksamhetseffekter", "Belopp")),
    "ej_budgeterat": ("Ej budgeterat", ("Benämning", "Ackumulerat", "Prognos helår")),
}


def _text(value: Any) -> str:
    return "" if is_blank(value) else str(value).strip()


def _block(rows: list[list], index: int) -> str | None:
    """The block whose caption row is ``rows[index]`` (its headings on the next row)."""
    row, after = rows[index], rows[index + 1]
    if not row or any(not is_blank(v) for v in row[1:]) or not after:
        return None
    for key, (caption, columns) in BLOCKS.items():
        if normalize_heading(row[0]) == normalize_heading(caption) \
                and normalize_heading(after[0]) == normalize_heading(columns[0]):
            return key
    return None


def _sarskild_post(names: list[str]) -> tuple[int, str] | None:
    """(column, name) of the särskild post as the export heads it, "<Name> ack." beside
    "Avvikelse exkl. <name>"; the name is "" for the export's generic "Särskild post"."""
    bases = {normalize_heading(split_unit(n)[0]) for n in names}
    for col, name in enumerate(names):
        m = re.fullmatch(r"(.+?)\s+ack\.?", split_unit(name)[0].strip(), re.IGNORECASE)
        if m and normalize_heading(f"Avvikelse exkl {m[1]}") in bases:
            post = m[1].strip()
            return col, "" if normalize_heading(post) == normalize_heading("Särskild post") else post
    return None


def _content(item: Atgard | EjBudgeterat | Justering) -> tuple:
    """An item without its id and order, to compare with what a file says."""
    return tuple(v for k, v in vars(item).items() if k not in ("id", "ordning"))
