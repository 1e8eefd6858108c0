"""The registers' verb ``report`` (app/cli.py VERBS names these functions):

    namndkansli report evb --date 2026-09-30 -o evb.pdf     (or .xlsx)

writes the report on ej verkställda gynnande beslut at a date, as the ärende to the
nämnd (PDF) or its three tables (Excel). The registers' ``import``/``export`` kinds
are in excel/kinds.py; those verbs are app/excel_cli.py's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE = 0, 1, 2
#: What a report can be written as.
SUFFIXES = (".pdf", ".xlsx")


def configure_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", metavar="TYP", help="rapport: evb (ej verkställda gynnande beslut)")
    p.add_argument("--date", metavar="DATUM", help="rapportdatum ÅÅÅÅ-MM-DD (standard: i dag)")
    p.add_argument("-o", "--output", metavar="FIL", required=True, help="fil att skriva (.pdf eller .xlsx)")
    p.add_argument("--namnd", metavar="KORTNAMN", help="nämndens kortnamn (behövs om det finns flera)")


def write_evb_report(db, path: Path, args: argparse.Namespace) -> str:
    """The report at ``--date`` (today without one) to ``path``; returns a Swedish
    summary of its figures."""
    from app import clock
    from app.registers.ej_verkstallda import EjVerkstalldaService
    from app.registers.excel.kinds import namnd_of, option_date

    day = option_date(getattr(args, "date", None), "--date") or clock.today()
    nid = namnd_of(db, args)
    namnd = db.execute("SELECT namn FROM namnd WHERE id = ?", [nid]).fetchone()[0]
    rapport = EjVerkstalldaService(db).rapport(nid, day)
    if path.suffix.lower() == ".pdf":
        from app.registers.pdf.evb import render_evb_rapport

        path.write_bytes(render_evb_rapport(db, nid, rapport))
    else:
        from app.registers.excel.write import export_evb_rapport

        export_evb_rapport(rapport, path, namnd)
    return (f"{rapport.rubrik}: {rapport.antal} beslut (kvinnor {rapport.kvinnor}, män {rapport.man}, "
            f"tackat nej {rapport.tackat_nej}).")


#: The reports by the name the verb takes: each writes to a path and returns a summary.
REPORTS = {"evb": write_evb_report}


def run_report(args: argparse.Namespace, db_path: Path) -> int:
    from app.excel_import import ExportError
    from app.excel_import.kinds import KindError
    from app.session import Session

    write = REPORTS.get(args.kind)
    if write is None:
        print(f"Okänd typ ”{args.kind}” för rapport (kända typer: {', '.join(sorted(REPORTS))}).",
              file=sys.stderr)
        return EXIT_UNUSABLE
    path = Path(args.output)
    if path.suffix.lower() not in SUFFIXES:
        print(f"{path.name}: rapporten kan skrivas som {' eller '.join(SUFFIXES)}.", file=sys.stderr)
        return EXIT_UNUSABLE
    with Session.read(db_path) as session:
        try:
            summary = write(session.db, path, args)
        except (KindError, ExportError) as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
    print(summary)
    print(f"Rapporten skrevs till {path}.")
    if path.suffix.lower() == ".pdf":
        from app.pdf.pdfa import ordinary_pdf_note

        note = ordinary_pdf_note(path)  # PDF/A only when the validator passes
        if note:
            print(note, file=sys.stderr)
    return EXIT_OK
