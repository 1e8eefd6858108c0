"""Putting a PDF on a meeting's agenda in one step: an ärende with its texts, the PDF
attached to it as its bilaga. Other features hand their documents to a meeting this
way (a verksamhetsplan or its follow-up, a budgetuppföljning, the report on ej
verkställda beslut)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from app import richtext
from app.meetings.arenden import ArendeService
from app.meetings.bilagor import BilagaService
from app.meetings.model import Arende, Bilaga
from app.records import id_of


@dataclass(frozen=True)
class AgendaPdf:
    """A PDF for a meeting's agenda and the texts of the ärende it goes with, as plain
    text (``beskrivning``: one paragraph per item)."""

    rubrik: str  # the ärende's heading
    forslag: str  # förslag till beslut
    data: bytes  # the PDF
    filnamn: str
    titel: str  # the bilaga's title
    datum: date | str | None = None  # the bilaga's own date, printed "daterad den …"
    beskrivning: tuple[str, ...] = ()
    ekonomiska_konsekvenser: str = ""
    beslutsunderlag: tuple[str, ...] = ()
    skickas_till: tuple[str, ...] = ()
    #: Of beslutsunderlag and skickas_till: those an ärende already on the agenda keeps
    #: when it has them (they may have been edited there).
    keep: tuple[str, ...] = ("beslutsunderlag", "skickas_till")


@dataclass(frozen=True)
class AgendaEntry:
    arende: Arende
    bilaga: Bilaga


def _write_texts(a: Arende, pdf: AgendaPdf) -> None:
    a.forslag_till_beslut = richtext.from_plain_text(pdf.forslag)
    a.beskrivning = richtext.render([richtext.Para([richtext.Run(p)]) for p in pdf.beskrivning])
    a.ekonomiska_konsekvenser = richtext.from_plain_text(pdf.ekonomiska_konsekvenser)
    for name in ("beslutsunderlag", "skickas_till"):
        current = getattr(a, name)
        setattr(a, name, current if name in pdf.keep and current else list(getattr(pdf, name)))


def put_pdf_on_agenda(db: Database, meeting_id: int, pdf: AgendaPdf, *, arende_id: int | None = None,
                      update: bool = False) -> AgendaEntry:
    """Attach ``pdf`` to an ärende of the meeting, in one transaction:

    * with ``arende_id``: to that ärende, whose texts stay as they are;
    * with ``update``: to the meeting's ärende headed ``pdf.rubrik`` (a new one when
      there is none), whose texts are written again and whose bilaga of the same title
      is replaced, so that doing it twice does not add a second;
    * otherwise: to a new ärende with the texts, before the items that close the agenda.
    """
    arenden, bilagor = ArendeService(db), BilagaService(db)
    with db.atomic():
        if arende_id is not None:
            arende = arenden.get(arende_id)
        else:
            found = next((a for a in arenden.arenden(meeting_id) if a.rubrik == pdf.rubrik), None) \
                if update else None
            arende = found or Arende(sammantrade_id=meeting_id, rubrik=pdf.rubrik, typ="beslut")
            _write_texts(arende, pdf)
            arende = arenden.save(arende)
            if update:
                for old in bilagor.bilagor(id_of(arende)):
                    if old.titel == pdf.titel:
                        bilagor.remove(id_of(old))
        bilaga = bilagor.attach(id_of(arende), pdf.data, pdf.filnamn, pdf.titel, pdf.datum)
    return AgendaEntry(arende, bilaga)
