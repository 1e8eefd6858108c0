"""The economy's Excel files.

- kinds.py  the ``import``/``export`` kinds internbudget, budgetuppfoljning,
            investeringsbudget, investeringsredovisning, volymmatt and personal (registered with
            app/excel_import/kinds.py)
- read.py   the import targets: a file's rows read as the nämnd writes amounts (its
            sign convention, kr or tkr) and stored as internal kronor; read_uppfoljning.py
            the month's budgetuppföljning with its analysis, åtgärdsplan and ej budgeterat,
            read_nyckeltal.py the volymmått and personal key figures
- write.py  every table as the nämnd sees it (the same rows and sums as the screen
            and the PDF), and the template ”bilaga Internbudget” that imports back

openpyxl is imported only when a file is read or written.
"""

from app.budget.excel.read import (
    InternbudgetImport,
    InvesteringsbudgetImport,
    InvesteringsredovisningImport,
)
from app.budget.excel.read_uppfoljning import UppfoljningImport
from app.budget.excel.write import (
    MALL_RUBRIKRAD,
    EkonomiExportError,
    export_ar,
    export_internbudget,
    export_investeringsbudget,
    export_investeringsredovisning,
    export_nyckeltal,
    export_uppfoljning,
    write_internbudget_mall,
)

__all__ = ["MALL_RUBRIKRAD", "EkonomiExportError", "InternbudgetImport", "InvesteringsbudgetImport",
           "InvesteringsredovisningImport", "UppfoljningImport", "export_ar", "export_internbudget",
           "export_investeringsbudget", "export_investeringsredovisning", "export_nyckeltal",
           "export_uppfoljning", "write_internbudget_mall"]
