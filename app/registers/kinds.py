"""The registers as command-line kinds: ``import``/``export`` of delegationsordning,
delegationsbeslut, meddelanden and evb, and ``report evb``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from app import clock
from app.excel_import.kinds import DataKind, KindError, ReportKind, namnd_id, register
from app.registers.delegation import BeslutFilter, DelegationService
from app.registers.ej_verkstallda import EjVerkstalldaService, EvbFilter
from app.registers.exporters import export_evb_rapport, export_register
from app.registers.importers import (
    DelegationsbeslutImport,
    DelegationsordningImport,
    EjVerkstalldaImport,
    MeddelandeImport,
)
from app.registers.meddelanden import MeddelandeFilter


def _date(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise KindError(f"{option} ska vara ett datum som ÅÅÅÅ-MM-DD (nu: ”{text}”).") from None


def _nid(db: Database, args: argparse.Namespace) -> int:
    return namnd_id(db, getattr(args, "namnd", None))


def _ordning_target(db: Database, args: argparse.Namespace):
    antagen = _date(getattr(args, "antagen", None), "--antagen")
    if antagen is None:
        raise KindError("Ange vilket datum nämnden antog delegationsordningen: --antagen ÅÅÅÅ-MM-DD.")
    return DelegationsordningImport(_nid(db, args), antagen, getattr(args, "paragraf", "") or "")


def _ordning_export(db: Database, path: Path, args: argparse.Namespace) -> int:
    nid = _nid(db, args)
    svc = DelegationService(db)
    on = _date(getattr(args, "antagen", None), "--antagen")
    ordning = next((o for o in svc.ordningar(nid) if o.antagen == on.isoformat()), None) if on \
        else svc.ordning_i_kraft(nid, clock.today())
    if ordning is None:
        raise KindError("Det finns ingen delegationsordning " +
                        (f"antagen {on}." if on else "i kraft i dag."))
    return export_register(db, "delegationsordning", path, ordning.id,
                           heading_lines=[f"Delegationsordning antagen {ordning.antagen}"])


def _filter_dates(args: argparse.Namespace) -> tuple[date | None, date | None]:
    return _date(getattr(args, "fran", None), "--fran"), _date(getattr(args, "till", None), "--till")


def _beslut_export(db: Database, path: Path, args: argparse.Namespace) -> int:
    fran, till = _filter_dates(args)
    return export_register(db, "delegationsbeslut", path, BeslutFilter(_nid(db, args), fran=fran, till=till))


def _meddelande_export(db: Database, path: Path, args: argparse.Namespace) -> int:
    fran, till = _filter_dates(args)
    return export_register(db, "meddelanden", path, MeddelandeFilter(_nid(db, args), fran=fran, till=till))


def _evb_export(db: Database, path: Path, args: argparse.Namespace) -> int:
    return export_register(db, "evb", path, EvbFilter(_nid(db, args)))


def _evb_report(db: Database, path: Path, args: argparse.Namespace) -> str:
    day = _date(getattr(args, "date", None), "--date") or clock.today()
    nid = _nid(db, args)
    namnd = db.execute("SELECT namn FROM namnd WHERE id = ?", [nid]).fetchone()[0]
    rapport = EjVerkstalldaService(db).rapport(nid, day)
    if path.suffix.lower() == ".pdf":
        from app.registers.pdf import evb_rapport_pdf

        path.write_bytes(evb_rapport_pdf(db, nid, rapport))
    else:
        export_evb_rapport(rapport, path, namnd)
    return (f"{rapport.rubrik}: {rapport.antal} beslut (kvinnor {rapport.kvinnor}, män {rapport.man}, "
            f"tackat nej {rapport.tackat_nej}).")


register(DataKind("delegationsordning", "Delegationsordning", _ordning_target, _ordning_export))
register(DataKind("delegationsbeslut", "Delegationsbeslut",
                  lambda db, args: DelegationsbeslutImport(_nid(db, args)), _beslut_export))
register(DataKind("meddelanden", "Meddelanden", lambda db, args: MeddelandeImport(_nid(db, args)),
                  _meddelande_export))
register(DataKind("evb", "Ej verkställda beslut", lambda db, args: EjVerkstalldaImport(_nid(db, args)),
                  _evb_export))
register(ReportKind("evb", "Rapport om ej verkställda gynnande beslut", _evb_report))
