"""The kallelse as sent (docs/domain/documents.md, "Sent versions and revised kallelser").

Marking a meeting as kallat is an act of its own: :meth:`KallelseService.send` lays out
the kallelse and the handlingar as they are now, stores both PDFs (bytes, SHA-256,
date and time from the program clock) as the meeting's next version, and sets the
meeting's status to kallat. Stored versions are never changed or deleted (the database
refuses with triggers). Later changes to the ärenden, förslag and bilagor are allowed;
:meth:`KallelseService.revision` says what changed since the last sent version, and
printing or sending again then gives a "Reviderad kallelse" with "Tilläggshandlingar"
(only the new and changed ärenden), stored as version 2, 3 …

Service API (``session.kallelser``):
    ``versions(meeting_id) -> list[SkickadKallelse]`` (oldest first), ``get(id)``,
    ``stored_pdf(id, handlingar=False) -> bytes`` (checked against its SHA-256),
    ``revision(meeting_id) -> Revision | None`` (None: never sent),
    ``check_before_send(meeting_id) -> list[Problem]`` (errors stop the send),
    ``send(meeting_id, *, level, progress, cancelled) -> Skickat``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlite_utils import Database

from app import clock
from app.changes import AnnouncingService
from app.meetings.arenden import ArendeService
from app.meetings.bilagor import BilagaService
from app.meetings.documents import load_meeting_docs
from app.meetings.model import Revision, SkickadKallelse
from app.meetings.pdf.handlingar import render_handlingar
from app.meetings.pdf.layout import IsCancelled, standalone
from app.meetings.revision import arende_keys, fingerprint, since_sent
from app.meetings.service import MeetingService
from app.pdf.pdfa import DEFAULT_LEVEL, check_level
from app.problems import Problem
from app.records import inserted_id
from app.validation import FieldError, ValidationError

#: Statuses after the meeting: a kallelse can no longer be sent.
HELD = ("genomfört", "justerat", "anslaget")
_COLUMNS = ("id, sammantrade_id, version, slag, skickad, kallelse_sha256, kallelse_sidor, "
            "handlingar_sha256, handlingar_sidor, pdfa_niva, andringar")


class IntegritetsFel(Exception):
    """A stored PDF no longer matches its recorded SHA-256 (Swedish message)."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Skickat:
    """What :meth:`KallelseService.send` stored, and the warnings of the build (a bilaga
    that kept the handlingar from being PDF/A)."""

    kallelse: SkickadKallelse
    warnings: list[str] = field(default_factory=list)


def _refuse(message: str, name: str = "sammantrade_id") -> ValidationError:
    return ValidationError([FieldError(name, message)])


class KallelseService(AnnouncingService, kinds=("meetings",)):
    def __init__(self, db: Database):
        self.db = db
        self.meetings = MeetingService(db)

    # -- reading ------------------------------------------------------------------------
    @staticmethod
    def _from_row(row: dict) -> SkickadKallelse:
        values = dict(row)
        values["andringar"] = tuple(json.loads(values["andringar"]))
        return SkickadKallelse(**values)

    def versions(self, meeting_id: int) -> list[SkickadKallelse]:
        return [self._from_row(r) for r in self.db.query(
            f"SELECT {_COLUMNS} FROM kallelse_utskick WHERE sammantrade_id = ? ORDER BY version",
            [meeting_id])]

    def get(self, utskick_id: int) -> SkickadKallelse:
        rows = list(self.db.query(f"SELECT {_COLUMNS} FROM kallelse_utskick WHERE id = ?", [utskick_id]))
        if not rows:
            raise _refuse(f"Den skickade kallelsen {utskick_id} finns inte.", "id")
        return self._from_row(rows[0])

    def stored_pdf(self, utskick_id: int, handlingar: bool = False) -> bytes:
        """The kallelse (or its handlingar) exactly as sent, checked against its SHA-256."""
        which = "handlingar" if handlingar else "kallelse"
        row = self.db.execute(f"SELECT {which}_pdf, {which}_sha256, version FROM kallelse_utskick "
                              "WHERE id = ?", [utskick_id]).fetchone()
        if row is None:
            raise _refuse(f"Den skickade kallelsen {utskick_id} finns inte.", "id")
        data = bytes(row[0])
        if sha256(data) != row[1]:
            raise IntegritetsFel(f"Den sparade {'handlingsfilen' if handlingar else 'kallelsen'} "
                                 f"(version {row[2]}) stämmer inte med sin kontrollsumma (SHA-256); "
                                 "filen har ändrats efter att den skickades. Använd en säkerhetskopia.")
        return data

    def revision(self, meeting_id: int) -> Revision | None:
        """What changed since the last sent version (None: the kallelse was never sent)."""
        meeting = self.meetings.get_meeting(meeting_id)
        return since_sent(self.db, meeting, ArendeService(self.db).arenden(meeting_id),
                          BilagaService(self.db).for_meeting(meeting_id))

    def check_before_send(self, meeting_id: int) -> list[Problem]:
        """The check before printing, and what stops a send: a meeting already held,
        nothing changed since the last sent version. Problems of severity "fel" stop it."""
        m = self.meetings.get_meeting(meeting_id)
        if m.status in HELD:
            return [Problem("fel", f"Sammanträdet {m.datum} är {m.status}; en kallelse kan inte "
                                   "skickas efteråt.")]
        problems = []
        revision = self.revision(meeting_id)
        if revision is not None and not revision.changed:
            problems.append(Problem("fel", f"Inget har ändrats sedan kallelsen skickades "
                                           f"{revision.skickad_dag} (version {revision.version}); det "
                                           "finns ingen ny version att skicka."))
        return problems + self.meetings.check_before_print(meeting_id)

    # -- sending ------------------------------------------------------------------------
    def send(self, meeting_id: int, *, level: str | None = DEFAULT_LEVEL,
             progress: Callable[[int, int], None] | None = None,
             cancelled: IsCancelled | None = None) -> Skickat:
        """Lay out the kallelse and the handlingar as they are now (after a sent version:
        the revised kallelse and the tilläggshandlingar), store them as the meeting's next
        version and mark the meeting kallat (the day it was first sent is kept). Refused,
        with the reasons, while :meth:`check_before_send` finds errors."""
        errors = [p for p in self.check_before_send(meeting_id) if p.severity == "fel"]
        if errors:
            raise ValidationError([FieldError("kontroll", p.message) for p in errors])
        level = check_level(level) if level else None
        docs = load_meeting_docs(self.db, meeting_id)
        keys = arende_keys(self.db, meeting_id)
        bundle = render_handlingar(docs, BilagaService(self.db).data, level=level, progress=progress,
                                   is_cancelled=cancelled)
        kallelse = standalone(bundle.kallelse_data, level)
        sent_before = docs.revision.version if docs.revision is not None else 0
        now = clock.now_iso()
        with self.db.atomic():
            latest = self.db.execute("SELECT COALESCE(MAX(version), 0) FROM kallelse_utskick "
                                     "WHERE sammantrade_id = ?", [meeting_id]).fetchone()[0]
            if latest != sent_before:
                raise _refuse(f"Version {latest} av kallelsen sparades medan den här skapades; "
                              "öppna fönstret igen och försök på nytt.")
            version = latest + 1
            utskick_id = inserted_id(self.db.table("kallelse_utskick"), {
                "sammantrade_id": meeting_id, "version": version,
                "slag": "kallelse" if version == 1 else "reviderad", "skickad": now,
                "kallelse_pdf": kallelse, "kallelse_sha256": sha256(kallelse),
                "kallelse_sidor": bundle.kallelse_pages,
                "handlingar_pdf": bundle.data, "handlingar_sha256": sha256(bundle.data),
                "handlingar_sidor": bundle.pages, "pdfa_niva": bundle.pdfa_level,
                "andringar": json.dumps(docs.revision.lines if docs.revised and docs.revision else [],
                                        ensure_ascii=False),
                "innehall": json.dumps(fingerprint(docs.meeting, docs.arenden, docs.bilagor, keys),
                                       ensure_ascii=False),
            })
            m = self.meetings.get_meeting(meeting_id)
            if m.status != "kallat" or not m.kallelse_skickad:
                self.meetings.set_status(meeting_id, "kallat", m.kallelse_skickad or now[:10])
        return Skickat(self.get(utskick_id), list(bundle.warnings))
