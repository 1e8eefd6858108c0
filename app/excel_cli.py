"""The ``import`` and ``export`` verbs of the command line (registered in app/cli.py
VERBS). Kinds are looked up in :mod:`app.excel_import.kinds`; the ``report`` verb is
the registers' (app/registers/cli.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE = 0, 1, 2


def configure_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", metavar="TYP",
                   help="vad som importeras: delegationsbeslut, meddelanden, evb, delegationsordning, plan, "
                        "internbudget, budgetuppfoljning, investeringsbudget, investeringsredovisning, "
                        "volymmatt, personal, organisation (hela kommunen; --namnd behövs inte)")
    p.add_argument("file", metavar="FIL", help="Excel-fil (.xlsx) eller CSV-fil")
    p.add_argument("--blad", help="bladets namn (standard: det första)")
    p.add_argument("--mapping", metavar="JSON",
                   help='kolumnval som JSON, skrivet här eller i en fil: {"Rubrik i filen": "fält"}; '
                        'fältet "" hoppar över kolumnen')
    p.add_argument("--dry-run", action="store_true", help="läs och kontrollera, men spara ingenting")
    _common(p)
    p.add_argument("--antagen", metavar="DATUM", help="delegationsordning: datum då nämnden antog den")
    p.add_argument("--paragraf", help="delegationsordning: paragrafen i protokollet, t.ex. ”§ 58”")
    p.add_argument("--ny", action="store_true",
                   help="plan: skapa en ny plan även om filen kommer från en plan i databasen")
    p.add_argument("--ersatt", action="store_true",
                   help="ersätt det som redan finns (delegationsordning antagen samma dag, ekonomins "
                        "år eller månad, nyckeltalens värden, en plan som filen ändrar); utan flaggan "
                        "vägras en import som skulle ersätta något")
    _economy(p)


def configure_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", metavar="TYP",
                   help="vad som exporteras: delegationsbeslut, meddelanden, evb, delegationsordning, plan, "
                        "internbudget, budgetuppfoljning, investeringsbudget, investeringsredovisning, "
                        "volymmatt, personal, organisation")
    # Only for kinds that export one thing of many: "export plan PLAN FIL.xlsx".
    p.add_argument("objekt", nargs="?", metavar="PLAN", help="plan: planens id eller en unik del av titeln")
    p.add_argument("file", metavar="FIL", help="Excel-fil att skriva (.xlsx)")
    _common(p)
    p.add_argument("--fran", metavar="DATUM", help="bara poster från och med datumet")
    p.add_argument("--till", metavar="DATUM", help="bara poster till och med datumet")
    p.add_argument("--antagen", metavar="DATUM", help="delegationsordning: versionen antagen detta datum")
    _economy(p)


def _economy(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ar", type=int, metavar="ÅÅÅÅ",
                   help="internbudget: budgetåret; investeringsbudget: planens första år")
    p.add_argument("--period", metavar="ÅÅÅÅ-MM",
                   help="budgetuppfoljning, investeringsredovisning: månaden, t.ex. 2022-01")
    p.add_argument("--enhet", choices=("kr", "tkr"),
                   help="ekonomi: beloppen i filen (standard: nämndens inställning)")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--namnd", metavar="KORTNAMN", help="nämndens kortnamn (behövs om det finns flera)")


def _kind(table: dict, name: str, what: str):
    if name not in table:
        known = ", ".join(sorted(table)) or "inga"
        print(f"Okänd typ ”{name}” för {what} (kända typer: {known}).", file=sys.stderr)
        return None
    return table[name]


def run_import(args: argparse.Namespace, db_path: Path) -> int:
    from app.excel_import import ImportFileError, MappingStore, apply_import, preview_file
    from app.excel_import.kinds import DATA_KINDS, KindError, load_kinds
    from app.session import Session

    load_kinds()
    kind = _kind(DATA_KINDS, args.kind, "import")
    if kind is not None and kind.run_import is not None:
        return kind.run_import(args, db_path)
    if kind is None or kind.target is None:
        return EXIT_UNUSABLE
    by_heading = None
    if args.mapping:
        try:
            by_heading = MappingStore.load_file(args.mapping)
        except (OSError, ValueError) as exc:
            what = "Mappningen" if args.mapping.lstrip().startswith("{") else f"Mappningsfilen {args.mapping}"
            print(f"{what} kan inte läsas: {exc}", file=sys.stderr)
            return EXIT_UNUSABLE
    path = Path(args.file)
    with Session.open(db_path) as session:
        try:
            target = kind.target(session.db, args)
            preview = preview_file(session.db, target, path, args.blad, by_heading=by_heading)
        except (KindError, ImportFileError) as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
        for problem in preview.problems:
            print(problem.with_file(), file=sys.stderr)
        for note in preview.notes:
            print(f"{path.name}: {note}.")
        for warning in preview.warnings:
            print(f"Varning, {warning.with_file()} (markeras ”Behöver granskas”)", file=sys.stderr)
        print(f"{path.name}, blad {preview.sheet}: {preview.summary()}.")
        if preview.unmapped:
            print(_unmapped_message(path, preview.unmapped), file=sys.stderr)
        if preview.problems or preview.unmapped:
            print("Ingenting importerades.", file=sys.stderr)
            return EXIT_PROBLEM
        # Replacing what is there needs consent, as the window asks before it replaces.
        replaced = target.bind(session.db).replaces(session.db)
        if replaced and not getattr(args, "ersatt", False):
            print(f"{path.name}: {replaced[0].upper()}{replaced[1:]}. Ange --ersatt för att ersätta.",
                  file=sys.stderr)
            print("Ingenting importerades.", file=sys.stderr)
            return EXIT_PROBLEM
        if replaced:
            print(f"{path.name}: ersätter: {replaced}.")
        if args.dry_run:
            print("Provkörning: ingenting sparades.")
            return EXIT_OK
        count = apply_import(session.db, target.bind(session.db), preview)
    if preview.all_new is False:  # rows already in the register, counted
        print(f"{count} rader importerades till {kind.title.lower()}: {preview.summary()}.")
    else:
        print(f"{count} rader importerades till {kind.title.lower()}.")
    return EXIT_OK


def _unmapped_message(path: Path, names: list[str]) -> str:
    """Columns no field reads are never dropped silently: named, with the way to map
    them or to leave them out on purpose."""
    import json

    listed = ", ".join(f"”{n}”" for n in names)
    example = json.dumps({names[0]: "FÄLT"}, ensure_ascii=False)
    one = len(names) == 1
    return (f"{path.name}: {'kolumnen' if one else 'kolumnerna'} {listed} känns inte igen "
            "och skulle inte importeras. Ange med "
            f"--mapping vilket fält {'den' if one else 'de'} fyller, t.ex. --mapping '{example}', "
            "eller fältet \"\" för att hoppa över en kolumn.")


def run_export(args: argparse.Namespace, db_path: Path) -> int:
    from app.excel_import import ExportError
    from app.excel_import.kinds import DATA_KINDS, KindError, load_kinds
    from app.session import Session

    load_kinds()
    kind = _kind(DATA_KINDS, args.kind, "export")
    if kind is not None and kind.run_export is not None:
        return kind.run_export(args, db_path)
    if kind is None or kind.export is None:
        return EXIT_UNUSABLE
    path = Path(args.file)
    if path.suffix.lower() != ".xlsx":
        print(f"{path.name}: exporten skrivs som Excel-arbetsbok; ge filen ändelsen .xlsx.", file=sys.stderr)
        return EXIT_UNUSABLE
    with Session.read(db_path) as session:
        try:
            count = kind.export(session.db, path, args)
        except (KindError, ExportError) as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
    print(f"{count} rader skrevs till {path}.")
    return EXIT_OK
