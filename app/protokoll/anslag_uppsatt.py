"""What registering the anslag as posted says, for the window's "Registrera uppsatt…"
and the command line's ``anslag MÖTE --uppsatt DATUM`` alike (docs/domain/justering.md,
"Registering the day the anslag went up"). Pure text from the justeringar; the
registration itself is ``ProtokollService.mark_anslaget``.

The dates that follow from the posting day come from :mod:`app.protokoll.frister`: the
appeal period (KL 13 kap 5 §) counts from the day the anslag went up, and the anslag
stays up until the day after its last day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from app.protokoll import frister as frist
from app.protokoll.model import Justering


def ej_uppsatta(justeringar: Iterable[Justering]) -> list[Justering]:
    """The justeringar whose anslag is not yet registered as posted, the protokoll's
    first, then those of paragraphs justerade omedelbart in the order they were made."""
    waiting = [j for j in justeringar if j.anslag_uppsatt is None]
    return sorted(waiting, key=lambda j: (j.slag != "protokoll", j.datum, j.id))


def benamning(justering: Justering, labels: Mapping[int, str]) -> str:
    """Which anslag: "Protokollet (justerat 2022-03-04)", "§ 4 (justerad omedelbart
    2022-02-28)" or "§ 3, § 4 (justerade omedelbart …)"; ``labels`` are the paragraphs'
    labels by ärende id."""
    if justering.slag == "protokoll":
        return f"Protokollet (justerat {justering.datum.isoformat()})"
    paragrafer = ", ".join(labels.get(a, "") for a in justering.arende_ids if labels.get(a)) or "Paragrafer"
    justerad = "justerad" if len(justering.arende_ids) == 1 else "justerade"
    return f"{paragrafer} ({justerad} omedelbart {justering.datum.isoformat()})"


def foljder(uppsatt: date) -> str:
    """ "Anslaget tas ned 2022-03-26; sista dag för överklagande är 2022-03-25." """
    return (f"Anslaget tas ned {frist.anslag_nedtas(uppsatt).isoformat()}; sista dag för överklagande är "
            f"{frist.overklagande_sista_dag(uppsatt).isoformat()}.")


def uppsatt_text(justering: Justering) -> str:
    """ "Anslaget uppsatt 2022-03-04, tas ned 2022-03-26", or "" while not registered."""
    day = justering.anslag_uppsatt
    if day is None:
        return ""
    return f"Anslaget uppsatt {day.isoformat()}, tas ned {frist.anslag_nedtas(day).isoformat()}"


def forhandsbesked(justering: Justering, uppsatt: date, today: date | None = None) -> list[str]:
    """What registering ``uppsatt`` would mean, before it is done: the dates that follow
    and, when so, that the service will refuse it (before the justering), that it is
    later than the law's two days, or that a rättelse will record a day other than the
    anslagsbevis's. The service decides; this only tells the secretary beforehand."""
    if uppsatt < justering.datum:
        return [f"Anslaget kan inte sättas upp före justeringen ({justering.datum.isoformat()})."]
    if today is not None and uppsatt > today:
        return [f"Dagen har inte kommit än (i dag är det {today.isoformat()}): anslaget registreras när det "
                "har satts upp."]
    lines = [foljder(uppsatt)]
    senast = frist.tillkannagivande_senast(justering.datum)
    if uppsatt > senast:
        lines.append(f"Senare än lagen medger: justeringen skulle ha tillkännagivits senast "
                     f"{senast.isoformat()} (KL 8 kap 12 §).")
    if uppsatt != justering.anslag_datum:
        lines.append(f"Anslagsbeviset anger {justering.anslag_datum.isoformat()}; en rättelse med den "
                     "verkliga dagen läggs till.")
    return lines
