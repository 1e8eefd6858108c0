"""Command line: ``namndkansli [--db FIL] VERB``.

All verbs live here, each as one ``_verb_*`` function registered in :data:`VERBS`, so
``namndkansli --help`` lists everything. ``gui`` (the default) is supplied by the
caller (``ui.launch``), which keeps this module free of Qt.

Exit codes: 0 all is well, 1 a problem was found (check), 2 the file or the
arguments could not be used.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app import APP_NAME, __version__, config
from db.errors import DatabaseError

log = logging.getLogger(__name__)

EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE = 0, 1, 2
GuiRunner = Callable[[argparse.Namespace], int]


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else config.default_database_path()


def _demo_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"”{text}” är inget datum; skriv det som ÅÅÅÅ-MM-DD, "
                                         "t.ex. 2028-02-29.") from None


def _verb_demo(args: argparse.Namespace) -> int:
    from app.demo import populate
    from app.session import Session

    path = _db_path(args)
    with Session.open(path) as session:
        if not session.is_empty():
            print(f"{path} innehåller redan uppgifter; demodata läggs bara i en tom databas.",
                  file=sys.stderr)
            return EXIT_UNUSABLE
        populate(session.db, getattr(args, "datum", None))
    print(f"Demodatabasen har skapats: {path}")
    return EXIT_OK


def _verb_check(args: argparse.Namespace) -> int:
    from db import migrations
    from db.connection import inspect_file, reading

    path = _db_path(args)
    if not path.exists():
        print(f"Databasen {path} finns inte.", file=sys.stderr)
        return EXIT_UNUSABLE
    state = inspect_file(path, full_check=True)
    if state.empty:
        print(f"{path} är tom: ingen Nämndkansli-databas ännu.", file=sys.stderr)
        return EXIT_PROBLEM
    with reading(path) as conn:
        fk_problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    print(f"Databas: {path}")
    print(f"Schemaversion: {state.schema_version} (programmets senaste: {migrations.LATEST_VERSION})")
    print("Integritetskontroll: ok")
    if fk_problems:
        tables = sorted({row[0] for row in fk_problems})
        print(f"Trasiga hänvisningar: {len(fk_problems)} rader i {', '.join(tables)}",
              file=sys.stderr)
        return EXIT_PROBLEM
    print("Hänvisningar mellan tabeller: ok")
    if state.needs_upgrade:
        print("Databasen uppgraderas till senaste schemaversion när den öppnas i programmet.")
    print("Allt är i ordning.")
    return EXIT_OK


def _verb_backup(args: argparse.Namespace) -> int:
    from app.backup import BackupError, copy_database

    path = _db_path(args)
    dest = Path(args.dest)
    if dest.exists() and not dest.is_dir():
        print(f"{dest} finns redan; välj ett nytt filnamn eller en mapp.", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        made = copy_database(path, dest)
    except BackupError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    print(f"Säkerhetskopia skriven: {made}")
    return EXIT_OK


def _verb_import(args: argparse.Namespace) -> int:
    from app.excel_cli import run_import

    return run_import(args, _db_path(args))


def _verb_export(args: argparse.Namespace) -> int:
    from app.excel_cli import run_export

    return run_export(args, _db_path(args))


def _verb_report(args: argparse.Namespace) -> int:
    from app.excel_cli import run_report

    return run_report(args, _db_path(args))


def _configure(name: str) -> Callable[[argparse.ArgumentParser], None]:
    def configure(parser: argparse.ArgumentParser) -> None:
        from app import excel_cli

        getattr(excel_cli, f"configure_{name}")(parser)

    return configure


def _verb_budget(args: argparse.Namespace) -> int:
    from app.budget.cli import run

    return run(args, _db_path(args))


def _configure_budget(parser: argparse.ArgumentParser) -> None:
    from app.budget.cli import configure

    configure(parser)


def _verb_moten(args: argparse.Namespace) -> int:
    from app.meeting_cli import run_moten

    return run_moten(args, _db_path(args))


def _verb_meeting_document(args: argparse.Namespace) -> int:
    from app.meeting_cli import run_document

    return run_document(args, _db_path(args))


def _configure_meeting(name: str) -> Callable[[argparse.ArgumentParser], None]:
    def configure(parser: argparse.ArgumentParser) -> None:
        from app import meeting_cli

        getattr(meeting_cli, f"configure_{name}")(parser)

    return configure


def _verb_plan(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from app.plan import cli as plan_cli

        return getattr(plan_cli, f"run_{name}")(args, _db_path(args))

    return run


def _configure_plan(name: str) -> Callable[[argparse.ArgumentParser], None]:
    def configure(parser: argparse.ArgumentParser) -> None:
        from app.plan import cli as plan_cli

        getattr(plan_cli, f"configure_{name}")(parser)

    return configure


def _verb_protokoll(args: argparse.Namespace) -> int:
    from app.protokoll.cli import run

    return run(args, _db_path(args))


def _configure_protokoll(name: str) -> Callable[[argparse.ArgumentParser], None]:
    def configure(parser: argparse.ArgumentParser) -> None:
        from app.protokoll import cli as protokoll_cli

        getattr(protokoll_cli, f"configure_{name}")(parser)

    return configure


def _add_db_option(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--db", metavar="FIL", default=default,
                        help="databasfil (standard: namndkansli.nkdb i datamappen)")


#: name -> (help, function, configure parser)
VERBS: dict[str, tuple[str, Callable[[argparse.Namespace], int] | None,
                       Callable[[argparse.ArgumentParser], None]]] = {
    "gui": ("starta programmet (standard)", None, lambda p: (
        p.add_argument("--demo", action="store_true",
                       help="öppna demodatabasen i datamappen (skapas om den saknas)"),
        p.add_argument("fil", nargs="?", help="databasfil att öppna"),
    )),
    "demo": ("skapa en demodatabas i --db (vägrar om databasen inte är tom)", _verb_demo,
             lambda p: p.add_argument(
                 "--datum", metavar="ÅÅÅÅ-MM-DD", type=_demo_day,
                 help="dagen demon utgår från (standard: i dag): kommande sammanträden ligger "
                      "efter den, hållna före, och mandatperioden är den som dagen ligger i")),
    "check": ("kontrollera databasens integritet och schemaversion (slutkod 0 = allt väl)",
              _verb_check, lambda p: None),
    "backup": ("skriv en konsekvent kopia av databasen till MÅL (fil eller mapp)", _verb_backup,
               lambda p: p.add_argument("dest", metavar="MÅL")),
    "import": ("importera TYP från en Excel-fil (allt eller inget; --dry-run kontrollerar bara)",
               _verb_import, _configure("import")),
    "export": ("exportera TYP till en Excel-fil", _verb_export, _configure("export")),
    "report": ("skriv en rapport (evb: ej verkställda beslut) som PDF eller Excel", _verb_report,
               _configure("report")),
    "budget": ("skriv ekonomins tabeller: internbudget ÅR, investeringar ÅR, uppfoljning ÅÅÅÅ-MM, "
               "ar ÅR, volymmatt/personal ÅR som PDF eller Excel (-o FIL); mall ÅR (Excelmall för "
               "internbudgeten); till-mote ÅÅÅÅ-MM --mote MÖTE", _verb_budget, _configure_budget),
    "moten": ("lista sammanträden: id, organ, datum, status (--organ, --ar, --json)", _verb_moten,
              _configure_meeting("moten")),
    "meetings": ("samma som moten", _verb_moten, _configure_meeting("moten")),
    "kallelse": ("skriv kallelsen till sammanträde MÖTE som PDF (-o FIL)", _verb_meeting_document,
                 _configure_meeting("document")),
    "handlingar": ("skriv kallelse med handlingar för sammanträde MÖTE som en PDF (-o FIL)",
                   _verb_meeting_document, _configure_meeting("document")),
    "protokoll": ("skriv protokollet från sammanträde MÖTE som PDF (-o FIL); justerat: det sparade",
                  _verb_protokoll, _configure_protokoll("protokoll")),
    "utdrag": ("skriv ett protokollsutdrag av PARAGRAF ur MÖTE som PDF (-o FIL)", _verb_protokoll,
               _configure_protokoll("utdrag")),
    "anslag": ("skriv anslaget om justeringen av MÖTE som PDF (-o FIL)", _verb_protokoll,
               _configure_protokoll("anslag")),
    "plans": ("lista verksamhetsplaner: id, nämnd, period, status, titel (--json)", _verb_plan("plans"),
              _configure_plan("plans")),
    "plan": ("skriv verksamhetsplanen PLAN som PDF (-o FIL)", _verb_plan("plan_pdf"),
             _configure_plan("plan_pdf")),
    "uppfoljning": ("skriv uppföljningen av PLAN vid --tillfalle NAMN som PDF (-o FIL)",
                    _verb_plan("uppfoljning_pdf"), _configure_plan("uppfoljning")),
}


def chosen_verb(argv: list[str]) -> str | None:
    """The verb on the command line ("gui" when there is none), read before parsing."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--db":
            next(tokens, None)
        elif token in ("-h", "--help"):
            return None
        elif not token.startswith("-"):
            return token if token in VERBS else None
    return "gui"


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """All verbs, each with its options; with ``only``, that verb alone.

    Configuring a verb imports its module, and some verbs' modules pull in the PDF and
    Excel libraries: configuring them all would load those on every start of the
    program, and even listing twenty verbs costs the GUI's start some milliseconds.
    ``only`` is the verb on the command line (:func:`chosen_verb`); without one (``--help``,
    a mistyped verb) every verb is listed and configured.
    """
    parser = argparse.ArgumentParser(
        prog="namndkansli",
        description=f"{APP_NAME} {__version__}: kallelser, protokoll och register för "
                    "kommunala nämnder. Utan verb startas programmet.",
        epilog=f"Datamapp: {config.data_dir()}",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _add_db_option(parser, None)
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    for name, (help_text, _func, configure) in VERBS.items():
        if only is not None and name != only:
            continue
        p = sub.add_parser(name, help=help_text, description=help_text)
        # --db may also follow the verb; SUPPRESS keeps an earlier --db.
        _add_db_option(p, argparse.SUPPRESS)
        configure(p)
    return parser


def main(argv: list[str] | None = None, gui: GuiRunner | None = None) -> int:
    from app.logs import log_file, setup_logging

    argv = list(argv if argv is not None else sys.argv[1:])
    parser = build_parser(only=chosen_verb(argv))
    args = parser.parse_args(argv)
    if args.verb is None:
        args = parser.parse_args([*argv, "gui"])
    setup_logging()
    if args.verb == "gui":
        if gui is None:
            print("Det grafiska gränssnittet är inte installerat.", file=sys.stderr)
            return EXIT_UNUSABLE
        return gui(args)
    _help, func, _configure = VERBS[args.verb]
    try:
        return func(args)
    except DatabaseError as exc:
        log.warning("%s: %s", args.verb, exc)
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("Avbrutet.", file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as exc:
        log.exception("Oväntat fel i %s", args.verb)
        print(f"Ett oväntat fel inträffade: {type(exc).__name__}: {exc}\n"
              f"Detaljer finns i loggfilen {log_file()}.", file=sys.stderr)
        return EXIT_UNUSABLE
