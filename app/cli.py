"""Command line: ``namndkansli [--db FIL] VERB``.

Every verb is one entry in :data:`VERBS`, the one registry, naming the functions that
run and configure it in its feature's ``cli.py``; ``namndkansli --help`` lists them all.
``gui`` (the default) is supplied by the caller (``ui.launch``), which keeps this module
free of Qt.

Exit codes: 0 all is well, 1 a problem was found (check; verifiera: the file is not a
stored document, or a signature in it is broken), 2 the file or the arguments could not
be used.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NamedTuple

from app import APP_NAME, __version__, config
from db.errors import DatabaseError, environment_error

log = logging.getLogger(__name__)

EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE = 0, 1, 2


def refused(exc: Exception, code: int = EXIT_UNUSABLE) -> int:
    """Print a service's refusal (a ValidationError, a record not found, a file that no
    longer matches its checksum) on stderr and return ``code``. A KeyError's text comes
    in quotes, which are not part of the message."""
    print(str(exc).strip("'\""), file=sys.stderr)
    return code


GuiRunner = Callable[[argparse.Namespace], int]


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else config.default_database_path()


def _demo_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"”{text}” är inget datum; skriv det som ÅÅÅÅ-MM-DD, "
                                         "t.ex. 2028-02-29.") from None


def run_demo(args: argparse.Namespace, path: Path) -> int:
    from app.demo import populate
    from app.session import Session

    with Session.open(path) as session:
        if not session.is_empty():
            print(f"{path} innehåller redan uppgifter; demodata läggs bara i en tom databas.",
                  file=sys.stderr)
            return EXIT_UNUSABLE
        populate(session.db, getattr(args, "datum", None))
    print(f"Demodatabasen har skapats: {path}")
    return EXIT_OK


def run_check(args: argparse.Namespace, path: Path) -> int:
    from app import verification
    from db import migrations
    from db.connection import inspect_file, reading

    if not path.exists():
        print(f"Databasen {path} finns inte.", file=sys.stderr)
        return EXIT_UNUSABLE
    state = inspect_file(path, full_check=True)
    if state.empty:
        print(f"{path} är tom: ingen Nämndkansli-databas ännu.", file=sys.stderr)
        return EXIT_PROBLEM
    if getattr(args, "bygg_om_sokindex", False):
        from app.sok.upkeep import rebuild_index

        rebuild_index(path)  # after the file passed: never on a damaged or foreign one
        state = inspect_file(path, full_check=True)
    try:
        roots = _trust_roots(None)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    with reading(path) as conn:
        fk_problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        documents = verification.stored_documents(conn)
        altered = verification.altered(conn)
        missing = verification.missing_triggers(conn, state.schema_version)
        signed, signature_problems = verification.stored_signature_problems(conn, roots)
        index = _check_search_index(conn, state.schema_version)
    print(f"Databas: {path}")
    print(f"Schemaversion: {state.schema_version} (programmets senaste: {migrations.LATEST_VERSION})")
    print("Integritetskontroll: ok")
    if fk_problems:
        tables = sorted({row[0] for row in fk_problems})
        print(f"Trasiga hänvisningar: {len(fk_problems)} rader i {', '.join(tables)}",
              file=sys.stderr)
    else:
        print("Hänvisningar mellan tabeller: ok")
    for found in altered:
        print(found.line, file=sys.stderr)
    if altered:
        print(f"Sparade dokument: {len(altered)} av {len(documents)} stämmer inte med sina kontrollsummor "
              "(SHA-256). De har ändrats utanför programmet; återställ en säkerhetskopia från tiden före "
              "ändringen.", file=sys.stderr)
    else:
        print(f"Sparade dokument: alla {len(documents)} stämmer med sina kontrollsummor (SHA-256)"
              if documents else "Sparade dokument: inga ännu")
    if missing:
        print(f"Skyddande triggrar saknas ({len(missing)}): {', '.join(missing)}. Databasen hindrar då "
              "inte längre att allmänna handlingar (justerade protokoll, skickade kallelser och utdrag, "
              "antagna planer och rapporter, anmälda registerposter) ändras eller tas bort. "
              "Återställ en säkerhetskopia.", file=sys.stderr)
    else:
        print(f"Skyddande triggrar: alla {len(verification.required_triggers(state.schema_version))} finns")
    for problem in signature_problems:
        print(problem, file=sys.stderr)
    if signed and not signature_problems:
        print(f"Digitalt signerade versioner: alla {signed} börjar med originalet och har intakta signaturer")
    if index is not None:
        for line in index.lines(str(path)):
            print(line, file=sys.stdout if index.ok else sys.stderr)
    if fk_problems or altered or missing or signature_problems or (index is not None and not index.ok):
        return EXIT_PROBLEM
    if state.needs_upgrade:
        print("Databasen uppgraderas till senaste schemaversion när den öppnas i programmet.")
    print("Allt är i ordning.")
    return EXIT_OK


def _check_search_index(conn, schema_version: int):
    """The search index against what it indexes (db/sok_index.py); None before the file
    has one (it is built when the file is upgraded)."""
    from db import sok_index

    if schema_version < sok_index.INDEX_VERSION:
        return None
    return sok_index.check(conn)


def _configure_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("--bygg-om-sokindex", action="store_true",
                   help="bygg först om sökindexet från databasens innehåll (i en transaktion; skriver i "
                        "filen, så ingen annan får ha den öppen), när kontrollen har sagt att det är "
                        "inaktuellt eller skadat")


def read_file_for_database(fil: Path, database: Path) -> bytes | None:
    """The bytes of ``fil`` a verb compares with or brings into ``database``, or None
    when either cannot be used (said on stderr in Swedish)."""
    try:
        data = fil.read_bytes()
    except OSError as exc:
        print(f"Filen {fil} kan inte läsas: {exc.strerror or exc}.", file=sys.stderr)
        return None
    if not database.exists():
        print(f"Databasen {database} finns inte.", file=sys.stderr)
        return None
    return data


def run_verifiera(args: argparse.Namespace, path: Path) -> int:
    from app import verification
    from db.connection import inspect_file, reading

    pdf = Path(args.fil)
    data = read_file_for_database(pdf, path)
    if data is None:
        return EXIT_UNUSABLE
    if inspect_file(path).empty:
        print(f"{path} är tom: ingen Nämndkansli-databas ännu.", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        roots = _trust_roots(getattr(args, "betrodda", None))
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    with reading(path) as conn:
        found = verification.identify(conn, data)
        signed = verification.check_signatures(conn, data, roots)
    for line in found.lines(pdf.name):
        print(line)
    if signed.reports:
        for line in signed.lines():
            print(line)
        return EXIT_OK if found.identical and signed.ok else EXIT_PROBLEM
    return EXIT_OK if found.identical else EXIT_PROBLEM


def _trust_roots(given: str | None) -> list:
    """The CA certificates signatures are trusted against: ``--betrodda``, else the
    setting (Inställningar); a ValueError (Swedish) when they cannot be read."""
    from app.pdf.pades import load_trust_roots

    where = given or config.load_settings().signing_trust_roots
    if not where:
        return []
    try:
        return load_trust_roots(Path(where))
    except (OSError, ValueError) as exc:
        raise ValueError(f"De betrodda rotcertifikaten i {where} kan inte läsas: {exc}.") from None


def run_backup(args: argparse.Namespace, path: Path) -> int:
    from app.backup import BackupError, copy_database

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


class Verb(NamedTuple):
    """One command-line verb. ``run`` and ``configure`` name their functions as
    ``"module:function"`` and are imported only when that verb is used, so that starting
    the program (the ``gui`` verb) loads no other verb's module (PDF and Excel libraries).

    ``run(args, db_path) -> exit code``; ``configure(parser)`` adds the verb's options.
    A feature's verbs live in its package's ``cli.py`` (docs/ARCHITECTURE.md)."""

    help: str
    run: str | None
    configure: str | None = None


def _add_db_option(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--db", metavar="FIL", default=default,
                        help="databasfil (standard: namndkansli.nkdb i datamappen)")


def _resolve(ref: str) -> Callable:
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


def _configure_gui(p: argparse.ArgumentParser) -> None:
    p.add_argument("--demo", action="store_true",
                   help="öppna demodatabasen i datamappen (skapas om den saknas)")
    p.add_argument("fil", nargs="?", help="databasfil att öppna")


def _configure_demo(p: argparse.ArgumentParser) -> None:
    p.add_argument("--datum", metavar="ÅÅÅÅ-MM-DD", type=_demo_day,
                   help="dagen demon utgår från (standard: i dag): kommande sammanträden ligger "
                        "efter den, hållna före, och mandatperioden är den som dagen ligger i")


def _configure_backup(p: argparse.ArgumentParser) -> None:
    p.add_argument("dest", metavar="MÅL")


def _configure_verifiera(p: argparse.ArgumentParser) -> None:
    p.add_argument("fil", metavar="FIL.pdf", help="PDF-filen att kontrollera")
    p.add_argument("--betrodda", metavar="FIL|MAPP",
                   help="rotcertifikat (PEM/DER, fil eller mapp) som signaturerna prövas mot; "
                        "standard: inställningen")


#: Every verb of the program, in the order ``--help`` lists them: the one registry.
VERBS: dict[str, Verb] = {
    "gui": Verb("starta programmet (standard)", None, "app.cli:_configure_gui"),
    "demo": Verb("skapa en demodatabas i --db (vägrar om databasen inte är tom)",
                 "app.cli:run_demo", "app.cli:_configure_demo"),
    "check": Verb("kontrollera databasens integritet, schemaversion, de sparade dokumentens kontrollsummor "
                  "och de skyddande triggrarna och att sökindexet stämmer (slutkod 0 = allt väl)",
                  "app.cli:run_check", "app.cli:_configure_check"),
    "verifiera": Verb("säg om FIL.pdf är byte för byte identisk med ett sparat dokument (justerat protokoll, "
                      "skickat utdrag eller kallelse): vilket sammanträde, vilket dokument, sparat när; "
                      "och varje digital signatur: vem, när, intakt, betrodd "
                      "(slutkod 0 = identisk och signaturerna intakta, 1 = inte)",
                      "app.cli:run_verifiera", "app.cli:_configure_verifiera"),
    "backup": Verb("skriv en konsekvent kopia av databasen till MÅL (fil eller mapp)",
                   "app.cli:run_backup", "app.cli:_configure_backup"),
    "import": Verb("importera TYP från en Excel-fil (allt eller inget; --dry-run kontrollerar bara)",
                   "app.excel_cli:run_import", "app.excel_cli:configure_import"),
    "export": Verb("exportera TYP till en Excel-fil", "app.excel_cli:run_export",
                   "app.excel_cli:configure_export"),
    "report": Verb("skriv en rapport (evb: ej verkställda beslut) som PDF eller Excel",
                   "app.registers.cli:run_report", "app.registers.cli:configure_report"),
    "budget": Verb("skriv ekonomins tabeller: internbudget ÅR, investeringar ÅR, uppfoljning ÅÅÅÅ-MM, "
                   "ar ÅR, volymmatt/personal ÅR som PDF eller Excel (-o FIL); mall ÅR (Excelmall för "
                   "internbudgeten); till-mote ÅÅÅÅ-MM --mote MÖTE",
                   "app.budget.cli:run", "app.budget.cli:configure"),
    "moten": Verb("lista sammanträden: id, organ, datum, status (--organ, --ar, --json)",
                  "app.meetings.cli:run_moten", "app.meetings.cli:configure_moten"),
    "meetings": Verb("samma som moten", "app.meetings.cli:run_moten", "app.meetings.cli:configure_moten"),
    "kallelse": Verb("skriv kallelsen till sammanträde MÖTE som PDF (-o FIL)",
                     "app.meetings.cli:run_document", "app.meetings.cli:configure_document"),
    "handlingar": Verb("skriv kallelse med handlingar för sammanträde MÖTE som en PDF (-o FIL)",
                       "app.meetings.cli:run_document", "app.meetings.cli:configure_document"),
    "kallad": Verb("markera sammanträde MÖTE som kallat: kallelsen och handlingarna sparas som de skickas "
                   "(efter ändringar: reviderad kallelse och tilläggshandlingar, nästa version)",
                   "app.meetings.cli:run_kallad", "app.meetings.cli:configure_kallad"),
    "kallelser": Verb("lista de skickade kallelserna till MÖTE; --version N -o FIL sparar en av dem "
                      "(--handlingar: dess handlingar) precis som den skickades",
                      "app.meetings.cli:run_kallelser", "app.meetings.cli:configure_kallelser"),
    "protokoll": Verb("skriv protokollet från sammanträde MÖTE som PDF (-o FIL); justerat: det sparade; "
                      "--signerad (med --utdrag PARAGRAF eller --anslag): filen till e-signeringstjänsten",
                      "app.protokoll.cli:run", "app.protokoll.cli:configure_protokoll"),
    "utdrag": Verb("skriv ett protokollsutdrag av PARAGRAF ur MÖTE som PDF (-o FIL)",
                   "app.protokoll.cli:run", "app.protokoll.cli:configure_utdrag"),
    "anslag": Verb("skriv anslaget om justeringen av MÖTE som PDF (-o FIL); --uppsatt DATUM: registrera "
                   "dagen då det sattes upp (överklagandetiden räknas från den)",
                   "app.protokoll.cli:run", "app.protokoll.cli:configure_anslag"),
    "publicera": Verb("skriv en tillgänglig webbkopia (HTML) av anslaget, protokollet och kallelsen för "
                      "MÖTE till MAPP (-o); sekretessparagrafer och personnummer kommer inte med",
                      "app.publicering.cli:run", "app.publicering.cli:configure"),
    "importera-signerad": Verb("ta emot protokollet från MÖTE signerat i en e-signeringstjänst (FIL.pdf; "
                               "--utdrag PARAGRAF eller --anslag: det skickade utdraget eller anslaget): "
                               "sparas när bara signaturer har lagts till (slutkod 0), annars inte (1)",
                               "app.protokoll.cli:run_importera_signerad",
                               "app.protokoll.cli:configure_importera_signerad"),
    "plans": Verb("lista verksamhetsplaner: id, nämnd, period, status, titel (--json)",
                  "app.plan.cli:run_plans", "app.plan.cli:configure_plans"),
    "plan": Verb("skriv verksamhetsplanen PLAN som PDF (-o FIL)",
                 "app.plan.cli:run_plan_pdf", "app.plan.cli:configure_plan_pdf"),
    "uppfoljning": Verb("skriv uppföljningen av PLAN vid --tillfalle NAMN som PDF (-o FIL)",
                        "app.plan.cli:run_uppfoljning_pdf", "app.plan.cli:configure_uppfoljning"),
    "rapporter": Verb("lista rapporterna (delårsrapport, bokslut, verksamhetsberättelse): id, nämnd, slag, "
                      "period, titel (--json)",
                      "app.rapport.cli:run_rapporter", "app.rapport.cli:configure_rapporter"),
    "rapport": Verb("skriv rapporten RAPPORT som en PDF med innehållsförteckning (-o FIL)",
                    "app.rapport.cli:run_rapport", "app.rapport.cli:configure_rapport"),
    "kopiera-rapport": Verb("kopiera rapporten RAPPORT till nästa period (eller --period-start): ett "
                            "utkast med dispositionen och texterna, varje textkapitel ”att granska”",
                            "app.rapport.cli:run_kopiera_rapport",
                            "app.rapport.cli:configure_kopiera_rapport"),
    "kopiera-plan": Verb("kopiera verksamhetsplanen PLAN till nästa period (eller --forsta-ar): ett utkast "
                         "med mål, mått och texter, varje avsnitt ”att granska”",
                         "app.plan.cli:run_kopiera_plan", "app.plan.cli:configure_kopiera_plan"),
    "sok": Verb("sök i hela databasen: ärenden, protokoll, register, planer, budget och bilagornas text "
                "(--typ, --ar, --namnd, --json)", "app.sok.cli:run", "app.sok.cli:configure"),
    "revidera": Verb("kopiera den antagna planen PLAN till nästa version, ett utkast att ändra och anta",
                     "app.plan.cli:run_revidera", "app.plan.cli:configure_revidera"),
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
    for name, verb in VERBS.items():
        if only is not None and name != only:
            continue
        p = sub.add_parser(name, help=verb.help, description=verb.help)
        # --db may also follow the verb; SUPPRESS keeps an earlier --db.
        _add_db_option(p, argparse.SUPPRESS)
        if verb.configure:
            _resolve(verb.configure)(p)
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
    verb = VERBS[args.verb]
    assert verb.run is not None  # only "gui" has none, handled above
    try:
        return _resolve(verb.run)(args, _db_path(args))
    except DatabaseError as exc:
        log.warning("%s: %s", args.verb, exc)
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("Avbrutet.", file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as exc:
        # A full disk, a read-only or locked file: the user's to act on, in Swedish.
        problem = environment_error(exc, _db_path(args))
        if problem is not None:
            log.warning("%s: %s (%s: %s)", args.verb, problem.title, type(exc).__name__, exc)
            print(f"{problem.title}\n\n{problem.message}", file=sys.stderr)
            return EXIT_UNUSABLE
        log.exception("Oväntat fel i %s", args.verb)
        print(f"Ett oväntat fel inträffade: {type(exc).__name__}: {exc}\n"
              f"Detaljer finns i loggfilen {log_file()}.", file=sys.stderr)
        return EXIT_UNUSABLE
