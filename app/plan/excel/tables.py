"""Storing the plan workbook's table sheets (Nyckeltal, Förändringar, Uppdrag, Risker,
Avsnitt, Tillfällen) through the plan services, the way store.py stores the goal tree:
a row with an Id updates that row, a row without one is added, a row no longer in the
file is removed once the whole file has been checked. A sheet missing from the file (an
export made before these sheets existed) leaves its part of the plan as it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.excel_import.values import CellError, parse_date
from app.plan import richtext, store
from app.plan.excel.read import Row
from app.plan.followup import FollowupService
from app.plan.model import (
    PLACERINGAR,
    SLAG,
    Avsnitt,
    Forandring,
    Nyckeltal,
    Risk,
    SarskiltUppdrag,
    Tillfalle,
)
from app.plan.nyckeltal_layout import NyckeltalLayoutService
from app.records import id_of
from app.validation import ValidationError

if TYPE_CHECKING:
    from app.plan.excel.store import _Store

#: Sheet → (table, the plan's rows of it, label in the import's summary).
TABLE_SHEETS: dict[str, tuple[str, str, str]] = {
    "Nyckeltal": ("plan_nyckeltal", "SELECT id FROM plan_nyckeltal WHERE plan_id = ?", "nyckeltal"),
    "Förändringar": ("plan_forandring", "SELECT id FROM plan_forandring WHERE plan_id = ?", "förändringar"),
    "Uppdrag": ("sarskilt_uppdrag", "SELECT id FROM sarskilt_uppdrag WHERE plan_id = ?", "särskilda uppdrag"),
    "Risker": ("plan_risk", "SELECT id FROM plan_risk WHERE plan_id = ?", "risker"),
    "Avsnitt": ("plan_avsnitt", "SELECT id FROM plan_avsnitt WHERE plan_id = ?", "avsnitt"),
    "Tillfällen": ("plan_tillfalle", "SELECT id FROM plan_tillfalle WHERE plan_id = ?",
                   "uppföljningstillfällen"),
}


@dataclass
class StoredTables:
    """What was kept of each table sheet in the file (ids in the file's order), and the
    ids the plan had before; the rows not kept are removed by :func:`remove_dropped`."""

    kept: dict[str, list[int]] = field(default_factory=dict)
    old: dict[str, set[int]] = field(default_factory=dict)
    placering_of: dict[int, str] = field(default_factory=dict)


def _int(st: _Store, row: Row, heading: str, low: int, high: int, default: int | None = None) -> int | None:
    text = row.get(heading).replace(" ", "")
    if not text and default is not None:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        st.problem(row, f"”{row.get(heading)}” ska vara ett heltal {low}–{high}", heading)
        return None
    return int(text)


def _nyckeltal(st: _Store, plan_id: int, row: Row, ident: int | None):
    n = Nyckeltal(plan_id=plan_id, matt=row.get("Mått"), syfte=row.get("Syfte"),
                  datakalla=row.get("Datakälla"), jamforelsevarde=row.get("Jämförelsevärde"),
                  uppfoljningstillfalle=row.get("Uppföljningstillfälle"), ansvarig=row.get("Ansvarig"),
                  id=ident)
    saved = st.save(row, st.plans.save_nyckeltal, n)
    if saved is not None:
        _statuses(st, row, id_of(saved), st.plans.get_plan(plan_id).years)
    return saved


def _statuses(st: _Store, row: Row, nyckeltal_id: int, years: list[int]) -> None:
    """The row's "Status ÅÅÅÅ" cells; a file without them leaves the statuses as they are,
    an empty cell removes that year's, and a blank column for a year outside the plan
    is ignored."""
    layouts = NyckeltalLayoutService(st.db)
    for heading in row.columns:
        if not heading.startswith("Status "):
            continue
        text, ar = row.get(heading), int(heading.split()[1])
        if not text and ar not in years:
            continue
        try:
            layouts.set_status(nyckeltal_id, ar, text)
        except ValidationError as exc:
            for e in exc.errors:
                st.problem(row, e.message, heading)


def _forandring(st: _Store, plan_id: int, row: Row, ident: int | None):
    f = Forandring(plan_id=plan_id, forvaltning=row.get("Förvaltning"), vad=row.get("Vad"),
                   syfte=row.get("Syfte"), effekt=row.get("Effekt"), tidplan=row.get("Tidplan"), id=ident)
    return st.save(row, st.plans.save_forandring, f)


def _uppdrag(st: _Store, plan_id: int, row: Row, ident: int | None):
    slutdatum = None
    if row.get("Slutdatum"):
        try:
            slutdatum = parse_date(row.get("Slutdatum")).isoformat()
        except CellError as exc:
            st.problem(row, str(exc), "Slutdatum")
            return None
    u = SarskiltUppdrag(plan_id=plan_id, rubrik=row.get("Rubrik"), text=row.get("Text"), slutdatum=slutdatum,
                        status=row.get("Status").lower() or "ej påbörjat", kommentar=row.get("Kommentar"),
                        id=ident)
    return st.save(row, st.plans.save_uppdrag, u)


def _risk(st: _Store, plan_id: int, row: Row, ident: int | None):
    s = _int(st, row, "Sannolikhet", 1, 5)
    k = _int(st, row, "Konsekvens", 1, 5)
    if s is None or k is None:
        return None
    r = Risk(plan_id=plan_id, risk=row.get("Risk"), sannolikhet=s, konsekvens=k, atgard=row.get("Åtgärd"),
             ansvarig=row.get("Ansvarig"), id=ident)
    return st.save(row, st.plans.save_risk, r)


def _avsnitt(st: _Store, plan_id: int, row: Row, ident: int | None):
    wanted = row.get("Placering").casefold()
    placering = next((key for key, label in PLACERINGAR.items() if wanted in (key, label.casefold())), None)
    if placering is None:
        st.problem(row, f"okänd placering ”{row.get('Placering')}” (välj {', '.join(PLACERINGAR.values())})",
                   "Placering")
        return None
    niva = _int(st, row, "Nivå", 1, 2, default=1)
    if niva is None:
        return None
    text = richtext.from_marked_text(row.get("Text")) if row.get("Text") else ""
    a = Avsnitt(plan_id=plan_id, placering=placering, rubrik=row.get("Rubrik"), niva=niva, text=text,
                id=ident)
    return st.save(row, st.plans.save_avsnitt, a)


def _tillfalle(st: _Store, plan_id: int, row: Row, ident: int | None):
    ar = _int(st, row, "År", 1990, 2200)
    manad = _int(st, row, "Månad", 1, 12)
    slag = row.get("Slag").lower() or "övrigt"
    if slag not in SLAG:
        st.problem(row, f"okänt slag ”{row.get('Slag')}” (välj {', '.join(SLAG)})", "Slag")
        return None
    if ar is None or manad is None:
        return None
    follow = FollowupService(st.db)
    if ident is None:
        # A new plan already has the standard occasions: a row naming one of them is that one.
        ident = next((t.id for t in follow.tillfallen(plan_id)
                      if (t.namn.casefold(), t.ar) == (row.get("Tillfälle").casefold(), ar)), None)
    t = Tillfalle(plan_id=plan_id, namn=row.get("Tillfälle"), ar=ar, manad=manad, slag=slag, id=ident)
    return st.save(row, follow.save_tillfalle, t)


_BUILDERS: dict[str, Callable] = {"Nyckeltal": _nyckeltal, "Förändringar": _forandring, "Uppdrag": _uppdrag,
                                  "Risker": _risk, "Avsnitt": _avsnitt, "Tillfällen": _tillfalle}


def store_tables(st: _Store, plan_id: int, update: bool) -> StoredTables:
    """Save the rows of every table sheet in the file (problems go to ``st``)."""
    out = StoredTables()
    for sheet, (table, sql, _label) in TABLE_SHEETS.items():
        if sheet not in st.book.sheets:
            continue
        # A new plan's standard occasions are replaced by the file's, like an old plan's rows.
        out.old[table] = {r[0] for r in st.db.execute(sql, [plan_id])}
        out.kept[table] = []
        for row in st.book.sheets[sheet]:
            ident = st.existing_id(row, table, out.old[table], update)
            saved = _BUILDERS[sheet](st, plan_id, row, ident)
            if saved is not None:
                out.kept[table].append(id_of(saved))
                if isinstance(saved, Avsnitt):
                    out.placering_of[id_of(saved)] = saved.placering
    return out


def remove_dropped(st: _Store, tables: StoredTables, created: bool) -> list[str]:
    """Remove the rows the file no longer has and store the file's order; returns the
    notes saying what was removed (a new plan's standard occasions go unmentioned)."""
    notes = []
    for table, kept in tables.kept.items():
        gone = tables.old[table] - set(kept)
        label = next(lab for t, _sql, lab in TABLE_SHEETS.values() if t == table)
        if table == "plan_tillfalle" and gone:
            marks = ",".join("?" * len(gone))
            recorded = st.db.execute(
                f"SELECT (SELECT COUNT(*) FROM matt_utfall WHERE utfall <> '' AND tillfalle_id IN ({marks}))"
                f" + (SELECT COUNT(*) FROM mal_bedomning WHERE tillfalle_id IN ({marks}))",
                [*gone, *gone]).fetchone()[0]
            if recorded:
                notes.append(f"{recorded} inskrivna utfall och bedömningar vid borttagna "
                             "uppföljningstillfällen togs bort med dem.")
        for row_id in gone:
            st.db.table(table).delete(row_id)
        if gone and not (table == "plan_tillfalle" and created):
            notes.append(f"{len(gone)} {label} som inte finns i filen togs bort.")
        if table == "plan_avsnitt":
            # Sections are ordered within their placing.
            for placering in PLACERINGAR:
                store.reorder(st.db, table, [i for i in kept if tables.placering_of.get(i) == placering])
        else:
            store.reorder(st.db, table, kept)
    return notes


def counts(tables: StoredTables) -> dict[str, int]:
    return {label: len(tables.kept[table]) for table, _sql, label in TABLE_SHEETS.values()
            if table in tables.kept}
