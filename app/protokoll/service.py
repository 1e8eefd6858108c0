"""The protokoll service the UI and the command line call. It composes collaborators,
each handed what it needs in its constructor, and passes calls on to them:

* :class:`app.protokoll.huvud.HuvudService`: settings per organ, the first page's
  fields, the names printed on it, the deadlines;
* ``narvaro`` (:class:`app.protokoll.narvaro.NarvaroService`) and ``paragrafer``
  (:class:`app.protokoll.paragrafer.ParagrafService`), used directly by callers;
* :class:`app.protokoll.kontroll.KontrollService`: the pre-print check;
* :class:`app.protokoll.rattelser.RattelseService`: rättelser after justering;
* :class:`app.protokoll.justering.JusteringService`: justering and the anslag's date;
* :class:`app.protokoll.dokumentservice.DokumentService`: the PDFs and the utskick.

See :mod:`app.protokoll` for the whole API.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from app.meetings import MeetingService
from app.protokoll.dokument import DocsLoader
from app.protokoll.dokumentservice import DokumentService
from app.protokoll.frister import Frister
from app.protokoll.huvud import HuvudService
from app.protokoll.justering import JusteringService
from app.protokoll.kontroll import KontrollService
from app.protokoll.model import Justering, Problem, Protokoll, Protokollinstallning, Rattelse, Utskick, iso
from app.protokoll.narvaro import NarvaroService
from app.protokoll.paragrafer import ParagrafService
from app.protokoll.rattelser import RattelseService


class ProtokollService:
    def __init__(self, db: Database):
        self.db = db
        self.meetings = MeetingService(db)
        self.narvaro = NarvaroService(db)
        self.paragrafer = ParagrafService(db)
        self._huvud = HuvudService(db, self.meetings, self.narvaro)
        self._kontroll = KontrollService(db, self.meetings, self._huvud, self.narvaro, self.paragrafer)
        self._rattelser = RattelseService(db, self.paragrafer)
        docs = DocsLoader(db, self.meetings, self._huvud, self.narvaro, self.paragrafer, self._rattelser)
        self._justering = JusteringService(
            db, self._huvud, self.paragrafer, self._kontroll, self._rattelser, docs
        )
        self._dokument = DokumentService(
            db, self._huvud, self.paragrafer, self._justering, self._rattelser, docs
        )

    # -- settings per organ and the protokoll's own fields (HuvudService) ---------------
    def installning(self, organ_id: int) -> Protokollinstallning:
        return self._huvud.installning(organ_id)

    def save_installning(self, s: Protokollinstallning) -> Protokollinstallning:
        return self._huvud.save_installning(s)

    def is_started(self, meeting_id: int) -> bool:
        return self._huvud.is_started(meeting_id)

    def get(self, meeting_id: int) -> Protokoll:
        return self._huvud.get(meeting_id)

    def start(self, meeting_id: int) -> Protokoll:
        return self._huvud.start(meeting_id)

    def save(self, p: Protokoll) -> Protokoll:
        return self._huvud.save(p)

    def justerare_namn(self, meeting_id: int) -> list[str]:
        return self._huvud.justerare_namn(meeting_id)

    def ordforande_namn(self, meeting_id: int) -> str:
        return self._huvud.ordforande_namn(meeting_id)

    def sekreterare_namn(self, meeting_id: int) -> str:
        return self._huvud.sekreterare_namn(meeting_id)

    def frister(self, meeting_id: int, today: date | None = None) -> Frister:
        return self._huvud.frister(meeting_id, today)

    # -- the pre-print check (KontrollService) --------------------------------------------
    def check_before_print(
        self, meeting_id: int, today: date | None = None, arende_ids: list[int] | None = None
    ) -> list[Problem]:
        return self._kontroll.check_before_print(meeting_id, today, arende_ids)

    # -- justering (JusteringService) -----------------------------------------------------
    def justeringar(self, meeting_id: int) -> list[Justering]:
        return self._justering.justeringar(meeting_id)

    def justering(self, justering_id: int) -> Justering:
        return self._justering.justering(justering_id)

    def stored_pdf(self, justering_id: int) -> bytes:
        return self._justering.stored_pdf(justering_id)

    def justera(
        self,
        meeting_id: int,
        datum: date | str | None = None,
        justerat_av: list[str] | None = None,
        anslag_datum: date | str | None = None,
        *,
        level: str | None = "2b",
        today: date | None = None,
    ) -> Justering:
        return self._justering.justera(meeting_id, datum, justerat_av, anslag_datum, level=level, today=today)

    def justera_omedelbart(
        self,
        meeting_id: int,
        arende_ids: list[int],
        datum: date | str | None = None,
        justerat_av: list[str] | None = None,
        anslag_datum: date | str | None = None,
        *,
        level: str | None = "2b",
        today: date | None = None,
    ) -> Justering:
        return self._justering.justera_omedelbart(
            meeting_id, arende_ids, datum, justerat_av, anslag_datum, level=level, today=today
        )

    def mark_anslaget(
        self,
        justering_id: int,
        datum: date | str | None = None,
        gjord_av: str = "",
        today: date | None = None,
    ) -> list[str]:
        return self._justering.mark_anslaget(justering_id, datum, gjord_av, today)

    # -- rättelser (RattelseService) ------------------------------------------------------
    def add_rattelse(
        self,
        meeting_id: int,
        text: str,
        gjord_av: str,
        datum: date | str | None = None,
        arende_id: int | None = None,
        today: date | None = None,
    ) -> Rattelse:
        return self._rattelser.add_rattelse(meeting_id, text, gjord_av, datum, arende_id, today)

    def rattelser(self, meeting_id: int) -> list[Rattelse]:
        return self._rattelser.rattelser(meeting_id)

    # -- documents (DokumentService) ------------------------------------------------------
    def protokoll_pdf(self, meeting_id: int, *, level: str | None = "2b", today: date | None = None) -> bytes:
        return self._dokument.protokoll_pdf(meeting_id, level=level, today=today)

    def utdrag_pdf(
        self,
        meeting_id: int,
        arende_ids: list[int],
        bestyrkt_av: str = "",
        datum: date | str | None = None,
        mottagare: str = "",
        *,
        level: str | None = "2b",
        today: date | None = None,
        validate: bool = True,
    ) -> bytes:
        return self._dokument.utdrag_pdf(
            meeting_id, arende_ids, bestyrkt_av, datum, mottagare, level=level, today=today, validate=validate
        )

    def skicka_utdrag(
        self,
        meeting_id: int,
        bestyrkt_av: str = "",
        datum: date | str | None = None,
        mottagare: list[str] | None = None,
        *,
        level: str | None = "2b",
        today: date | None = None,
    ) -> list[Utskick]:
        return self._dokument.skicka_utdrag(
            meeting_id, bestyrkt_av, datum, mottagare, level=level, today=today
        )

    def utskick(self, meeting_id: int) -> list[Utskick]:
        return self._dokument.utskick(meeting_id)

    def utskick_pdf(self, utskick_id: int) -> bytes:
        return self._dokument.utskick_pdf(utskick_id)

    def anslag_pdf(
        self,
        meeting_id: int,
        justering_id: int | None = None,
        *,
        level: str | None = "2b",
        today: date | None = None,
    ) -> bytes:
        return self._dokument.anslag_pdf(meeting_id, justering_id, level=level, today=today)


__all__ = ["ProtokollService", "Protokollinstallning", "iso"]
