"""A nämnd's report for a period (delårsrapport, bokslut, verksamhetsberättelse) and the
chapters of its outline; the outline templates shaped like the printed reports' tables
of contents. No database, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app import richtext
from app.plan.model import adopted_by

SLAG = ("delårsrapport", "bokslut", "verksamhetsberättelse")
#: The report as the object of a decision: "godkänner delårsrapporten …".
BESTAMD = {"delårsrapport": "delårsrapporten", "bokslut": "bokslutet",
           "verksamhetsberättelse": "verksamhetsberättelsen"}
STATUSAR = ("utkast", "antagen")

TEXT = "text"
#: What a chapter holds: written text, or a part generated from the program's data
#: (its text is then printed under what was generated).
INNEHALL = {
    TEXT: "Text",
    "samlad_bedomning": "Samlad bedömning av måluppfyllelsen (antal mål per symbol)",
    "maloversikt": "Verksamhetsmål: mål och bedömning per målområde",
    "mal": "Måluppfyllelse: mål, mått, symboler och kommentarer",
    "drift": "Driftredovisning (budget, utfall, avvikelse, prognos, föregående års bokslut)",
    "investering": "Investeringsredovisning",
    "personal": "Personalredovisning (kvinnor och män)",
    "volym": "Volymutveckling",
    "nyckeltal": "Nyckeltal ur verksamhetsplanen",
    "atgardsplan": "Åtgärdsplan",
    "uppdrag": "Särskilda uppdrag",
}

MANADER = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december")


@dataclass
class Rapport:
    namnd_id: int = 0
    slag: str = "delårsrapport"
    period_start: str = ""  # ISO dates, within one year
    period_slut: str = ""
    titel: str = ""
    undertitel: str = ""
    status: str = "utkast"
    antagen_datum: str | None = None
    antagen_paragraf: str = ""
    antagen_paragraf_id: int | None = None
    skapad: str = ""
    id: int | None = None
    # Read along for lists and headings; not stored.
    namnd_namn: str = field(default="", compare=False)
    namnd_kortnamn: str = field(default="", compare=False)

    @property
    def ar(self) -> int:
        return int(self.period_slut[:4])

    @property
    def slutmanad(self) -> int:
        """The month the figures are taken from (August for a delårsrapport to 31 August)."""
        return int(self.period_slut[5:7])

    @property
    def adopted(self) -> bool:
        return self.status == "antagen"

    def period_text(self) -> str:
        """"januari–augusti 2024"; whole months are named, other periods given as dates."""
        start, slut = date.fromisoformat(self.period_start), date.fromisoformat(self.period_slut)
        whole = start.day == 1 and date.fromordinal(slut.toordinal() + 1).day == 1
        if not whole:
            return f"{self.period_start}–{self.period_slut}"
        if start.month == slut.month:
            return f"{MANADER[slut.month - 1]} {slut.year}"
        return f"{MANADER[start.month - 1]}–{MANADER[slut.month - 1]} {slut.year}"

    def adopted_by(self) -> str:
        """"vård- och omsorgsnämnden 2024-09-26, § 88" (empty for a draft)."""
        return adopted_by(self.namnd_namn, self.antagen_datum, self.antagen_paragraf) if self.adopted else ""

    def adoption_line(self) -> str:
        by = self.adopted_by()
        return f"Antagen av {by}" if by else "Utkast – ej antagen"

    def forslag_till_beslut(self) -> str:
        """"Vård- och omsorgsnämnden godkänner delårsrapporten för perioden januari–augusti
        2024 och överlämnar den till kommunstyrelsen."""
        organ = self.namnd_namn[:1].upper() + self.namnd_namn[1:] if self.namnd_namn else "Nämnden"
        return (f"{organ} godkänner {BESTAMD[self.slag]} för perioden {self.period_text()} "
                "och överlämnar den till kommunstyrelsen.")


@dataclass
class Kapitel:
    rapport_id: int = 0
    rubrik: str = ""
    innehall: str = TEXT
    niva: int = 1
    text: str = ""  # NK-HTML
    ordning: int = 0
    #: Copied from the previous period's report and not yet reviewed (never printed).
    att_granska: bool = False
    #: Written as one text per förvaltning of the nämnd (ForvaltningsText), printed as
    #: the chapter's subsections; the chapter's own text is printed before them.
    per_forvaltning: bool = False
    id: int | None = None
    #: Read along: how many of its förvaltningar's texts are still to be reviewed.
    forvaltning_att_granska: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        self.att_granska = bool(self.att_granska)  # SQLite gives 0/1
        self.per_forvaltning = bool(self.per_forvaltning)

    @property
    def generated(self) -> bool:
        return self.innehall != TEXT

    @property
    def to_review(self) -> bool:
        """The chapter's text, or one of its förvaltningar's, is still to be reviewed."""
        return self.att_granska or self.forvaltning_att_granska > 0


@dataclass
class ForvaltningsText:
    """A per-förvaltning chapter's text for one förvaltning. ``rubrik`` is the
    förvaltning's name, the subsection's heading; a text whose förvaltning was removed
    keeps it (``forvaltning_id`` None). ``id`` is None for a förvaltning not yet written for."""

    kapitel_id: int = 0
    forvaltning_id: int | None = None
    rubrik: str = ""
    text: str = ""  # NK-HTML
    att_granska: bool = False
    id: int | None = None

    def __post_init__(self) -> None:
        self.att_granska = bool(self.att_granska)


def has_text(html: str) -> bool:
    return bool(html) and not richtext.is_empty(html)


def without_text(chapters: list[Kapitel], texts: dict[int, list[ForvaltningsText]]) -> list[str]:
    """The written chapters that would print as a bare heading, as the window and the
    command line name them: a text chapter with no text and no subchapter under it
    ("Ansvarsområde"), and each förvaltning without text in a per-förvaltning chapter
    ("Verksamhetsrapport: Äldreförvaltningen"). ``texts`` holds each per-förvaltning
    chapter's texts (ForvaltningsText) by chapter id."""
    missing: list[str] = []
    for i, k in enumerate(chapters):
        if k.generated:
            continue
        if k.per_forvaltning:
            empty = [t.rubrik for t in texts.get(k.id or 0, []) if not has_text(t.text)]
            written = len(texts.get(k.id or 0, [])) - len(empty)
            if not written and not has_text(k.text):
                missing.append(k.rubrik)
            else:
                missing += [f"{k.rubrik}: {name}" for name in empty]
            continue
        parent = i + 1 < len(chapters) and chapters[i + 1].niva > k.niva
        if not has_text(k.text) and not parent:
            missing.append(k.rubrik)
    return missing


#: Outline templates: (level, heading, content). ``{ar}`` is the report's year,
#: ``{namnd}`` the nämnd's name.
MALL_DELARSRAPPORT = (
    (1, "Inledning", TEXT),
    (1, "Ansvarsområde och organisation", TEXT),
    (2, "Ansvarsområde", TEXT),
    (2, "Väsentliga organisationsförändringar", TEXT),
    (1, "Viktiga förhållanden för resultat och ekonomisk ställning", TEXT),
    (2, "Verksamhetsrapport", TEXT),
    (2, "Volymutveckling", "volym"),
    (1, "God ekonomisk hushållning och måluppfyllelse", TEXT),
    (2, "Samlad bedömning", "samlad_bedomning"),
    (2, "Verksamhetsmål", "maloversikt"),
    (1, "Ekonomisk ställning och prognos", TEXT),
    (2, "Driftredovisning", "drift"),
    (2, "Investeringsredovisning", "investering"),
    (1, "Väsentliga personalförhållanden", TEXT),
    (2, "Personalkostnader och personalstyrka", "personal"),
    (2, "Medarbetarskap och ledarskap", TEXT),
    (2, "Kompetensförsörjning och kompetensutveckling", TEXT),
    (2, "Hållbart arbetsliv och arbetsmiljö", TEXT),
    (1, "Förväntad utveckling", TEXT),
    (1, "Åtgärdsplan", "atgardsplan"),
    (1, "Särskilda uppdrag", "uppdrag"),
    (1, "Bilagor", TEXT),
    (2, "Förväntad måluppfyllelse {ar}", "mal"),
)
MALL_BOKSLUT = (
    (1, "{namnd}", TEXT),
    (2, "Verksamhetsbeskrivning", TEXT),
    (2, "Sammanfattning", TEXT),
    (2, "Händelser under året", TEXT),
    (2, "Driftredovisning", "drift"),
    (2, "Måluppfyllelse", "mal"),
    (2, "Investeringsredovisning", "investering"),
    (2, "Personalredovisning/Arbetsmiljömål", "personal"),
    (2, "Framtid", TEXT),
)
MALL_VERKSAMHETSBERATTELSE = (
    (1, "Verksamhetsbeskrivning", TEXT),
    (1, "Sammanfattning", TEXT),
    (1, "Händelser under året", TEXT),
    (1, "Måluppfyllelse", TEXT),
    (2, "Samlad bedömning", "samlad_bedomning"),
    (2, "Verksamhetsmål", "mal"),
    (1, "Ekonomi", TEXT),
    (2, "Driftredovisning", "drift"),
    (2, "Investeringsredovisning", "investering"),
    (1, "Volymutveckling", "volym"),
    (1, "Personalredovisning", "personal"),
    (1, "Särskilda uppdrag", "uppdrag"),
    (1, "Framtid", TEXT),
)
MALLAR = {"delårsrapport": MALL_DELARSRAPPORT, "bokslut": MALL_BOKSLUT,
          "verksamhetsberättelse": MALL_VERKSAMHETSBERATTELSE}


def outline(slag: str, ar: int, namnd_namn: str) -> list[Kapitel]:
    """The template's chapters for a new report (no texts yet)."""
    return [Kapitel(rubrik=rubrik.format(ar=ar, namnd=namnd_namn or "Nämnden"), innehall=innehall,
                    niva=niva, ordning=i)
            for i, (niva, rubrik, innehall) in enumerate(MALLAR[slag])]


def default_title(slag: str, ar: int) -> str:
    """"Delårsrapport 2024", "Bokslut 2023", "Verksamhetsberättelse 2023"."""
    return f"{slag[:1].upper()}{slag[1:]} {ar}"
