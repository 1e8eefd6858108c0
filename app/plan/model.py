"""The verksamhetsplan's parts as plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.plan.values import Value, parse_value


def period_text(forsta_ar: int, antal_ar: int) -> str:
    """A plan's years as printed: "2023–2025", a one-year plan just "2023"."""
    last = forsta_ar + antal_ar - 1
    return str(forsta_ar) if last == forsta_ar else f"{forsta_ar}–{last}"


STATUSAR = ("utkast", "antagen")
UPPFOLJNING_KF = ("D/B", "B", "D", "")
PLACERINGAR = {
    "inledning": "Före målen (inledning)",
    "mal": "Inledning till målen",
    "ovriga": "Inledning till övriga nämndmål",
    "nyckeltal": "Inledning till nyckeltal",
    "forandring": "Inledning till förändringsbeskrivning",
    "uppdrag": "Inledning till särskilda uppdrag",
    "risk": "Inledning till riskanalys",
    "avslutning": "Efter målen (avslutning)",
}
FOTNOT_TABELLER = {"mal": "Målområdets måltabell", "ovriga": "Övriga nämndmål",
                   "nyckeltal": "Nyckeltal", "forandring": "Förändringsbeskrivning"}
UPPDRAG_STATUSAR = ("ej påbörjat", "pågår", "genomfört", "avbrutet")
AKTIVITET_STATUSAR = ("ej påbörjad", "pågår", "genomförd", "avbruten")
SLAG = ("delår", "bokslut", "övrigt")

HELT, DELVIS, EJ, EJ_UTVARDERAD = "helt uppfyllt", "delvis uppfyllt", "ej uppfyllt", "ej utvärderad"
BEDOMNINGAR = (HELT, DELVIS, EJ, EJ_UTVARDERAD)

#: The four symbols of a delårsrapport's goal assessment ("Grön fyllning i hela cirkeln – helt uppfyllt, gul
#: fyllning i halva cirkeln – delvis uppfyllt, röd fyllning i botten av cirkeln – ej
#: uppfyllt, cirkel utan fyllning – ej utvärderad"): fill colour and how much of the
#: circle, from the bottom, is filled. Shared by the screen and the PDF.
SYMBOLER = {
    HELT: ("#2e7d32", 1.0),
    DELVIS: ("#f2b200", 0.5),
    EJ: ("#c62828", 0.3),
    EJ_UTVARDERAD: ("#ffffff", 0.0),
}
SYMBOL_KANT = "#424242"

#: The follow-up occasions a new plan gets (the plan's "Uppföljning": mars, april,
#: augusti = delårsrapport, oktober, and the bokslut): (namn, månad, slag).
STANDARD_TILLFALLEN = (
    ("Mars", 3, "övrigt"), ("April", 4, "övrigt"), ("Delår", 8, "delår"),
    ("Oktober", 10, "övrigt"), ("Bokslut", 12, "bokslut"),
)

#: FN:s globala mål (Agenda 2030) with the Swedish names used in delårsrapporter.
AGENDA2030 = {
    1: "Ingen fattigdom", 2: "Ingen hunger", 3: "Hälsa och välbefinnande",
    4: "God utbildning för alla", 5: "Jämställdhet", 6: "Rent vatten och sanitet för alla",
    7: "Hållbar energi för alla", 8: "Anständiga arbetsvillkor och ekonomisk tillväxt",
    9: "Hållbar industri, innovationer och infrastruktur", 10: "Minskad ojämlikhet",
    11: "Hållbara städer och samhällen", 12: "Hållbar konsumtion och produktion",
    13: "Bekämpa klimatförändringen", 14: "Hav och marina resurser",
    15: "Ekosystem och biologisk mångfald", 16: "Fredliga och inkluderande samhällen",
    17: "Genomförande och globalt partnerskap",
}


def agenda_label(nr: int) -> str:
    return f"{nr:02d}. {AGENDA2030[nr]}"


def agenda_numbers(text: str) -> list[int]:
    """``"03,11"`` → ``[3, 11]`` (the stored form)."""
    return [int(p) for p in (text or "").split(",") if p.strip().isdigit()]


def agenda_text(numbers) -> str:
    return ",".join(f"{n:02d}" for n in sorted(set(numbers)))


def adopted_by(namnd_namn: str, datum: str | None, paragraf: str) -> str:
    """"vård- och omsorgsnämnden 2021-12-15, § 59": who adopted a document, when and in
    which paragraph (empty without a date)."""
    if not datum:
        return ""
    organ = namnd_namn[:1].lower() + namnd_namn[1:] if namnd_namn else "nämnden"
    return f"{organ} {datum}, {paragraf}" if paragraf else f"{organ} {datum}"


@dataclass
class Plan:
    namnd_id: int = 0
    titel: str = ""
    forsta_ar: int = 2023
    antal_ar: int = 3
    status: str = "utkast"
    antagen_datum: str | None = None
    antagen_paragraf: str = ""
    antagen_paragraf_id: int | None = None
    kopierad_fran_id: int | None = None
    skapad: str = ""
    #: 1 for a plan as first made; a revision of an adopted plan gets the next number
    #: and names the plan it revises (app/plan/revision.py).
    version: int = 1
    revidering_av_id: int | None = None
    id: int | None = None
    # Read along for lists and headings; not stored.
    namnd_namn: str = field(default="", compare=False)
    namnd_kortnamn: str = field(default="", compare=False)

    @property
    def years(self) -> list[int]:
        return list(range(self.forsta_ar, self.forsta_ar + self.antal_ar))

    @property
    def period(self) -> str:
        return period_text(self.forsta_ar, self.antal_ar)

    @property
    def ingangsar(self) -> int:
        """The year the table header's "Ingångsvärde/bokslutsvärde" refers to."""
        return self.forsta_ar - 1

    @property
    def adopted(self) -> bool:
        """Adopted plans are frozen: changed only through a revision."""
        return self.status == "antagen"

    def adopted_by(self) -> str:
        """"vård- och omsorgsnämnden 2021-12-15, § 59" (empty for a draft)."""
        if self.status != "antagen":
            return ""
        return adopted_by(self.namnd_namn, self.antagen_datum, self.antagen_paragraf)

    def adoption_line(self) -> str:
        """"Antagen av vård- och omsorgsnämnden 2021-12-15, § 59"."""
        by = self.adopted_by()
        return f"Antagen av {by}" if by else "Utkast – ej antagen"


@dataclass
class Avsnitt:
    plan_id: int = 0
    placering: str = "inledning"
    rubrik: str = ""
    niva: int = 1
    text: str = ""
    ordning: int = 0
    #: Copied forward from the previous period's plan and not yet reviewed (never printed).
    att_granska: bool = False
    id: int | None = None

    def __post_init__(self) -> None:
        self.att_granska = bool(self.att_granska)  # SQLite gives 0/1


@dataclass
class Matt:
    namndmal_id: int = 0
    text: str = ""
    datakalla: str = ""
    kolada_id: str = ""
    ingangsvarde: str = ""
    malvarden: dict[int, str] = field(default_factory=dict)
    ordning: int = 0
    kopierad_fran_id: int | None = None
    id: int | None = None

    @property
    def ingang(self) -> Value:
        return parse_value(self.ingangsvarde)

    def target(self, year: int) -> Value:
        return parse_value(self.malvarden.get(year, ""))


@dataclass
class Namndmal:
    plan_id: int = 0
    text: str = ""
    malomrade_id: int | None = None
    kf_mal_id: int | None = None
    ansvarig: str = ""
    syfte: str = ""
    agenda2030: str = ""
    ordning: int = 0
    kopierad_fran_id: int | None = None
    id: int | None = None
    matt: list[Matt] = field(default_factory=list, compare=False)

    @property
    def label(self) -> str:
        """The goal as printed in the plan: "… ska öka (SOF)"."""
        return f"{self.text} ({self.ansvarig})" if self.ansvarig else self.text


@dataclass
class KfMal:
    malomrade_id: int = 0
    text: str = ""
    uppfoljning: str = ""
    ansvariga: str = ""
    agenda2030: str = ""
    ordning: int = 0
    kopierad_fran_id: int | None = None
    id: int | None = None
    namndmal: list[Namndmal] = field(default_factory=list, compare=False)

    @property
    def label(self) -> str:
        """"… jämfört med föregående år (KS, KFN, UN, VON). (B)" as printed in the plan."""
        text = self.text
        if self.ansvariga:
            text = f"{text.rstrip('.')} ({self.ansvariga})."
        if self.uppfoljning:
            text = f"{text} ({self.uppfoljning})"
        return text


@dataclass
class Malomrade:
    plan_id: int = 0
    namn: str = ""
    beskrivning: str = ""
    betyder: str = ""
    ordning: int = 0
    id: int | None = None
    kf_mal: list[KfMal] = field(default_factory=list, compare=False)
    #: Nämndmål of this målområde that answer to no KF-mål.
    namndmal: list[Namndmal] = field(default_factory=list, compare=False)

    def all_namndmal(self) -> list[Namndmal]:
        return [n for k in self.kf_mal for n in k.namndmal] + self.namndmal


@dataclass
class Fotnot:
    plan_id: int = 0
    markering: str = "*"
    text: str = ""
    tabell: str = "mal"
    malomrade_id: int | None = None
    ordning: int = 0
    id: int | None = None


@dataclass
class GoalTree:
    """The whole goal hierarchy of a plan, loaded at once."""

    plan_id: int
    malomraden: list[Malomrade]
    ovriga: list[Namndmal]

    def all_namndmal(self) -> list[Namndmal]:
        return [n for m in self.malomraden for n in m.all_namndmal()] + self.ovriga

    def all_kf_mal(self) -> list[KfMal]:
        return [k for m in self.malomraden for k in m.kf_mal]

    def all_matt(self) -> list[Matt]:
        return [mt for n in self.all_namndmal() for mt in n.matt]


@dataclass
class Nyckeltal:
    plan_id: int = 0
    matt: str = ""
    syfte: str = ""
    datakalla: str = ""
    jamforelsevarde: str = ""
    uppfoljningstillfalle: str = ""
    ansvarig: str = ""
    ordning: int = 0
    id: int | None = None


@dataclass
class Forandring:
    plan_id: int = 0
    vad: str = ""
    syfte: str = ""
    effekt: str = ""
    tidplan: str = ""
    forvaltning: str = ""
    ordning: int = 0
    id: int | None = None


@dataclass
class Aktivitet:
    namndmal_id: int = 0
    vad: str = ""
    varfor: str = ""
    vem: str = ""
    nar: str = ""
    uppfoljning: str = ""
    ordning: int = 0
    id: int | None = None


@dataclass
class SarskiltUppdrag:
    plan_id: int = 0
    rubrik: str = ""
    text: str = ""
    slutdatum: str | None = None
    status: str = "ej påbörjat"
    kommentar: str = ""
    ordning: int = 0
    id: int | None = None


@dataclass
class Risk:
    plan_id: int = 0
    risk: str = ""
    sannolikhet: int = 1
    konsekvens: int = 1
    atgard: str = ""
    ansvarig: str = ""
    ordning: int = 0
    id: int | None = None

    @property
    def riskvarde(self) -> int:
        """Riskvärde: RV = S × K."""
        return self.sannolikhet * self.konsekvens


@dataclass
class Tillfalle:
    plan_id: int = 0
    namn: str = ""
    ar: int = 2023
    manad: int = 12
    slag: str = "övrigt"
    ordning: int = 0
    id: int | None = None

    @property
    def label(self) -> str:
        return f"{self.namn} {self.ar}"


@dataclass
class Utfall:
    tillfalle_id: int = 0
    matt_id: int = 0
    utfall: str = ""
    kommentar: str = ""

    @property
    def value(self) -> Value:
        return parse_value(self.utfall)


@dataclass
class Bedomning:
    tillfalle_id: int = 0
    kf_mal_id: int | None = None
    namndmal_id: int | None = None
    bedomning: str | None = None
    kommentar: str = ""
    id: int | None = None


@dataclass
class AktivitetStatus:
    tillfalle_id: int = 0
    aktivitet_id: int = 0
    status: str = "ej påbörjad"
    andel_klar: int | None = None
    kommentar: str = ""
