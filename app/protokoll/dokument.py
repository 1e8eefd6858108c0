"""Everything a protokoll, utdrag or anslag prints, read from the database in one go
(:class:`DocsLoader`, or :func:`load_protokoll_docs` without a service at hand), plus
the texts derived from it: the first page's lists of people with their §§, the chair,
the justerare. The renderers (:mod:`app.protokoll.pdf`) only read this snapshot, so
they can run on a worker thread with its own connection.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from app.meetings import MeetingService, Sammantrade
from app.organisation import Kommun, Organ, OrganisationService
from app.protokoll.common import position_span
from app.protokoll.frister import Frister
from app.protokoll.hooks import justeringar
from app.protokoll.huvud import HuvudService
from app.protokoll.model import Beslutande, Justering, Narvaro, Paragraf, Protokoll, Rattelse, Tjanstgoring
from app.protokoll.narvaro import NarvaroService
from app.protokoll.numrering import Numrering
from app.protokoll.paragrafer import ParagrafService, effective_beslut
from app.protokoll.rattelser import RattelseService
from app.records import id_of


@dataclass
class ProtokollDocs:
    meeting: Sammantrade
    organ: Organ
    kommun: Kommun | None
    protokoll: Protokoll
    narvaro: list[Narvaro]
    tjanstgoringar: list[Tjanstgoring]
    beslutande: dict[int, Beslutande]
    paragrafer: list[Paragraf]
    numrering: Numrering
    sekreterare: str
    ordforande: str
    justerare: list[str]
    frister: Frister
    justeringar: list[Justering] = field(default_factory=list)
    rattelser: list[Rattelse] = field(default_factory=list)

    @property
    def kommun_namn(self) -> str:
        return self.kommun.namn if self.kommun else ""

    @property
    def logo(self) -> bytes | None:
        return self.kommun.logo if self.kommun else None

    @property
    def tryckta(self) -> list[Paragraf]:
        """The paragraphs printed: all but those that utgår."""
        return [p for p in self.paragrafer if p.nummer is not None]

    def paragraf(self, arende_id: int) -> Paragraf:
        return next(p for p in self.paragrafer if p.arende_id == arende_id)

    def beslut(self, p: Paragraf) -> str:
        extra = [x.rubrik for x in self.tryckta if x.extra]
        return effective_beslut(p, self.organ.namn, " och ".join(self.justerare), extra)

    def namn(self, narvaro_id: int) -> str:
        return next((n.namn_parti for n in self.narvaro if n.id == narvaro_id), "")

    def justering_of(self, p: Paragraf) -> Justering | None:
        return next((j for j in self.justeringar if j.id == p.justering_id), None)

    @property
    def protokoll_justering(self) -> Justering | None:
        return next((j for j in self.justeringar if j.slag == "protokoll"), None)

    # -- §§ for the first page --------------------------------------------------------
    def _span(self, ids: list[int]) -> str:
        """ "§§ 4–6" for the paragraphs in ``ids`` ("§ 4" for one); "" for all of them."""
        printed = [p.arende_id for p in self.tryckta]
        chosen = [a for a in printed if a in ids]
        if not chosen or len(chosen) == len(printed):
            return ""
        text = self.numrering.range_text(chosen)
        return f"§\u00a0{text}" if len(chosen) == 1 else f"§§\u00a0{text}"  # no break after §

    def _present_at(self, n: Narvaro) -> list[int]:
        pos = {p.arende_id: p.position for p in self.paragrafer}
        first, last = position_span(pos, n.fran_arende_id, n.till_arende_id)
        return [a for a, p in pos.items() if first <= p <= last]

    def beslutande_rader(self) -> list[str]:
        """ "Birgitta Lindqvist (S), ordförande", "Göran Persson Ek (S), tjänstgörande
        ersättare för Fatima Hassan (S), §§ 6–13" … in seat order."""
        taking: dict[int, list[int]] = {}
        deputy_for: dict[int, dict[str, list[int]]] = {}
        for p in self.tryckta:
            for d in self.beslutande[p.arende_id].deltagare:
                if d.ersattare_for:
                    deputy_for.setdefault(d.narvaro_id, {}).setdefault(d.ersattare_for, []).append(
                        p.arende_id
                    )
                else:
                    taking.setdefault(d.narvaro_id, []).append(p.arende_id)
        lines = []
        for n in self.narvaro:
            if n.grupp == "ledamot" and n.id in taking:
                role = f", {n.roll}" if n.roll and n.roll != "ledamot" else ""
                span = self._span(taking[n.id])
                lines.append(f"{n.namn_parti}{role}" + (f", {span}" if span else ""))
            for whom, ids in deputy_for.get(id_of(n), {}).items():
                span = self._span(ids)
                lines.append(
                    f"{n.namn_parti}, tjänstgörande ersättare för {whom}" + (f", {span}" if span else "")
                )
        return lines

    def ersattare_rader(self) -> list[str]:
        """Present ersättare not serving at any paragraph."""
        serving = {d.narvaro_id for b in self.beslutande.values() for d in b.deltagare}
        lines = []
        for n in self.narvaro:
            if n.grupp == "ersättare" and n.narvarande and n.id not in serving:
                span = self._span(self._present_at(n))
                lines.append(n.namn_parti + (f", {span}" if span else ""))
        return lines

    def ovriga_rader(self) -> list[str]:
        lines = []
        for n in self.narvaro:
            if n.grupp == "övrig" and n.narvarande:
                span = self._span(self._present_at(n))
                text = n.namn + (f", {_title_in_text(n.roll)}" if n.roll else "")
                lines.append(text + (f", {span}" if span else ""))
        return lines

    def franvarande(self) -> list[str]:
        """Ledamöter not present at all and not replaced (shown in the UI)."""
        taking = {d.narvaro_id for b in self.beslutande.values() for d in b.deltagare}
        return [
            n.namn_parti
            for n in self.narvaro
            if n.grupp == "ledamot" and not n.narvarande and n.id not in taking
        ]


class DocsLoader:
    """Reads a meeting's :class:`ProtokollDocs` through the protokoll's collaborators."""

    def __init__(
        self,
        db: Database,
        meetings: MeetingService,
        huvud: HuvudService,
        narvaro: NarvaroService,
        paragrafer: ParagrafService,
        rattelser: RattelseService,
    ):
        self.db = db
        self.meetings = meetings
        self.organisation = OrganisationService(db)
        self.huvud = huvud
        self.narvaro = narvaro
        self.paragrafer = paragrafer
        self.rattelser = rattelser

    def load(self, meeting_id: int, today=None) -> ProtokollDocs:
        meeting = self.meetings.get_meeting(meeting_id)
        head = self.huvud.get(meeting_id)
        secretary = self.meetings.secretary(meeting)
        return ProtokollDocs(
            meeting=meeting,
            organ=self.organisation.get_organ(meeting.organ_id),
            kommun=self.organisation.kommun(),
            protokoll=head,
            narvaro=self.narvaro.narvaro(meeting_id),
            tjanstgoringar=self.narvaro.tjanstgoringar(meeting_id),
            beslutande=self.narvaro.beslutande(meeting_id, head.ordforande_id),
            paragrafer=self.paragrafer.paragrafer(meeting_id),
            numrering=self.paragrafer.numrering(meeting_id),
            sekreterare=secretary.namn if secretary else "",
            ordforande=self.huvud.ordforande_namn(meeting_id),
            justerare=self.huvud.justerare_namn(meeting_id),
            frister=self.huvud.frister(meeting_id, today),
            justeringar=justeringar(self.db, meeting_id),
            rattelser=self.rattelser.rattelser(meeting_id),
        )


def load_protokoll_docs(db: Database, meeting_id: int, today=None) -> ProtokollDocs:
    """The snapshot for a caller without a :class:`app.protokoll.ProtokollService`."""
    meetings, narvaro, paragrafer = MeetingService(db), NarvaroService(db), ParagrafService(db)
    huvud = HuvudService(db, meetings, narvaro)
    return DocsLoader(db, meetings, huvud, narvaro, paragrafer, RattelseService(db, paragrafer)).load(
        meeting_id, today
    )


def _title_in_text(title: str) -> str:
    """ "Socialchef" → "socialchef" after a name; "IT-chef" stays."""
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title
