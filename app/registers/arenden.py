"""The registers as ärenden for the nämnd: the texts of "Redovisning av
delegationsbeslut", "Redovisning av meddelanden" and the report on ej verkställda
beslut, shaped like a real kallelse's (förslag till beslut, beskrivning, the list itself).

Plain structures and plain text: the PDF module draws them, a meeting's ärende can
take the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from app.dates import day_month_year
from app.numbers import format_number
from app.registers.delegation import Delegationsbeslut, DelegationService
from app.registers.ej_verkstallda import EvbRapport
from app.registers.meddelanden import Meddelande

EMPTY_CATEGORY = "–"
UNCATEGORISED = "Övrigt"


@dataclass
class Kategorilista:
    nummer: int
    namn: str
    poster: list[str]


@dataclass
class Arendetext:
    """An ärende's text as a real kallelse prints it."""

    rubrik: str
    forslag: str
    beskrivning: list[str]
    #: for the delegation list: the numbered categories with their entries
    kategorier: list[Kategorilista] = field(default_factory=list)
    #: for meddelanden: numbered (Dnr, title) rows
    meddelanden: list[tuple[str, str]] = field(default_factory=list)
    ekonomi: str = ""
    forslag_rubrik: str = "Förvaltningens förslag till beslut"
    #: for the report: the statistics tables come from here
    rapport: EvbRapport | None = None

    def as_text(self) -> str:
        lines = [self.rubrik, "", self.forslag_rubrik, self.forslag, "", "Beskrivning av ärendet"]
        lines += [p for para in self.beskrivning for p in (para, "")]
        for k in self.kategorier:
            lines.append(f"{k.nummer}. {k.namn}")
            lines += [f"- {post}" for post in k.poster]  # an empty category: its heading alone
            lines.append("")
        for n, (dnr, titel) in enumerate(self.meddelanden, start=1):
            lines += [f"{n}. {dnr}".rstrip(), titel]
        if self.meddelanden:
            lines.append("")
        if self.ekonomi:
            lines += ["Ekonomiska konsekvenser", self.ekonomi]
        return "\n".join(lines).strip() + "\n"


def _kortnamn_namnd(db: Database, namnd_id: int) -> str:
    row = db.execute("SELECT namn FROM namnd WHERE id = ?", [namnd_id]).fetchone()
    return row[0] if row else "Nämnden"


def kategorilistor(db: Database, namnd_id: int, items: list[Delegationsbeslut]) -> list[Kategorilista]:
    """Every category of the nämnd in its order (empty ones too, as a real kallelse prints
    "Förordnanden" and "Fonder"), each with its entries in date order; entries without
    a category last under "Övrigt"."""
    by_cat: dict[int | None, list[Delegationsbeslut]] = {}
    for b in items:
        by_cat.setdefault(b.kategori_id, []).append(b)
    out = []
    cats = DelegationService(db).kategorier(namnd_id)
    groups = [(k.namn, by_cat.get(k.id, [])) for k in cats]
    if by_cat.get(None):
        groups.append((UNCATEGORISED, by_cat[None]))
    for n, (namn, entries) in enumerate(groups, start=1):
        entries = sorted(entries, key=lambda b: (b.datum or "9999", b.id or 0))
        out.append(Kategorilista(n, namn, [b.entry_text() for b in entries if b.entry_text()]))
    return out


def delegationsbeslut_arende(db: Database, namnd_id: int, items: list[Delegationsbeslut]) -> Arendetext:
    namnd = _kortnamn_namnd(db, namnd_id)
    return Arendetext(
        rubrik="Delegationsbeslut",
        forslag=f"{namnd} godkänner redovisningen av delegationsbeslut.",
        beskrivning=[
            f"{namnd} har överlåtit sin beslutanderätt till utskott, ordförande och tjänstemän enligt "
            f"en av {_definite(namnd)} antagen delegationsordning. Dessa beslut ska redovisas till "
            f"{_definite(namnd)}.",
            f"Redovisningen innebär inte att {_definite(namnd)} får ompröva eller fastställa "
            f"delegationsbesluten. Däremot står det {_definite(namnd)} fritt att återkalla lämnad "
            "delegation.",
        ],
        kategorier=kategorilistor(db, namnd_id, items),
        ekonomi="Förvaltningens förslag till beslut medför inte några kostnader.",
    )


def meddelanden_arende(db: Database, namnd_id: int, items: list[Meddelande], datum: date | str) -> Arendetext:
    namnd = _kortnamn_namnd(db, namnd_id)
    ordered = sorted(items, key=lambda m: (m.inkom or "9999", m.id or 0))
    return Arendetext(
        rubrik=f"Meddelande {datum if isinstance(datum, str) else datum.isoformat()}",
        forslag=f"{namnd} godkänner redovisningen av inkomna meddelanden.",
        beskrivning=[] if ordered else ["Inga meddelanden har kommit in sedan föregående sammanträde."],
        meddelanden=[(m.dnr, m.rubrik) for m in ordered],
        ekonomi="Förvaltningens förslag till beslut medför inte några kostnader.",
    )


def evb_arende(db: Database, namnd_id: int, rapport: EvbRapport) -> Arendetext:
    namnd = _kortnamn_namnd(db, namnd_id)
    dag = day_month_year(rapport.datum)
    figures = (f"Den {dag} fanns {_count(rapport.antal, 'gynnande beslut', 'gynnande beslut')} som inte "
               f"verkställts inom tre månader")
    if rapport.antal:
        figures += (f", {format_number(rapport.kvinnor)} avseende kvinnor och {format_number(rapport.man)} "
                    f"avseende män. I {format_number(rapport.tackat_nej)} av besluten har den enskilde "
                    "tackat nej till erbjudande.")
        per_lag = rapport.per_lag()
        if len(per_lag) > 1 or "LSS" in per_lag:
            parts = []
            if per_lag.get("SoL"):
                parts.append(f"{format_number(per_lag['SoL'])} enligt socialtjänstlagen")
            if per_lag.get("LSS"):
                parts.append(f"{format_number(per_lag['LSS'])} enligt lagen om stöd och service till vissa "
                             "funktionshindrade (LSS)")
            figures += " Av besluten gäller " + " och ".join(parts) + "."
    else:
        figures += "."
    return Arendetext(
        rubrik=f"{_genitive(namnd)} rapport angående antal beslut som inte verkställts till och med {dag}",
        forslag=(f"{namnd} tar del av och godkänner förvaltningens rapport och översänder rapporten till "
                 "kommunfullmäktige för kännedom."),
        beskrivning=[
            "Enligt socialtjänstlagen och lagen om stöd och service till vissa funktionshindrade (LSS) ska "
            "kommunen rapportera gynnande beslut som inte har verkställts inom tre månader från dagen för "
            "beslutet, eller där verkställigheten har avbrutits och inte återupptagits inom tre månader, "
            "till Inspektionen för vård och omsorg (IVO). Rapporteringen upprepas till dess att beslutet är "
            "verkställt eller ärendet avslutat. Nämnden och kommunfullmäktige ska få statistik över "
            "besluten, utan uppgifter om enskilda personer.",
            "Rapporten beskriver vilken typ av bistånd eller insats besluten gäller, antal beslut som inte "
            "verkställts inom tre månader och hur lång tid det har gått från dagen för respektive beslut. "
            "Ett beslut är verkställt när den enskilde tillhandahålls den beviljade insatsen.",
            figures,
            f"Denna rapport avser de uppgifter som fanns tillgängliga den {dag}.",
        ],
        rapport=rapport,
    )


def _definite(namnd: str) -> str:
    """"Vård- och omsorgsnämnden" inside a sentence: lower-case first letter."""
    return namnd[:1].lower() + namnd[1:] if namnd else namnd


def _genitive(name: str) -> str:
    return name if name[-1:] in ("s", "x", "z") else name + "s"


def _count(n: int, singular: str, plural: str) -> str:
    return f"{format_number(n)} {singular if n == 1 else plural}"
