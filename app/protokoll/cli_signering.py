"""The command line's round trip through an e-signing service for a sent
protokollsutdrag and the anslag (docs/domain/justering.md, "Digital justering"):
``protokoll MÖTE --signerad --utdrag PARAGRAF|--anslag -o FIL.pdf`` exports the stored
document, ``importera-signerad MÖTE FIL.pdf --utdrag PARAGRAF|--anslag`` takes the
signed file back (:mod:`app.protokoll.dokumentsignering`). Exit codes as the protokoll's
own verbs: 0 done, 1 refused or not intact, 2 nothing to sign or an unusable file.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from app.cli import EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE, refused
from app.files import write_atomically
from app.pdf.pdfa import archive_status
from app.protokoll.justering import IntegritetsFel
from app.protokoll.service import ProtokollService
from app.records import id_of
from app.session import Session
from app.validation import FieldError, ValidationError


@dataclass(frozen=True)
class Dokument:
    """The utdrag (an ``utskick`` id) or the anslag (a justering id) the verb is about."""

    slag: str  # utdrag | anslag
    id: int
    namn: str  # "Protokollsutdraget § 15 till Socialchefen" | "Anslaget"


def _refuse(message: str) -> ValidationError:
    return ValidationError([FieldError("dokument", message)])


def _sent_list(sent) -> str:
    return "; ".join(f"--utskick {u.id}: {u.paragrafer} till {u.mottagare or '(ingen mottagare)'}, "
                     f"bestyrkt {u.datum.isoformat()}" for u in sent) or "inga"


def find_utskick(svc: ProtokollService, meeting_id: int, paragraf: str, till: str):
    """The sent utdrag holding ``paragraf`` (to ``till`` when given; a part of the
    recipient's name is enough). Refused in Swedish when there is none or several."""
    from app.protokoll.cli import find_paragrafer  # the verbs' module imports this one

    (arende_id,) = find_paragrafer(svc, meeting_id, [paragraf])
    sent = svc.utskick(meeting_id)
    holding = [u for u in sent if arende_id in u.arende_ids]
    wanted = " ".join(till.split()).casefold()
    chosen = [u for u in holding if wanted in u.mottagare.casefold()] if wanted else holding
    if not chosen:
        to = f" till ”{till}”" if wanted else ""
        raise _refuse(f"Inget skickat protokollsutdrag med § {paragraf.replace('§', '').strip()}{to} "
                      f"(skickade utdrag: {_sent_list(sent)}). Skicka utdraget först.")
    if len(chosen) > 1:
        raise _refuse(f"Flera skickade utdrag har § {paragraf.replace('§', '').strip()}; ange mottagaren med "
                      f"--till eller utdraget med --utskick ID ({_sent_list(chosen)}).")
    return chosen[0]


def _dokument(svc: ProtokollService, meeting_id: int, args: argparse.Namespace) -> Dokument:
    if args.till and not args.utdrag:
        raise _refuse("--till gäller bara med --utdrag.")
    if args.utdrag or args.utskick is not None:
        if args.utdrag:
            u = find_utskick(svc, meeting_id, args.utdrag, args.till)
        else:
            sent = svc.utskick(meeting_id)
            u = next((x for x in sent if x.id == args.utskick), None)
            if u is None:
                raise _refuse(f"Utskick {args.utskick} är inget skickat utdrag ur sammanträdet (skickade "
                              f"utdrag: {_sent_list(sent)}).")
        return Dokument("utdrag", u.id, f"Protokollsutdraget {u.paragrafer}"
                                        + (f" till {u.mottagare}" if u.mottagare else ""))
    justering = next((j for j in svc.justeringar(meeting_id)
                      if (j.id == args.justering if args.justering is not None else j.slag == "protokoll")),
                     None)
    if justering is None:
        raise _refuse("Protokollet är inte justerat; det finns inget anslag att signera." if args.justering
                      is None else f"Justering {args.justering} finns inte för sammanträdet.")
    return Dokument("anslag", justering.id, "Anslaget")


def exportera_dokument_for_signering(args: argparse.Namespace, path: Path) -> int:
    """``protokoll MÖTE --signerad --utdrag PARAGRAF|--anslag -o FIL``: the newest signed
    version (the stored document when none is signed). Exporting the anslag the first
    time keeps it, so that takes the one-editor lock."""
    out = Path(args.ut)
    with Session.open(path) if args.anslag else Session.read(path) as session:
        svc = ProtokollService(session.db)
        try:
            meeting_id = id_of(svc.meetings.get_meeting(args.mote))
            dokument = _dokument(svc, meeting_id, args)
            data = (svc.utdrag_for_signering(dokument.id) if dokument.slag == "utdrag"
                    else svc.anslag_for_signering(dokument.id))
        except (ValidationError, LookupError) as exc:
            return refused(exc, EXIT_UNUSABLE)
        except IntegritetsFel as exc:
            return refused(exc, EXIT_PROBLEM)
    write_atomically(out, data)
    what = f"{dokument.namn} för signering (senaste signerade version)"
    made = archive_status(data, None, subject=what).description
    print(f"{what} har skrivits: {out}, {made}{'' if made.endswith('.') else '.'}")
    return EXIT_OK


def importera_signerat_dokument(args: argparse.Namespace, path: Path, data: bytes) -> int:
    """``importera-signerad MÖTE FIL.pdf --utdrag PARAGRAF|--anslag``: stored as a new
    version when it is the exported file with only signatures added."""
    fil = Path(args.fil)
    with Session.open(path) as session:  # it writes: the one-editor lock
        svc = ProtokollService(session.db)
        try:
            meeting_id = id_of(svc.meetings.get_meeting(args.mote))
            dokument = _dokument(svc, meeting_id, args)
            if dokument.slag == "utdrag":
                recorded = svc.importera_signerat_utdrag(dokument.id, data, fil=f"Filen {fil.name}")
                status = svc.utdrag_signeringsstatus(dokument.id)
            else:
                recorded = svc.importera_signerat_anslag(dokument.id, data, fil=f"Filen {fil.name}")
                status = svc.anslag_signeringsstatus(dokument.id)
        except (ValidationError, LookupError, IntegritetsFel) as exc:
            return refused(exc, EXIT_PROBLEM)
    print_recorded(recorded, status, f"{dokument.namn}: sparat", "Alla har signerat.")
    return EXIT_OK


def print_recorded(recorded, status, saved: str, all_signed: str) -> None:
    """What an imported signed file added: each signature, then the version it was kept
    as and who is still to sign (the protokoll's, an utdrag's or the anslag's)."""
    for r in recorded:
        where = f" på raden för {r.plats}" if r.plats else " (matchar ingen underskriftsrad)"
        print(f"Signerat av {r.namn}, {r.tidpunkt}{where}.")
    print(f"{saved} som signerad version {recorded[0].version}."
          + (f" {all_signed}" if status.digitalt_justerat else
             f" Saknas: {', '.join(p.text for p in status.saknas)}."))
