"""The protokoll's data as the services hand it out (see :mod:`app.protokoll`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.protokoll.frister import DEFAULT_JUSTERING_DAGAR

#: Who is listed on the first page: ledamöter (ordförande and vice included),
#: ersättare, and övriga närvarande (tjänstemän and others).
GRUPPER = ("ledamot", "ersättare", "övrig")
#: What happened to an ärende. "utgår": struck from the agenda, gets no §.
UTFALL = ("beslut", "bordlagt", "återremitterat", "utgår")
#: Still open after the meeting: offered on the next meeting's agenda.
OPPNA_UTFALL = ("bordlagt", "återremitterat")
ANFORANDESLAG = ("yrkande", "reservation", "särskilt yttrande", "protokollsanteckning")
ROSTER = ("ja", "nej", "avstår")
#: Chairing order when the ordförande does not take part (KL 6 kap 16 §: the vice
#: ordförande step in).
ORDFORANDEORDNING = ("ordförande", "1:e vice ordförande", "2:e vice ordförande")
LOCKED_STATUSES = ("justerat", "anslaget")


@dataclass
class Protokollinstallning:
    """Per organ: days allowed for justering (reglemente) and where the justerat
    protokoll is kept (printed in the anslagsbevis)."""

    organ_id: int
    justering_dagar: int = DEFAULT_JUSTERING_DAGAR
    forvaringsplats: str = ""


@dataclass
class Narvaro:
    """One person on the first page. ``fran_arende_id``/``till_arende_id``: arrives at /
    leaves after that ärende's paragraph (None: from the start / to the end)."""

    sammantrade_id: int
    namn: str
    grupp: str = "ledamot"
    roll: str = ""  # ordförande, 1:e vice ordförande, ledamot, ersättare; a title for övriga
    parti: str = ""
    person_id: int | None = None
    narvarande: bool = True
    fran_arende_id: int | None = None
    till_arende_id: int | None = None
    anteckning: str = ""
    ordning: int = 0  # printed order within the group (set by the service)
    id: int | None = None

    @property
    def namn_parti(self) -> str:
        """ "Anders Öberg (M)"."""
        return f"{self.namn} ({self.parti})" if self.parti else self.namn


@dataclass
class Tjanstgoring:
    """An ersättare serving for a ledamot from one paragraph to another (None: from the
    start / to the end)."""

    sammantrade_id: int
    ersattare_id: int  # narvaro id
    for_id: int  # narvaro id of the ledamot
    fran_arende_id: int | None = None
    till_arende_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class Deltagare:
    """A member taking part in the decision of one paragraph."""

    narvaro_id: int
    namn: str
    parti: str
    roll: str  # the seat: ordförande … ledamot, or ersättare
    ersattare_for: str = ""  # "Fatima Hassan (S)" for a tjänstgörande ersättare
    ordforande: bool = False  # chairs this paragraph (casting vote)

    @property
    def namn_parti(self) -> str:
        return f"{self.namn} ({self.parti})" if self.parti else self.namn


@dataclass(frozen=True)
class Beslutande:
    """Who decides at one paragraph, and whether the organ is beslutför (KL 6 kap 27 §:
    more than half of the ledamöter must take part)."""

    arende_id: int
    deltagare: tuple[Deltagare, ...]
    javiga: tuple[int, ...]  # narvaro ids
    platser: int  # ledamöter seats of the organ on the meeting date

    @property
    def antal(self) -> int:
        return len(self.deltagare)

    @property
    def beslutfor(self) -> bool:
        return self.platser > 0 and 2 * self.antal > self.platser

    @property
    def ordforande(self) -> Deltagare | None:
        return next((d for d in self.deltagare if d.ordforande), None)

    def ids(self) -> set[int]:
        return {d.narvaro_id for d in self.deltagare}


@dataclass
class Anforande:
    """A yrkande, reservation, särskilt yttrande or protokollsanteckning by one person
    (``narvaro_id``) or, without one, by a named group ("Moderaternas grupp")."""

    slag: str
    namn: str = ""  # as printed; filled from the närvaro row when narvaro_id is set
    text: str = ""  # plain text; for a reservation the (optional) written motivation
    narvaro_id: int | None = None
    skriftlig: bool = False  # handed in in writing (reservation, särskilt yttrande)
    id: int | None = None


@dataclass
class Rost:
    narvaro_id: int
    rost: str  # ja | nej | avstår


@dataclass
class Votering:
    """An open vote (omröstning): what ja and nej stand for and each member's vote."""

    fraga: str = ""  # "Omröstning om bifall till arbetsutskottets förslag"
    ja_innebar: str = ""  # "bifall till arbetsutskottets förslag"
    nej_innebar: str = ""  # "bifall till Anders Öbergs (M) yrkande"
    roster: list[Rost] = field(default_factory=list)
    id: int | None = None


@dataclass(frozen=True)
class Rostresultat:
    """The computed result of a :class:`Votering`."""

    ja: int
    nej: int
    avstar: int
    vinnare: str | None  # "ja", "nej", or None when it cannot be decided
    utslagsrost: bool  # the tie was decided by the ordförande's vote
    ordforande: str = ""  # name of the one who had the casting vote
    text: str = ""  # Swedish sentence for the protokoll


@dataclass
class Paragraf:
    """The protokoll's text for one ärende. Editable fields first; the rest is filled
    when read. A paragraph not yet saved comes with defaults from its ärende."""

    arende_id: int
    sammantrade_id: int = 0
    utfall: str = "beslut"
    beslut: str = ""  # NK-HTML; numbered points as an ordered list
    beskrivning: str = ""  # NK-HTML
    beslutsunderlag: list[str] = field(default_factory=list)
    propositionsordning: str = ""  # NK-HTML
    skickas_till: list[str] = field(default_factory=list)
    justeras_omedelbart: bool = False
    # Covered by sekretess (OSL): copies for others show only the §, the public rubrik and
    # "Sekretess enligt <grund>" (app/protokoll/sekretess.py).
    sekretess: bool = False
    sekretess_grund: str = ""  # "OSL 26 kap. 1 §"
    jav: list[int] = field(default_factory=list)  # narvaro ids
    yrkanden: list[Anforande] = field(default_factory=list)
    reservationer: list[Anforande] = field(default_factory=list)
    sarskilda_yttranden: list[Anforande] = field(default_factory=list)
    protokollsanteckningar: list[Anforande] = field(default_factory=list)
    voteringar: list[Votering] = field(default_factory=list)
    # Read-only, filled by the service.
    rubrik: str = ""
    dnr: str = ""
    typ: str = "beslut"
    extra: bool = False
    position: int = 0  # the agenda number
    nummer: int | None = None  # the § number (None: utgår)
    label: str = ""  # "§ 15" / "§ VON.2022.55"
    justering_id: int | None = None  # set once justerat (omedelbart or with the protokoll)
    sparad: bool = False  # False: defaults, nothing stored yet
    preliminar: bool = False  # the § number may still move (app/protokoll/numrering.py)

    @property
    def justerad(self) -> bool:
        """Justerad (omedelbart or with the protokoll): locked."""
        return self.justering_id is not None

    def anforanden(self) -> list[Anforande]:
        return [*self.yrkanden, *self.reservationer, *self.sarskilda_yttranden, *self.protokollsanteckningar]


@dataclass
class Protokoll:
    """The protokoll's own fields (the first page), for one meeting."""

    sammantrade_id: int
    startnummer: int | None = None  # set by hand; None continues the organ's series
    ordforande_id: int | None = None  # person chairing; None: from the närvaro
    ajournering: str = ""  # "Ajournering 15:30–15:45", printed under plats och tid
    justering_plats: str = ""
    justering_datum: str | None = None  # planned (ISO)
    justering_tid: str = ""  # "10:00"
    forvaringsplats: str = ""  # default from the organ's setting
    anslag_datum: str | None = None  # planned posting date (ISO); default: justering date
    justerare: list[int] = field(default_factory=list)  # narvaro ids, one or two
    # Read-only.
    status: str = ""
    datum: str = ""
    organ_id: int = 0
    organ_namn: str = ""


@dataclass(frozen=True)
class Justering:
    id: int
    sammantrade_id: int
    slag: str  # protokoll | omedelbar
    datum: date
    justerat_av: tuple[str, ...]
    anslag_datum: date  # printed in the anslagsbevis
    anslag_uppsatt: date | None  # confirmed posting date
    sha256: str
    registrerad: str
    arende_ids: tuple[int, ...]  # the paragraphs it covers

    @property
    def anslag(self) -> date:
        """The day the appeal period counts from: confirmed, else as printed."""
        return self.anslag_uppsatt or self.anslag_datum


@dataclass(frozen=True)
class Rattelse:
    id: int
    sammantrade_id: int
    arende_id: int | None
    datum: date
    text: str
    gjord_av: str
    registrerad: str
    paragraf: str = ""  # "§ 17" when it concerns one paragraph


@dataclass(frozen=True)
class Utskick:
    id: int
    sammantrade_id: int
    mottagare: str
    arende_ids: tuple[int, ...]
    paragrafer: str  # "§ 15, § 17"
    datum: date
    bestyrkt_av: str
    sha256: str
    skapad: str
