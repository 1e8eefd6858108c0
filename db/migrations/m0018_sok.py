"""One full-text index over what a nämnd's file holds (docs/domain/search.md).

``sok`` is an FTS5 table with one row per searchable record: an ärende, a paragraf, a
yrkande or reservation, a delegationsbeslut, a meddelande, an ej verkställt beslut
(insats, lag and the reason only: never kön, dates of the individual or anything else
that could point at a person), the parts of a verksamhetsplan, the budget's row names
and comments, and each page of an attached PDF. The database keeps it current itself:
triggers on every source table (and on the parents whose date or nämnd a row shows)
rewrite the record's row, so an import, a raw sqlite-utils write or another tool cannot
leave it stale. This migration fills it for the rows already there.

A row's rowid is ``SOURCE code × 2^48 + source id`` (:data:`SOURCES`), so a trigger
finds the row to replace without a lookup table, and each kind of record is one range of
rowids, which FTS5 searches on its own (the search ranks each kind's matches apart). A
bilaga page's source id is ``bilaga id × 2^17 + page``.

Tokenizing: unicode61 with ``remove_diacritics 0``, so å, ä and ö are letters of their
own (ö ≠ o) while case is folded for every letter (Ö = ö); ``§`` is a token character,
and the text's "§15" is indexed as "§ 15" so that "§ 15" and "§15" are one phrase.
Dnr ("VON 2022/44-73") is split at / and - into tokens that the search asks for as
one phrase (app/sok/query.py). Rich text (NK-HTML, app/richtext.py, a fixed small set
of tags) is indexed without its tags, by plain replace() calls: a trigger can only call
SQLite's built-in functions, or every other program writing the file would fail.

The text of a bilaga's pages is stored once per file in ``bilagefil_sida``, extracted
when the file is attached (db/pdf_text.py); this migration extracts it for the files
already attached.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from db.migrations import run_script
from db.pdf_text import page_texts

#: A rowid's bits below the source code; a bilaga page's bits for the page.
CODE_SHIFT = 48
PAGE_BITS = 17

TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '§'"
#: Column weights for bm25: a hit in the title counts more than one in the body.
RANK = "bm25(10.0, 1.0)"

#: Inline tags vanish (a word in bold is one word); block tags and <br/> part words.
_INLINE_TAGS = ("<b>", "</b>", "<i>", "</i>", "<u>", "</u>")
_BLOCK_TAGS = ("<p>", "</p>", "<ul>", "</ul>", "<ol>", "</ol>", "<li>", "</li>", "<br/>", '<ol start="', '">')
#: What app/richtext.py escapes (html.escape without quotes), &amp; last.
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def plain(expr: str) -> str:
    """SQL for the searchable text of a stored text column: tags of NK-HTML out,
    entities decoded, "§15" spaced as "§ 15"; plain text passes unchanged."""
    out = f"coalesce({expr}, '')"
    for tag in _INLINE_TAGS:
        out = f"replace({out}, '{tag}', '')"
    for tag in _BLOCK_TAGS:
        out = f"replace({out}, '{tag}', ' ')"
    for entity, char in _ENTITIES:
        out = f"replace({out}, '{entity}', '{char}')"
    return f"replace({out}, '§', '§ ')"


def joined(*exprs: str) -> str:
    """The texts in one, separated by a space (empty ones add nothing harmful), made
    plain together: one chain of replace() per row, not one per column, keeps the
    triggers short (every connection parses the whole schema when it opens)."""
    if len(exprs) == 1:
        return plain(exprs[0])
    return plain(" || ' ' || ".join(f"coalesce({e}, '')" for e in exprs))


@dataclass(frozen=True)
class Parent:
    """A table whose change alters how a source row is indexed (its date, its nämnd,
    a title it shows): ``link`` selects the source rows ``s`` of the changed parent
    ``NEW``."""

    table: str
    columns: tuple[str, ...]
    link: str


@dataclass(frozen=True)
class Source:
    code: int
    kind: str
    table: str
    rubrik: str
    text: str
    datum: str
    namnd: str
    organ: str = "NULL"
    parents: tuple[Parent, ...] = ()
    key: str = "s.id"


def _meeting(column: str, ref: str) -> str:
    return f"(SELECT {column} FROM sammantrade WHERE id = {ref})"


def _meeting_namnd(ref: str) -> str:
    return f"(SELECT o.namnd_id FROM sammantrade m JOIN organ o ON o.id = m.organ_id WHERE m.id = {ref})"


_MEETING_COLUMNS = ("datum", "organ_id")
_PARAGRAF_MEETING = "(SELECT sammantrade_id FROM paragraf WHERE arende_id = s.arende_id)"
_ARENDE_MEETING = "(SELECT sammantrade_id FROM arende WHERE id = s.arende_id)"


def _plan(column: str, ref: str) -> str:
    return f"(SELECT {column} FROM verksamhetsplan WHERE id = {ref})"


def _plan_day(ref: str) -> str:
    return f"(SELECT coalesce(antagen_datum, forsta_ar || '-01-01') FROM verksamhetsplan WHERE id = {ref})"


_PLAN_COLUMNS = ("namnd_id", "forsta_ar", "antagen_datum")


def _plan_source(code: int, table: str, rubrik: str, text: str, plan_ref: str, via: str) -> Source:
    """A part of a verksamhetsplan; ``plan_ref`` is its plan's id as SQL over ``s``, and
    ``via`` the condition on ``s`` that makes NEW (a verksamhetsplan) its plan."""
    return Source(code, "plan", table, rubrik, text, _plan_day(plan_ref), _plan("namnd_id", plan_ref),
                  parents=(Parent("verksamhetsplan", _PLAN_COLUMNS, via),))


_MALOMRADE_PLAN = "(SELECT plan_id FROM malomrade WHERE id = s.malomrade_id)"
_NAMNDMAL_PLAN = "(SELECT plan_id FROM namndmal WHERE id = s.namndmal_id)"
_UPPFOLJNING = "budgetuppfoljning WHERE id = s.uppfoljning_id"


def _uppfoljning_source(code: int, table: str, rubrik: str, text: str) -> Source:
    return Source(code, "budget", table, rubrik, text,
                  f"(SELECT printf('%04d-%02d-01', ar, manad) FROM {_UPPFOLJNING})",
                  f"(SELECT namnd_id FROM {_UPPFOLJNING})")


SOURCES: tuple[Source, ...] = (
    Source(1, "arende", "arende", joined("s.dnr", "s.rubrik"),
           joined("s.forslag_till_beslut", "s.beskrivning", "s.ekonomiska_konsekvenser"),
           _meeting("datum", "s.sammantrade_id"), _meeting_namnd("s.sammantrade_id"),
           _meeting("organ_id", "s.sammantrade_id"),
           (Parent("sammantrade", _MEETING_COLUMNS, "s.sammantrade_id = NEW.id"),)),
    Source(2, "paragraf", "paragraf",
           "coalesce('§ ' || s.nummer || ' ', '') || "
           f"(SELECT {joined('dnr', 'rubrik')} FROM arende WHERE id = s.arende_id)",
           joined("s.beslut", "s.beskrivning", "s.propositionsordning"),
           _meeting("datum", "s.sammantrade_id"), _meeting_namnd("s.sammantrade_id"),
           _meeting("organ_id", "s.sammantrade_id"),
           (Parent("sammantrade", _MEETING_COLUMNS, "s.sammantrade_id = NEW.id"),
            Parent("arende", ("dnr", "rubrik"), "s.arende_id = NEW.id")),
           key="s.arende_id"),
    Source(3, "paragraf", "anforande",
           "coalesce('§ ' || (SELECT nummer FROM paragraf WHERE arende_id = s.arende_id) || ' ', '') "
           "|| s.slag",
           plain("s.text"),
           _meeting("datum", _PARAGRAF_MEETING), _meeting_namnd(_PARAGRAF_MEETING),
           _meeting("organ_id", _PARAGRAF_MEETING),
           (Parent("paragraf", ("nummer",), "s.arende_id = NEW.arende_id"),
            Parent("sammantrade", _MEETING_COLUMNS,
                   "s.arende_id IN (SELECT arende_id FROM paragraf WHERE sammantrade_id = NEW.id)"))),
    Source(4, "delegationsbeslut", "delegationsbeslut",
           joined("s.dnr", "s.punkt", "s.paragrafer",
                  "(SELECT namn FROM delegationskategori WHERE id = s.kategori_id)"),
           joined("s.beskrivning", "s.delegat"),
           "coalesce(s.datum, s.datum_till)", "s.namnd_id",
           parents=(Parent("delegationskategori", ("namn",), "s.kategori_id = NEW.id"),)),
    Source(5, "meddelande", "meddelande", joined("s.dnr", "s.rubrik"), plain("s.avsandare"),
           "s.inkom", "s.namnd_id"),
    # Insats, lag and the reason only (see the module's docstring).
    Source(6, "ej_verkstallt", "ej_verkstallt_beslut", joined("s.insats", "s.lag"), plain("s.orsak_text"),
           "s.beslutsdatum", "s.namnd_id"),
    Source(7, "plan", "verksamhetsplan", joined("s.titel", "s.antagen_paragraf"), "''",
           "coalesce(s.antagen_datum, s.forsta_ar || '-01-01')", "s.namnd_id"),
    _plan_source(8, "plan_avsnitt", plain("s.rubrik"), plain("s.text"), "s.plan_id", "s.plan_id = NEW.id"),
    _plan_source(9, "malomrade", plain("s.namn"), joined("s.beskrivning", "s.betyder"), "s.plan_id",
                 "s.plan_id = NEW.id"),
    _plan_source(10, "kf_mal", "''", plain("s.text"), _MALOMRADE_PLAN,
                 "s.malomrade_id IN (SELECT id FROM malomrade WHERE plan_id = NEW.id)"),
    _plan_source(11, "namndmal", "''", joined("s.text", "s.syfte"), "s.plan_id", "s.plan_id = NEW.id"),
    _plan_source(12, "matt", "''", joined("s.text", "s.datakalla"), _NAMNDMAL_PLAN,
                 "s.namndmal_id IN (SELECT id FROM namndmal WHERE plan_id = NEW.id)"),
    _plan_source(13, "plan_nyckeltal", plain("s.matt"), joined("s.syfte", "s.datakalla"), "s.plan_id",
                 "s.plan_id = NEW.id"),
    _plan_source(14, "plan_forandring", plain("s.vad"), joined("s.syfte", "s.effekt"), "s.plan_id",
                 "s.plan_id = NEW.id"),
    _plan_source(15, "plan_aktivitet", plain("s.vad"), joined("s.varfor", "s.uppfoljning"), _NAMNDMAL_PLAN,
                 "s.namndmal_id IN (SELECT id FROM namndmal WHERE plan_id = NEW.id)"),
    _plan_source(16, "sarskilt_uppdrag", plain("s.rubrik"), joined("s.text", "s.kommentar"), "s.plan_id",
                 "s.plan_id = NEW.id"),
    _plan_source(17, "plan_risk", plain("s.risk"), plain("s.atgard"), "s.plan_id", "s.plan_id = NEW.id"),
    Source(18, "budget", "verksamhet", joined("s.kod", "s.namn"), plain("s.grupp"), "NULL", "s.namnd_id"),
    Source(19, "budget", "internbudget", joined("s.prognos_rubrik"), plain("s.kommentar"),
           "s.ar || '-01-01'", "s.namnd_id"),
    Source(20, "budget", "investeringsobjekt", plain("s.benamning"), plain("s.kategori"),
           "(SELECT forsta_ar || '-01-01' FROM investeringsbudget WHERE id = s.investeringsbudget_id)",
           "(SELECT namnd_id FROM investeringsbudget WHERE id = s.investeringsbudget_id)"),
    Source(21, "budget", "investeringsprojekt", plain("s.projekt"), plain("s.kommentar"),
           "printf('%04d-%02d-01', s.ar, s.manad)", "s.namnd_id"),
    Source(22, "budget", "budgetuppfoljning", joined("s.sarskild_post", "s.justering_rubrik"),
           joined("s.analys", "s.forslag_till_beslut"), "printf('%04d-%02d-01', s.ar, s.manad)",
           "s.namnd_id"),
    _uppfoljning_source(23, "atgard", plain("s.atgard"),
                        joined("s.avvikelse", "s.ekonomisk_effekt", "s.verksamhetseffekt")),
    _uppfoljning_source(24, "budgetuppfoljning_justering", plain("s.benamning"), "''"),
    _uppfoljning_source(25, "budgetuppfoljning_ej_budgeterat", plain("s.benamning"), "''"),
    Source(26, "budget", "nyckeltal", plain("s.namn"), plain("s.avsnitt"), "NULL", "s.namnd_id"),
)

#: A bilaga's page: the page's text from its file, found through the bilaga.
BILAGA_CODE = 27
BILAGA_KIND = "bilaga"


def rowid(code: int, key: str) -> str:
    return f"{code << CODE_SHIFT} + ({key})"


def _view(source: Source) -> str:
    """What a source row is in the index, written once as a view: each of the source's
    triggers selects from it, rather than repeating the expressions (every connection
    parses the whole schema when it opens, so its size is paid at every start)."""
    return (f"CREATE VIEW sok_kalla_{source.table} AS SELECT s.*, {rowid(source.code, source.key)} "
            f"AS sok_rowid, {source.datum} AS sok_datum, {source.namnd} AS sok_namnd, "
            f"{source.organ} AS sok_organ, {source.rubrik} AS sok_rubrik, {source.text} AS sok_text "
            f"FROM {source.table} AS s;")


def _select(source: Source, where: str) -> str:
    return (f"SELECT sok_rowid, sok_datum, sok_namnd, sok_organ, sok_rubrik, sok_text "
            f"FROM sok_kalla_{source.table} AS s WHERE {where}")


INSERT = "INSERT OR REPLACE INTO sok (rowid, datum, namnd_id, organ_id, rubrik, text) "


def _triggers(source: Source) -> str:
    name, table, key = f"sok_{source.table}", source.table, source.key
    old_rowid = rowid(source.code, key.replace("s.", "OLD."))
    same_row = f"{key} = {key.replace('s.', 'NEW.')}"
    out = [
        _view(source),
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN\n"
        f"    {INSERT}{_select(source, same_row)};\nEND;",
        f"CREATE TRIGGER {name}_update AFTER UPDATE ON {table} BEGIN\n"
        f"    DELETE FROM sok WHERE rowid = {old_rowid};\n"
        f"    {INSERT}{_select(source, same_row)};\nEND;",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN\n"
        f"    DELETE FROM sok WHERE rowid = {old_rowid};\nEND;",
    ]
    for parent in source.parents:
        columns = ", ".join(parent.columns)
        out.append(f"CREATE TRIGGER {name}_efter_{parent.table} AFTER UPDATE OF {columns} ON {parent.table} "
                   f"BEGIN\n    {INSERT}{_select(source, parent.link)};\nEND;")
    return "\n".join(out)


_BILAGA_KEY = f"(b.id * {1 << PAGE_BITS} + p.sida)"
_BILAGA_MEETING = "(SELECT sammantrade_id FROM arende WHERE id = b.arende_id)"


def _bilaga_select(where: str) -> str:
    return (f"SELECT {rowid(BILAGA_CODE, _BILAGA_KEY)}, {_meeting('datum', _BILAGA_MEETING)}, "
            f"{_meeting_namnd(_BILAGA_MEETING)}, {_meeting('organ_id', _BILAGA_MEETING)}, "
            f"{joined('b.titel')} || ' s. ' || p.sida, {plain('p.text')} "
            f"FROM bilaga AS b JOIN bilagefil_sida AS p ON p.fil_id = b.fil_id WHERE {where}")


def _bilaga_rows(bilaga: str) -> str:
    """The rowids of bilaga ``bilaga``'s pages, as a range."""
    first = rowid(BILAGA_CODE, f"({bilaga}) * {1 << PAGE_BITS}")
    last = rowid(BILAGA_CODE, f"(({bilaga}) + 1) * {1 << PAGE_BITS} - 1")
    return f"rowid BETWEEN {first} AND {last}"


BILAGA_SCHEMA = f"""
-- The text of each page of an attached PDF, extracted once when the file is attached.
CREATE TABLE bilagefil_sida (
    fil_id INTEGER NOT NULL REFERENCES bilagefil(id) ON DELETE CASCADE,
    sida   INTEGER NOT NULL CHECK (sida >= 1),
    text   TEXT NOT NULL,
    PRIMARY KEY (fil_id, sida)
) WITHOUT ROWID;

CREATE TRIGGER sok_bilagefil_sida_insert AFTER INSERT ON bilagefil_sida BEGIN
    {INSERT}{_bilaga_select("b.fil_id = NEW.fil_id AND p.sida = NEW.sida")};
END;
CREATE TRIGGER sok_bilagefil_sida_delete AFTER DELETE ON bilagefil_sida BEGIN
    DELETE FROM sok WHERE rowid IN (SELECT {rowid(BILAGA_CODE, f"b.id * {1 << PAGE_BITS} + OLD.sida")}
                                    FROM bilaga b WHERE b.fil_id = OLD.fil_id);
END;
CREATE TRIGGER sok_bilaga_insert AFTER INSERT ON bilaga BEGIN
    {INSERT}{_bilaga_select("b.id = NEW.id")};
END;
CREATE TRIGGER sok_bilaga_update AFTER UPDATE ON bilaga BEGIN
    DELETE FROM sok WHERE {_bilaga_rows("OLD.id")};
    {INSERT}{_bilaga_select("b.id = NEW.id")};
END;
CREATE TRIGGER sok_bilaga_delete AFTER DELETE ON bilaga BEGIN
    DELETE FROM sok WHERE {_bilaga_rows("OLD.id")};
END;
CREATE TRIGGER sok_bilaga_efter_sammantrade AFTER UPDATE OF datum, organ_id ON sammantrade BEGIN
    {INSERT}{_bilaga_select("b.arende_id IN (SELECT id FROM arende WHERE sammantrade_id = NEW.id)")};
END;
"""

SCHEMA = f"""
CREATE VIRTUAL TABLE sok USING fts5(
    datum UNINDEXED, namnd_id UNINDEXED, organ_id UNINDEXED, rubrik, text,
    tokenize = "{TOKENIZE}", prefix = '2 3'
);
INSERT INTO sok (sok, rank) VALUES ('rank', '{RANK}');
"""


def create_index(conn) -> None:
    """The index table and its triggers, empty."""
    run_script(conn, SCHEMA)
    for source in SOURCES:
        run_script(conn, _triggers(source))
    run_script(conn, BILAGA_SCHEMA)


def fill_index(conn, progress: Callable[[int, int], None] | None = None) -> None:
    """Every existing source row into the index (the bilagor's pages come with their
    text, :func:`extract_bilagor`)."""
    for n, source in enumerate(SOURCES, start=1):
        conn.execute(INSERT + _select(source, "1"))
        if progress:
            progress(n, len(SOURCES))


def extract_bilagor(conn, progress: Callable[[int, int], None] | None = None) -> None:
    """The page texts of the files already attached (each file once)."""
    files = [r[0] for r in conn.execute("SELECT id FROM bilagefil ORDER BY id")]
    for n, fil_id in enumerate(files, start=1):
        data = conn.execute("SELECT data FROM bilagefil WHERE id = ?", [fil_id]).fetchone()[0]
        conn.executemany("INSERT INTO bilagefil_sida (fil_id, sida, text) VALUES (?, ?, ?)",
                         [(fil_id, sida, text) for sida, text in enumerate(page_texts(bytes(data)), start=1)])
        if progress:
            progress(n, len(files))


def up(conn):
    create_index(conn)
    fill_index(conn)
    extract_bilagor(conn)
