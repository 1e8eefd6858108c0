"""Command-line verbs of the verksamhetsplan (registered in app/cli.py):
``plans``, ``plan PLAN -o FIL.pdf``, ``uppfoljning PLAN --tillfalle NAMN -o FIL.pdf``,
``revidera PLAN``, ``kopiera-plan PLAN`` (into the next period) and the plan kind of
``export``/``import``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE = 0, 1, 2


def configure_plans(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="skriv listan som JSON")
    p.add_argument("--namnd", metavar="KORTNAMN", help="bara planer för den här nämnden")


def plans_as_dicts(db, namnd: str | None = None) -> list[dict]:
    from app.plan.followup import FollowupService
    from app.plan.service import PlanService
    from app.records import id_of

    follow = FollowupService(db)
    out = []
    for p in PlanService(db).plans():
        if namnd and p.namnd_kortnamn.casefold() != namnd.casefold():
            continue
        out.append({
            "id": p.id, "titel": p.titel, "namnd": p.namnd_kortnamn, "period": p.period,
            "forsta_ar": p.forsta_ar, "antal_ar": p.antal_ar, "status": p.status,
            "antagen_datum": p.antagen_datum, "antagen_paragraf": p.antagen_paragraf,
            "kopierad_fran_id": p.kopierad_fran_id, "version": p.version,
            "revidering_av_id": p.revidering_av_id,
            "tillfallen": [t.label for t in follow.tillfallen(id_of(p))],
        })
    return out


def run_plans(args: argparse.Namespace, db_path: Path) -> int:
    from app.session import Session

    with Session.read(db_path) as session:
        rows = plans_as_dicts(session.db, args.namnd)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("Inga verksamhetsplaner.")
        return EXIT_OK
    print(f"{'Id':>4}  {'Nämnd':<8} {'Period':<10} {'Status':<8} {'Version':<7} Titel")
    for r in rows:
        print(f"{r['id']:>4}  {r['namnd']:<8} {r['period']:<10} {r['status']:<8} {r['version']:<7} "
              f"{r['titel']}")
    return EXIT_OK


def _open_plan(session, ident: str):
    from app.plan.service import PlanService

    try:
        return PlanService(session.db).find_plan(ident)
    except LookupError as exc:
        print(str(exc), file=sys.stderr)
        return None


def export_plan(db_path: Path, ident: str, file: str) -> int:
    from app.excel_import import ExportError
    from app.plan.excel import export_plan_xlsx
    from app.session import Session

    path = Path(file)
    if path.suffix.lower() != ".xlsx":
        print(f"{path.name}: planen skrivs som Excel-arbetsbok; ge filen ändelsen .xlsx.", file=sys.stderr)
        return EXIT_UNUSABLE
    with Session.read(db_path) as session:
        plan = _open_plan(session, ident)
        if plan is None:
            return EXIT_UNUSABLE
        try:
            count = export_plan_xlsx(session.db, plan.id, path)
        except ExportError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
    print(f"{plan.titel}: {count} rader (mål, mått, fotnoter, aktiviteter, tabeller, texter och "
          f"uppföljningstillfällen) skrevs till {path}.")
    return EXIT_OK


def import_plan(db_path: Path, file: str, *, as_new: bool = False, dry_run: bool = False,
                replace: bool = False) -> int:
    """Import a plan workbook; replacing the content of a plan in the database needs
    ``replace`` (``--ersatt``), as the other imports that replace what is there."""
    from app.excel_import import ImportFileError, ImportRefused
    from app.plan.excel import check_plan_xlsx, import_plan_xlsx
    from app.plan.excel.store import ReplaceNeedsConsent
    from app.session import Session

    with Session.open(db_path) as session:
        try:
            if dry_run:
                result = check_plan_xlsx(session.db, file, as_new=as_new, replace=replace)
            else:
                result = import_plan_xlsx(session.db, file, as_new=as_new, replace=replace)
        except ImportFileError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
        except ReplaceNeedsConsent as exc:
            what = str(exc)
            print(f"{Path(file).name}: {what[0].upper()}{what[1:]}. Ange --ersatt för att ersätta, eller "
                  "--ny för att importera filen som en ny plan.", file=sys.stderr)
            print("Ingenting importerades.", file=sys.stderr)
            return EXIT_PROBLEM
        except ImportRefused as exc:
            for problem in exc.problems:
                print(problem.with_file(), file=sys.stderr)
            print(f"Ingenting importerades: {len(exc.problems)} problem.", file=sys.stderr)
            return EXIT_PROBLEM
    print(("Provkörning, ingenting sparades. " if dry_run else "") + result.summary())
    if not dry_run:
        print(f"Planens id: {result.plan_id}")
    return EXIT_OK


def configure_revidera(p: argparse.ArgumentParser) -> None:
    p.add_argument("plan", metavar="PLAN",
                   help="den antagna planens id (se ”plans”) eller en unik del av titeln")


def run_revidera(args: argparse.Namespace, db_path: Path) -> int:
    """Copy an adopted plan into its next version, an utkast to change and adopt."""
    from app.session import Session
    from app.validation import ValidationError

    with Session.open(db_path) as session:
        plan = _open_plan(session, args.plan)
        if plan is None:
            return EXIT_UNUSABLE
        try:
            revision = session.plan.revise(plan.id)
        except ValidationError as exc:
            print(f"Planen reviderades inte: {exc}", file=sys.stderr)
            return EXIT_UNUSABLE
    print(revision.message())
    print(f"Den nya versionens id: {revision.plan.id}")
    return EXIT_OK


def configure_kopiera_plan(p: argparse.ArgumentParser) -> None:
    p.add_argument("plan", metavar="PLAN", help="planens id (se ”plans”) eller en unik del av titeln")
    p.add_argument("--forsta-ar", metavar="ÅR", type=int,
                   help="den nya planens första år (standard: året efter planens första år)")
    p.add_argument("--aktiviteter", action="store_true", help="kopiera handlingsplanens aktiviteter")
    p.add_argument("--utan-utfall", action="store_true",
                   help="behåll ingångsvärdena i stället för att ta förra årets utfall")


def run_kopiera_plan(args: argparse.Namespace, db_path: Path) -> int:
    """Copy a plan forward into the next period: a draft with goals, mått and texts, each
    avsnitt marked "att granska"; a period the nämnd already has a plan for is refused."""
    from app.plan.copyforward import copy_forward
    from app.session import Session
    from app.validation import ValidationError

    with Session.open(db_path) as session:
        plan = _open_plan(session, args.plan)
        if plan is None:
            return EXIT_UNUSABLE
        years = 1 if args.forsta_ar is None else args.forsta_ar - plan.forsta_ar
        if years < 1:
            print(f"Planen kopierades inte: den nya planens första år måste komma efter {plan.forsta_ar} "
                  f"(nu: {args.forsta_ar}).", file=sys.stderr)
            return EXIT_UNUSABLE
        try:
            result = copy_forward(session.db, plan.id, years=years, with_activities=args.aktiviteter,
                                  outcomes_as_baseline=not args.utan_utfall)
        except ValidationError as exc:
            print(f"Planen kopierades inte: {exc}", file=sys.stderr)
            return EXIT_UNUSABLE
    print("\n".join(result.notes))
    print(f"Den nya planens id: {result.plan.id}")
    return EXIT_OK


def configure_plan_pdf(p: argparse.ArgumentParser) -> None:
    p.add_argument("plan", metavar="PLAN", help="planens id (se ”plans”) eller en unik del av titeln")
    p.add_argument("-o", "--output", metavar="FIL", required=True, help="PDF-fil att skriva")


def configure_uppfoljning(p: argparse.ArgumentParser) -> None:
    configure_plan_pdf(p)
    p.add_argument("--tillfalle", metavar="NAMN", required=True,
                   help="uppföljningstillfället, t.ex. ”delår” eller ”Bokslut 2023”")


def run_plan_pdf(args: argparse.Namespace, db_path: Path) -> int:
    from app.plan.pdf.plan import write_plan_pdf
    from app.session import Session

    with Session.read(db_path) as session:
        plan = _open_plan(session, args.plan)
        if plan is None:
            return EXIT_UNUSABLE
        pages = write_plan_pdf(session.db, plan.id, Path(args.output))
    print(f"{plan.titel}: {pages} sidor skrevs till {args.output}.")
    _note_pdfa(Path(args.output))
    return EXIT_OK


def run_uppfoljning_pdf(args: argparse.Namespace, db_path: Path) -> int:
    from app.plan.followup import FollowupService
    from app.plan.pdf.followup import write_followup_pdf
    from app.records import id_of
    from app.session import Session

    with Session.read(db_path) as session:
        plan = _open_plan(session, args.plan)
        if plan is None:
            return EXIT_UNUSABLE
        try:
            t = FollowupService(session.db).find_tillfalle(plan.id, args.tillfalle)
        except LookupError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
        pages = write_followup_pdf(session.db, id_of(t), Path(args.output))
    print(f"Uppföljning {t.label} av {plan.titel}: {pages} sidor skrevs till {args.output}.")
    _note_pdfa(Path(args.output))
    return EXIT_OK


def _note_pdfa(path: Path) -> None:
    """Say so when the PDF written is not PDF/A (docs/domain/documents.md)."""
    from app.pdf.pdfa import ordinary_pdf_note

    note = ordinary_pdf_note(path)
    if note:
        print(note, file=sys.stderr)
