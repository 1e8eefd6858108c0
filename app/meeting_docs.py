"""Everything the meeting documents print, read from the database in one go.

:func:`load_meeting_docs` returns a :class:`MeetingDocs` snapshot; the renderers
(:mod:`app.kallelse`, :mod:`app.tjansteskrivelse`, :mod:`app.handlingar`) work on it and
never touch the database, so they can run on a worker thread with the snapshot read
through that thread's own connection.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from app.arenden import Arende, ArendeService
from app.bilagor import Bilaga, BilagaService
from app.meetings import MeetingService, Sammantrade
from app.organisation import Forvaltning, Kommun, Namnd, Organ, OrganisationService, Person
from app.pdf.letterhead import kommun_footer


@dataclass
class MeetingDocs:
    meeting: Sammantrade
    organ: Organ
    namnd: Namnd
    kommun: Kommun | None
    ordforande: Person | None
    sekreterare: Person | None
    arenden: list[Arende]
    bilagor: dict[int, list[Bilaga]] = field(default_factory=dict)  # by arende id
    forvaltningar: dict[int, Forvaltning] = field(default_factory=dict)

    @property
    def kommun_namn(self) -> str:
        return self.kommun.namn if self.kommun else ""

    @property
    def footer(self) -> tuple[tuple[str, str], ...]:
        return kommun_footer(self.kommun)

    def bilagor_of(self, arende: Arende) -> list[Bilaga]:
        return self.bilagor.get(arende.id, [])


def genitive(name: str) -> str:
    """Swedish genitive: "Vård- och omsorgsnämnden" → "Vård- och omsorgsnämndens";
    names ending in s, x or z take no extra s."""
    name = name.strip()
    if not name or name[-1].lower() in "sxz":
        return name
    return name + "s"


def load_meeting_docs(db: Database, meeting_id: int) -> MeetingDocs:
    meetings = MeetingService(db)
    org = OrganisationService(db)
    meeting = meetings.get_meeting(meeting_id)
    organ = org.get_organ(meeting.organ_id)
    namnd = next(n for n in org.namnder() if n.id == organ.namnd_id)
    return MeetingDocs(
        meeting=meeting, organ=organ, namnd=namnd, kommun=org.kommun(),
        ordforande=meetings.ordforande(organ.id, meeting.day),
        sekreterare=meetings.secretary(meeting),
        arenden=ArendeService(db).arenden(meeting_id),
        bilagor=BilagaService(db).for_meeting(meeting_id),
        forvaltningar={f.id: f for f in org.forvaltningar(organ.namnd_id)},
    )
