"""The meetings feature's types: sammanträden and how they are called, the agenda
template, ärenden with their tjänsteskrivelse fields, bilagor, and what printing the
kallelse, tjänsteskrivelser and handlingar gives back. No database, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.dates import as_date
from app.dnr import Dnr, parse_dnr
from app.jobs import JobCancelled
from app.numbers import format_bytes
from app.pdf.pdfa import DEFAULT_LEVEL

# -- sammanträden ------------------------------------------------------------------------
#: Meeting states in order. Later features (protokoll) add "justerat" and "anslaget" by
#: a migration that replaces the status triggers, and extend this tuple.
STATUSAR = ("planerat", "kallat", "genomfört")
PLACERINGAR = ("före", "efter")
DEFAULT_KALLELSE_DAGAR = 7


@dataclass
class Kallelseinstallning:
    """How an organ's meetings are called."""

    organ_id: int
    kallelse_dagar: int = DEFAULT_KALLELSE_DAGAR  # days before the meeting, from the reglemente
    sekreterare_id: int | None = None  # nämndsekreterare printed on the kallelse
    plats: str = ""  # defaults for new meetings
    starttid: str = ""
    gruppmoten: str = ""
    meddelande: str = ""


@dataclass
class MallPunkt:
    """A standard agenda item. ``placering`` 'före' items open the agenda, 'efter' items
    close it; new ärenden go between them."""

    rubrik: str
    typ: str = "standard"
    placering: str = "före"
    forslag_till_beslut: str = ""  # NK-HTML, e.g. for "Redovisning av delegationsbeslut"
    id: int | None = None


@dataclass
class Sammantrade:
    organ_id: int = 0
    datum: str = ""  # ISO date
    starttid: str = ""  # "14:15"
    sluttid: str = ""  # filled in at/after the meeting
    plats: str = ""
    gruppmoten: str = ""  # "Gruppmöten 13:15-14:15: S, M, L i sammanträdesrummet …"
    meddelande: str = ""  # note to members: "Om ni kan eller inte kan delta …"
    sekreterare_id: int | None = None
    status: str = "planerat"
    kallelse_skickad: str | None = None  # ISO date the kallelse went out
    id: int | None = None
    # Filled when read; not stored.
    organ_namn: str = field(default="", compare=False)
    organ_typ: str = field(default="", compare=False)
    antal_arenden: int = field(default=0, compare=False)

    @property
    def day(self) -> date:
        return as_date(self.datum)


@dataclass(frozen=True)
class DeadlineCheck:
    deadline: date  # last day to send the kallelse
    sent_on: date
    days_before: int  # days between sending and the meeting
    required_days: int
    late: bool
    message: str  # Swedish, for the pre-print check


# -- ärenden -----------------------------------------------------------------------------
ARENDETYPER = ("beslut", "information", "standard")
FORSLAG_RUBRIK = {
    "förvaltning": "Förvaltningens förslag till beslut",
    "arbetsutskott": "Arbetsutskottets förslag till beslut",
}
BESKRIVNING_RUBRIKER = ("Beskrivning av ärendet", "Sammanfattning")


@dataclass
class Undertecknare:
    namn: str
    titel: str = ""
    person_id: int | None = None


@dataclass
class Arende:
    sammantrade_id: int = 0
    rubrik: str = ""
    dnr: str = ""  # as typed; parsed parts via .dnr_delar
    typ: str = "beslut"  # beslut | information | standard
    extra: bool = False  # "extra ärende", added at the meeting
    foredragande: str = ""
    forvaltning_id: int | None = None  # the förvaltning writing the tjänsteskrivelse
    handlaggare_id: int | None = None
    handlaggare: str = ""  # as printed under the letterhead: "Åsa Engberg, 0240-866 85"
    datum: str | None = None  # the tjänsteskrivelse's date (ISO)
    forslag_kalla: str = "förvaltning"  # förvaltning | arbetsutskott
    forslag_till_beslut: str = ""  # NK-HTML
    beskrivning_rubrik: str = "Beskrivning av ärendet"  # or "Sammanfattning"
    beskrivning: str = ""  # NK-HTML
    ekonomiska_konsekvenser: str = ""  # NK-HTML
    beslutsunderlag: list[str] = field(default_factory=list)  # typed lines; bilagor are added
    skickas_till: list[str] = field(default_factory=list)  # "Beslut skickas till"
    undertecknare: list[Undertecknare] = field(default_factory=list)
    mallplacering: str | None = None  # 'före'/'efter' when it came from the agenda template
    kopierad_fran: int | None = None
    position: int = 0  # read-only here: set by add/move/reorder
    id: int | None = None

    @property
    def nummer(self) -> int:
        return self.position

    @property
    def forslag_rubrik(self) -> str:
        return FORSLAG_RUBRIK.get(self.forslag_kalla, FORSLAG_RUBRIK["förvaltning"])

    @property
    def dnr_delar(self) -> Dnr:
        return parse_dnr(self.dnr)


@dataclass(frozen=True)
class ArendeRef:
    """A row of :meth:`ArendeService.by_dnr`."""

    id: int
    dnr: str
    rubrik: str
    sammantrade_id: int
    datum: str
    organ_namn: str
    nummer: int


# -- bilagor -----------------------------------------------------------------------------
@dataclass
class Bilaga:
    arende_id: int
    titel: str
    filnamn: str
    sidor: int
    sha256: str = ""
    storlek: int = 0
    datum: str | None = None  # the document's own date (ISO), printed "daterad den …"
    position: int = 0
    pdfa_niva: str = DEFAULT_LEVEL
    pdfa_ok: bool = False  # the pages can be part of a PDF/A document at pdfa_niva
    pdfa_problem: str = ""  # why not (the validator's first finding)
    id: int | None = None

    @property
    def storlek_text(self) -> str:
        return format_bytes(self.storlek)


@dataclass(frozen=True)
class PdfCheck:
    sidor: int
    pdfa_niva: str
    pdfa_ok: bool
    pdfa_problem: str


# -- printed documents -------------------------------------------------------------------
class HandlingarError(Exception):
    """The bundle cannot be made; the message (Swedish) says which file and ärende."""


class Cancelled(JobCancelled):
    """The user cancelled the printing (a render checks ``cancelled()`` between ärenden
    and pages, the bundle between its steps)."""

    def __init__(self) -> None:
        Exception.__init__(self, "Utskriften avbröts.")


@dataclass(frozen=True)
class PageRange:
    first: int
    last: int

    @property
    def text(self) -> str:
        """"5 - 11", or "2" for a single page."""
        return str(self.first) if self.first == self.last else f"{self.first} - {self.last}"


@dataclass(frozen=True)
class Rendered:
    data: bytes
    pages: int


@dataclass(frozen=True)
class ArendeDocuments:
    data: bytes  # one PDF with every ärende's document, in agenda order
    pages: int
    starts: dict[int, int]  # arende id -> its first page (1-based) in ``data``

    def page_span(self, arende_id: int) -> tuple[int, int]:
        """(first page, page count) of the ärende's document within ``data``."""
        first = self.starts[arende_id]
        later = sorted(p for p in self.starts.values() if p > first)
        end = later[0] - 1 if later else self.pages
        return first, end - first + 1


@dataclass(frozen=True)
class Placement:
    """Where one document of an ärende landed in the bundle (1-based pages)."""

    title: str
    first_page: int
    pages: int


@dataclass(frozen=True)
class ArendePlacement:
    arende_id: int
    nummer: int
    rubrik: str
    first_page: int
    last_page: int
    documents: tuple[Placement, ...]

    @property
    def range(self) -> PageRange:
        return PageRange(self.first_page, self.last_page)


@dataclass
class HandlingarResult:
    data: bytes
    pages: int
    kallelse_pages: int
    pdfa_level: str | None  # None: the bundle is not PDF/A (see warnings)
    placements: list[ArendePlacement]
    warnings: list[str] = field(default_factory=list)
    title: str = ""
    #: The kallelse as laid out for this bundle (plain PDF, pages numbered as in it), so
    #: that a kallelse stored as sent is the one its handlingar refer to.
    kallelse_data: bytes = b""

    @property
    def ranges(self) -> dict[int, PageRange]:
        return {p.arende_id: p.range for p in self.placements}


@dataclass
class KallelseResult:
    data: bytes
    pages: int
    pdfa_level: str | None  # as the validator found the bytes; None: an ordinary PDF
    ranges: dict[int, PageRange]
    #: Why it is not PDF/A when a level was asked for (Swedish).
    pdfa_reasons: tuple[str, ...] = ()


# -- the kallelse as sent ----------------------------------------------------------------
#: How an ärende differs from the last sent version (docs/domain/documents.md, "Sent
#: versions and revised kallelser").
ANDRINGSSLAG = ("nytt", "ändrat", "utgår")


@dataclass(frozen=True)
class ArendeAndring:
    """One ärende added, changed or removed since the kallelse was last sent.
    ``nummer`` is the ärende's number now (for "utgår": the number it had), ``delar``
    what changed in it ("förslaget till beslut", "bilagorna" …)."""

    slag: str
    arende_id: int
    nummer: int
    rubrik: str
    delar: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The line printed in the revised kallelse and shown in the window."""
        if self.slag == "nytt":
            return f"Nytt ärende {self.nummer}: {self.rubrik}"
        if self.slag == "utgår":
            return f"Utgår: {self.rubrik} (var ärende {self.nummer})"
        parts = list(self.delar)
        what = " och ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
        return f"Ändrat ärende {self.nummer}: {self.rubrik}" + (f" (ändrat: {what})" if what else "")


@dataclass(frozen=True)
class Revision:
    """What differs from the last sent version of a meeting's kallelse: ``version``
    sent at ``skickad`` (ISO date and time), the ärenden added, changed and removed,
    and lines about the meeting's own time and place."""

    version: int
    skickad: str
    andringar: tuple[ArendeAndring, ...] = ()
    motet: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.andringar or self.motet)

    @property
    def skickad_dag(self) -> str:
        return self.skickad[:10]

    @property
    def new_or_changed(self) -> set[int]:
        """The ärenden whose handlingar go into the tilläggshandlingar."""
        return {c.arende_id for c in self.andringar if c.slag != "utgår"}

    def of(self, arende_id: int | None) -> ArendeAndring | None:
        return next((c for c in self.andringar if c.arende_id == arende_id and c.slag != "utgår"), None)

    @property
    def lines(self) -> list[str]:
        return list(self.motet) + [c.text for c in self.andringar]


#: The kinds of a sent version: the first kallelse, or a revised one after changes.
SKICKAD_SLAG = {"kallelse": ("Kallelse", "Handlingar"),
                "reviderad": ("Reviderad kallelse", "Tilläggshandlingar")}


@dataclass(frozen=True)
class SkickadKallelse:
    """One version of a meeting's kallelse as it was sent, with its handlingar (the
    PDFs themselves are read with :meth:`app.meetings.kallelser.KallelseService.stored_pdf`)."""

    id: int
    sammantrade_id: int
    version: int
    slag: str  # "kallelse" | "reviderad"
    skickad: str  # ISO date and time, from the program clock
    kallelse_sha256: str
    kallelse_sidor: int
    handlingar_sha256: str
    handlingar_sidor: int
    pdfa_niva: str | None
    andringar: tuple[str, ...] = ()  # the lines the revised kallelse printed

    @property
    def titel(self) -> str:
        return SKICKAD_SLAG[self.slag][0]

    @property
    def handlingar_titel(self) -> str:
        return SKICKAD_SLAG[self.slag][1]

    @property
    def skickad_text(self) -> str:
        """"2025-03-03 kl. 14:05"."""
        return f"{self.skickad[:10]} kl. {self.skickad[11:16]}" if len(self.skickad) >= 16 else self.skickad
