"""The economy's Excel exports: every table as the nämnd sees it (same rows and
computed sums as the screen and the PDF, amounts as real numbers in the unit shown),
and the ready template ”bilaga Internbudget” that staff fill in and import.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlite_utils import Database

from app.budget.belopp import TECKEN_LABELS, Teckenkonvention, till_enhet, visat
from app.budget.internbudget import InternbudgetRad
from app.budget.nyckeltal import SLAG
from app.budget.service import Ekonomi
from app.budget.tabeller import (
    MATT,
    Tabell,
    cell_number,
    tabell_ar,
    tabell_internbudget,
    tabell_investeringsbudget,
    tabell_investeringsredovisning,
    tabell_nyckeltal,
    tabell_uppfoljning,
)
from app.budget.verksamheter import Verksamhet
from app.excel_import import (
    ExportColumn,
    ExportError,
    ExportSection,
    save_workbook,
    write_report_xlsx,
    write_xlsx,
)
from app.excel_import.values import column_letter
from app.records import id_of


class EkonomiExportError(ExportError):
    """Nothing to export for what was asked (no internbudget that year …); Swedish."""


def _namnd_namn(db: Database, namnd_id: int) -> str:
    row = db.execute("SELECT namn FROM namnd WHERE id = ?", [namnd_id]).fetchone()
    return row[0] if row else ""


def section(t: Tabell) -> ExportSection:
    """A table as a report section: the visible columns, numbers as numbers."""
    cols = t.synliga()
    columns = []
    for i in cols:
        kinds = {r.cells[i].kind for r in t.rows if i < len(r.cells) and r.cells[i].value not in (None, "")}
        if kinds and kinds <= {"belopp", "avvikelse", "utgift"}:
            columns.append(ExportColumn(t.headers[i], "decimal", 0))
        elif kinds == {"decimal"}:
            decimals = max(max(0, -r.cells[i].value.as_tuple().exponent) for r in t.rows
                           if isinstance(r.cells[i].value, Decimal))
            columns.append(ExportColumn(t.headers[i], "decimal", decimals))
        else:
            columns.append(ExportColumn(t.headers[i]))
    rows = [[cell_number(r.cells[i], t.konvention, t.enhet) if i < len(r.cells) else None for i in cols]
            for r in t.rows]
    return ExportSection(t.rubrik, columns, rows, footnote="\n".join(t.fotnoter))


def _with_columns(t: Tabell, sec: ExportSection, extra: list[tuple[str, dict[int, str]]],
                  of: type | None = None) -> ExportSection:
    """``sec`` with text columns after the first, filled on the rows about a stored
    item (GridRow.ref, by id; only items of type ``of`` when given) and empty on headings
    and sums: what the screen shows by grouping, the file says per row, so that it
    imports back (docs/domain/economy.md)."""
    columns = [sec.columns[0], *(ExportColumn(name) for name, _v in extra), *sec.columns[1:]]
    rows = []
    for grid_row, row in zip(t.rows, sec.rows, strict=True):
        about = grid_row.style == "data" and (of is None or isinstance(grid_row.ref, of))
        ref = getattr(grid_row.ref, "id", None) if about else None
        rows.append([row[0], *(values.get(ref) if ref is not None else None for _n, values in extra),
                     *row[1:]])
    return ExportSection(sec.caption, columns, rows)


def _forvaltningar(db: Database, namnd_id: int) -> dict[int, str]:
    return {r[0]: r[1] or r[2] for r in db.execute(
        "SELECT id, kortnamn, namn FROM forvaltning WHERE namnd_id = ?", [namnd_id])}


def _format_line(ek: Ekonomi, namnd_id: int, enhet: str) -> str:
    inst = ek.verksamheter.installning(namnd_id)
    return f"Belopp i {enhet}; {TECKEN_LABELS[inst.teckenkonvention].lower()}."


def export_internbudget(db: Database, namnd_id: int, ar: int, path: Path | str) -> int:
    ek = Ekonomi(db)
    ib = ek.internbudget.get(namnd_id, ar)
    if ib is None:
        raise EkonomiExportError(f"Det finns ingen internbudget för {ar}.")
    inst = ek.verksamheter.installning(namnd_id)
    t = tabell_internbudget(ib, inst.enhet, inst.teckenkonvention)
    lines = [f"{ib.rubrik}", _namnd_namn(db, namnd_id), _format_line(ek, namnd_id, inst.enhet)]
    from app.budget.internbudget import ram_text

    lines.append(ram_text(ib, inst.enhet))
    if ib.kommentar:
        lines.append(ib.kommentar)
    return write_report_xlsx(path, ib.rubrik, [section(t)], heading_lines=lines)


def export_investeringsbudget(db: Database, namnd_id: int, forsta_ar: int, path: Path | str) -> int:
    ek = Ekonomi(db)
    plan = ek.investeringar.get(namnd_id, forsta_ar)
    if plan is None:
        raise EkonomiExportError(f"Det finns ingen investeringsbudget som börjar {forsta_ar}.")
    enhet = ek.verksamheter.installning(namnd_id).enhet
    t = tabell_investeringsbudget(plan, enhet)
    forv = _forvaltningar(db, namnd_id)
    sec = _with_columns(t, section(t), [
        ("Förvaltning", {id_of(o): forv.get(o.forvaltning_id or 0, "") for o in plan.objekt}),
        ("Kategori", {id_of(o): o.kategori for o in plan.objekt})])
    return write_report_xlsx(path, plan.rubrik, [sec],
                             heading_lines=[plan.rubrik, _namnd_namn(db, namnd_id), f"Belopp i {enhet}."])


def export_investeringsredovisning(db: Database, namnd_id: int, ar: int, manad: int,
                                   path: Path | str) -> int:
    ek = Ekonomi(db)
    red = ek.investeringar.redovisning(namnd_id, ar, manad)
    if not red.projekt:
        raise EkonomiExportError(f"Det finns ingen investeringsredovisning för {ar}-{manad:02d}.")
    enhet = ek.verksamheter.installning(namnd_id).enhet
    t = tabell_investeringsredovisning(red, enhet)
    sec = section(t)
    if any(p.forvaltning_id for p in red.projekt):
        forv = _forvaltningar(db, namnd_id)
        sec = _with_columns(t, sec, [("Förvaltning", {id_of(p): forv.get(p.forvaltning_id or 0, "")
                                                      for p in red.projekt})])
    return write_report_xlsx(path, red.rubrik, [sec],
                             heading_lines=[red.rubrik, _namnd_namn(db, namnd_id), f"Belopp i {enhet}."])


def export_uppfoljning(db: Database, namnd_id: int, ar: int, manad: int, path: Path | str) -> int:
    ek = Ekonomi(db)
    u = ek.uppfoljning.get(namnd_id, ar, manad)
    if u is None:
        raise EkonomiExportError(f"Det finns ingen budgetuppföljning för {ar}-{manad:02d}.")
    inst = ek.verksamheter.installning(namnd_id)
    konv = inst.teckenkonvention
    t = tabell_uppfoljning(u, konv)
    sec = section(t)
    if any(r.verksamhet.grupp for r in u.rader):
        # Only verksamheter: a justering's row has its own ids.
        sec = _with_columns(t, sec, [("Grupp", {id_of(r.verksamhet): r.verksamhet.grupp
                                                for r in u.rader})], of=Verksamhet)
    sections = [sec]
    if u.atgarder:
        sections.append(ExportSection("Åtgärdsplan", [ExportColumn(h) for h in (
            "Avvikelse", "Åtgärd", "Förväntade ekonomiska effekter", "Förväntade verksamhetseffekter")]
            + [ExportColumn(f"Belopp ({u.enhet})", "decimal")],
            [[a.avvikelse, a.atgard, a.ekonomisk_effekt, a.verksamhetseffekt,
              None if a.belopp is None else till_enhet(a.belopp, u.enhet)] for a in u.atgarder]))
    if u.ej_budgeterat:
        ack, prognos = u.summa_ej_budgeterat()
        def num(kr: int) -> Decimal:
            return till_enhet(visat(kr, konv), u.enhet)

        rows = [[e.benamning, num(e.ack), num(e.prognos_helar)] for e in u.ej_budgeterat]
        rows.append(["Summa", num(ack), num(prognos)])
        sections.append(ExportSection("Ej budgeterat", [ExportColumn("Benämning"),
                                                         ExportColumn("Ackumulerat", "decimal"),
                                                         ExportColumn("Prognos helår", "decimal")], rows))
    lines = [u.rubrik, _namnd_namn(db, namnd_id), _format_line(ek, namnd_id, u.enhet)]
    if u.analys:
        lines.append(u.analys)
    if u.forslag_till_beslut:
        lines.append(f"Förslag till beslut: {u.forslag_till_beslut}")
    return write_report_xlsx(path, u.rubrik, sections, heading_lines=lines)


def export_ar(db: Database, namnd_id: int, ar: int, path: Path | str) -> int:
    """The year view: one section per figure (avvikelse, prognos, utfall …)."""
    ek = Ekonomi(db)
    ov = ek.uppfoljning.arsoversikt(namnd_id, ar)
    if not ov.manader:
        raise EkonomiExportError(f"Det finns inga budgetuppföljningar för {ar}.")
    inst = ek.verksamheter.installning(namnd_id)
    last = ek.uppfoljning.get(namnd_id, ar, ov.manader[-1])
    assert last is not None  # a month arsoversikt found stored
    sections = [section(tabell_ar(ov, matt, last.enhet, inst.teckenkonvention)) for matt in MATT]
    return write_report_xlsx(path, f"Budgetuppföljning {ar}", sections, heading_lines=[
        f"Budgetuppföljning {ar}, månad för månad", _namnd_namn(db, namnd_id),
        _format_line(ek, namnd_id, last.enhet)])


def export_nyckeltal(db: Database, namnd_id: int, slag: str, ar: int, path: Path | str,
                     period: str = "delar") -> int:
    ek = Ekonomi(db)
    t = ek.nyckeltal.tabell(namnd_id, slag, ar, period)
    if not t.rader:
        raise EkonomiExportError(f"Nämnden har inga {SLAG[slag].lower()}.")
    rubrik = f"{SLAG[slag]} {ar}"
    fotnoter = ek.nyckeltal.fotnoter(namnd_id, slag, ar)
    return write_report_xlsx(path, rubrik, [section(tabell_nyckeltal(t, rubrik, fotnoter))],
                             heading_lines=[rubrik, _namnd_namn(db, namnd_id)])


def export_nyckeltal_varden(db: Database, namnd_id: int, slag: str, path: Path | str) -> int:
    """Every key figure of the slag with every stored value, one row per key figure and
    period (one row with År and Period empty for a key figure without values), then each
    year's footnotes, a row each with År and the footnote: the file
    ``import volymmatt|personal`` reads back (read_nyckeltal.py)."""
    from app.budget.excel.read_nyckeltal import PERIOD_NAMN
    from app.budget.nyckeltal import ENHETER, NyckeltalService

    svc = NyckeltalService(db)
    figures = svc.lista(namnd_id, slag)
    if not figures:
        raise EkonomiExportError(f"Nämnden har inga {SLAG[slag].lower()}.")
    order = {p: i for i, p in enumerate(PERIOD_NAMN)}
    stored: dict[int, list[dict]] = {}
    for r in db.query("SELECT v.* FROM nyckeltalsvarde v JOIN nyckeltal n ON n.id = v.nyckeltal_id "
                      "WHERE n.namnd_id = ? AND n.slag = ?", [namnd_id, slag]):
        stored.setdefault(r["nyckeltal_id"], []).append(r)
    rows = []
    for n in figures:
        head = [n.avsnitt, n.namn, ENHETER[n.enhet], n.matdatum, "Ja" if n.kon_uppdelad else "Nej",
                "Ja" if n.summerbar else "Nej"]
        values = sorted(stored.get(id_of(n), []), key=lambda r: (r["ar"], order[r["period"]]))
        for v in values:
            kvinnor, man = (None if x is None else Decimal(x) for x in (v["kvinnor"], v["man"]))
            totalt = kvinnor + man if n.summerbar and kvinnor is not None and man is not None \
                else (None if v["totalt"] is None else Decimal(v["totalt"]))
            rows.append([*head, v["ar"], PERIOD_NAMN[v["period"]], totalt, kvinnor, man])
        if not values:
            rows.append([*head, None, None, None, None, None])
    for row in rows:
        row.append(None)  # Fotnot under årets tabell
    for ar in svc.fotnot_ar(namnd_id, slag):
        rows += [[None] * 6 + [ar, None, None, None, None, line] for line in svc.fotnoter(namnd_id, slag, ar)]

    def decimals(col: int) -> int:
        return max((max(0, -int(r[col].as_tuple().exponent)) for r in rows if isinstance(r[col], Decimal)),
                   default=0)

    columns = [ExportColumn("Avsnitt"), ExportColumn("Nyckeltal"), ExportColumn("Enhet"),
               ExportColumn("Mätdatum"),
               ExportColumn("Uppdelat på kvinnor och män"), ExportColumn("Totalt = kvinnor + män"),
               ExportColumn("År", "int"), ExportColumn("Period"),
               *(ExportColumn(h, "decimal", decimals(c))
                 for c, h in ((8, "Totalt"), (9, "Kvinnor"), (10, "Män"))),
               ExportColumn("Fotnot under årets tabell")]
    return write_xlsx(path, SLAG[slag], columns, rows, heading_lines=[SLAG[slag], _namnd_namn(db, namnd_id)])


# -- the template ”bilaga Internbudget” ----------------------------------------------------------
def _in_unit(kr: int, enhet: str) -> Decimal | int:
    value = till_enhet(kr, enhet)
    return int(value) if value == int(value) else value


MALL_KOLUMNER = ("Kod", "Verksamhet", "Intäkter årsprognos", "Intäkter budget {fg}", "Intäkter budget {ar}",
                 "Kostnader årsprognos", "Kostnader budget {fg}", "Kostnader budget {ar}",
                 "Nettokostnad budget {ar}")
MALL_RUBRIKRAD = 8  # Excel row of the headings; the guidance and sums stand above


def write_internbudget_mall(db: Database, namnd_id: int, ar: int, path: Path | str) -> int:
    """An xlsx for the year's internbudget: one row per verksamhet (last year's budget
    filled in from last year's internbudget, or this year's figures if already
    entered), columns for intäkter and kostnader, the nettokostnad and the sums as
    formulas so staff see them while they type, and the ram with the difference.
    The file imports back with ``import internbudget``. Returns the number of rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    ek = Ekonomi(db)
    inst = ek.verksamheter.installning(namnd_id)
    enhet, konv = inst.enhet, inst.teckenkonvention
    ib = ek.internbudget.get(namnd_id, ar)
    previous = ek.internbudget.get(namnd_id, ar - 1)
    source: list[tuple[Verksamhet, InternbudgetRad | None]]
    if ib is not None:
        source = [(r.verksamhet, r) for r in ib.rader]
    elif previous is not None:
        source = [(r.verksamhet, None) for r in previous.rader]
    else:
        source = [(v, None) for v in ek.verksamheter.verksamheter(namnd_id)]

    def shown(kr: int) -> Decimal | int:
        value = till_enhet(visat(kr, konv), enhet)
        return int(value) if value == int(value) else value

    wb = Workbook()
    ws = wb.active
    ws.title = f"Internbudget {ar}"
    bold = Font(bold=True)
    ws["A1"] = f"Bilaga Internbudget {ar}"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = _namnd_namn(db, namnd_id)
    tecken = ("Skriv kostnader negativa och intäkter positiva"
              if konv is Teckenkonvention.KOSTNADER_NEGATIVA
              else "Skriv intäkter negativa och kostnader positiva")
    ws["A3"] = (f"Belopp i {enhet}. {tecken}, som nämnden redovisar dem. Fyll i de vita cellerna; "
                "grå celler räknas fram. Importera filen i Nämndkansli (Ekonomi › Internbudget › "
                f"Importera) eller med kommandot ”namndkansli import internbudget --ar {ar} FIL.xlsx”.")
    ws["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("A3:I3")
    ws.row_dimensions[3].height = 45
    first, last = MALL_RUBRIKRAD + 1, MALL_RUBRIKRAD + max(1, len(source))
    netto = f"SUM(I{first}:I{last})"
    ws["A5"], ws["C5"] = "Summa nettokostnad budget", f"={netto}"
    # The ram is fullmäktige's net cost, a positive amount as the program keeps it
    # (Internbudget.ram); ABS() takes it whichever sign is typed, as the import does.
    ws["A6"] = f"Ram från fullmäktige ({enhet}, nettokostnad)"
    ws["C6"] = None if ib is None or ib.ram is None else _in_unit(ib.ram, enhet)
    # Ram − net cost, as Internbudget.ram_differens: negative = the budget exceeds the
    # ram. The net cost is −C5 where kostnader are negative, C5 where intäkter are.
    diff = "ABS(C6)+C5" if konv is Teckenkonvention.KOSTNADER_NEGATIVA else "ABS(C6)-C5"
    ws["A7"], ws["C7"] = "Differens mot ram (negativ = över ramen)", f"=IF(C6=\"\",\"\",{diff})"
    for ref in ("A5", "A6", "A7"):
        ws[ref].font = bold
    headings = [h.format(fg=ar - 1, ar=ar) for h in MALL_KOLUMNER]
    grey = PatternFill("solid", fgColor="E6E9EE")
    for c, heading in enumerate(headings, start=1):
        cell = ws.cell(MALL_RUBRIKRAD, c, heading)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    for i, (v, rad) in enumerate(source):
        r = first + i
        ws.cell(r, 1, v.kod or None)
        ws.cell(r, 2, v.namn)
        if rad is not None:
            values = [rad.prognos_intakter, rad.fg_budget_intakter, rad.budget_intakter,
                      rad.prognos_kostnader, rad.fg_budget_kostnader, rad.budget_kostnader]
        else:
            prev = previous.rad(id_of(v)) if previous is not None else None
            values = [0, prev.budget_intakter if prev else 0, 0, 0, prev.budget_kostnader if prev else 0, 0]
        for c, kr in enumerate(values, start=3):
            cell = ws.cell(r, c, shown(kr))
            cell.number_format = "#,##0"
        net = ws.cell(r, 9, f"=E{r}+H{r}")
        net.number_format = "#,##0"
        net.fill = grey
    for ref in ("C5", "C6", "C7"):
        ws[ref].number_format = "#,##0"
    ws["C5"].fill = ws["C7"].fill = grey
    check = DataValidation(type="decimal", allow_blank=True, error="Skriv ett belopp, t.ex. -57066.",
                           errorTitle="Inget belopp")
    ws.add_data_validation(check)
    check.add(f"C{first}:H{last}")
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 38
    for c in range(3, 10):
        ws.column_dimensions[column_letter(c - 1)].width = 16
    ws.freeze_panes = f"C{first}"
    save_workbook(wb, path)
    return len(source)
