"""The organisation workbook's sheets and its export (see the package's docstring)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from app.excel_import import ExportColumn, FieldSpec
from app.excel_import.export import cell_value, save_workbook
from app.excel_import.values import column_letter
from app.organisation import (
    ORGAN_TYPER,
    ROLLER,
    OrganisationService,
    Person,
)
from db.textsort import swedish_key

JA_NEJ = {"Ja": "1", "Nej": "0", "J": "1", "N": "0", "X": "1", "1": "1", "0": "0"}


def _f(key: str, label: str, kind: str = "text", *, required: bool = False, **kw) -> FieldSpec:
    return FieldSpec(key, label, kind, required=required, numbers_ok=kind == "text", **kw)


@dataclass(frozen=True)
class Sheet:
    title: str
    fields: tuple[FieldSpec, ...]

    def columns(self) -> list[ExportColumn]:
        return [ExportColumn(f.label, "date" if f.kind == "date" else "int" if f.kind == "int" else "text")
                for f in self.fields]


KOMMUN = Sheet("Kommun", (
    _f("namn", "Namn", required=True), _f("postadress", "Postadress"), _f("besoksadress", "Besöksadress"),
    _f("telefon", "Telefon"), _f("epost", "E-post"), _f("webb", "Webb"),
    _f("organisationsnummer", "Organisationsnummer")))
NAMNDER = Sheet("Nämnder", (
    _f("kortnamn", "Kortnamn", required=True), _f("namn", "Namn", required=True),
    _f("avslutad", "Avslutad", "date")))
FORVALTNINGAR = Sheet("Förvaltningar", (
    _f("namnd", "Nämnd", required=True), _f("kortnamn", "Kortnamn", required=True),
    _f("namn", "Namn", required=True)))
ORGAN = Sheet("Organ", (
    _f("namnd", "Nämnd", required=True), _f("namn", "Namn", required=True),
    _f("typ", "Typ", "choice", required=True, choices={t: t for t in ORGAN_TYPER}),
    _f("kortnamn", "Kortnamn"), _f("paragraf_format", "Paragrafformat"),
    _f("paragraf_startnummer", "Första paragrafnummer", "int"), _f("avslutad", "Avslutad", "date")))
PERSONER = Sheet("Personer", (
    _f("nr", "Nr", "int", required=True), _f("fornamn", "Förnamn", required=True),
    _f("efternamn", "Efternamn", required=True), _f("parti", "Parti"), _f("titel", "Titel"),
    _f("ar_tjansteman", "Tjänsteman", "choice", choices=JA_NEJ), _f("namnd", "Nämnd"),
    _f("forvaltning", "Förvaltning"), _f("epost", "E-post"), _f("telefon", "Telefon"), _f("id", "Id", "int")))
UPPDRAG = Sheet("Uppdrag", (
    _f("person", "Person", "int", required=True), _f("person_namn", "Namn"),
    _f("namnd", "Nämnd", required=True), _f("organ", "Organ", required=True),
    _f("roll", "Roll", "choice", required=True, choices={r: r for r in ROLLER}),
    _f("fran", "Från", "date", required=True), _f("till", "Till", "date", required=True),
    _f("ordning", "Ordning", "int"), _f("avslutad", "Avslutad", "date")))
SHEETS = (KOMMUN, NAMNDER, FORVALTNINGAR, ORGAN, PERSONER, UPPDRAG)


def _fold(text: Any) -> str:
    return " ".join(str(text or "").casefold().split())


# -- export ---------------------------------------------------------------------------------
def workbook_rows(db: Database) -> dict[str, list[Sequence[Any]]]:
    """Each sheet's rows, in an order that depends only on the content (so two databases
    holding the same organisation write the same file)."""
    svc = OrganisationService(db)
    namnder = sorted(svc.namnder(), key=lambda n: swedish_key(n.kortnamn))
    kort = {n.id: n.kortnamn for n in namnder}
    k = svc.kommun()
    organs = [o for n in namnder for o in svc.organ(n.id)]
    organ_order = {o.id: i for i, o in enumerate(organs)}
    forvaltningar = {f.id: f for f in svc.forvaltningar()}
    people = sorted(svc.personer(), key=lambda p: (p.sort_key, swedish_key(p.parti), swedish_key(p.titel),
                                                   p.id))
    nr = {p.id: i for i, p in enumerate(people, start=1)}
    roll_order = {r: i for i, r in enumerate(ROLLER)}
    seats = sorted(svc.uppdrag(), key=lambda u: (organ_order[u.organ_id], u.fran, roll_order[u.roll],
                                                 u.ordning if u.ordning is not None else 10**6,
                                                 nr[u.person_id]))
    organ_by_id = {o.id: o for o in organs}

    def person_row(p: Person) -> Sequence[Any]:
        f = forvaltningar.get(p.forvaltning_id) if p.forvaltning_id else None
        return (nr[p.id], p.fornamn, p.efternamn, p.parti, p.titel, "Ja" if p.ar_tjansteman else "Nej",
                kort[f.namnd_id] if f else "", f.kortnamn if f else "", p.epost, p.telefon, p.id)

    return {
        KOMMUN.title: [(k.namn, k.postadress, k.besoksadress, k.telefon, k.epost, k.webb,
                        k.organisationsnummer)] if k else [],
        NAMNDER.title: [(n.kortnamn, n.namn, n.avslutad) for n in namnder],
        FORVALTNINGAR.title: sorted(((kort[f.namnd_id], f.kortnamn, f.namn) for f in forvaltningar.values()),
                                    key=lambda r: (swedish_key(r[0]), swedish_key(r[1]))),
        ORGAN.title: [(kort[o.namnd_id], o.namn, o.typ, o.kortnamn, o.paragraf_format, o.paragraf_startnummer,
                       o.avslutad) for o in organs],
        PERSONER.title: [person_row(p) for p in people],
        UPPDRAG.title: [(nr[u.person_id], u.person_namn, kort[organ_by_id[u.organ_id].namnd_id],
                         organ_by_id[u.organ_id].namn, u.roll, u.fran, u.till, u.ordning, u.avslutad)
                        for u in seats],
    }


def export_organisation(db: Database, path: Path | str, args: argparse.Namespace | None = None) -> int:
    """Write the workbook; returns the number of rows on all sheets."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    total = 0
    for sheet, rows in zip(SHEETS, workbook_rows(db).values(), strict=True):
        ws = wb.create_sheet(sheet.title)
        columns = sheet.columns()
        for c, col in enumerate(columns, start=1):
            ws.cell(1, c, col.heading).font = Font(bold=True)
            ws.column_dimensions[column_letter(c - 1)].width = max(10, min(40, len(col.heading) + 4))
        for r, row in enumerate(rows, start=2):
            for c, (col, value) in enumerate(zip(columns, row, strict=True), start=1):
                typed = cell_value(col, value)
                cell = ws.cell(r, c, typed)
                if isinstance(typed, str) and typed.startswith("="):
                    cell.data_type = "s"  # text, never a formula
                elif col.number_format and typed is not None and not isinstance(typed, str):
                    cell.number_format = col.number_format
        ws.freeze_panes = "A2"
        total += len(rows)
    save_workbook(wb, path)
    return total
