"""Search the whole file (docs/domain/search.md): ``SearchService(db).search(text, …)``.

One query over the FTS5 index ``sok`` (db/migrations/m0018_sok.py) reads the rank (bm25,
a hit in a title weighing ten times one in the body) of every matching record, in rowid
order and without reading a stored column; the rowid tells each match's kind, and each
kind keeps its best ``limit``, the newer record first on equal rank, with the number of all its
matches. Only those are then read again by rowid, for their snippet and for where they
open. Reads only: it works on a read-only file and announces nothing.
"""

from __future__ import annotations

import heapq
import json
from bisect import bisect_left, bisect_right
from operator import itemgetter

from sqlite_utils import Database

from app.sok.model import (
    BILAGA_CODE,
    CODE_SHIFT,
    KIND_BY_NAME,
    KIND_OF_CODE,
    KINDS,
    MARK_START,
    PAGE_BITS,
    SOURCE_MASK,
    SOURCE_TABLES,
    Group,
    Hit,
    SearchResult,
)
from app.sok.query import fts_query, terms
from app.sok.snippet import make_snippet

DEFAULT_LIMIT = 10
#: The index's own table of what it holds (FTS5's ``%_content``): read by rowid for the
#: few hits shown. Its columns c0…c4 are sok's columns in order.
_CONTENT = "SELECT id, {columns} FROM sok_content WHERE id IN ({marks})"
#: A match's rowid, of (rank, rowid).
_ROWID = itemgetter(1)

_MEETING_WHERE = ("(SELECT coalesce(nullif(o.kortnamn, ''), o.namn) || ' ' || m.datum FROM sammantrade m "
                  "JOIN organ o ON o.id = m.organ_id WHERE m.id = {ref})")
_NAMND_WHERE = "(SELECT kortnamn FROM namnd WHERE id = {ref})"
_PLAN_WHERE = "(SELECT titel FROM verksamhetsplan WHERE id = {ref})"


def _meeting(table: str, meeting: str, arende: str) -> str:
    return (f"SELECT {{key}}, {meeting}, {arende}, NULL, {_MEETING_WHERE.format(ref=meeting)} "
            f"FROM {table} WHERE {{key}} IN ({{{{marks}}}})")


def _plan(table: str, plan: str) -> str:
    return (f"SELECT id, NULL, NULL, {plan}, {_PLAN_WHERE.format(ref=plan)} "
            f"FROM {table} WHERE id IN ({{marks}})")


def _register(table: str, day: str) -> str:
    namnd = _NAMND_WHERE.format(ref="namnd_id")
    return (f"SELECT id, NULL, NULL, NULL, {namnd} || coalesce(' ' || {day}, '') "
            f"FROM {table} WHERE id IN ({{marks}})")


_VIA_MALOMRADE = "(SELECT plan_id FROM malomrade WHERE id = malomrade_id)"
_VIA_NAMNDMAL = "(SELECT plan_id FROM namndmal WHERE id = namndmal_id)"
_VIA_UPPFOLJNING = "(SELECT {col} FROM budgetuppfoljning WHERE id = uppfoljning_id)"
_VIA_INVESTERINGSBUDGET = "(SELECT {col} FROM investeringsbudget WHERE id = investeringsbudget_id)"


def _uppfoljning_part(table: str) -> str:
    """A row of a budgetuppföljning: where is its nämnd and month."""
    namnd = _NAMND_WHERE.format(ref=_VIA_UPPFOLJNING.format(col="namnd_id"))
    month = _VIA_UPPFOLJNING.format(col="printf('%04d-%02d', ar, manad)")
    return f"SELECT id, NULL, NULL, NULL, {namnd} || ' ' || {month} FROM {table} WHERE id IN ({{marks}})"

#: Per source code: (id, meeting id, ärende id, plan id, where) of the records with the
#: ids {marks}.
_PLACE = {
    1: _meeting("arende", "sammantrade_id", "id").format(key="id"),
    2: _meeting("paragraf", "sammantrade_id", "arende_id").format(key="arende_id"),
    3: _meeting("anforande JOIN paragraf USING (arende_id)", "sammantrade_id", "paragraf.arende_id")
    .format(key="anforande.id"),
    4: _register("delegationsbeslut", "datum"),
    5: _register("meddelande", "inkom"),
    6: _register("ej_verkstallt_beslut", "beslutsdatum"),
    7: _plan("verksamhetsplan", "id"),
    8: _plan("plan_avsnitt", "plan_id"),
    9: _plan("malomrade", "plan_id"),
    10: _plan("kf_mal", _VIA_MALOMRADE),
    11: _plan("namndmal", "plan_id"),
    12: _plan("matt", _VIA_NAMNDMAL),
    13: _plan("plan_nyckeltal", "plan_id"),
    14: _plan("plan_forandring", "plan_id"),
    15: _plan("plan_aktivitet", _VIA_NAMNDMAL),
    16: _plan("sarskilt_uppdrag", "plan_id"),
    17: _plan("plan_risk", "plan_id"),
    18: _register("verksamhet", "NULL"),
    19: _register("internbudget", "ar"),
    20: ("SELECT id, NULL, NULL, NULL, "
         f"{_NAMND_WHERE.format(ref=_VIA_INVESTERINGSBUDGET.format(col='namnd_id'))}"
         f" || ' investeringar ' || {_VIA_INVESTERINGSBUDGET.format(col='forsta_ar')} "
         "FROM investeringsobjekt WHERE id IN ({marks})"),
    21: _register("investeringsprojekt", "ar"),
    22: _register("budgetuppfoljning", "printf('%04d-%02d', ar, manad)"),
    23: _uppfoljning_part("atgard"),
    24: _uppfoljning_part("budgetuppfoljning_justering"),
    25: _uppfoljning_part("budgetuppfoljning_ej_budgeterat"),
    26: _register("nyckeltal", "NULL"),
    27: _meeting("bilaga JOIN arende ON arende.id = bilaga.arende_id", "arende.sammantrade_id",
                 "arende.id").format(key="bilaga.id"),
}
# An åtgärd's month, as the uppföljning it belongs to is named.

#: A record whose index title is empty is called by what it is.
_UNTITLED = {10: "KF-mål", 11: "Nämndmål", 12: "Mått", 24: "Justering", 25: "Ej budgeterat"}


class SearchService:
    def __init__(self, db: Database):
        self.db = db

    def search(self, text: str, typ: str | None = None, ar: int | None = None, namnd: int | None = None,
               limit: int = DEFAULT_LIMIT, *, organ: int | None = None,
               prefix_last: bool = False) -> SearchResult:
        """The best ``limit`` records of each kind matching ``text`` (all its words).

        ``typ``: one kind of :data:`app.sok.model.KINDS` (its ``name``); ``ar``: the
        record's year (a meeting's, a register entry's date, a plan's first year);
        ``namnd``/``organ``: ids. ``prefix_last``: the last word is a prefix (as typed)."""
        phrases = terms(text, prefix_last=prefix_last)
        query = fts_query(text, prefix_last=prefix_last)
        if not query:
            return SearchResult(text, query)
        where: list[str] = ["sok MATCH ?"]
        params: list[str | int] = [query]
        if ar is not None:
            where.append("substr(datum, 1, 4) = ?")
            params.append(f"{int(ar):04d}")
        if namnd is not None:
            where.append("namnd_id = ?")
            params.append(int(namnd))
        if organ is not None:
            where.append("organ_id = ?")
            params.append(int(organ))
        if typ is not None:
            chosen = KIND_BY_NAME.get(typ)
            if chosen is None:
                raise ValueError(f"Okänd typ ”{typ}” (kända: {', '.join(k.name for k in KINDS)}).")
            where.append("rowid BETWEEN ? AND ?")
            params += chosen.rowids
        # Every match's rank in one pass, in rowid order and without reading a stored
        # column: the rowid's high bits are the source code and each kind's codes are
        # consecutive, so each kind's matches are one run of the list, found by bisection
        # (ORDER BY rowid is the index's own order; FTS5 does not sort for it). Only each
        # kind's best are read afterwards. (Ranking each kind apart in SQL costs the
        # query's matching once per kind.)
        matches = self.db.execute(f"SELECT rank, rowid FROM sok WHERE {' AND '.join(where)} ORDER BY rowid",
                                  params).fetchall()
        limit = max(1, int(limit))
        groups = []
        for kind in KINDS:
            first, last = kind.rowids
            start = bisect_left(matches, first, key=_ROWID)
            end = bisect_right(matches, last, lo=start, key=_ROWID)
            if end > start:
                found = matches[start:end]
                groups.append(Group(kind.name, kind.label, len(found), self._best(found, limit, phrases)))
        return SearchResult(text, query, groups)

    def _best(self, found: list[tuple[float, int]], limit: int,
              phrases: list[tuple[list[str], bool]]) -> list[Hit]:
        """The ``limit`` best of one kind's matches: by rank, the newer first on equal rank."""
        candidates = heapq.nsmallest(limit, found)
        if len(found) > limit:
            # Those ranked equal to the last place compete for it by date.
            worst = candidates[-1][0]
            better = [m for m in candidates if m[0] < worst]
            tied = [m for m in found if m[0] == worst]
            if len(better) + len(tied) > limit:
                tied = self._newest(tied, limit - len(better))
            candidates = better + tied[:limit - len(better)]
        rows = self._content([rowid for _rank, rowid in candidates])
        # By rank, and the newer first on equal rank (two stable sorts; no date last).
        ordered = sorted(candidates, key=lambda m: rows[m[1]][0] or "", reverse=True)
        ordered.sort(key=lambda m: m[0])
        places = self._places([rowid for _rank, rowid in ordered])
        return [self._hit(rowid, rank, rows[rowid], places.get(rowid), phrases) for rank, rowid in ordered]

    def _newest(self, tied: list[tuple[float, int]], wanted: int) -> list[tuple[float, int]]:
        """The ``wanted`` newest of ``tied`` (matches of one equal rank, in the index's
        order, which is by rowid): newest first, no date last, the index's order among
        equal dates. Chosen by SQLite in one statement: thousands of short records
        (delegationsbeslut) often rank equal, and reading all their dates into Python
        took longer than the search itself."""
        rank = tied[0][0]
        rows = self.db.execute(
            "SELECT id FROM sok_content WHERE id IN (SELECT value FROM json_each(?)) "
            "ORDER BY coalesce(c0, '') DESC, id LIMIT ?",
            [json.dumps([rowid for _rank, rowid in tied]), wanted]).fetchall()
        return [(rank, row[0]) for row in rows]

    def _content(self, rowids: list[int], columns: str = "c0, c1, c3, c4") -> dict[int, tuple]:
        """Stored columns of each rowid (datum, namnd_id, rubrik, text), from the index's
        own table."""
        out: dict[int, tuple] = {}
        for start in range(0, len(rowids), 500):
            chunk = rowids[start:start + 500]
            sql = _CONTENT.format(columns=columns, marks=", ".join("?" * len(chunk)))
            for rowid, *row in self.db.execute(sql, chunk):
                out[rowid] = tuple(row)
        return out

    def _places(self, rowids: list[int]) -> dict[int, tuple | None]:
        """(meeting id, ärende id, plan id, where) of each rowid's record, one query a source."""
        by_code: dict[int, dict[int, int]] = {}
        for rowid in rowids:
            code, source_id = rowid >> CODE_SHIFT, rowid & SOURCE_MASK
            record = source_id >> PAGE_BITS if code == BILAGA_CODE else source_id
            by_code.setdefault(code, {}).setdefault(record, rowid)
        out: dict[int, tuple | None] = {}
        for code, records in by_code.items():
            sql = _PLACE[code].format(marks=", ".join("?" * len(records)))
            place = {row[0]: row[1:] for row in self.db.execute(sql, list(records))}
            for rowid in rowids:
                if rowid >> CODE_SHIFT == code:
                    source_id = rowid & SOURCE_MASK
                    out[rowid] = place.get(source_id >> PAGE_BITS if code == BILAGA_CODE else source_id)
        return out

    @staticmethod
    def _hit(rowid: int, rank: float, content: tuple, place: tuple | None,
             phrases: list[tuple[list[str], bool]]) -> Hit:
        code, source_id = rowid >> CODE_SHIFT, rowid & SOURCE_MASK
        datum, namnd_id, title, text = content
        record_id, page = source_id, None
        if code == BILAGA_CODE:
            record_id, page = source_id >> PAGE_BITS, source_id & ((1 << PAGE_BITS) - 1)
        sammantrade_id, arende_id, plan_id, where = place or (None, None, None, "")
        snippet = make_snippet(text, phrases)
        if MARK_START not in snippet:  # found in the title only: show it marked there
            in_title = make_snippet(title, phrases)
            snippet = in_title if MARK_START in in_title else snippet
        return Hit(kind=KIND_OF_CODE[code].name, table=SOURCE_TABLES[code], id=record_id,
                   title=" ".join(title.split()) or _UNTITLED.get(code, ""), snippet=snippet,
                   datum=datum, rank=rank, namnd_id=namnd_id, sammantrade_id=sammantrade_id,
                   arende_id=arende_id, plan_id=plan_id, page=page, where=where or "")
