"""The registers' Excel files.

- kinds.py  the ``import``/``export`` kinds delegationsordning, delegationsbeslut,
            meddelanden and evb (registered with app/excel_import/kinds.py)
- read.py   the import targets: rows checked with the forms' rules (personnummer
            refused, dates in order, the delegation point in force) and stored in the
            import's one transaction
- write.py  the exports (headings the import knows, so a file round-trips) and the
            report on ej verkställda beslut as a workbook

openpyxl is imported only when a file is read or written.
"""

from app.registers.excel.read import (
    DelegationsbeslutImport,
    DelegationsordningImport,
    EjVerkstalldaImport,
    MeddelandeImport,
)
from app.registers.excel.write import KINDS, export_evb_rapport, export_register

__all__ = ["KINDS", "DelegationsbeslutImport", "DelegationsordningImport", "EjVerkstalldaImport",
           "MeddelandeImport", "export_evb_rapport", "export_register"]
