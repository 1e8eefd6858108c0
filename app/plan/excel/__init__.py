"""Excel export and import of a whole plan: its goal tree, handlingsplan activities,
tables, texts and follow-up occasions.

One sheet per level (Målområden, KF-mål, Nämndmål, Mått) plus Fotnoter and
Aktiviteter, and one per table (Nyckeltal, Förändringar, Uppdrag, Risker), for the texts
(Avsnitt) and the follow-up occasions (Tillfällen); each row has a "Nr" that later sheets
refer to (the goal tree) and an "Id" that ties it to
the database row, so a plan exported, edited in Excel and imported again is updated in
place (its follow-ups kept), and a file without ids becomes a new plan. Values are
written as text cells so Excel keeps "≥ 50 %" and "2 (2022)" exactly as typed.

The import reads everything first and stores nothing unless the whole file is right;
every problem names the sheet, the row and the column (shared :class:`Problem`).
openpyxl is imported only when a file is read or written.

- kinds.py  the plan kind of the ``export``/``import`` verbs (registered with
            app/excel_import/kinds.py)
- read.py   the workbook's sheets and headings, read into checked rows
- write.py  the export
- store.py  the import: checked rows stored through the plan services
- tables.py the import of the table, text and occasion sheets
- compare.py whether a file says what the plan in the database says (an unchanged file
            writes nothing, an adopted plan's too; a changed one replaces with consent)
"""

from app.excel_import import ImportFileError, ImportRefused, Problem
from app.plan.excel.store import ImportResult, check_plan_xlsx, import_plan_xlsx
from app.plan.excel.write import export_plan_xlsx, plan_sheets

__all__ = ["ImportFileError", "ImportRefused", "ImportResult", "Problem", "check_plan_xlsx",
           "export_plan_xlsx", "import_plan_xlsx", "plan_sheets"]
