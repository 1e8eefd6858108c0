"""Command-line verbs for sammanträden (registered in :data:`app.cli.VERBS`, which imports
this module only when one of them is used):

* ``moten`` (also ``meetings``): list meetings — id, organ, date, time, status,
  number of ärenden; ``--organ``, ``--ar``, ``--json``.
* ``kallelse MÖTE -o FIL.pdf`` (or ``--mote ID --ut FIL``): the kallelse with the
  handlingar's page ranges.
* ``handlingar MÖTE -o FIL.pdf``: the whole bundle; prints the page count and whether
  it is PDF/A, or which bilaga keeps it from being so.

``--pdfa 1b|2b|3b|ingen`` chooses the archive level (default 2b). Both print the
problems of the check before printing (the window's, ``check_before_print``) on stderr
as "FEL: …" and "VARNING: …"; with ``--strict`` an error stops the command (exit code 1,
no file written).

* ``kallad MÖTE``: mark the meeting kallat, storing the kallelse and the handlingar as
  sent (after an earlier version with later changes: the revised kallelse and the
  tilläggshandlingar, as the next version); refused, with the reasons, while the check
  finds errors or nothing has changed since the last version.
* ``kallelser MÖTE``: list the versions sent (version, date and time, kind, pages,
  SHA-256); with ``--version N -o FIL`` write that version's kallelse (``--handlingar``:
  its handlingar) exactly as stored.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.files import write_atomically
from app.meetings.documents import build_handlingar_file, make_kallelse_file
from app.meetings.kallelser import IntegritetsFel, KallelseService
from app.meetings.model import Cancelled, HandlingarError
from app.meetings.service import MeetingService
from app.session import Session
from app.validation import ValidationError

EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE = 0, 1, 2


def _open(path: Path):
    # For reading only: printing while the program has the file open is fine, and a
    # missing or empty file is refused (in Swedish) instead of becoming a new database.
    return Session.read(path)


def configure_moten(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--organ", metavar="ORGAN", help="organets id, namn eller kortnamn")
    parser.add_argument("--ar", type=int, metavar="ÅR", help="bara sammanträden detta år")
    parser.add_argument("--json", action="store_true", help="skriv listan som JSON")


def _organ_id(session, text: str | None) -> int | None:
    if text is None:
        return None
    for organ in session.organisation.organ():
        if text in (str(organ.id), organ.namn, organ.kortnamn) or text.casefold() in (
                organ.namn.casefold(), organ.kortnamn.casefold()):
            return organ.id
    raise LookupError(f"Det finns inget organ ”{text}”.")


def run_moten(args: argparse.Namespace, path: Path) -> int:
    session = _open(path)
    if session is None:
        return EXIT_UNUSABLE
    with session:
        try:
            organ_id = _organ_id(session, args.organ)
        except LookupError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
        meetings = MeetingService(session.db).meetings(organ_id, args.ar)
    if args.json:
        print(json.dumps([{"id": m.id, "organ": m.organ_namn, "organ_id": m.organ_id, "datum": m.datum,
                           "starttid": m.starttid, "plats": m.plats, "status": m.status,
                           "arenden": m.antal_arenden} for m in meetings], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not meetings:
        print("Inga sammanträden.")
        return EXIT_OK
    width = max(len(m.organ_namn) for m in meetings)
    print(f"{'Id':>5}  {'Organ':<{width}}  {'Datum':<10}  {'Tid':<5}  {'Status':<9}  Ärenden")
    for m in meetings:
        print(f"{m.id:>5}  {m.organ_namn:<{width}}  {m.datum:<10}  {m.starttid:<5}  {m.status:<9}  "
              f"{m.antal_arenden:>7}")
    return EXIT_OK


def configure_document(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("mote_pos", nargs="?", type=int, metavar="MÖTE", help="sammanträdets id (se moten)")
    parser.add_argument("--mote", type=int, metavar="ID", help="sammanträdets id (i stället för MÖTE)")
    parser.add_argument("-o", "--ut", required=True, metavar="FIL", help="PDF-fil att skriva")
    parser.add_argument("--pdfa", default="2b", choices=["1b", "2b", "3b", "ingen"],
                        help="arkivformat PDF/A (standard 2b; ingen = vanlig PDF)")
    parser.add_argument("--strict", action="store_true",
                        help="skriv ingen fil och avsluta med felkod när kontrollen före utskrift "
                             "hittar fel (varningar skrivs ut men stoppar inte)")


def _print_problems(session, meeting_id: int) -> bool:
    """The pre-print check, the same as the window's (MeetingService.check_before_print),
    printed on stderr; True when it found errors."""
    problems = MeetingService(session.db).check_before_print(meeting_id)
    for p in problems:
        print(f"{'FEL' if p.severity == 'fel' else 'VARNING'}: {p.message}", file=sys.stderr)
    return any(p.severity == "fel" for p in problems)


def _meeting_id(args: argparse.Namespace) -> int | None:
    meeting_id = args.mote if args.mote is not None else args.mote_pos
    if meeting_id is None:
        print("Ange sammanträdets id: MÖTE eller --mote ID (se verbet moten).", file=sys.stderr)
    return meeting_id


def run_document(args: argparse.Namespace, path: Path) -> int:
    meeting_id = _meeting_id(args)
    if meeting_id is None:
        return EXIT_UNUSABLE
    session = _open(path)
    if session is None:
        return EXIT_UNUSABLE
    level = None if args.pdfa == "ingen" else args.pdfa
    out = Path(args.ut)
    with session:  # migrated and checked; the work runs on its own connection
        try:
            if _print_problems(session, meeting_id) and args.strict:
                print(f"Kontrollen före utskrift hittade fel; {out} skrevs inte (--strict).", file=sys.stderr)
                return EXIT_PROBLEM
            if args.verb == "kallelse":
                kallelse = make_kallelse_file(session.path, meeting_id, out, level=level)
                print(f"Kallelsen har skrivits: {out} ({kallelse.pages} sidor"
                      f"{', PDF/A-' + kallelse.pdfa_level if kallelse.pdfa_level else ', inte PDF/A'}).")
                for reason in kallelse.pdfa_reasons:
                    print(f"OBS: Kallelsen sparades som vanlig PDF: {reason}", file=sys.stderr)
                return EXIT_OK
            result = build_handlingar_file(session.path, meeting_id, out, level=level)
        except ValidationError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
        except (HandlingarError, Cancelled) as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_PROBLEM
    print(f"Handlingarna har skrivits: {out} ({result.pages} sidor, kallelsen {result.kallelse_pages}"
          f"{', PDF/A-' + result.pdfa_level if result.pdfa_level else ', inte PDF/A'}).")
    for warning in result.warnings:
        print(f"OBS: {warning}", file=sys.stderr)
    return EXIT_OK


# -- the kallelse as sent ----------------------------------------------------------------
def configure_kallad(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("mote_pos", nargs="?", type=int, metavar="MÖTE", help="sammanträdets id (se moten)")
    parser.add_argument("--mote", type=int, metavar="ID", help="sammanträdets id (i stället för MÖTE)")
    parser.add_argument("--pdfa", default="2b", choices=["1b", "2b", "3b", "ingen"],
                        help="arkivformat PDF/A (standard 2b; ingen = vanlig PDF)")


def run_kallad(args: argparse.Namespace, path: Path) -> int:
    meeting_id = _meeting_id(args)
    if meeting_id is None:
        return EXIT_UNUSABLE
    if not path.exists():
        print(f"Databasen {path} finns inte.", file=sys.stderr)
        return EXIT_UNUSABLE
    with Session.open(path) as session:  # it writes: the one-editor lock
        try:
            level = None if args.pdfa == "ingen" else args.pdfa
            sent = KallelseService(session.db).send(meeting_id, level=level)
        except ValidationError as exc:
            print(f"Sammanträdet markerades inte som kallat:\n{exc}", file=sys.stderr)
            return EXIT_PROBLEM
        except (HandlingarError, Cancelled) as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_PROBLEM
    k = sent.kallelse
    print(f"Sammanträdet är markerat som kallat. {k.titel} version {k.version} sparad {k.skickad_text}: "
          f"kallelsen {k.kallelse_sidor} sidor (SHA-256 {k.kallelse_sha256}), {k.handlingar_titel.lower()} "
          f"{k.handlingar_sidor} sidor (SHA-256 {k.handlingar_sha256}).")
    for line in k.andringar:
        print(f"  {line}")
    for warning in sent.warnings:
        print(f"OBS: {warning}", file=sys.stderr)
    return EXIT_OK


def configure_kallelser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("mote_pos", nargs="?", type=int, metavar="MÖTE", help="sammanträdets id (se moten)")
    parser.add_argument("--mote", type=int, metavar="ID", help="sammanträdets id (i stället för MÖTE)")
    parser.add_argument("--version", type=int, metavar="N", help="den skickade versionen att skriva ut")
    parser.add_argument("-o", "--ut", metavar="FIL", help="PDF-fil att skriva versionen till")
    parser.add_argument("--handlingar", action="store_true",
                        help="skriv versionens handlingar i stället för kallelsen")


def run_kallelser(args: argparse.Namespace, path: Path) -> int:
    meeting_id = _meeting_id(args)
    if meeting_id is None:
        return EXIT_UNUSABLE
    if (args.version is None) != (args.ut is None):
        print("Ange både --version N och -o FIL för att spara en skickad version.", file=sys.stderr)
        return EXIT_UNUSABLE
    session = _open(path)
    if session is None:
        return EXIT_UNUSABLE
    with session:
        service = KallelseService(session.db)
        try:
            meeting = service.meetings.get_meeting(meeting_id)
        except ValidationError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
        versions = service.versions(meeting_id)
        if args.version is None:
            if not versions:
                print(f"Kallelsen till {meeting.organ_namn} {meeting.datum} har inte skickats.")
                return EXIT_OK
            print(f"Skickade kallelser till {meeting.organ_namn} {meeting.datum}:")
            print(f"{'Version':>7}  {'Skickad':<16}  {'Slag':<18}  {'Sidor':>5}  {'Handl.':>6}  "
                  "SHA-256 (kallelsen)")
            for k in versions:
                print(f"{k.version:>7}  {k.skickad_text:<16}  {k.titel:<18}  {k.kallelse_sidor:>5}  "
                      f"{k.handlingar_sidor:>6}  {k.kallelse_sha256}")
            return EXIT_OK
        chosen = next((k for k in versions if k.version == args.version), None)
        if chosen is None:
            print(f"Version {args.version} av kallelsen till {meeting.organ_namn} {meeting.datum} finns inte "
                  f"(skickade: {', '.join(str(k.version) for k in versions) or 'inga'}).", file=sys.stderr)
            return EXIT_UNUSABLE
        try:
            data = service.stored_pdf(chosen.id, handlingar=args.handlingar)
        except IntegritetsFel as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_PROBLEM
    out = write_atomically(Path(args.ut), data)
    what = chosen.handlingar_titel if args.handlingar else chosen.titel
    print(f"{what} version {chosen.version} (skickad {chosen.skickad_text}) har skrivits: {out}.")
    return EXIT_OK
