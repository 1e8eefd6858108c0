"""The plan as a command-line kind: ``export plan PLAN FIL.xlsx`` and ``import plan
FIL.xlsx`` (registered through app.excel_import.kinds.KIND_MODULES)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.excel_import.kinds import DataKind, register
from app.plan.cli import EXIT_UNUSABLE, export_plan, import_plan


def _export(args: argparse.Namespace, db_path: Path) -> int:
    if not args.objekt:
        print("Ange vilken plan som ska exporteras: export plan PLAN FIL.xlsx (se ”plans”).", file=sys.stderr)
        return EXIT_UNUSABLE
    return export_plan(db_path, args.objekt, args.file)


def _import(args: argparse.Namespace, db_path: Path) -> int:
    return import_plan(db_path, args.file, as_new=getattr(args, "ny", False),
                       dry_run=getattr(args, "dry_run", False), replace=getattr(args, "ersatt", False))


register(DataKind("plan", "Verksamhetsplan (mål, mått, tabeller, texter och uppföljningstillfällen)",
                  run_import=_import, run_export=_export))
