"""The economy tables as laid out on screen, in Excel and on paper: rows of cells
with a style (heading, data, subtotal, total), each cell typed (text, an amount, a
deviation …) and, on screen, editable when it holds entered data.

One layout per table, used by the Ekonomi area (ui/budget), the Excel export and the
PDFs, so the three always show the same rows and the same computed sums.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.budget.belopp import Teckenkonvention, format_belopp, format_decimal, till_enhet, visat
from app.budget.internbudget import BLOCK, BLOCK_RUBRIK, KOLUMNER, SUMMA_RUBRIK, Internbudget
from app.budget.investeringar import Investeringsbudget, Investeringsredovisning
from app.budget.nyckeltal import Nyckeltalstabell
from app.budget.uppfoljning import Arsoversikt, Budgetuppfoljning
from app.budget.verksamheter import MANADER
from app.records import id_of

#: Cell kinds: 'text'; 'belopp' (an amount, turned by the nämnd's sign convention);
#: 'avvikelse' (a deviation: positive is better than budget for every nämnd);
#: 'utgift' (an investment outlay, always positive); 'decimal' (a key figure);
#: 'janej' (Ja/Nej/empty).
NUMBER_KINDS = ("belopp", "avvikelse", "utgift")


@dataclass
class Cell:
    """One cell of a table; ``kind`` is one of the kinds above."""

    value: Any = None
    kind: str = "text"
    key: Any = None  # given to the save function; None = not editable
    tooltip: str = ""
    enhet: str | None = None  # for 'decimal': 'procent' adds %

    @property
    def editable(self) -> bool:
        return self.key is not None


@dataclass
class GridRow:
    cells: list[Cell]
    style: str = "data"  # 'data', 'rubrik' (block heading), 'summa', 'total'
    ref: Any = None  # what the row is about (a Verksamhet, an object), for the tab


def text(value: str, **kw) -> Cell:
    return Cell(value, "text", **kw)


def internbudget_rows(ib: Internbudget, editable: bool = True) -> list[GridRow]:
    """The table as printed: per block a heading, the verksamheter, group subtotals
    (when verksamheter are grouped) and the block sum."""
    rows: list[GridRow] = []
    for block in BLOCK:
        rows.append(GridRow([text(BLOCK_RUBRIK[block])] + [Cell()] * len(KOLUMNER), "rubrik"))
        for r in ib.rader:
            b = r.block(block)
            cells = [text(r.verksamhet.benamning)]
            for kol in KOLUMNER:
                typed = editable and block != "netto" and kol != "forandring"
                cells.append(Cell(b.kolumn(kol), "belopp",
                                  key=(r.verksamhet.id, kol, block) if typed else None))
            rows.append(GridRow(cells, "data", r.verksamhet))
        if ib.har_grupper():
            for grupp in ib.grupper():
                if grupp:
                    s = ib.gruppsumma(block, grupp)
                    rows.append(GridRow([text(f"varav {grupp}")] + [Cell(s.kolumn(k), "belopp")
                                                                     for k in KOLUMNER], "summa"))
        s = ib.summa(block)
        rows.append(GridRow([text(SUMMA_RUBRIK[block])] + [Cell(s.kolumn(k), "belopp") for k in KOLUMNER],
                            "total"))
    return rows


REDOVISNING_KOLUMNER = ("Projekt", "Budget", "Omdisponering", "Budget efter omdisp.", "Utfall", "Kvar",
                        "Prognos helår", "Avvikelse", "Slutredovisas")


def plan_rows(plan: Investeringsbudget, editable: bool = True) -> list[GridRow]:
    rows: list[GridRow] = []
    for forv, kat, objekt in plan.grupper():
        rows.append(GridRow([text(", ".join(p for p in (forv, kat) if p) or "Övrigt")]
                            + [Cell()] * len(plan.ar), "rubrik"))
        for o in objekt:
            cells = [text(o.benamning, key=("benamning", o.id) if editable else None)]
            cells += [Cell(o.belopp.get(ar), "utgift", key=("belopp", o.id, ar) if editable else None)
                      for ar in plan.ar]
            rows.append(GridRow(cells, "data", o))
        s = plan.summa_kategori(forv, kat)
        rows.append(GridRow([text(f"Summa {', '.join(p for p in (forv, kat) if p)}")]
                            + [Cell(s[ar], "utgift") for ar in plan.ar], "summa"))
    total = plan.totalt()
    rows.append(GridRow([text("Summa")] + [Cell(total[ar], "utgift") for ar in plan.ar], "total"))
    forvaltningar = [f for f in plan.forvaltningar() if f]
    if len(forvaltningar) > 1:
        for forv in forvaltningar:
            s = plan.summa_forvaltning(forv)
            rows.append(GridRow([text(f"Varav summa {forv}")] + [Cell(s[ar], "utgift") for ar in plan.ar],
                                "summa"))
    return rows


def redovisning_rows(red: Investeringsredovisning, editable: bool = True) -> list[GridRow]:
    rows = []
    for p in red.projekt:
        def k(name, p=p):
            return (p.id, name) if editable else None
        rows.append(GridRow([
            text(p.projekt, key=k("projekt")), Cell(p.budget, "utgift", key=k("budget")),
            Cell(p.omdisponering, "utgift", key=k("omdisponering")), Cell(p.budget_efter, "utgift"),
            Cell(p.utfall, "utgift", key=k("utfall")), Cell(p.kvar, "utgift"),
            Cell(p.prognos, "utgift", key=k("prognos"),
                 tooltip="Väntat utfall för hela året; tomt = utfallet (som vid bokslut)."),
            Cell(p.avvikelse, "avvikelse"), Cell(p.slutredovisas, "janej", key=k("slutredovisas")),
        ], "data", p))
    prognos = sum(p.prognos if p.prognos is not None else p.utfall for p in red.projekt)
    rows.append(GridRow([text("Summa")] + [Cell(red.summa(n), "utgift") for n in (
        "budget", "omdisponering", "budget_efter", "utfall", "kvar")]
        + [Cell(prognos, "utgift"), Cell(red.summa("avvikelse"), "avvikelse"), Cell()], "total"))
    return rows


#: (header pattern, figure, kind, typed field or None)
UPPF_KOLUMNER = (
    ("Årsbudget", "arsbudget", "belopp", "arsbudget"),
    ("Budget {m}", "budget_manad", "belopp", None),
    ("Utfall {m}", "utfall_manad", "belopp", None),
    ("Avvikelse {m}", "avvikelse_manad", "avvikelse", None),
    ("Budget ack. {m}", "budget_ack", "belopp", "budget_ack"),
    ("Utfall ack. {m}", "utfall_ack", "belopp", "utfall_ack"),
    ("Avvikelse ack. {m}", "avvikelse_ack", "avvikelse", None),
    ("{s} ack.", "sarskild_post_ack", "belopp", "sarskild_post_ack"),
    ("Avvikelse exkl. {sl}", "avvikelse_ack_exkl", "avvikelse", None),
    ("Prognos avvikelse helår", "prognos_avvikelse", "avvikelse", "prognos_avvikelse"),
    ("Prognos helår", "prognos_helar", "belopp", None),
)
SARSKILDA = (7, 8)


def uppfoljning_headers(u: Budgetuppfoljning, budgetdokument: str | None = None) -> list[str]:
    """The column headings; with ``budgetdokument`` the year's budget is headed by the
    budget document's name and the year ("Budget 2023", "M & B 2023") instead of
    "Årsbudget" (which the Excel export keeps, so that its file imports back)."""
    m = MANADER[u.manad - 1][:3]
    s = u.sarskild_post or "Särskild post"
    heads = ["Verksamhet"] + [h.format(m=m, s=s, sl=s.lower()) for h, *_ in UPPF_KOLUMNER]
    if budgetdokument:
        heads[1] = f"{budgetdokument} {u.ar}"
    return heads


def _figures(s) -> list[Cell]:
    return [Cell(s.varde(name), kind) for _h, name, kind, _t in UPPF_KOLUMNER]


def uppfoljning_rows(u: Budgetuppfoljning, editable: bool = True) -> list[GridRow]:
    rows: list[GridRow] = []
    for grupp, rader in u.grupper():
        for r in rader:
            cells = [text(r.verksamhet.benamning)]
            for _h, name, kind, typed in UPPF_KOLUMNER:
                key = (r.verksamhet.id, typed) if editable and typed else None
                cells.append(Cell(r.siffror.varde(name), kind, key=key))
            rows.append(GridRow(cells, "data", r.verksamhet))
        if grupp:
            s = u.gruppsumma(grupp)
            rows.append(GridRow([text(f"{grupp} totalt"), *_figures(s)], "summa"))
    res = u.resultat()
    rows.append(GridRow([text("Resultat"), *_figures(res)], "total"))
    if u.justeringar:
        blank = [Cell() for _ in UPPF_KOLUMNER]
        for j in u.justeringar:
            cells = [text(j.benamning), *blank]
            cells[7] = Cell(j.avvikelse, "avvikelse")
            cells[9] = Cell(j.avvikelse, "avvikelse")
            rows.append(GridRow(cells, "data", j))
        exkl, exkl_sarskild = u.resultat_exkl()
        cells = [text(f"Resultat exkl {u.justering_rubrik}".strip())] + [Cell() for _ in UPPF_KOLUMNER]
        cells[7], cells[9] = Cell(exkl, "avvikelse"), Cell(exkl_sarskild, "avvikelse")
        rows.append(GridRow(cells, "total"))
    return rows


#: What the year table can show: label -> (figure, kind).
MATT = {
    "Avvikelse ackumulerad": ("avvikelse_ack", "avvikelse"),
    "Avvikelse per månad": ("avvikelse_manad", "avvikelse"),
    "Prognos avvikelse helår": ("prognos_avvikelse", "avvikelse"),
    "Utfall ackumulerat": ("utfall_ack", "belopp"),
    "Utfall per månad": ("utfall_manad", "belopp"),
    "Budget ackumulerad": ("budget_ack", "belopp"),
}


def ar_rows(ov: Arsoversikt, figure: str, kind: str) -> list[GridRow]:
    rows = []
    for v in ov.verksamheter:
        rows.append(GridRow([text(v.benamning)] + [Cell(ov.varde(id_of(v), m, figure), kind)
                                                   for m in range(1, 13)], "data", v))
    rows.append(GridRow([text("Resultat")] + [
        Cell(ov.totalt[m].varde(figure) if m in ov.totalt else None, kind) for m in range(1, 13)], "total"))
    return rows


def nyckeltal_headers(t: Nyckeltalstabell) -> list[str]:
    if t.slag == "volym":
        return ["Volymmått"] + [k.rubrik for k in t.kolumner]
    heads = ["Nyckeltal", "Mätdatum"]
    for k in t.kolumner:
        heads += [f"Totalt {k.ar}", f"Kvinnor {k.ar}", f"Män {k.ar}"]
    return heads


def nyckeltal_rows(t: Nyckeltalstabell, editable: bool = True) -> list[GridRow]:
    rows = []
    for avsnitt, items in t.avsnitt():
        if avsnitt and t.slag == "personal":
            rows.append(GridRow([text(avsnitt)] + [Cell()] * (len(nyckeltal_headers(t)) - 1), "rubrik"))
        for n in items:
            cells = [text(n.namn, key=(n.id, None, "namn") if editable else None)]
            if t.slag == "personal":
                cells.append(text(n.matdatum, key=(n.id, None, "matdatum") if editable else None))
            for k in t.kolumner:
                v = t.varde(id_of(n), k)

                def key(part, n=n, k=k):
                    return (n.id, k, part) if editable else None
                total_typed = not n.summerbar
                cells.append(Cell(v.summa(n.summerbar), "decimal", key=key("totalt") if total_typed else None,
                                  enhet=n.enhet,
                                  tooltip="" if total_typed else "Räknas fram: kvinnor + män."))
                if t.slag == "personal":
                    split = n.kon_uppdelad
                    for part in ("kvinnor", "man"):
                        cells.append(Cell(getattr(v, part), "decimal", key=key(part) if split else None,
                                          enhet=n.enhet))
            rows.append(GridRow(cells, "data", n))
    return rows




@dataclass
class Tabell:
    """A whole table with its heading, for export and print."""

    rubrik: str
    headers: list[str]
    rows: list[GridRow]
    enhet: str = "tkr"
    konvention: Teckenkonvention = Teckenkonvention.KOSTNADER_NEGATIVA
    #: Columns left out (empty or not used by this report), by index.
    dolda: tuple[int, ...] = ()
    #: Printed under the table, one line each ("* Avser perioden …").
    fotnoter: tuple[str, ...] = ()

    def synliga(self) -> list[int]:
        return [i for i in range(len(self.headers)) if i not in self.dolda]


def cell_text(c: Cell, konvention: Teckenkonvention | str, enhet: str) -> str:
    """A cell as printed: amounts in the nämnd's sign and unit, Swedish formats."""
    if c.value is None or c.value == "":
        return ""
    if c.kind == "belopp":
        return format_belopp(visat(c.value, konvention), enhet)
    if c.kind in ("avvikelse", "utgift"):
        return format_belopp(c.value, enhet)
    if c.kind == "decimal":
        return format_decimal(c.value, c.enhet or "antal")
    if c.kind == "janej":
        return "Ja" if c.value else "Nej"
    return str(c.value)


def cell_number(c: Cell, konvention: Teckenkonvention | str, enhet: str) -> Decimal | int | str | None:
    """A cell as a number for a spreadsheet: amounts exactly, in the unit shown (a
    krona amount in tkr keeps its decimals, so Excel's own sums agree to the krona)."""
    if c.value is None or c.value == "":
        return None
    if c.kind in NUMBER_KINDS:
        kr = visat(c.value, konvention) if c.kind == "belopp" else c.value
        value = till_enhet(kr, enhet)
        return int(value) if value == int(value) else value
    if c.kind == "decimal":
        return c.value
    return cell_text(c, konvention, enhet)


def tabell_internbudget(ib: Internbudget, enhet: str, konvention, budgetdokument: str = "Budget") -> Tabell:
    heads = ib.kolumnrubriker(budgetdokument)
    return Tabell(ib.rubrik, [f"({enhet.capitalize()})"] + [heads[k] for k in KOLUMNER],
                  internbudget_rows(ib, editable=False), enhet, Teckenkonvention(konvention))


def tabell_investeringsbudget(plan: Investeringsbudget, enhet: str) -> Tabell:
    return Tabell(plan.rubrik, plan_headers(plan, enhet), plan_rows(plan, editable=False), enhet)


def plan_headers(plan: Investeringsbudget, enhet: str) -> list[str]:
    return ["Investeringsobjekt"] + [f"Investeringsbelopp {enhet} {ar}" for ar in plan.ar]


def tabell_investeringsredovisning(red: Investeringsredovisning, enhet: str) -> Tabell:
    dolda = []
    if not red.har_prognos():
        dolda.append(6)
    if not red.har_omdisponering():
        dolda += [2, 3]
    if all(p.slutredovisas is None for p in red.projekt):
        dolda.append(8)
    return Tabell(red.rubrik, list(REDOVISNING_KOLUMNER), redovisning_rows(red, editable=False), enhet,
                  dolda=tuple(dolda))


def uppfoljning_dolda(u: Budgetuppfoljning) -> tuple[int, ...]:
    """Columns a report leaves out: the month's own figures in January (they equal the
    period), the särskild post when there is none, the year budget and forecast when
    not reported."""
    dolda = []
    if not u.har_arsbudget():
        dolda += [1, 11]
    if u.manad == 1 or not u.har_foregaende:
        dolda += [2, 3, 4]
    if not u.har_sarskild_post():
        dolda += [8, 9]
    if not u.har_prognos():
        dolda += [10, 11]
    return tuple(sorted(set(dolda)))


def tabell_uppfoljning(u: Budgetuppfoljning, konvention, budgetdokument: str | None = None) -> Tabell:
    return Tabell(u.rubrik, uppfoljning_headers(u, budgetdokument), uppfoljning_rows(u, editable=False),
                  u.enhet, Teckenkonvention(konvention), uppfoljning_dolda(u))


def med_bokslut(t: Tabell, fg: Budgetuppfoljning) -> Tabell | None:
    """A year's results table with last year's bokslut (the utfall of last December,
    ``fg``) as its second column, "Bokslut 2022" as in an årsredovisning: per
    verksamhet, group sums and the result. None when a verksamhet of last year is not in
    this year's table: its sums would then not be last year's result."""
    by_id = {r.verksamhet.id: r.siffror.utfall_ack for r in fg.rader}
    shown = {getattr(row.ref, "id", None) for row in t.rows if row.style == "data"}
    if not by_id or not set(by_id) <= shown:
        return None
    rows, group, total, first_total = [], 0, 0, True
    for row in t.rows:
        value: int | None = None
        ref = getattr(row.ref, "id", None)
        if row.style == "data" and ref in by_id:
            value = by_id[ref]
            group += value
            total += value
        elif row.style == "summa":
            value, group = group, 0
        elif row.style == "total" and first_total:
            value, first_total = total, False
        rows.append(GridRow([row.cells[0], Cell(value, "belopp"), *row.cells[1:]], row.style, row.ref))
    headers = [t.headers[0], f"Bokslut {fg.ar}", *t.headers[1:]]
    return Tabell(t.rubrik, headers, rows, t.enhet, t.konvention, tuple(i + 1 for i in t.dolda), t.fotnoter)


def tabell_ar(ov: Arsoversikt, matt: str, enhet: str, konvention) -> Tabell:
    figure, kind = MATT[matt]
    return Tabell(f"{matt} {ov.ar}", ["Verksamhet"] + [m[:3].capitalize() for m in MANADER],
                  ar_rows(ov, figure, kind), enhet, Teckenkonvention(konvention))


def _empty_column(rows: list[GridRow], i: int) -> bool:
    return all(i >= len(r.cells) or r.cells[i].value in (None, "") for r in rows if r.style == "data")


def tabell_nyckeltal(t: Nyckeltalstabell, rubrik: str, fotnoter: tuple[str, ...] | list[str] = ()) -> Tabell:
    """The key figures as printed: a column no row of the table has anything in (a
    Mätdatum, a year's Kvinnor and Män, a year without values) is left out, and a
    personal table without any split is headed by the years alone, as an
    årsredovisning's "2023 | 2022"."""
    headers, rows = nyckeltal_headers(t), nyckeltal_rows(t, editable=False)
    dolda = [i for i in range(1, len(headers)) if _empty_column(rows, i)]
    split = [i for n in range(len(t.kolumner)) for i in (3 + 3 * n, 4 + 3 * n)]
    if t.slag == "personal" and all(i in dolda for i in split):
        headers = headers[:2] + [h.removeprefix("Totalt ") if i % 3 == 0 else h
                                 for i, h in enumerate(headers[2:])]
    return Tabell(rubrik, headers, rows, dolda=tuple(dolda), fotnoter=tuple(fotnoter))
