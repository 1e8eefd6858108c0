"""The search index ordered by day within each kind of record (docs/domain/search.md).

m0018 numbered the index's rows ``code × 2^48 + source id``. FTS5 hands out matches of
equal rank in rowid order, so the search had to read the date of every match tied for the
last places it shows to put the newer record first: for a common word in short register
texts, thousands of reads, as many as FTS5 itself makes to rank them. From this version
a row's rowid carries the record's day between the code and the source id::

    code × 2^57 + day × 2^41 + source id

``day`` is the number of days from 1970-01-01 to the date the row shows (its ``datum``),
1…65535 (earlier dates count as 1), and 0 for a record without a date (last). Within a
code the rowids run in the order of days, and the newer of two equal-ranked matches is
told from the rowids alone. A bilaga page's source id stays ``bilaga id × 2^17 + page``.

A record's row now moves when its date does (a meeting moved to another day moves every
ärende, paragraf and bilaga page on it), so the record's own id no longer finds its row.
``sok_rad`` does: one row per indexed record, ``kalla`` (m0018's number for the record,
``code × 2^48 + source id``, which never changes) → ``rad`` (its rowid in ``sok``). Every
write to the index goes through :func:`write`, :func:`refresh` and :func:`remove`, which
keep the two together: the triggers here, the bulk writes of db/sok_bulk.py and the rebuild of
db/sok_index.py. A date that changes along a path no trigger watches (as before this
version) leaves the row under its old day, which ``check`` reports as stale; it never
leaves two rows for one record.

The tables indexed, their texts and the tokenizer are m0018's, unchanged. This migration
replaces the index, its views and triggers, and fills the new index from the records
(the bilagor's page texts are already stored), reporting its progress.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from db.migrations import m0018_sok as m0018
from db.migrations import run_script

SOURCES = m0018.SOURCES
BILAGA_CODE = m0018.BILAGA_CODE
PAGE_BITS = m0018.PAGE_BITS
#: The rowid's fields: the source code above bit 57, the day from bit 41, the source id below.
CODE_SHIFT = 57
DAY_SHIFT = 41
LAST_DAY = (1 << (CODE_SHIFT - DAY_SHIFT)) - 1
#: Julian day number of 1970-01-01.
_EPOCH = 2440587.5

#: Source rows written per statement while filling: a progress step every few tenths of a second.
CHUNK = 5000

COLUMNS = "rowid, datum, namnd_id, organ_id, rubrik, text"
SELECTED = "sok_rowid, sok_datum, sok_namnd, sok_organ, sok_rubrik, sok_text"


def day(datum: str) -> str:
    """SQL for the day number of the date ``datum`` (0 without a valid date)."""
    return f"coalesce(max(1, min({LAST_DAY}, CAST(julianday({datum}) - {_EPOCH} AS INTEGER))), 0)"


def dated_rowid(code: int, key: str, datum: str) -> str:
    return f"({code << CODE_SHIFT} + ({day(datum)} << {DAY_SHIFT}) + ({key}))"


def view_name(table: str) -> str:
    return f"sok_kalla_{table}"


#: The view of a bilaga's pages (one row per page of each bilaga whose file's text is stored).
BILAGA_VIEW = "sok_kalla_bilaga_sida"
_BILAGA_KEY = f"(b.id * {1 << PAGE_BITS} + p.sida)"
_BILAGA_MEETING = "(SELECT sammantrade_id FROM arende WHERE id = b.arende_id)"


def _view(source: m0018.Source) -> str:
    """What a source row is in the index, written once as a view (m0018's, with the
    record's number ``sok_kalla`` and the dated rowid)."""
    return (f"CREATE VIEW {view_name(source.table)} AS SELECT s.*, "
            f"{m0018.rowid(source.code, source.key)} AS sok_kalla, "
            f"{dated_rowid(source.code, source.key, source.datum)} AS sok_rowid, "
            f"{source.datum} AS sok_datum, "
            f"{source.namnd} AS sok_namnd, {source.organ} AS sok_organ, {source.rubrik} AS sok_rubrik, "
            f"{source.text} AS sok_text FROM {source.table} AS s;")


def _bilaga_view() -> str:
    datum = m0018._meeting("datum", _BILAGA_MEETING)
    return (f"CREATE VIEW {BILAGA_VIEW} AS SELECT b.id AS bilaga_id, b.fil_id AS fil_id, "
            f"b.arende_id AS arende_id, p.sida AS sida, "
            f"{m0018.rowid(BILAGA_CODE, _BILAGA_KEY)} AS sok_kalla, "
            f"{dated_rowid(BILAGA_CODE, _BILAGA_KEY, datum)} AS sok_rowid, {datum} AS sok_datum, "
            f"{m0018._meeting_namnd(_BILAGA_MEETING)} AS sok_namnd, "
            f"{m0018._meeting('organ_id', _BILAGA_MEETING)} AS sok_organ, "
            f"{m0018.joined('b.titel')} || ' s. ' || p.sida AS sok_rubrik, "
            f"{m0018.plain('p.text')} AS sok_text "
            "FROM bilaga AS b JOIN bilagefil_sida AS p ON p.fil_id = b.fil_id;")


def remove(records: str) -> list[str]:
    """Statements taking out of the index the rows of the records whose numbers
    (``sok_kalla``) the SQL ``records`` selects."""
    return [f"DELETE FROM sok WHERE rowid IN (SELECT rad FROM sok_rad WHERE kalla IN ({records}))",
            f"DELETE FROM sok_rad WHERE kalla IN ({records})"]


def write(view: str, where: str) -> list[str]:
    """Statements writing the rows of the records ``view AS s WHERE where`` as they are now,
    for records that have no row yet (a new record, a fill).

    In rowid order: FTS5 writes what it holds in memory to a new segment whenever a rowid
    comes that is lower than the one before, so many rows written in the records' order
    (not their days') would leave thousands of tiny segments, slow to write and to search."""
    return [f"INSERT INTO sok ({COLUMNS}) SELECT {SELECTED} FROM {view} AS s WHERE {where} "
            "ORDER BY sok_rowid",
            f"INSERT OR REPLACE INTO sok_rad (kalla, rad) SELECT sok_kalla, sok_rowid FROM {view} AS s "
            f"WHERE {where}"]


def refresh(view: str, where: str) -> list[str]:
    """Statements replacing the rows of the records ``view AS s WHERE where`` with the
    records as they are now (their old rows found through ``sok_rad``, wherever their day
    had put them)."""
    return remove(f"SELECT sok_kalla FROM {view} AS s WHERE {where}") + write(view, where)


def _body(statements: list[str]) -> str:
    return "".join(f"    {s};\n" for s in statements)


def _triggers(source: m0018.Source) -> str:
    name, table, key, view = f"sok_{source.table}", source.table, source.key, view_name(source.table)
    old = m0018.rowid(source.code, key.replace("s.", "OLD."))
    same_row = f"{key} = {key.replace('s.', 'NEW.')}"
    out = [
        _view(source),
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN\n{_body(refresh(view, same_row))}END;",
        f"CREATE TRIGGER {name}_update AFTER UPDATE ON {table} BEGIN\n"
        f"{_body(remove(f'SELECT {old}') + write(view, same_row))}END;",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN\n{_body(remove(f'SELECT {old}'))}END;",
    ]
    for parent in source.parents:
        columns = ", ".join(parent.columns)
        out.append(f"CREATE TRIGGER {name}_efter_{parent.table} AFTER UPDATE OF {columns} ON {parent.table} "
                   f"BEGIN\n{_body(refresh(view, parent.link))}END;")
    return "\n".join(out)


def _bilaga_pages(bilaga: str) -> str:
    """The numbers of bilaga ``bilaga``'s pages (whatever pages it had), as SQL."""
    first = m0018.rowid(BILAGA_CODE, f"({bilaga}) * {1 << PAGE_BITS}")
    last = m0018.rowid(BILAGA_CODE, f"(({bilaga}) + 1) * {1 << PAGE_BITS} - 1")
    return f"SELECT kalla FROM sok_rad WHERE kalla BETWEEN {first} AND {last}"


def _bilaga_triggers() -> str:
    old_page = m0018.rowid(BILAGA_CODE, f"b.id * {1 << PAGE_BITS} + OLD.sida")
    return f"""
{_bilaga_view()}
CREATE TRIGGER sok_bilagefil_sida_insert AFTER INSERT ON bilagefil_sida BEGIN
{_body(refresh(BILAGA_VIEW, "s.fil_id = NEW.fil_id AND s.sida = NEW.sida"))}END;
CREATE TRIGGER sok_bilagefil_sida_delete AFTER DELETE ON bilagefil_sida BEGIN
{_body(remove(f"SELECT {old_page} FROM bilaga b WHERE b.fil_id = OLD.fil_id"))}END;
CREATE TRIGGER sok_bilaga_insert AFTER INSERT ON bilaga BEGIN
{_body(refresh(BILAGA_VIEW, "s.bilaga_id = NEW.id"))}END;
CREATE TRIGGER sok_bilaga_update AFTER UPDATE ON bilaga BEGIN
{_body(remove(_bilaga_pages("OLD.id")) + refresh(BILAGA_VIEW, "s.bilaga_id = NEW.id"))}END;
CREATE TRIGGER sok_bilaga_delete AFTER DELETE ON bilaga BEGIN
{_body(remove(_bilaga_pages("OLD.id")))}END;
CREATE TRIGGER sok_bilaga_efter_sammantrade AFTER UPDATE OF datum, organ_id ON sammantrade BEGIN
{_body(refresh(BILAGA_VIEW, "s.arende_id IN (SELECT id FROM arende WHERE sammantrade_id = NEW.id)"))}END;
"""


MAP_SCHEMA = """
-- Each indexed record's row in sok: kalla = code × 2^48 + source id (never changes),
-- rad = its rowid in sok (moves with the record's day).
CREATE TABLE sok_rad (
    kalla INTEGER PRIMARY KEY,
    rad   INTEGER NOT NULL
);
"""


def create_index(conn) -> None:
    """The index table, its map, views and triggers, empty (the page texts' table is m0018's)."""
    run_script(conn, m0018.SCHEMA)
    run_script(conn, MAP_SCHEMA)
    for source in SOURCES:
        run_script(conn, _triggers(source))
    run_script(conn, _bilaga_triggers())


def drop_index(conn) -> None:
    """The index, its map, views and triggers out (the page texts stay)."""
    for kind, name in conn.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') "
            "AND name LIKE 'sok\\_%' ESCAPE '\\' ORDER BY type").fetchall():
        conn.execute(f"DROP {kind.upper()} {name}")
    conn.execute("DROP TABLE IF EXISTS sok")
    conn.execute("DROP TABLE IF EXISTS sok_rad")


def source_chunks(conn, table: str, key: str) -> Iterator[tuple[str, list[int], int]]:
    """``table``'s rows in chunks of :data:`CHUNK` by ``key`` (a column of the table, its
    rowid or unique): (condition on ``s``, its arguments, rows in the chunk)."""
    lower = None
    while True:
        conditions: list[str] = []
        args: list[int] = []
        if lower is not None:
            conditions.append(f"{key} > ?")
            args.append(lower)
        bound = conn.execute(
            f"SELECT {key} FROM {table} WHERE {' AND '.join(conditions) or '1'} "
            f"ORDER BY {key} LIMIT 1 OFFSET ?", [*args, CHUNK - 1]).fetchone()
        if bound is not None:
            conditions.append(f"{key} <= ?")
            args.append(bound[0])
        where = " AND ".join(f"s.{c}" for c in conditions) or "1"
        rows = CHUNK if bound is not None else conn.execute(
            f"SELECT count(*) FROM {table} AS s WHERE {where}", args).fetchone()[0]
        if rows:
            yield where, args, rows
        if bound is None:
            return
        lower = bound[0]


def source_rows(conn) -> int:
    return sum(conn.execute(f"SELECT count(*) FROM {source.table}").fetchone()[0] for source in SOURCES)


def fill_index(conn, progress: Callable[[int, int], None] | None = None) -> None:
    """Every record and every stored bilaga page into the empty index, the source tables in
    chunks, ``progress(done, total)`` after each (done counts records)."""
    total, done = source_rows(conn), 0
    if progress:
        progress(0, total)
    for source in SOURCES:
        for where, args, rows in source_chunks(conn, source.table, source.key.removeprefix("s.")):
            for statement in write(view_name(source.table), where):
                conn.execute(statement, args)
            done += rows
            if progress:
                progress(done, total)
    for statement in write(BILAGA_VIEW, "1"):
        conn.execute(statement)
    if progress:
        progress(total, total)


def up(conn, progress: Callable[[int, int], None] | None = None) -> None:
    drop_index(conn)
    create_index(conn)
    fill_index(conn, progress)
