"""The economy's ``import``/``export`` kinds for the command line (registered through
app.excel_import.kinds.KIND_MODULES): internbudget, budgetuppfoljning,
investeringsbudget and investeringsredovisning, with ``--ar ÅÅÅÅ`` or ``--period
ÅÅÅÅ-MM`` and ``--enhet``; volymmatt and personal (the key figures, every year)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from sqlite_utils import Database

from app.budget.verksamheter import VerksamhetService
from app.excel_import.kinds import DataKind, KindError, namnd_id, register


def ar_av(args: argparse.Namespace, what: str = "budgetåret") -> int:
    ar = getattr(args, "ar", None)
    if not ar:
        raise KindError(f"Ange {what} med --ar ÅÅÅÅ, t.ex. --ar 2023.")
    return int(ar)


def period_av(text: str | None) -> tuple[int, int]:
    """``2022-01`` → (2022, 1); a Swedish error for anything else."""
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise KindError(f"Perioden ska skrivas ÅÅÅÅ-MM, t.ex. 2022-01 (nu ”{text or ''}”).")
    return int(m.group(1)), int(m.group(2))


def _period(args: argparse.Namespace) -> tuple[int, int]:
    return period_av(getattr(args, "period", None))


def _settings(db: Database, args: argparse.Namespace) -> tuple[int, str, str]:
    nid = namnd_id(db, getattr(args, "namnd", None))
    inst = VerksamhetService(db).installning(nid)
    enhet = getattr(args, "enhet", None) or inst.enhet
    return nid, enhet, inst.teckenkonvention


def _internbudget_target(db: Database, args: argparse.Namespace):
    from app.budget.excel.read import InternbudgetImport

    nid, enhet, konv = _settings(db, args)
    return InternbudgetImport(nid, ar_av(args), enhet=enhet, konvention=konv)


def _uppfoljning_target(db: Database, args: argparse.Namespace):
    from app.budget.excel.read_uppfoljning import UppfoljningImport

    nid, enhet, konv = _settings(db, args)
    ar, manad = _period(args)
    return UppfoljningImport(nid, ar, manad=manad, enhet=enhet, konvention=konv)


def _plan_target(db: Database, args: argparse.Namespace):
    from app.budget.excel.read import InvesteringsbudgetImport

    nid, enhet, _konv = _settings(db, args)
    return InvesteringsbudgetImport(nid, ar_av(args, "planens första år"), enhet=enhet)


def _redovisning_target(db: Database, args: argparse.Namespace):
    from app.budget.excel.read import InvesteringsredovisningImport

    nid, enhet, _konv = _settings(db, args)
    ar, manad = _period(args)
    return InvesteringsredovisningImport(nid, ar, manad=manad, enhet=enhet)


def _export(kind: str):
    def export(db: Database, path: Path, args: argparse.Namespace) -> int:
        from app.budget import excel

        nid = namnd_id(db, getattr(args, "namnd", None))
        if kind == "internbudget":
            return excel.export_internbudget(db, nid, ar_av(args), path)
        if kind == "investeringsbudget":
            return excel.export_investeringsbudget(db, nid, ar_av(args, "planens första år"), path)
        ar, manad = _period(args)
        if kind == "budgetuppfoljning":
            return excel.export_uppfoljning(db, nid, ar, manad, path)
        return excel.export_investeringsredovisning(db, nid, ar, manad, path)

    return export


def _nyckeltal_target(slag: str):
    def target(db: Database, args: argparse.Namespace):
        from app.budget.excel.read_nyckeltal import NyckeltalImport

        return NyckeltalImport(namnd_id(db, getattr(args, "namnd", None)), slag)

    return target


def _nyckeltal_export(slag: str):
    def export(db: Database, path: Path, args: argparse.Namespace) -> int:
        from app.budget.excel.write import export_nyckeltal_varden

        return export_nyckeltal_varden(db, namnd_id(db, getattr(args, "namnd", None)), slag, path)

    return export


register(DataKind("internbudget", "Internbudget", _internbudget_target, _export("internbudget")))
register(DataKind("budgetuppfoljning", "Budgetuppföljning", _uppfoljning_target,
                  _export("budgetuppfoljning")))
register(DataKind("investeringsbudget", "Investeringsbudget", _plan_target, _export("investeringsbudget")))
register(DataKind("investeringsredovisning", "Investeringsredovisning", _redovisning_target,
                  _export("investeringsredovisning")))
# Every key figure with every stored value, one row per key figure and period.
register(DataKind("volymmatt", "Volymmått", _nyckeltal_target("volym"), _nyckeltal_export("volym")))
register(DataKind("personal", "Personalnyckeltal", _nyckeltal_target("personal"),
                  _nyckeltal_export("personal")))
