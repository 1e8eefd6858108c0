"""The organisation as an Excel workbook: the kind ``organisation`` of ``import`` and
``export`` (registered through app.excel_import.kinds.KIND_MODULES).

One sheet per part: Kommun, Nämnder, Förvaltningar, Organ, Personer, Uppdrag. A nämnd is
named by its kortnamn, a förvaltning by its nämnd and kortnamn, an organ by its nämnd and
name. People have no key of their own (personnummer are never stored), so the file
numbers them (Personer's ”Nr”) and a seat names its person by that number; ”Id” is the
person's id in the database the file came from, the first choice when the file is
imported there again.

Importing adds what the database lacks and leaves what is equal alone; a change to
something that exists (a renamed nämnd, a seat's new end) is only made with --ersatt, as
the other kinds that replace. Everything is checked before anything is written, and
written in one transaction. The kommun's logo is not in the file and is kept.
"""

from __future__ import annotations

from app.excel_import.kinds import DataKind, register
from app.organisation_excel.read import ChangesExisting, import_organisation, run_import, summary
from app.organisation_excel.sheets import export_organisation

__all__ = ["ChangesExisting", "export_organisation", "import_organisation", "run_import", "summary"]

register(DataKind("organisation", "Organisationen", export=export_organisation, run_import=run_import))
