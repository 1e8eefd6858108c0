"""What a search finds (docs/domain/search.md): hits grouped by kind, each with a
snippet and what it takes to open it where it is."""

from __future__ import annotations

from dataclasses import dataclass, field

#: A snippet's marks around the words found (control characters: no stored text holds
#: them, db/text.py removes them on the way in).
MARK_START, MARK_END = "\x02", "\x03"
#: The index's rowid is ``code × 2^CODE_SHIFT + day × 2^DAY_SHIFT + source id`` (day: the
#: record's date as days from 1970-01-01, 0 without one); a bilaga page's source id is
#: ``bilaga id × 2^PAGE_BITS + page`` (db/migrations/m0027_sok_dagordning.py).
CODE_SHIFT = 57
DAY_SHIFT = 41
DAY_MASK = (1 << (CODE_SHIFT - DAY_SHIFT)) - 1
SOURCE_MASK = (1 << DAY_SHIFT) - 1
PAGE_BITS = 17
#: The source code of a bilaga page.
BILAGA_CODE = 27


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    codes: tuple[int, ...]  # consecutive

    @property
    def rowids(self) -> tuple[int, int]:
        """The first and last rowid of this kind's records in the index."""
        return self.codes[0] << CODE_SHIFT, ((self.codes[-1] + 1) << CODE_SHIFT) - 1


#: The kinds in the order their groups are shown, with the index's source codes.
KINDS: tuple[Kind, ...] = (
    Kind("arende", "Ärenden", (1,)),
    Kind("paragraf", "Protokoll", (2, 3)),
    Kind("delegationsbeslut", "Delegationsbeslut", (4,)),
    Kind("meddelande", "Meddelanden", (5,)),
    Kind("ej_verkstallt", "Ej verkställda beslut", (6,)),
    Kind("plan", "Verksamhetsplaner", tuple(range(7, 18))),
    Kind("budget", "Budget", tuple(range(18, 27))),
    Kind("bilaga", "Bilagor", (27,)),
)
KIND_BY_NAME = {k.name: k for k in KINDS}
KIND_OF_CODE = {code: k for k in KINDS for code in k.codes}

#: The table each source code indexes (what the hit's ``id`` is an id of).
SOURCE_TABLES = {
    1: "arende", 2: "paragraf", 3: "anforande", 4: "delegationsbeslut", 5: "meddelande",
    6: "ej_verkstallt_beslut", 7: "verksamhetsplan", 8: "plan_avsnitt", 9: "malomrade", 10: "kf_mal",
    11: "namndmal", 12: "matt", 13: "plan_nyckeltal", 14: "plan_forandring", 15: "plan_aktivitet",
    16: "sarskilt_uppdrag", 17: "plan_risk", 18: "verksamhet", 19: "internbudget", 20: "investeringsobjekt",
    21: "investeringsprojekt", 22: "budgetuppfoljning", 23: "atgard", 24: "budgetuppfoljning_justering",
    25: "budgetuppfoljning_ej_budgeterat", 26: "nyckeltal", 27: "bilaga",
}


@dataclass(frozen=True)
class Hit:
    """One record found. ``table``/``id`` name the record (a paragraf's id is its
    ärende's id; a bilaga page's is the bilaga's); the other ids say where it opens."""

    kind: str
    table: str
    id: int
    title: str
    snippet: str
    datum: str | None
    rank: float
    namnd_id: int | None = None
    sammantrade_id: int | None = None
    arende_id: int | None = None
    plan_id: int | None = None
    page: int | None = None
    #: Where it is, for the reader: "VON 2024-03-18", "Verksamhetsplan 2025–2027".
    where: str = ""

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is a word found) pieces, in order."""
        parts: list[tuple[str, bool]] = []
        rest = self.snippet
        while rest:
            start = rest.find(MARK_START)
            if start < 0:
                parts.append((rest, False))
                break
            end = rest.find(MARK_END, start)
            end = len(rest) if end < 0 else end
            if start:
                parts.append((rest[:start], False))
            parts.append((rest[start + 1:end], True))
            rest = rest[end + 1:]
        return [(text, marked) for text, marked in parts if text]

    def snippet_marked(self, start: str, end: str) -> str:
        """The snippet with the words found between ``start`` and ``end``."""
        return "".join(f"{start}{text}{end}" if marked else text for text, marked in self.snippet_parts())


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    total: int  # all records of this kind that match, also those beyond the limit
    hits: list[Hit] = field(default_factory=list)


@dataclass(frozen=True)
class SearchResult:
    text: str
    query: str  # the FTS5 query it became
    groups: list[Group] = field(default_factory=list)

    @property
    def hits(self) -> list[Hit]:
        return [h for g in self.groups for h in g.hits]

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groups)
