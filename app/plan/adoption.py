"""Which paragraph adopted a plan: "date and the § of the protokoll,
linked when it exists in the program".

A plan's ``antagen_paragraf_id`` is the ärende id of a paragraph (the protokoll's
paragraphs are keyed by their ärende, app/protokoll). Only justerade paragraphs of the
plan's own nämnd (the organ of type "nämnd", not its utskott) can adopt a plan: their
number and date no longer change, so the date and "§ N" copied into the plan stay true.
When the protokoll is not kept in the program the secretary types date and § instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlite_utils import Database

from app.organisation import format_paragraf, search_fold
from app.plan.model import Plan

# Justerade paragraphs with a decision (a bordlagt ärende adopts nothing); the number is
# stored once justerat, so it can be formatted without recomputing the series.
_SQL = """
SELECT a.id AS arende_id, s.id AS sammantrade_id, s.datum, a.rubrik, a.dnr, p.nummer,
       o.namn AS organ_namn, o.kortnamn, o.paragraf_format, o.namnd_id
FROM paragraf p
JOIN arende a ON a.id = p.arende_id
JOIN sammantrade s ON s.id = p.sammantrade_id
JOIN organ o ON o.id = s.organ_id
WHERE o.typ = 'nämnd' AND p.justering_id IS NOT NULL AND p.nummer IS NOT NULL
  AND p.utfall = 'beslut'
"""


@dataclass(frozen=True)
class AdoptingParagraph:
    arende_id: int
    sammantrade_id: int
    namnd_id: int
    datum: str  # the meeting's date: the day of the decision
    label: str  # "§ 59", "§ VON.2022.55"
    rubrik: str
    dnr: str
    organ_namn: str

    @property
    def id(self) -> int:
        """The ärende id, which is how a paragraph is identified (for record tables)."""
        return self.arende_id

    def matches(self, text: str) -> bool:
        wanted = search_fold(text).split()
        haystack = search_fold(f"{self.datum} {self.label} {self.rubrik} {self.dnr}")
        return all(word in haystack for word in wanted)


def _from_row(row: dict) -> AdoptingParagraph:
    label = format_paragraf(row["paragraf_format"], row["nummer"], int(row["datum"][:4]), row["kortnamn"])
    return AdoptingParagraph(
        arende_id=row["arende_id"], sammantrade_id=row["sammantrade_id"], namnd_id=row["namnd_id"],
        datum=row["datum"], label=label, rubrik=row["rubrik"], dnr=row["dnr"] or "",
        organ_namn=row["organ_namn"])


def adopting_paragraphs(db: Database, namnd_id: int, text: str = "") -> list[AdoptingParagraph]:
    """The nämnd's justerade paragraphs, newest meeting first, filtered by words of
    ``text`` (each word must occur in the date, §, rubrik or dnr)."""
    rows = db.query(_SQL + " AND o.namnd_id = ? ORDER BY s.datum DESC, p.nummer DESC", [namnd_id])
    found = [_from_row(r) for r in rows]
    return [p for p in found if p.matches(text)] if text.strip() else found


def adopting_paragraph(db: Database, arende_id: int | None) -> AdoptingParagraph | None:
    """The linked paragraph, or None when there is no link or it is not (any longer)
    a justerad paragraph."""
    if arende_id is None:
        return None
    rows = list(db.query(_SQL + " AND a.id = ?", [arende_id]))
    return _from_row(rows[0]) if rows else None


def with_linked_adoption(db: Database, plan: Plan) -> Plan:
    """The plan with date and § taken from its linked paragraph when that exists (for
    printing); unchanged when there is no link."""
    linked = adopting_paragraph(db, plan.antagen_paragraf_id)
    if linked is None:
        return plan
    return replace(plan, status="antagen", antagen_datum=linked.datum, antagen_paragraf=linked.label)
