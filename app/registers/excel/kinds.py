"""The registers as command-line kinds: ``import``/``export`` of delegationsordning,
delegationsbeslut, meddelanden and evb (registered through
app.excel_import.kinds.KIND_MODULES). The ``report evb`` verb is in app/registers/cli.py."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from app import clock
from app.excel_import.kinds import DataKind, KindError, namnd_id, register
from app.registers.delegation import BeslutFilter, DelegationService
from app.registers.ej_verkstallda import EvbFilter
from app.registers.excel.read import (
    DelegationsbeslutImport,
    DelegationsordningImport,
    EjVerkstalldaImport,
    MeddelandeImport,
)
from app.registers.excel.write import export_register
from app.registers.meddelanden import MeddelandeFilter


def option_date(text: str | None, option: str) -> date | None:
    """The date of a command-line option (``--antagen``, ``--date`` …), or None; a Swedish
    KindError for a malformed one."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise KindError(f"{option} ska vara ett datum som ÅÅÅÅ-MM-DD (nu: ”{text}”).") from None


def namnd_of(db: Database, args: argparse.Namespace) -> int:
    """The nämnd of ``--namnd`` (or the only one)."""
    return namnd_id(db, getattr(args, "namnd", None))


def _ordning_target(db: Database, args: argparse.Namespace):
    antagen = option_date(getattr(args, "antagen", None), "--antagen")
    if antagen is None:
        raise KindError("Ange vilket datum nämnden antog delegationsordningen: --antagen ÅÅÅÅ-MM-DD.")
    return DelegationsordningImport(namnd_of(db, args), antagen, getattr(args, "paragraf", "") or "")


def _ordning_export(db: Database, path: Path, args: argparse.Namespace) -> int:
    nid = namnd_of(db, args)
    svc = DelegationService(db)
    on = option_date(getattr(args, "antagen", None), "--antagen")
    ordning = next((o for o in svc.ordningar(nid) if o.antagen == on.isoformat()), None) if on \
        else svc.ordning_i_kraft(nid, clock.today())
    if ordning is None:
        raise KindError("Det finns ingen delegationsordning " +
                        (f"antagen {on}." if on else "i kraft i dag."))
    return export_register(db, "delegationsordning", path, ordning.id,
                           heading_lines=[f"Delegationsordning antagen {ordning.antagen}"])


def _filter_dates(args: argparse.Namespace) -> tuple[date | None, date | None]:
    return (option_date(getattr(args, "fran", None), "--fran"),
            option_date(getattr(args, "till", None), "--till"))


def _beslut_export(db: Database, path: Path, args: argparse.Namespace) -> int:
    fran, till = _filter_dates(args)
    return export_register(db, "delegationsbeslut", path,
                           BeslutFilter(namnd_of(db, args), fran=fran, till=till))


def _meddelande_export(db: Database, path: Path, args: argparse.Namespace) -> int:
    fran, till = _filter_dates(args)
    return export_register(db, "meddelanden", path,
                           MeddelandeFilter(namnd_of(db, args), fran=fran, till=till))


def _evb_export(db: Database, path: Path, args: argparse.Namespace) -> int:
    return export_register(db, "evb", path, EvbFilter(namnd_of(db, args)))


register(DataKind("delegationsordning", "Delegationsordning", _ordning_target, _ordning_export))
register(DataKind("delegationsbeslut", "Delegationsbeslut",
                  lambda db, args: DelegationsbeslutImport(namnd_of(db, args)), _beslut_export))
register(DataKind("meddelanden", "Meddelanden", lambda db, args: MeddelandeImport(namnd_of(db, args)),
                  _meddelande_export))
register(DataKind("evb", "Ej verkställda beslut", lambda db, args: EjVerkstalldaImport(namnd_of(db, args)),
                  _evb_export))
