"""Command-line verbs of the reports (registered in app/cli.py): ``rapporter`` lists
them, ``rapport RAPPORT -o FIL.pdf`` prints one (both only read the database), and
``kopiera-rapport RAPPORT`` copies one to the next period."""

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
    p.add_argument("--utan-tomma", action="store_true",
                   help="lämna kapitel utan text utanför PDF:en och innehållsförteckningen (som i "
                        "handlingen till sammanträdet); annars står ”Texten är inte skriven.” under dem")


def missing_text_warning(r, missing: list[str]) -> str:
    """The stderr warning naming the chapters without text ("" when there are none)."""
    if not missing:
        return ""
    names = "\n".join(f"  – {name}" for name in missing)
    return f"Varning: {len(missing)} kapitel i {r.titel} saknar text:\n{names}"


def run_rapport(args: argparse.Namespace, db_path: Path) -> int:
    from app.pdf.pdfa import ordinary_pdf_note
    from app.rapport.kept import print_rapport
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
        missing = RapportService(session.db).missing_texts(id_of(r))
        leave_out = True if args.utan_tomma else None
        # The verb only reads: an adopted report not kept yet is kept by the program's next print.
        printed = print_rapport(session.db, id_of(r), out, leave_out_empty=leave_out, keep=False)
    print(f"{r.titel} ({r.namnd_namn}): {printed.pages} sidor skrevs till {out}.")
    if printed.kept is not None:
        print(f"Den antagna rapporten skrevs ut som den sparades vid {_occasion(printed.kept)} "
              f"{printed.kept.kept_text} (SHA-256 {printed.kept.sha256}).")
    if printed.note:
        print(printed.note, file=sys.stderr)
    warning = missing_text_warning(r, missing)
    if warning:
        if args.utan_tomma or r.adopted:
            where = f"De är inte med i {out.name}."
        else:
            where = (f"I {out.name} står ”Texten är inte skriven.” under dem; skriv dem, eller skriv ut "
                     "med --utan-tomma för att lämna dem utanför.")
        print(f"{warning}\n{where}", file=sys.stderr)
    note = ordinary_pdf_note(out)
    if note:
        print(note, file=sys.stderr)
    return EXIT_OK


def _occasion(kept) -> str:
    from app.rapport.kept import AT_ADOPTION

    return "antagandet" if kept.tillfalle == AT_ADOPTION else "första utskriften efter antagandet"


def configure_kopiera_rapport(p: argparse.ArgumentParser) -> None:
    p.add_argument("rapport", metavar="RAPPORT",
                   help="rapportens id (se ”rapporter”) eller en unik del av titeln")
    p.add_argument("--period-start", metavar="ÅÅÅÅ-MM-DD",
                   help="den nya periodens första dag (standard: samma dag ett år senare)")
    p.add_argument("--period-slut", metavar="ÅÅÅÅ-MM-DD",
                   help="den nya periodens sista dag (standard: samma månad och dag som rapportens, "
                        "i den nya periodens år)")


def run_kopiera_rapport(args: argparse.Namespace, db_path: Path) -> int:
    """Copy a report to the next period (or the one given): a draft with the outline and
    texts, each narrative chapter marked "att granska"."""
    from app.rapport.copyforward import copy_forward, period_from
    from app.rapport.service import RapportService
    from app.records import id_of
    from app.session import Session
    from app.validation import ValidationError

    with Session.open(db_path) as session:
        try:
            r = RapportService(session.db).find(args.rapport)
        except LookupError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
        start, slut = args.period_start, args.period_slut
        if start and not slut:
            start, slut = period_from(r, start)
        try:
            copied = copy_forward(session.db, id_of(r), start, slut)
        except ValidationError as exc:
            print(f"Rapporten kopierades inte: {exc}", file=sys.stderr)
            return EXIT_UNUSABLE
    print(copied.message())
    print(f"Den nya rapportens id: {copied.rapport.id}")
    return EXIT_OK
