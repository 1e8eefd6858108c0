"""Making a meeting's documents: the handlingar, the kallelse on its own and one
ärende's tjänsteskrivelse, as PDF/A bytes or written to a file (all headless; the UI
runs them as a job, the command line directly).

* ``load_meeting_docs(db, meeting_id) -> MeetingDocs``: everything the documents print,
  read in one go (the renderers in :mod:`app.meetings.pdf` never touch the database),
  with what changed since the kallelse was last sent (:mod:`app.meetings.revision`):
  after a sent version with later changes the kallelse is a revised one and the
  handlingar are tilläggshandlingar.
* ``build_handlingar(db, meeting_id, *, level="2b", progress=None, is_cancelled=None)
  -> HandlingarResult`` (see :mod:`app.meetings.pdf.handlingar`) and
  ``build_handlingar_file(db_path, meeting_id, out_path, **kw)``: the same on this
  thread's own database connection, writing the file atomically.
* ``make_kallelse(db, meeting_id, *, level="2b", cancelled=None) -> KallelseResult``
  (page ranges included), ``save_kallelse(db, meeting_id, out_path, ...)`` and
  ``make_kallelse_file(db_path, meeting_id, out_path, ...)``.
* ``make_tjansteskrivelse(db, arende_id, *, level="2b", cancelled=None) -> bytes`` and
  ``save_tjansteskrivelse(db, arende_id, out_path, ...)``.

``cancelled()`` is asked between ärenden and pages; once it is true the work stops with
:class:`app.meetings.model.Cancelled` and no file is written.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from app.files import write_atomically
from app.meetings.arenden import ArendeService
from app.meetings.bilagor import BilagaService
from app.meetings.model import HandlingarResult, KallelseResult
from app.meetings.pdf.handlingar import Progress, lay_out, render_handlingar
from app.meetings.pdf.layout import (
    IsCancelled,
    MeetingDocs,
    standalone,
    standalone_archived,
    stop_if_cancelled,
)
from app.meetings.pdf.tjansteskrivelse import render_tjansteskrivelse
from app.meetings.revision import since_sent
from app.meetings.service import MeetingService
from app.organisation import OrganisationService
from app.pdf.pdfa import DEFAULT_LEVEL, check_level
from app.records import id_of
from db.connection import connect, wrap


def load_meeting_docs(db: Database, meeting_id: int) -> MeetingDocs:
    meetings = MeetingService(db)
    org = OrganisationService(db)
    meeting = meetings.get_meeting(meeting_id)
    organ = org.get_organ(meeting.organ_id)
    namnd = next(n for n in org.namnder() if n.id == organ.namnd_id)
    arenden = ArendeService(db).arenden(meeting_id)
    bilagor = BilagaService(db).for_meeting(meeting_id)
    return MeetingDocs(
        meeting=meeting, organ=organ, namnd=namnd, kommun=org.kommun(),
        ordforande=meetings.ordforande(id_of(organ), meeting.day),
        sekreterare=meetings.secretary(meeting),
        arenden=arenden, bilagor=bilagor,
        forvaltningar={id_of(f): f for f in org.forvaltningar(organ.namnd_id)},
        revision=since_sent(db, meeting, arenden, bilagor),
    )


# -- handlingar --------------------------------------------------------------------------
def build_handlingar(db: Database, meeting_id: int, *, level: str | None = DEFAULT_LEVEL,
                     progress: Progress | None = None, is_cancelled: IsCancelled | None = None,
                     validate: bool = True) -> HandlingarResult:
    """The handlingar of the meeting (see :mod:`app.meetings.pdf.handlingar`); PDF/A only
    when the validator passes on the bundle (``validate``, docs/domain/documents.md)."""
    level = check_level(level) if level else None
    docs = load_meeting_docs(db, meeting_id)
    return render_handlingar(docs, BilagaService(db).data, level=level, progress=progress,
                             is_cancelled=is_cancelled, validate=validate)


def build_handlingar_file(db_path: Path | str, meeting_id: int, out_path: Path | str,
                          **kw) -> HandlingarResult:
    """:func:`build_handlingar` on this thread's own connection, written to ``out_path``."""
    conn = connect(db_path)
    try:
        result = build_handlingar(wrap(conn), meeting_id, **kw)
    finally:
        conn.close()
    write_atomically(out_path, result.data)
    return result


# -- the kallelse on its own -------------------------------------------------------------
def make_kallelse(db: Database, meeting_id: int, *, level: str | None = DEFAULT_LEVEL,
                  cancelled: IsCancelled | None = None) -> KallelseResult:
    """The kallelse alone, with the page ranges the handlingar will have (page counts of
    bilagor as recorded when attached). Its pages are the handlingar's first pages, so
    "Sida N" agrees with the bundle; "av M" counts the kallelse alone."""
    layout = lay_out(load_meeting_docs(db, meeting_id), cancelled=cancelled)
    made = standalone_archived(layout.kallelse.data, level, "Kallelse")
    return KallelseResult(made.data, layout.kallelse.pages, made.level,
                          {p.arende_id: p.range for p in layout.placements}, made.reasons)


def save_kallelse(db: Database, meeting_id: int, out_path: Path | str, *,
                  level: str | None = DEFAULT_LEVEL, cancelled: IsCancelled | None = None) -> KallelseResult:
    """:func:`make_kallelse` written to ``out_path`` (nothing is written once cancelled)."""
    result = make_kallelse(db, meeting_id, level=level, cancelled=cancelled)
    stop_if_cancelled(cancelled)
    write_atomically(out_path, result.data)
    return result


def make_kallelse_file(db_path: Path | str, meeting_id: int, out_path: Path | str, **kw) -> KallelseResult:
    """:func:`save_kallelse` on this thread's own connection to ``db_path``."""
    conn = connect(db_path)
    try:
        return save_kallelse(wrap(conn), meeting_id, out_path, **kw)
    finally:
        conn.close()


# -- one tjänsteskrivelse ----------------------------------------------------------------
def make_tjansteskrivelse(db: Database, arende_id: int, *, level: str | None = DEFAULT_LEVEL,
                          cancelled: IsCancelled | None = None) -> bytes:
    """One ärende's tjänsteskrivelse (or item page) on its own, pages numbered."""
    arende = ArendeService(db).get(arende_id)
    docs = load_meeting_docs(db, arende.sammantrade_id)
    rendered = render_tjansteskrivelse(docs, next(a for a in docs.arenden if a.id == arende_id), cancelled)
    return standalone(rendered.data, level)


def save_tjansteskrivelse(db: Database, arende_id: int, out_path: Path | str, *,
                          level: str | None = DEFAULT_LEVEL, cancelled: IsCancelled | None = None) -> bytes:
    """:func:`make_tjansteskrivelse` written to ``out_path`` (nothing is written once
    cancelled)."""
    data = make_tjansteskrivelse(db, arende_id, level=level, cancelled=cancelled)
    stop_if_cancelled(cancelled)
    write_atomically(out_path, data)
    return data
