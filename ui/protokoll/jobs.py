"""Work done off the UI thread, each job with its own database connection: justering
(lays out and stores the PDF), and the protokoll, utdrag and anslag PDFs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.handlingar import Cancelled, write_atomically
from app.protokoll import ProtokollService
from db.connection import connect, wrap


@dataclass
class Outcome:
    kind: str  # protokoll | utdrag | utdragsbatch | anslag | justering
    paths: list[Path] = field(default_factory=list)
    sent: list[tuple[str, str, Path]] = field(default_factory=list)  # (mottagare, §§, file)
    message: str = ""


def _with_service(db_path: Path, work):
    conn = connect(db_path)
    try:
        return work(ProtokollService(wrap(conn)))
    finally:
        conn.close()


def pdf_job(kind: str, db_path: Path, meeting_id: int, out: Path, today: date | None, **kw):
    """protokoll, utdrag (``arende_ids``, ``bestyrkt_av``) or anslag into ``out``."""
    def job(progress, is_cancelled):
        progress(0, 2)

        def make(svc: ProtokollService) -> bytes:
            if kind == "protokoll":
                return svc.protokoll_pdf(meeting_id, today=today)
            if kind == "anslag":
                return svc.anslag_pdf(meeting_id, kw.get("justering_id"), today=today)
            return svc.utdrag_pdf(meeting_id, kw["arende_ids"], kw.get("bestyrkt_av", ""), today, today=today)

        data = _with_service(db_path, make)
        if is_cancelled():
            raise Cancelled()
        write_atomically(out, data)
        progress(2, 2)
        return Outcome(kind, [out])

    return job


def batch_job(db_path: Path, meeting_id: int, folder: Path, bestyrkt_av: str, today: date | None):
    """One utdrag per recipient (recorded by the service), each saved in ``folder``."""
    def job(progress, is_cancelled):
        progress(0, 1)

        def make(svc: ProtokollService):
            sent = svc.skicka_utdrag(meeting_id, bestyrkt_av, today, today=today)
            return [(u, svc.utskick_pdf(u.id)) for u in sent]

        made = _with_service(db_path, make)
        outcome = Outcome("utdragsbatch")
        for n, (u, data) in enumerate(made, start=1):
            if is_cancelled():
                raise Cancelled()
            name = "".join(c if c.isalnum() or c in " -_.,()" else "_" for c in u.mottagare).strip()
            path = folder / f"Protokollsutdrag {u.datum.isoformat()} {name or u.id}.pdf"
            write_atomically(path, data)
            outcome.paths.append(path)
            outcome.sent.append((u.mottagare, u.paragrafer, path))
            progress(n, len(made))
        return outcome

    return job


def justera_job(db_path: Path, meeting_id: int, datum: str, anslag: str | None, today: date | None,
                arende_ids: list[int] | None = None):
    def job(progress, _is_cancelled):
        progress(0, 1)

        def work(svc: ProtokollService):
            if arende_ids:
                return svc.justera_omedelbart(meeting_id, arende_ids, datum, None, anslag or datum,
                                              today=today)
            return svc.justera(meeting_id, datum, None, anslag, today=today)

        j = _with_service(db_path, work)
        progress(1, 1)
        return Outcome("justering", message=f"Justerat {j.datum.isoformat()} av {', '.join(j.justerat_av)}.")

    return job
