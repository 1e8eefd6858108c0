"""Command-line verbs of the reports (registered in app/cli.py): ``rapporter`` lists
them, ``rapport RAPPORT -o FIL.pdf`` prints one. Both only read the database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE = 0, 1, 2


def configure_rapporter(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="skriv listan som JSON")


def rapporter_as_dicts(db) -> list[dict]:
    from app.rapport.service import RapportService

    return [{"id": r.id, "namnd": r.namnd_kortnamn, "slag": r.slag, "period_start": r.period_start,
             "period_slut": r.period_slut, "period": r.period_text(), "titel": r.titel, "status": r.status,
             "antagen": r.adopted_by()}
            for r in RapportService(db).rapporter()]


def run_rapporter(args: argparse.Namespace, db_path: Path) -> int:
    from app.session import Session

    with Session.read(db_path) as session:
        rows = rapporter_as_dicts(session.db)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("Inga rapporter.")
        return EXIT_OK
    print(f"{'Id':>4}  {'Nämnd':<8} {'Slag':<22} {'Period':<24} {'Status':<8} Titel")
    for r in rows:
        print(f"{r['id']:>4}  {r['namnd']:<8} {r['slag']:<22} {r['period']:<24} {r['status']:<8} "
              f"{r['titel']}")
    return EXIT_OK


def configure_rapport(p: argparse.ArgumentParser) -> None:
    p.add_argument("rapport", metavar="RAPPORT",
                   help="rapportens id (se ”rapporter”) eller en unik del av titeln")
    p.add_argument("-o", "--output", metavar="FIL", required=True, help="PDF-fil att skriva")


def run_rapport(args: argparse.Namespace, db_path: Path) -> int:
    from app.pdf.pdfa import ordinary_pdf_note
    from app.rapport.pdf.rapport import write_rapport_pdf
    from app.rapport.service import RapportService
    from app.records import id_of
    from app.session import Session

    out = Path(args.output)
    if out.suffix.lower() != ".pdf":
        print(f"{out.name}: rapporten skrivs som PDF; ge filen ändelsen .pdf.", file=sys.stderr)
        return EXIT_UNUSABLE
    with Session.read(db_path) as session:
        try:
            r = RapportService(session.db).find(args.rapport)
        except LookupError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
        pages = write_rapport_pdf(session.db, id_of(r), out)
    print(f"{r.titel} ({r.namnd_namn}): {pages} sidor skrevs till {out}.")
    note = ordinary_pdf_note(out)
    if note:
        print(note, file=sys.stderr)
    return EXIT_OK
