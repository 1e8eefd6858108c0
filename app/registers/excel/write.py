"""Excel export of the registers and of the delegationsordning.

The headings are the import fields' labels, so an exported file imports again as it is
(round trip); dates are real dates and counts real numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from app.excel_import import ExportColumn, ExportSection, Marked, write_report_xlsx, write_xlsx
from app.registers.delegation import FORMER, BeslutFilter, DelegationService
from app.registers.ej_verkstallda import (
    AVBROTT_FOTNOT,
    LAG_KORT,
    ORSAKER,
    EjVerkstalldaService,
    EvbFilter,
    EvbRapport,
)
from app.registers.meddelanden import MeddelandeFilter, MeddelandeService

BATCH = 2000
#: The entry's id in the database (last, out of the way), so that importing the file again recognises each row
#: as the entry it came from (app/registers/excel/read.py, ENTRY_ID).
ID_COLUMN = ExportColumn("Id", "int")


@dataclass(frozen=True)
class ExportKind:
    title: str
    columns: tuple[ExportColumn, ...]
    rows: Callable[[Database, Any], list[Sequence[Any]]]


def _batched(ids: list[int], load) -> list:
    out = []
    for start in range(0, len(ids), BATCH):
        out.extend(load(ids[start:start + BATCH]))
    return out


def _meeting_labels(db: Database, items: list) -> dict[int, str]:
    from app.registers.reporting import ReportingService

    return ReportingService(db).labels({i.anmald_sammantrade_id for i in items if i.anmald_sammantrade_id})


def _anmald_vid(labels: dict[int, str], entry) -> str:
    """The meeting the entry was reported at: the program's label, or the text an import
    stored for a meeting the database does not hold."""
    return labels.get(entry.anmald_sammantrade_id, "") or entry.anmald_vid or ""


def delegationsbeslut_rows(db: Database, f: BeslutFilter) -> list[Sequence[Any]]:
    svc = DelegationService(db)
    items = _batched(svc.beslut_ids(f, "datum", descending=False), svc.beslut)
    labels = _meeting_labels(db, items)
    return [(b.datum, b.datum_till if b.form == "period" else None, b.kategori_namn, FORMER[b.form],
             b.dnr, b.beskrivning, b.delegat_namn, b.punkt, b.paragrafer, b.antal,
             _anmald_vid(labels, b), b.id) for b in items]


def meddelande_rows(db: Database, f: MeddelandeFilter) -> list[Sequence[Any]]:
    svc = MeddelandeService(db)
    items = _batched(svc.ids(f, "inkom", descending=False), svc.meddelanden)
    labels = _meeting_labels(db, items)
    return [(m.dnr, m.rubrik, m.inkom, m.avsandare, _anmald_vid(labels, m), m.id) for m in items]


def evb_rows(db: Database, f: EvbFilter) -> list[Sequence[Any]]:
    svc = EjVerkstalldaService(db)
    items = _batched(svc.ids(f), svc.beslut)
    return [(b.insats, b.lag, b.beslutsdatum, b.avbrott, b.kon, b.orsak, b.orsak_text, b.erbjudanden,
             b.tackat_nej, b.verkstallt, b.avslutat, b.id) for b in items]


def delegationsordning_rows(db: Database, ordning_id: int) -> list[Sequence[Any]]:
    o = DelegationService(db).get_ordning(ordning_id)
    return [(p.nummer, p.arendetyp, p.delegat, p.lagrum, p.anmarkning) for p in o.punkter]


KINDS = {
    "delegationsbeslut": ExportKind("Delegationsbeslut", (
        ExportColumn("Datum", "date"), ExportColumn("Till", "date"), ExportColumn("Kategori"),
        ExportColumn("Form"), ExportColumn("Dnr"), ExportColumn("Ärende"), ExportColumn("Delegat"),
        ExportColumn("Punkt"), ExportColumn("Paragrafer"), ExportColumn("Antal", "int"),
        ExportColumn("Anmäld vid"), ID_COLUMN), delegationsbeslut_rows),
    "meddelanden": ExportKind("Meddelanden", (
        ExportColumn("Dnr"), ExportColumn("Rubrik"), ExportColumn("Inkom", "date"),
        ExportColumn("Avsändare"), ExportColumn("Anmäld vid"), ID_COLUMN), meddelande_rows),
    "evb": ExportKind("Ej verkställda beslut", (
        ExportColumn("Insats"), ExportColumn("Lag"), ExportColumn("Beslutsdatum", "date"),
        ExportColumn("Avbrott", "date"), ExportColumn("Kön"), ExportColumn("Orsak", "int"),
        ExportColumn("Orsak, text"), ExportColumn("Erbjudanden", "int"), ExportColumn("Tackat nej", "int"),
        ExportColumn("Verkställt", "date"), ExportColumn("Avslutat", "date"), ID_COLUMN), evb_rows),
    "delegationsordning": ExportKind("Delegationsordning", (
        ExportColumn("Nummer"), ExportColumn("Ärendetyp"), ExportColumn("Delegat"), ExportColumn("Lagrum"),
        ExportColumn("Anmärkning")), delegationsordning_rows),
}


def export_register(db: Database, kind: str, path: Path | str, selection: Any,
                    heading_lines: Sequence[str] = ()) -> int:
    """Write register ``kind`` (filtered by ``selection``: a filter, or the ordning id
    for the delegationsordning) to ``path``; returns the number of rows."""
    spec = KINDS[kind]
    return write_xlsx(path, spec.title, spec.columns, spec.rows(db, selection), heading_lines=heading_lines)


def export_evb_rapport(rapport: EvbRapport, path: Path | str, namnd_namn: str = "") -> int:
    """The report as Excel, with the same three tables as the PDF."""
    heading = [rapport.rubrik] + ([namnd_namn] if namnd_namn else [])
    sections = [
        ExportSection("Antal beslut som inte har verkställts inom tre månader", (
            ExportColumn("Antal beslut", "int"), ExportColumn("Varav kvinnor", "int"),
            ExportColumn("Varav män", "int"), ExportColumn("Antal som tackat nej till erbjudande", "int")),
            [(rapport.antal, rapport.kvinnor, rapport.man, rapport.tackat_nej)]),
        ExportSection("Vilken typ av bistånd som inte verkställts inom tre månader", (
            ExportColumn("Beslut om"), ExportColumn("Antal", "int")), rapport.per_insats()),
        ExportSection("Antal dagar från dagen för respektive beslut till rapporteringstillfället", (
            ExportColumn("Beslut om"), ExportColumn("Lag"), ExportColumn("Beslutsdatum", "date"),
            ExportColumn("Antal dagar", "int"), ExportColumn("Kvinna eller man"),
            ExportColumn("Orsak"), ExportColumn("Orsak, text")),
            [(r.insats, LAG_KORT[r.lag], r.beslutsdatum, Marked(r.dagar) if r.avbrott else r.dagar, r.kon,
              r.orsak, ORSAKER[r.orsak] + (f": {r.orsak_text}" if r.orsak_text else ""))
             for r in rapport.rader],
            # As the printed report (app/registers/pdf/layout.py) explains its marks.
            footnote=AVBROTT_FOTNOT if any(r.avbrott for r in rapport.rader) else ""),
    ]
    return write_report_xlsx(path, "Statistikrapport", sections, heading_lines=heading)
