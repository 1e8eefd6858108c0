"""What the meeting documents share: the :class:`MeetingDocs` snapshot they are drawn
from (read by :func:`app.meetings.documents.load_meeting_docs`), the cancellation check
between ärenden and pages, and the finish of a document printed on its own."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from app.meetings.model import Arende, Bilaga, Cancelled, Revision, Sammantrade
from app.organisation import Forvaltning, Kommun, Namnd, Organ, Person
from app.pdf import bundle as pdfbundle
from app.pdf.document import BeforeSave, counting_canvas
from app.pdf.letterhead import kommun_footer
from app.pdf.pdfa import Archived, archive, check_level

#: Asked between ärenden and pages; True stops the render with :class:`Cancelled`.
IsCancelled = Callable[[], bool]


@dataclass
class MeetingDocs:
    """Everything the meeting documents print, read from the database in one go: the
    renderers work on it and never touch the database, so they can run on a worker
    thread with the snapshot read through that thread's own connection."""

    meeting: Sammantrade
    organ: Organ
    namnd: Namnd
    kommun: Kommun | None
    ordforande: Person | None
    sekreterare: Person | None
    arenden: list[Arende]
    bilagor: dict[int, list[Bilaga]] = field(default_factory=dict)  # by arende id
    forvaltningar: dict[int, Forvaltning] = field(default_factory=dict)
    #: What changed since the kallelse was last sent (None: never sent). When something
    #: has, the documents are a revised kallelse and tilläggshandlingar.
    revision: Revision | None = None

    @property
    def revised(self) -> bool:
        return self.revision is not None and self.revision.changed

    def bundled(self) -> MeetingDocs:
        """The documents whose handlingar go into the bundle: every ärende, or after a
        sent version only the new and changed ones (the tilläggshandlingar)."""
        if self.revision is None or not self.revised:
            return self
        wanted = self.revision.new_or_changed
        return replace(self, arenden=[a for a in self.arenden if a.id in wanted])

    @property
    def kommun_namn(self) -> str:
        return self.kommun.namn if self.kommun else ""

    @property
    def footer(self) -> tuple[tuple[str, str], ...]:
        return kommun_footer(self.kommun)

    def bilagor_of(self, arende: Arende) -> list[Bilaga]:
        return self.bilagor.get(arende.id, []) if arende.id is not None else []


def genitive(name: str) -> str:
    """Swedish genitive: "Vård- och omsorgsnämnden" → "Vård- och omsorgsnämndens";
    names ending in s, x or z take no extra s."""
    name = name.strip()
    if not name or name[-1].lower() in "sxz":
        return name
    return name + "s"


def stop_if_cancelled(cancelled: IsCancelled | None) -> None:
    """Raise :class:`Cancelled` when the user has asked to stop."""
    if cancelled is not None and cancelled():
        raise Cancelled()


def cancellable_canvas(cancelled: IsCancelled | None,
                       before_save: BeforeSave | None = None) -> type[Canvas]:
    """The shared :func:`app.pdf.document.counting_canvas`, stopping with
    :class:`Cancelled` before a page is finished once ``cancelled()`` is true."""
    return counting_canvas(before_save, lambda: stop_if_cancelled(cancelled))


def standalone_archived(data: bytes, level: str | None, subject: str = "") -> Archived:
    """A document printed on its own: "Sida N av M" of its own pages, then PDF/A when the
    validator passes, else an ordinary PDF with the reasons (app/pdf/pdfa.py ``archive``)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdfbundle.stamp_page_numbers(pdf)
        pdfbundle.set_page_labels(pdf)
        return archive(pdf, check_level(level) if level else None, subject=subject)


def standalone(data: bytes, level: str | None) -> bytes:
    """:func:`standalone_archived`, the bytes alone."""
    return standalone_archived(data, level).data
