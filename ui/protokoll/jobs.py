"""Work done off the UI thread, each job handed the services of its own connection
(ui/jobs.py): justering (lays out and stores the PDF), the protokoll, utdrag and
anslag PDFs, and registering the anslag as posted (keeps the anslag that went up)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.meetings import Cancelled
from app.meetings.documents import write_atomically
from app.pdf.pdfa import archive_status
from app.protokoll import ProtokollService, anslag_uppsatt


@dataclass
class Outcome:
    kind: str  # protokoll | utdrag | utdragsbatch | anslag | original | justering | uppsatt
    paths: list[Path] = field(default_factory=list)
    sent: list[tuple[str, str, Path]] = field(default_factory=list)  # (mottagare, §§, file)
    message: str = ""
    #: What each file is, as the validator found ("PDF/A-2b", "vanlig PDF (inte PDF/A): …").
    formats: list[str] = field(default_factory=list)
    #: What the service warned of (Swedish), e.g. an anslag posted later than the law's two days.
    warnings: list[str] = field(default_factory=list)


def pdf_job(kind: str, meeting_id: int, out: Path, today: date | None, **kw):
    """protokoll, utdrag (``arende_ids``, ``bestyrkt_av``), anslag or the original (the
    PDF as justerat) into ``out``."""
    def job(services, progress):
        progress.report(0, 2)
        note = ""

        def make(svc: ProtokollService) -> bytes:
            nonlocal note
            if kind == "protokoll":
                return svc.protokoll_pdf(meeting_id, today=today)
            if kind == "anslag":
                # An anslag posted before the program kept it is kept at this print; the note says so.
                printed = svc.anslag_utskrift(meeting_id, kw.get("justering_id"), today=today)
                note = printed.note
                return printed.data
            if kind == "original":
                return svc.original_pdf(meeting_id, kw.get("justering_id"))
            return svc.utdrag_pdf(meeting_id, kw["arende_ids"], kw.get("bestyrkt_av", ""), today, today=today)

        data = make(services.protokoll)
        if progress.cancelled:
            raise Cancelled()
        write_atomically(out, data)
        made = archive_status(data, subject=out.name).description
        progress.report(2, 2)
        return Outcome(kind, [out], message=note, formats=[made])

    return job


def batch_job(meeting_id: int, folder: Path, bestyrkt_av: str, today: date | None):
    """One utdrag per recipient (recorded by the service), each saved in ``folder``."""
    def job(services, progress):
        progress.report(0, 1)

        def make(svc: ProtokollService):
            sent = svc.skicka_utdrag(meeting_id, bestyrkt_av, today, today=today)
            return [(u, svc.utskick_pdf(u.id)) for u in sent]

        made = make(services.protokoll)
        outcome = Outcome("utdragsbatch")
        for n, (u, data) in enumerate(made, start=1):
            if progress.cancelled:
                raise Cancelled()
            name = "".join(c if c.isalnum() or c in " -_.,()" else "_" for c in u.mottagare).strip()
            path = folder / f"Protokollsutdrag {u.datum.isoformat()} {name or u.id}.pdf"
            write_atomically(path, data)
            outcome.paths.append(path)
            outcome.sent.append((u.mottagare, u.paragrafer, path))
            outcome.formats.append(archive_status(data, subject=path.name).description)
            progress.report(n, len(made))
        return outcome

    return job


def justera_job(meeting_id: int, datum: str, anslag: str | None, today: date | None,
                arende_ids: list[int] | None = None):
    def job(services, progress):
        progress.report(0, 1)

        def work(svc: ProtokollService):
            if arende_ids:
                return svc.justera_omedelbart(meeting_id, arende_ids, datum, None, anslag or datum,
                                              today=today)
            return svc.justera(meeting_id, datum, None, anslag, today=today)

        j = work(services.protokoll)
        stored = services.protokoll.arkivformat(j.id)
        progress.report(1, 1)
        return Outcome("justering", message=f"Justerat {j.datum.isoformat()} av {', '.join(j.justerat_av)}; "
                                            f"protokollet är sparat som {stored}", formats=[stored])

    return job


def anslag_uppsatt_job(justering_id: int, datum: date, gjord_av: str, today: date | None):
    """Register the day the anslag went up: the service lays out and keeps the anslag
    that went up in the registration's transaction (app/protokoll/anslag_sparat.py)."""
    def job(services, progress):
        progress.report(0, 1)
        svc: ProtokollService = services.protokoll
        warnings = svc.mark_anslaget(justering_id, datum, gjord_av, today=today)
        day = svc.justering(justering_id).anslag_uppsatt
        assert day is not None  # registered just now
        progress.report(1, 1)
        return Outcome("uppsatt", message=f"Anslaget är registrerat som uppsatt {day.isoformat()}. "
                                          f"{anslag_uppsatt.foljder(day)}", warnings=list(warnings))

    return job
