"""Reading a plan workbook (see app/plan/excel/__init__.py) into checked rows: every cell as
the text the user sees, every structural problem located by sheet, row and column."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.excel_import import ImportFileError, Problem
from app.excel_import.reading import refuse_protected
from app.excel_import.values import CellError, column_letter, normalize_heading, parse_date

#: Called with (done, total) while a workbook is read or written.
Progress = Callable[[int, int], None]

#: Sheet → headings, in order. In "Mått" the columns "Målvärde ÅÅÅÅ" (one per plan
#: year) stand before "Id", in "Nyckeltal" the columns "Status ÅÅÅÅ".
SHEETS: dict[str, tuple[str, ...]] = {
    "Plan": ("Uppgift", "Värde"),
    "Målområden": ("Nr", "Målområde", "Beskrivning", "I kommunen betyder det", "Id"),
    "KF-mål": ("Nr", "Målområde", "KF-mål", "Uppföljning", "Ansvariga nämnder", "Agenda 2030", "Id"),
    "Nämndmål": ("Nr", "Målområde", "KF-mål", "Nämndmål", "Ansvarig", "Syfte", "Agenda 2030", "Id"),
    "Mått": ("Nr", "Nämndmål", "Mått", "Datakälla", "Kolada-id", "Ingångsvärde", "Id"),
    "Fotnoter": ("Tabell", "Målområde", "Markering", "Text", "Id"),
    "Aktiviteter": ("Nämndmål", "Vad", "Varför", "Vem", "När", "Hur följs upp", "Id"),
    "Nyckeltal": ("Mått", "Syfte", "Datakälla", "Jämförelsevärde", "Uppföljningstillfälle", "Ansvarig", "Id"),
    "Förändringar": ("Förvaltning", "Vad", "Syfte", "Effekt", "Tidplan", "Id"),
    "Uppdrag": ("Rubrik", "Text", "Slutdatum", "Status", "Kommentar", "Id"),
    "Risker": ("Risk", "Sannolikhet", "Konsekvens", "Åtgärd", "Ansvarig", "Id"),
    "Avsnitt": ("Placering", "Rubrik", "Nivå", "Text", "Id"),
    "Tillfällen": ("Tillfälle", "År", "Månad", "Slag", "Id"),
}
REQUIRED_SHEETS = ("Plan", "Målområden", "Nämndmål", "Mått")
#: Sheets an older export lacks: a file without one leaves that part of the plan as it is.
OPTIONAL_SHEETS = ("Nyckeltal", "Förändringar", "Uppdrag", "Risker", "Avsnitt", "Tillfällen")
#: Columns that must be filled on every row of a sheet.
REQUIRED_CELLS = {"Målområden": ("Nr", "Målområde"), "KF-mål": ("Nr", "Målområde", "KF-mål"),
                  "Nämndmål": ("Nr", "Nämndmål"), "Mått": ("Nr", "Nämndmål", "Mått"),
                  "Fotnoter": ("Tabell", "Markering", "Text"), "Aktiviteter": ("Nämndmål", "Vad"),
                  "Nyckeltal": ("Mått",), "Förändringar": ("Vad",), "Uppdrag": ("Rubrik",),
                  "Risker": ("Risk", "Sannolikhet", "Konsekvens"), "Avsnitt": ("Placering",),
                  "Tillfällen": ("Tillfälle", "År", "Månad")}
PLAN_FIELDS = ("Id", "Nämnd", "Titel", "Första år", "Antal år", "Status", "Antagen datum", "Antagen paragraf",
               "Nyckeltalslayout")

READ_ME = [
    "Verksamhetsplanen: mål, aktiviteter, tabeller och texter",
    "",
    "Varje nivå har sitt eget blad: Målområden → KF-mål → Nämndmål → Mått, samt Fotnoter och Aktiviteter.",
    "Planens övriga tabeller har egna blad (Nyckeltal, Förändringar, Uppdrag, Risker), likaså dess texter "
    "(Avsnitt) och uppföljningstillfällen (Tillfällen). Ett blad som saknas i filen lämnar den delen av "
    "planen orörd.",
    "”Nr” är radens nummer; andra blad hänvisar till det (kolumnerna Målområde, KF-mål och Nämndmål).",
    "Ett nämndmål utan KF-mål hör direkt till sitt målområde; utan både målområde och KF-mål hör det till "
    "Övriga nämndmål.",
    "Värden skrivs som text, precis som de ska stå i planen: <12, ≥ 50 %, >2022, 2 (2022), Nytt mål.",
    "Fotnotsmarkeringar (*, **, ***) skrivs direkt efter värdet och förklaras på bladet Fotnoter.",
    "Texterna (bladet Avsnitt och ”I kommunen betyder det”) behåller sin formatering: en tom rad mellan "
    "stycken, ”- ” och ”1. ” före listpunkter, **fet** och *kursiv*.",
    "”Id” kopplar raden till programmets uppgifter. Ändra den inte; lämna den tom på nya rader. En rad som "
    "tas bort i filen tas bort ur planen vid import.",
    "Raderna sparas i den ordning de står. Importen sparar ingenting om något i filen är fel, och talar då "
    "om blad, rad och kolumn.",
]


@dataclass
class Row:
    sheet: str
    excel_row: int
    values: dict[str, str]
    columns: dict[str, int]  # heading -> 0-based column

    def get(self, heading: str) -> str:
        return self.values.get(heading, "")

    def problem(self, message: str, heading: str | None = None, file: str = "") -> Problem:
        column = self.columns.get(heading) if heading else None
        return Problem(self.sheet, message, self.excel_row, column, heading or "", file)


@dataclass
class Book:
    file: Path
    plan: dict[str, Row] = field(default_factory=dict)
    sheets: dict[str, list[Row]] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def add(self, row: Row, message: str, heading: str | None = None) -> None:
        self.problems.append(row.problem(message, heading, self.file.name))

    def plan_value(self, name: str) -> str:
        row = self.plan.get(name)
        return row.get("Värde") if row else ""


def cell_text(value, number_format: str = "General") -> str:
    """A cell as the text the user sees: 0.8 formatted as percent becomes "80 %",
    2.5 becomes "2,5", a date "2022-12-14"; text keeps its line breaks."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        from decimal import Decimal

        number = Decimal(repr(value))
        percent = "%" in (number_format or "")
        if percent:
            number *= 100
        # As Swedish Excel shows a number in a General cell: 1000, 2,5.
        if number == number.to_integral_value():
            text = str(int(number))
        else:
            text = f"{round(number, 6).normalize():f}".replace(".", ",")
        return f"{text} %" if percent else text
    text = str(value).replace("\u00ad", "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n").strip()


def read_workbook(path: Path, *, progress: Progress | None = None) -> Book:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if not path.exists():
        raise ImportFileError(f"Filen {path} finns inte.")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise ImportFileError(f"{path.name} är ingen Excel-arbetsbok (.xlsx). Spara den som .xlsx först.")
    refuse_protected(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(f"{path.name} kan inte läsas som en Excel-fil (.xlsx). Filen kan vara skadad "
                              f"eller lösenordsskyddad ({type(exc).__name__}).") from exc
    book = Book(path)
    try:
        missing = [s for s in REQUIRED_SHEETS if s not in wb.sheetnames]
        if missing:
            raise ImportFileError(
                f"{path.name} är ingen export av en verksamhetsplan: bladen {', '.join(missing)} saknas "
                f"(bladen i filen är: {', '.join(wb.sheetnames)}).")
        names = [s for s in SHEETS if s in wb.sheetnames]
        for n, name in enumerate(names, start=1):
            _read_sheet(book, wb[name], name)
            if progress is not None:
                progress(n, len(names) + 1)
    finally:
        wb.close()
    _check_plan(book)
    _check_structure(book)
    return book


def _read_sheet(book: Book, ws, name: str) -> None:
    rows = list(ws.iter_rows())
    if not rows:
        book.problems.append(Problem(name, "bladet är tomt (rubrikraden saknas)", file=book.file.name))
        book.sheets[name] = []
        return
    header = [cell_text(c.value) for c in rows[0]]
    by_norm = {normalize_heading(h): i for i, h in enumerate(header) if h}
    columns: dict[str, int] = {}
    for heading in SHEETS[name]:
        index = by_norm.get(normalize_heading(heading))
        if index is None:
            book.problems.append(Problem(name, f"kolumnen ”{heading}” saknas på rubrikraden", 1,
                                         file=book.file.name))
        else:
            columns[heading] = index
    if name == "Mått":
        for i, h in enumerate(header):
            m = re.fullmatch(r"Målvärde\s+((?:19|20)\d{2})", h or "", re.IGNORECASE)
            if m:
                columns[f"Målvärde {m.group(1)}"] = i
                book.years.append(int(m.group(1)))
    if name == "Nyckeltal":
        # The basvärde layout's status per plan year (app/plan/nyckeltal_layout.py).
        for i, h in enumerate(header):
            m = re.fullmatch(r"Status\s+((?:19|20)\d{2})", h or "", re.IGNORECASE)
            if m:
                columns[f"Status {m.group(1)}"] = i
    parsed = []
    for r, cells in enumerate(rows[1:], start=2):
        values = {}
        for heading, index in columns.items():
            cell = cells[index] if index < len(cells) else None
            values[heading] = cell_text(getattr(cell, "value", None), getattr(cell, "number_format", ""))
        if any(values.values()):
            parsed.append(Row(name, r, values, columns))
    if name == "Plan":
        for row in parsed:
            wanted = normalize_heading(row.get("Uppgift"))
            key = next((f for f in PLAN_FIELDS if normalize_heading(f) == wanted), None)
            if key is None:
                book.add(row, f"okänd uppgift ”{row.get('Uppgift')}” (kända: {', '.join(PLAN_FIELDS)})",
                         "Uppgift")
            else:
                book.plan[key] = row
    else:
        book.sheets[name] = parsed


def _int_value(book: Book, name: str, low: int, high: int) -> int | None:
    row = book.plan.get(name)
    text = book.plan_value(name)
    if row is None or not text:  # a value needs its row
        return None
    if not re.fullmatch(r"\d+", text.replace(" ", "")) or not low <= int(text.replace(" ", "")) <= high:
        book.add(row, f"”{text}” ska vara ett heltal {low}–{high}", "Värde")
        return None
    return int(text.replace(" ", ""))


def _check_plan(book: Book) -> None:
    if "Nämnd" not in book.plan or not book.plan_value("Nämnd"):
        book.problems.append(Problem("Plan", "uppgiften ”Nämnd” (nämndens kortnamn, t.ex. VON) saknas",
                                     file=book.file.name))
    first = _int_value(book, "Första år", 1990, 2200)
    count = _int_value(book, "Antal år", 1, 6)
    if "Första år" not in book.plan:
        book.problems.append(Problem("Plan", "uppgiften ”Första år” saknas", file=book.file.name))
    _int_value(book, "Id", 1, 10**12)
    status = book.plan_value("Status").lower()
    if status and status not in ("utkast", "antagen"):
        book.add(book.plan["Status"], f"status ”{book.plan_value('Status')}” ska vara utkast eller antagen",
                 "Värde")
    datum = book.plan_value("Antagen datum")
    if datum:
        try:
            book.plan["Antagen datum"].values["Värde"] = parse_date(datum).isoformat()
        except CellError as exc:
            book.add(book.plan["Antagen datum"], str(exc), "Värde")
    if first is not None:
        expected = list(range(first, first + (count or 3)))
        if sorted(book.years) != expected:
            shown = ", ".join(f"Målvärde {y}" for y in expected)
            found = ", ".join(f"Målvärde {y}" for y in sorted(book.years)) or "inga"
            book.problems.append(Problem("Mått", f"målvärdeskolumnerna ska vara {shown} enligt planens "
                                                 f"period (filen har: {found})", 1, file=book.file.name))


def _check_structure(book: Book) -> None:
    for name, rows in book.sheets.items():
        for row in rows:
            for heading in REQUIRED_CELLS.get(name, ()):
                if heading in row.columns and not row.get(heading):
                    book.add(row, "måste fyllas i", heading)
            ident = row.get("Id")
            if ident and not ident.isdigit():
                book.add(row, f"”{ident}” är inget id (lämna cellen tom på nya rader)", "Id")
        _unique(book, rows, "Nr")
        _unique(book, rows, "Id")
    omraden = {r.get("Nr") for r in book.sheets.get("Målområden", [])}
    kf_of = {r.get("Nr"): r.get("Målområde") for r in book.sheets.get("KF-mål", [])}
    goals = {r.get("Nr") for r in book.sheets.get("Nämndmål", [])}
    for row in book.sheets.get("KF-mål", []):
        _ref(book, row, "Målområde", omraden, "Målområden")
    for row in book.sheets.get("Nämndmål", []):
        _ref(book, row, "Målområde", omraden, "Målområden")
        _ref(book, row, "KF-mål", set(kf_of), "KF-mål")
        kf, omrade = row.get("KF-mål"), row.get("Målområde")
        if kf in kf_of and omrade and kf_of[kf] != omrade:
            book.add(row, f"KF-mål {kf} hör till målområde {kf_of[kf]}, inte {omrade}", "Målområde")
    for row in book.sheets.get("Mått", []):
        _ref(book, row, "Nämndmål", goals, "Nämndmål")
    for row in book.sheets.get("Aktiviteter", []):
        _ref(book, row, "Nämndmål", goals, "Nämndmål")
    for row in book.sheets.get("Fotnoter", []):
        _ref(book, row, "Målområde", omraden, "Målområden")


def _unique(book: Book, rows: list[Row], heading: str) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        value = row.get(heading)
        if not value or heading not in row.columns:
            continue
        if value in seen:
            book.add(row, f"{heading} ”{value}” finns redan på rad {seen[value]}", heading)
        else:
            seen[value] = row.excel_row


def _ref(book: Book, row: Row, heading: str, known: set[str], sheet: str) -> None:
    value = row.get(heading)
    if value and value not in known:
        book.add(row, f"det finns ingen rad med Nr ”{value}” på bladet {sheet}", heading)


__all__ = ["OPTIONAL_SHEETS", "READ_ME", "SHEETS", "Book", "Progress", "Row", "cell_text", "column_letter",
           "read_workbook"]
