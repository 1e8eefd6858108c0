"""Search the whole file (docs/domain/search.md): ``SearchService(db).search(text, …)``.

One query over the FTS5 index ``sok`` (db/migrations/m0018_sok.py, rowids of
m0027_sok_dagordning.py) reads the rank (bm25, a hit in a title weighing ten times one in
the body) of every matching record, in rowid order and without reading a stored column;
the rowid tells each match's kind and day, and each kind keeps its best ``limit``, the
newer record first on equal rank, with the number of all its matches. Only those are then
read again by rowid, for their snippet and for where they open. Reads only: it works on a
read-only file and announces nothing.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from operator import itemgetter

from sqlite_utils import Database

from app.sok.model import (
    BILAGA_CODE,
    CODE_SHIFT,
    DAY_MASK,
    DAY_SHIFT,
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
from app.sok.snippet import SnippetMaker

DEFAULT_LIMIT = 10
#: The index's own table of what it holds (FTS5's ``%_content``): read by rowid for the
#: few hits shown. Its columns c0…c4 are sok's columns in order.
_CONTENT = "SELECT id, {columns} FROM sok_content WHERE id IN ({marks})"
#: A match's rowid, of (rank, rowid).
_ROWID = itemgetter(1)


def _day(match: tuple[float, int]) -> int:
    """The day of a match's record, from its rowid (0: no date)."""
    return (match[1] >> DAY_SHIFT) & DAY_MASK


def _shown_order(match: tuple[float, int]) -> tuple[float, int, int]:
    """How a kind's hits are shown: by rank, the later day first on equal rank, no date
    last, then by rowid."""
    return match[0], -_day(match), match[1]


def _newest(tied: list[tuple[float, int]], wanted: int) -> list[tuple[float, int]]:
    """The ``wanted`` first of ``tied`` (equally ranked) by :func:`_shown_order`. ``tied``
    is in rowid order, which within a source code is the order of days: each code's newest
    are at the end of its run, so only those (and any of the same day just before them) are
    sorted; a common word ties thousands."""
    picked: list[tuple[float, int]] = []
    start = 0
    while start < len(tied):
        code = tied[start][1] >> CODE_SHIFT
        end = bisect_left(tied, (code + 1) << CODE_SHIFT, lo=start, key=_ROWID)
        first = max(start, end - wanted)
        while first > start and _day(tied[first - 1]) == _day(tied[first]):
            first -= 1
        picked += tied[first:end]
        start = end
    return heapq.nsmallest(wanted, picked, key=_shown_order)


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
        best = []
        for kind in KINDS:
            first, last = kind.rowids
            start = bisect_left(matches, first, key=_ROWID)
            end = bisect_right(matches, last, lo=start, key=_ROWID)
            if end > start:
                best.append((kind, end - start, self._best(matches[start:end], limit)))
        # The hits of all kinds read together: one statement for their texts, one a source
        # for where they open.
        shown = [rowid for _kind, _count, hits in best for _rank, rowid in hits]
        rows, places = self._content(shown), self._places(shown)
        snippet = SnippetMaker(phrases)
        groups = [Group(kind.name, kind.label, count, [
            self._hit(rowid, rank, rows[rowid], places.get(rowid), snippet) for rank, rowid in hits])
            for kind, count, hits in best]
        return SearchResult(text, query, groups)

    @staticmethod
    def _best(found: list[tuple[float, int]], limit: int) -> list[tuple[float, int]]:
        """The ``limit`` best of one kind's matches (rank, rowid), in order: by rank, the
        newer first on equal rank (the day is in the rowid), no date last, then the
        index's order."""
        candidates = heapq.nsmallest(limit, found)
        if len(found) > limit:
            # Those ranked equal to the last place compete for it by day: only they need
            # a key (a common word ranks thousands equal, but most matches rank apart).
            worst = candidates[-1][0]
            better = [m for m in candidates if m[0] < worst]
            candidates = better + _newest([m for m in found if m[0] == worst], limit - len(better))
        return sorted(candidates, key=_shown_order)

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
        records: dict[int, tuple[int, int]] = {}
        by_code: dict[int, set[int]] = {}
        for rowid in rowids:
            code, source_id = rowid >> CODE_SHIFT, rowid & SOURCE_MASK
            record = source_id >> PAGE_BITS if code == BILAGA_CODE else source_id
            records[rowid] = code, record
            by_code.setdefault(code, set()).add(record)
        found: dict[int, dict[int, tuple]] = {}
        for code, ids in by_code.items():
            sql = _PLACE[code].format(marks=", ".join("?" * len(ids)))
            found[code] = {row[0]: row[1:] for row in self.db.execute(sql, list(ids))}
        return {rowid: found[code].get(record) for rowid, (code, record) in records.items()}

    @staticmethod
    def _hit(rowid: int, rank: float, content: tuple, place: tuple | None, snippet_of: SnippetMaker) -> Hit:
        code, source_id = rowid >> CODE_SHIFT, rowid & SOURCE_MASK
        datum, namnd_id, title, text = content
        record_id, page = source_id, None
        if code == BILAGA_CODE:
            record_id, page = source_id >> PAGE_BITS, source_id & ((1 << PAGE_BITS) - 1)
        sammantrade_id, arende_id, plan_id, where = place or (None, None, None, "")
        snippet = snippet_of(text)
        if MARK_START not in snippet:  # found in the title only: show it marked there
            in_title = snippet_of(title)
            snippet = in_title if MARK_START in in_title else snippet
        return Hit(kind=KIND_OF_CODE[code].name, table=SOURCE_TABLES[code], id=record_id,
                   title=" ".join(title.split()) or _UNTITLED.get(code, ""), snippet=snippet,
                   datum=datum, rank=rank, namnd_id=namnd_id, sammantrade_id=sammantrade_id,
                   arende_id=arende_id, plan_id=plan_id, page=page, where=where or "")
