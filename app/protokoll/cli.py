"""Command-line verbs for the protokoll (registered in :data:`app.cli.VERBS`):

* ``protokoll MÖTE -o FIL.pdf``: the protokoll; once justerat the stored PDF (checked
  against its SHA-256) with any rättelser after it, before that a fresh print for
  signing. Problems of the pre-print check are listed on stderr. ``--original``: the
  stored PDF alone, byte for byte as justerat (``--justering ID`` for paragraphs
  justerade omedelbart), the file whose SHA-256 the anslag prints.
* ``utdrag MÖTE PARAGRAF [PARAGRAF …] -o FIL.pdf``: a protokollsutdrag of justerade
  paragraphs ("15", "§ 15" or the organ's label such as "VON.2022.55");
  ``--bestyrkt-av NAMN`` (default: the secretary), ``--datum``, ``--till MOTTAGARE``;
  ``--dolj-sekretess`` for a recipient outside the organ (app/protokoll/sekretess.py).
* ``anslag MÖTE -o FIL.pdf``: the notice for the anslagstavla (``--justering ID`` for
  paragraphs justerade omedelbart; without it, before the protokoll is justerat, the
  message lists those justeringar with their ids). A justerat protokoll is written as
  stored, and so is an anslag once it went up (app/protokoll/anslag_sparat.py); a
  ``--pdfa`` level other than the stored one is said so on stderr. ``--nytt``: the new
  anslag after the wet-ink justering of §§ under sekretess, kept the first time (which
  writes, so it takes the one-editor lock), the kept bytes after.
* ``anslag MÖTE --uppsatt DATUM [--av NAMN] [--justering ID]``: register the day the
  anslag went up (writes, under the one-editor lock; app/protokoll/cli_anslag.py).

``--pdfa 1b|2b|3b|ingen`` chooses the archive level (default 2b).

Digital justering (:mod:`app.protokoll.signering`):

* ``protokoll MÖTE --signerad -o FIL.pdf``: the newest digitally signed version (the
  original when none is signed yet): the file to send to an e-signing service.
* ``importera-signerad MÖTE FIL.pdf``: the file the service returned; stored as a new
  version when it is the sent file with only signatures added, refused in Swedish
  otherwise (exit 1). It writes, so it takes the one-editor lock.
* Both take ``--utdrag PARAGRAF`` (a sent protokollsutdrag with that §; ``--till
  MOTTAGARE`` when it went to several, ``--utskick ID`` to name one of them) or
  ``--anslag`` (the anslag, kept for signing the first time it is exported, which
  writes) instead of the protokoll (:mod:`app.protokoll.dokumentsignering`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import read_file_for_database, refused
from app.files import write_atomically
from app.pdf.pdfa import archive_status
from app.protokoll.cli_anslag import run_uppsatt
from app.protokoll.cli_signering import (
    exportera_dokument_for_signering,
    importera_signerat_dokument,
    print_recorded,
)
from app.protokoll.justering import IntegritetsFel
from app.protokoll.service import ProtokollService
from app.records import id_of
from app.session import Session
from app.validation import FieldError, ValidationError

EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE = 0, 1, 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("mote", type=int, metavar="MÖTE", help="sammanträdets id (se moten)")


def _output(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("-o", "--ut", required=required, metavar="FIL", help="PDF-fil att skriva")
    parser.add_argument(
        "--pdfa",
        default="2b",
        choices=["1b", "2b", "3b", "ingen"],
        help="arkivformat PDF/A (standard 2b; ingen = vanlig PDF)",
    )


def configure_protokoll(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    _output(parser)
    parser.add_argument(
        "--original",
        action="store_true",
        help="det sparade justerade protokollet precis som det justerades, utan rättelser efteråt "
        "(det vars kontrollsumma anslaget anger)",
    )
    parser.add_argument(
        "--justering",
        type=int,
        metavar="ID",
        help="med --original eller --signerad: en justering av omedelbart justerade paragrafer, med "
        "--anslag dess anslag (standard: protokollets)",
    )
    parser.add_argument(
        "--signerad",
        action="store_true",
        help="den senaste digitalt signerade versionen (originalet när ingen har signerat): filen som "
        "skickas till e-signeringstjänsten",
    )
    _dokument_options(parser, "med --signerad: ")


def _dokument_options(parser: argparse.ArgumentParser, prefix: str) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--utdrag", metavar="PARAGRAF",
                       help=f"{prefix}det skickade protokollsutdraget med paragrafen (t.ex. 15) i stället "
                            "för protokollet")
    which.add_argument("--utskick", type=int, metavar="ID",
                       help=f"{prefix}det skickade protokollsutdraget med id ID (när flera har paragrafen "
                            "och mottagaren; --utdrag listar dem)")
    which.add_argument("--anslag", action="store_true",
                       help=f"{prefix}anslaget i stället för protokollet (sparas för signering första gången "
                            "det exporteras)")
    parser.add_argument("--till", metavar="MOTTAGARE", default="",
                        help="med --utdrag: mottagaren, när utdrag med paragrafen skickades till flera")


def configure_importera_signerad(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument("fil", metavar="FIL.pdf", help="den signerade filen från e-signeringstjänsten")
    parser.add_argument("--justering", type=int, metavar="ID",
                        help="en justering av omedelbart justerade paragrafer (standard: protokollets)")
    _dokument_options(parser, "")


def _justering_id(svc, meeting_id: int, given: int | None) -> int:
    if given is not None:
        return given
    found = next((j for j in svc.justeringar(meeting_id) if j.slag == "protokoll"), None)
    if found is None:
        raise ValidationError([FieldError("justering_id", "Protokollet är inte justerat; det finns inget "
                                                          "att signera.")])
    return found.id


def run_importera_signerad(args: argparse.Namespace, path: Path) -> int:
    fil = Path(args.fil)
    data = read_file_for_database(fil, path)
    if data is None:
        return EXIT_UNUSABLE
    if args.utdrag or args.utskick is not None or args.anslag or args.till:
        return importera_signerat_dokument(args, path, data)
    with Session.open(path) as session:  # it writes: the one-editor lock
        svc = ProtokollService(session.db)
        try:
            meeting_id = id_of(svc.meetings.get_meeting(args.mote))
            justering_id = _justering_id(svc, meeting_id, args.justering)
            recorded = svc.importera_signerad(justering_id, data, fil=f"Filen {fil.name}")
            status = svc.signeringsstatus(justering_id)
        except (ValidationError, IntegritetsFel) as exc:
            return refused(exc, EXIT_PROBLEM)
    print_recorded(recorded, status, "Sparat", "Protokollet är justerat digitalt.")
    return EXIT_OK


def configure_utdrag(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument(
        "paragrafer",
        nargs="+",
        metavar="PARAGRAF",
        help="paragrafens nummer, t.ex. 15 eller ”§ 15” (flera går bra)",
    )
    _output(parser)
    parser.add_argument(
        "--bestyrkt-av",
        metavar="NAMN",
        default="",
        help="den som bestyrker utdraget (standard: nämndsekreteraren)",
    )
    parser.add_argument("--datum", metavar="DATUM", help="datum för bestyrkandet (standard: i dag)")
    parser.add_argument("--till", metavar="MOTTAGARE", default="", help="mottagare som skrivs på utdraget")
    parser.add_argument("--dolj-sekretess", action="store_true",
                        help="för en mottagare utanför organet: en paragraf under sekretess visas bara med "
                             "nummer, offentlig rubrik och sekretessgrund")


def configure_anslag(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    _output(parser, required=False)  # not with --uppsatt, which only registers the day
    parser.add_argument(
        "--justering",
        type=int,
        metavar="ID",
        help="en justering av omedelbart justerade paragrafer (standard: protokollets)",
    )
    parser.add_argument(
        "--nytt",
        action="store_true",
        help="det nya anslaget efter pappersjusteringen av sekretessparagraferna (sparas första gången)",
    )
    parser.add_argument(
        "--uppsatt",
        metavar="DATUM",
        help="registrera dagen då anslaget sattes upp på anslagstavlan (överklagandetiden räknas från den; "
        "görs en gång); skriver ut när anslaget tas ned och sista dag för överklagande",
    )
    parser.add_argument(
        "--av",
        metavar="NAMN",
        default="",
        help="med --uppsatt: vem som satte upp anslaget (standard: sekreteraren; står i rättelsen när "
        "dagen inte är den i anslagsbeviset)",
    )


def _open(path: Path):
    # For reading only (the verbs print): beside the open window too; a missing or empty
    # file is refused in Swedish instead of becoming a new database.
    return Session.read(path)


def _write(path: Path, data: bytes) -> None:
    write_atomically(path, data)


def find_paragrafer(svc, meeting_id: int, wanted: list[str]) -> list[int]:
    """Ärende ids for paragraph numbers or labels as typed; LookupError (Swedish) for
    one that is not in the protokoll."""
    paragrafer = [p for p in svc.paragrafer.paragrafer(meeting_id) if p.nummer is not None]
    found = []
    for text in wanted:
        key = " ".join(text.replace("§", " ").split())
        match = next(
            (p for p in paragrafer if key in (str(p.nummer), p.label.replace("§", "").strip())), None
        )
        if match is None:
            known = ", ".join(p.label for p in paragrafer) or "inga"
            raise LookupError(f"Paragrafen ”{text}” finns inte i protokollet (paragrafer: {known}).")
        found.append(match.arende_id)
    return found


def _list_omedelbara(svc, meeting_id: int) -> None:
    """The justeringar of paragraphs justerade omedelbart, each with its own anslag: the
    ids ``--justering`` takes (no other verb lists them)."""
    own = [j for j in svc.justeringar(meeting_id) if j.slag == "omedelbar"]
    if not own:
        return
    labels = {p.arende_id: p.label for p in svc.paragrafer.paragrafer(meeting_id)}
    print("Omedelbart justerade paragrafer har egna anslag; ange en av justeringarna med --justering ID:",
          file=sys.stderr)
    for j in own:
        paragrafer = ", ".join(labels.get(a, "") for a in j.arende_ids)
        print(f"  --justering {j.id}: {paragrafer}, justerade {j.datum.isoformat()}", file=sys.stderr)


def run(args: argparse.Namespace, path: Path) -> int:
    if args.verb == "protokoll" and (args.utdrag or args.utskick is not None or args.anslag or args.till):
        if not args.signerad:
            print("--utdrag, --utskick, --anslag och --till gäller bara med --signerad (filen som skickas "
                  "till e-signeringstjänsten).", file=sys.stderr)
            return EXIT_UNUSABLE
        return exportera_dokument_for_signering(args, path)
    if args.verb == "anslag" and args.uppsatt is not None:
        return run_uppsatt(args, path)  # app/protokoll/cli_anslag.py: registers, writes no PDF
    if args.ut is None:
        print("Ange filen att skriva med -o FIL.pdf (eller --uppsatt DATUM för att registrera dagen då "
              "anslaget sattes upp).", file=sys.stderr)
        return EXIT_UNUSABLE
    nytt = args.verb == "anslag" and args.nytt
    # The new anslag is kept the first time it is made: that writes, under the one-editor lock.
    session = Session.open(path) if nytt and path.is_file() else _open(path)  # a missing file is refused
    if session is None:
        return EXIT_UNUSABLE
    level = None if args.pdfa == "ingen" else args.pdfa
    out = Path(args.ut)
    note = ""
    with session:
        svc = ProtokollService(session.db)
        stored = False
        try:
            meeting = svc.meetings.get_meeting(args.mote)
            meeting_id = id_of(meeting)
            stored = args.verb == "protokoll" and any(
                j.slag == "protokoll" for j in svc.justeringar(meeting_id))
            if args.verb == "protokoll" and args.signerad:
                data = svc.signerad_pdf(_justering_id(svc, meeting_id, args.justering))
                problems: list = []
                what = "Protokollet för signering (senaste signerade version)"
            elif args.verb == "protokoll" and (args.original or args.justering is not None):
                data = svc.original_pdf(meeting_id, args.justering)
                problems, what = [], "Originalet (som det justerades)"
            elif args.verb == "protokoll":
                data = svc.protokoll_pdf(meeting_id, level=level)
                problems = [] if svc.justeringar(meeting_id) else svc.check_before_print(meeting_id)
                what = (
                    "Protokollet (justerat)" if meeting.status in ("justerat", "anslaget") else "Protokollet"
                )
            elif args.verb == "utdrag":
                ids = find_paragrafer(svc, meeting_id, args.paragrafer)
                data = svc.utdrag_pdf(meeting_id, ids, args.bestyrkt_av, args.datum, args.till, level=level,
                                      sekretess_dold=args.dolj_sekretess)
                problems, what = [], "Protokollsutdraget"
            elif nytt:
                data = svc.nytt_anslag_pdf(meeting_id, args.justering)
                problems, what, stored = [], "Det nya anslaget", True
            else:
                # Only reads: an anslag posted before the program kept it is not kept here.
                printed = svc.anslag_utskrift(meeting_id, args.justering, level=level, keep=False)
                data, stored, note = printed.data, printed.kept, printed.note
                problems, what = [], "Anslaget"
        except (ValidationError, LookupError) as exc:
            code = refused(exc, EXIT_UNUSABLE)
            if args.verb == "anslag" and args.justering is None:
                _list_omedelbara(svc, meeting_id)
            return code
        except IntegritetsFel as exc:
            return refused(exc, EXIT_PROBLEM)
    _write(out, data)
    # What the file is, from the file itself: PDF/A only when the validator passes on it.
    status = archive_status(data, level, subject=what)
    made = status.description
    print(f"{what} har skrivits: {out}, {made}{'' if made.endswith('.') else '.'}")
    if args.verb == "protokoll" and stored and level != status.level:
        # A justerat protokoll is the stored public record; it is never made again at another level.
        print(f"OBS: Det justerade protokollet skrivs som det sparades vid justeringen "
              f"({made.rstrip('.')}); --pdfa {args.pdfa} gäller inte ett justerat protokoll.",
              file=sys.stderr)
    if args.verb == "anslag" and stored and level != status.level:
        print(f"OBS: {what} skrivs som det sparades ({made.rstrip('.')}); --pdfa {args.pdfa} gäller inte "
              "ett sparat anslag.", file=sys.stderr)
    if note:
        print(note, file=sys.stderr)
    for problem in problems:
        print(f"{problem.severity.upper()}: {problem.message}", file=sys.stderr)
    return EXIT_OK
