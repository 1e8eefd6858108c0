"""A first draft of the text analysis of a budgetuppföljning, written from its figures,
and the series the charts draw (the same data for the screen and for print)."""

from __future__ import annotations

from dataclasses import dataclass

from app.budget.belopp import Teckenkonvention, format_belopp, visat
from app.budget.uppfoljning import Arsoversikt, Budgetuppfoljning

MANADSKORT = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _avvikelse_ord(kr: int, enhet: str) -> str:
    if kr == 0:
        return "ingen avvikelse"
    ord_ = "positiv" if kr > 0 else "negativ"
    return f"en {ord_} avvikelse på {format_belopp(abs(kr), enhet)} {enhet}"


def analysutkast(u: Budgetuppfoljning, storsta: int = 3) -> str:
    """Sentences a controller would start from: the result for the month and the year
    so far, the forecast, and the rows that deviate most. Everything is computed."""
    enhet = u.enhet
    res = u.resultat()
    parts = []
    first = f"I redovisningen för {u.manadsnamn} månad {u.ar} visar nämnden "
    if res.avvikelse_manad is not None and u.manad > 1:
        first += (f"{_avvikelse_ord(res.avvikelse_manad, enhet)} mot budget för månaden och "
                  f"{_avvikelse_ord(res.avvikelse_ack, enhet).replace('en ', 'en ackumulerad ', 1)}"
                  " för perioden.")
    else:
        first += f"{_avvikelse_ord(res.avvikelse_ack, enhet)} mot budget för perioden."
    parts.append(first)
    if u.har_sarskild_post() and res.sarskild_post_ack:
        parts.append(f"Exklusive {u.sarskild_post.lower() or 'särskild post'} är det "
                     f"{_avvikelse_ord(res.avvikelse_ack_exkl, enhet)}.")
    if res.prognos_avvikelse is not None:
        if res.prognos_avvikelse == 0:
            parts.append("Prognosen för helåret är en budget i balans.")
        elif res.prognos_avvikelse > 0:
            parts.append(f"Prognosen för helåret är ett överskott på "
                         f"{format_belopp(res.prognos_avvikelse, enhet)} {enhet}.")
        else:
            # Only a follow-up that has an åtgärdsplan can point to it.
            atgarder = ("åtgärder för att hålla given budgetram redovisas i åtgärdsplanen" if u.atgarder
                        else "någon åtgärdsplan för att hålla given budgetram finns ännu inte")
            parts.append(f"Prognosen för helåret är ett underskott på "
                         f"{format_belopp(-res.prognos_avvikelse, enhet)} {enhet}; {atgarder}.")
    ranked = sorted((r for r in u.rader if r.siffror.avvikelse_ack),
                    key=lambda r: abs(r.siffror.avvikelse_ack), reverse=True)[:storsta]
    if ranked:
        items = [f"{r.verksamhet.benamning} ({format_belopp(r.siffror.avvikelse_ack, enhet)} {enhet})"
                 for r in ranked]
        parts.append("Störst ackumulerad avvikelse har " + _lista(items) + ".")
    return " ".join(parts)


def _lista(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


@dataclass(frozen=True)
class Stapelpar:
    """Budget against utfall for one row, as the nämnd shows amounts."""

    etikett: str
    budget: int
    utfall: int


@dataclass(frozen=True)
class Manadspunkt:
    manad: int
    varde: int

    @property
    def etikett(self) -> str:
        return MANADSKORT[self.manad - 1]


def budget_mot_utfall(u: Budgetuppfoljning, konvention: Teckenkonvention | str) -> list[Stapelpar]:
    """Accumulated budget and utfall per row (the chart ”Budget och utfall per
    verksamhet”), in the nämnd's sign convention like the table beside it."""
    return [Stapelpar(r.verksamhet.benamning, visat(r.siffror.budget_ack, konvention),
                      visat(r.siffror.utfall_ack, konvention)) for r in u.rader]


def ackumulerad_avvikelse(ar: Arsoversikt) -> list[Manadspunkt]:
    """RESULTAT's accumulated deviation per reported month."""
    return [Manadspunkt(m, ar.totalt[m].avvikelse_ack) for m in ar.manader]


def prognos_per_manad(ar: Arsoversikt) -> list[Manadspunkt]:
    """The forecast deviation for the year as it was given each month (months without
    a forecast are left out)."""
    return [Manadspunkt(m, prognos) for m in ar.manader
            if (prognos := ar.totalt[m].prognos_avvikelse) is not None]


def jamna_steg(lagst: float, hogst: float, antal: int = 5) -> list[float]:
    """Evenly spaced round axis values (1, 2 or 5 × 10^n apart) that cover
    [lagst, hogst] and include 0, for chart axes on screen and in print."""
    import math

    lagst, hogst = min(lagst, 0.0), max(hogst, 0.0)
    if hogst == lagst:
        hogst = lagst + 1
    raw = (hogst - lagst) / max(1, antal)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    start = math.floor(lagst / step) * step
    stop = math.ceil(hogst / step) * step
    count = round((stop - start) / step)
    return [round(start + i * step, 10) for i in range(count + 1)]
