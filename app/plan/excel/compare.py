"""Whether a plan workbook says what the plan in the database says.

The file is compared with what exporting the plan now would write, cell by cell as the
user sees the cells (app/plan/excel/read.py's ``cell_text``). An unchanged file is
recognised as such, so importing it writes nothing, into an adopted plan too; a file
that differs replaces a plan's content, which the command line does only with consent.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.plan.excel.read import OPTIONAL_SHEETS, Book, cell_text
from app.plan.excel.write import plan_sheets


def plan_of_file(db: Database, book: Book) -> int | None:
    """The plan in the database that the file was exported from (its Id, same nämnd),
    or None: then the import makes a new plan or refuses."""
    ident = book.plan_value("Id")
    if not ident.isdigit():
        return None
    row = db.execute("SELECT p.id FROM verksamhetsplan p JOIN namnd n ON n.id = p.namnd_id "
                     "WHERE p.id = ? AND n.kortnamn = ? COLLATE NOCASE",
                     [int(ident), book.plan_value("Nämnd")]).fetchone()
    return row[0] if row else None


def _texts(row: list) -> list[str]:
    return [cell_text(v) for v in row]


def file_matches_plan(db: Database, book: Book, plan_id: int) -> bool:
    expected = plan_sheets(db, plan_id)
    plan_rows = {str(r[0]): cell_text(r[1]) for r in expected.pop("Plan")[1:]}
    in_file = {key: row.get("Värde") for key, row in book.plan.items()}
    # A file from before the nyckeltal layout was exported leaves it as it is.
    plan_rows = {k: v for k, v in plan_rows.items() if k != "Nyckeltalslayout" or k in in_file}
    if set(in_file) - set(plan_rows) or any(in_file.get(k, "") != v for k, v in plan_rows.items()):
        return False
    for name, rows in expected.items():
        if name not in book.sheets:
            if name in OPTIONAL_SHEETS:
                continue  # the import leaves that part as it is
            if len(rows) > 1:
                return False
            continue
        headings = rows[0]
        if [[row.get(h) for h in headings] for row in book.sheets[name]] != [_texts(r) for r in rows[1:]]:
            return False
    return True


def replaced_plan(db: Database, plan_id: int) -> str:
    """What importing over the plan replaces, in Swedish with counts."""
    from app.plan.service import PlanService

    plan = PlanService(db).get_plan(plan_id)
    usage = PlanService(db).plan_usage(plan_id)
    parts = [f"{usage['nämndmål']} nämndmål", f"{usage['mått']} mått"]
    if usage["utfall"]:
        parts.append(f"{usage['utfall']} inskrivna utfall")
    counted = ", ".join(parts[:-1]) + " och " + parts[-1]
    return (f"planen ”{plan.titel}” (id {plan_id}) finns redan med {counted}; filens innehåll ersätter "
            "planens, och rader som inte finns i filen tas bort")
