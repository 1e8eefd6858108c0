"""``namndkansli publicera MÖTE -o MAPP``: the web copy of the meeting's anslag, protokoll
and kallelse for the municipality's website (:mod:`app.publicering.service`);
``--en-fil`` writes one HTML file instead (``-o FIL.html``), ``--pdf`` adds each page as a
tagged PDF. Reads only (beside the open
window too); what was left out or masked is said on stderr."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.publicering.service import PubliceringService
from app.session import Session
from app.validation import ValidationError

EXIT_OK, EXIT_UNUSABLE = 0, 2


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("mote", type=int, metavar="MÖTE", help="sammanträdets id (se moten)")
    parser.add_argument("-o", "--ut", required=True, metavar="MAPP",
                        help="mappen att skriva webbkopian i (med --en-fil: HTML-filen)")
    parser.add_argument("--en-fil", action="store_true",
                        help="en enda HTML-fil med stilmallen i (bilagorna nämns men länkas inte)")
    parser.add_argument("--pdf", action="store_true",
                        help="skriv också anslaget, protokollet och kallelsen som taggade PDF-filer i mappen")


def run(args: argparse.Namespace, path: Path) -> int:
    with Session.read(path) as session:
        try:
            result = PubliceringService(session.db).write(args.mote, Path(args.ut), single_file=args.en_fil,
                                                          pdf=args.pdf)
        except (ValidationError, LookupError) as exc:
            print(str(exc).strip("'\""), file=sys.stderr)
            return EXIT_UNUSABLE
    for note in result.notes:
        print(note, file=sys.stderr)
    count = len(result.files)
    print(f"Webbkopian är skriven till {result.path} ({count} {'fil' if count == 1 else 'filer'}).")
    return EXIT_OK
