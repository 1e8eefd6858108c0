"""``anslag MÖTE --uppsatt DATUM [--av NAMN] [--justering ID]``: register the day the
anslag went up on the anslagstavla (``ProtokollService.mark_anslaget``; the appeal period
counts from it). It writes, so it opens the file for editing under the one-editor lock.

Prints what was registered and the take-down and last-appeal dates
(:mod:`app.protokoll.anslag_uppsatt`), the service's warnings on stderr ("VARNING: …"),
and a refusal in Swedish on stderr with exit code 2, as the other protokoll verbs do.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE, refused
from app.protokoll import anslag_uppsatt
from app.protokoll.justering import IntegritetsFel
from app.protokoll.model import Justering
from app.protokoll.service import ProtokollService
from app.records import id_of
from app.session import Session
from app.validation import FieldError, ValidationError


def _refuse(message: str) -> ValidationError:
    return ValidationError([FieldError("justering_id", message)])


def _listing(justeringar: list[Justering], labels: dict[int, str]) -> str:
    return "; ".join(f"--justering {j.id}: {anslag_uppsatt.benamning(j, labels)}" for j in justeringar)


def chosen_justering(svc: ProtokollService, meeting_id: int, given: int | None) -> Justering:
    """``given`` when it is one of the meeting's justeringar, else the protokoll's; refused
    in Swedish (listing the meeting's justeringar with their ids) otherwise."""
    done = svc.justeringar(meeting_id)
    labels = {p.arende_id: p.label for p in svc.paragrafer.paragrafer(meeting_id)}
    if given is not None:
        found = next((j for j in done if j.id == given), None)
        if found is None:
            known = _listing(done, labels) or "inga"
            raise _refuse(f"Justering {given} hör inte till sammanträde {meeting_id} (justeringar: {known}).")
        return found
    found = next((j for j in done if j.slag == "protokoll"), None)
    if found is not None:
        return found
    if done:
        raise _refuse("Protokollet är inte justerat. Omedelbart justerade paragrafer har egna anslag; ange "
                      f"vilket med {_listing(done, labels)}.")
    raise _refuse("Inget i protokollet är justerat; anslaget sätts upp efter justeringen.")


def run_uppsatt(args: argparse.Namespace, path: Path) -> int:
    if args.ut or args.nytt:
        print("--uppsatt registrerar bara dagen då anslaget sattes upp; skriv anslaget för sig med "
              "anslag MÖTE -o FIL.pdf.", file=sys.stderr)
        return EXIT_UNUSABLE
    # It writes: the one-editor lock. A missing file is refused in Swedish (Session.read
    # raises), never created.
    session = Session.open(path) if path.is_file() else Session.read(path)
    with session:
        svc = ProtokollService(session.db)
        try:
            meeting = svc.meetings.get_meeting(args.mote)
            meeting_id = id_of(meeting)
            justering = chosen_justering(svc, meeting_id, args.justering)
            av = " ".join((args.av or "").split()) or svc.sekreterare_namn(meeting_id)
            warnings = svc.mark_anslaget(justering.id, args.uppsatt, av)
            registered = svc.justering(justering.id)
            labels = {p.arende_id: p.label for p in svc.paragrafer.paragrafer(meeting_id)}
        except ValidationError as exc:
            return refused(exc, EXIT_UNUSABLE)
        except IntegritetsFel as exc:
            return refused(exc, EXIT_PROBLEM)
    day = registered.anslag_uppsatt
    assert day is not None  # registered just now
    which = anslag_uppsatt.benamning(registered, labels)
    print(f"Anslaget är registrerat som uppsatt {day.isoformat()}: {meeting.organ_namn}, sammanträdet "
          f"{meeting.datum}, {which[0].lower()}{which[1:]}. Uppsatt av {av}.")
    print(anslag_uppsatt.foljder(day))
    for warning in warnings:
        print(f"VARNING: {warning}", file=sys.stderr)
    return EXIT_OK
