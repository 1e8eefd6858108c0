"""Migration: the meeting where a delegationsbeslut or meddelande is reported now
references the sammanträde table (added in migration 6); deleting a meeting releases
its entries so they are listed at the next one.

SQLite cannot add a foreign key to an existing column, so the two tables are rebuilt
from their own stored definitions with the reference added, keeping every row and id.
"""

COLUMN = "anmald_sammantrade_id INTEGER,"
WITH_REFERENCE = "anmald_sammantrade_id INTEGER REFERENCES sammantrade(id) ON DELETE SET NULL,"


def _rebuild(conn, table: str) -> None:
    create = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                          [table]).fetchone()[0]
    if COLUMN not in create:
        raise RuntimeError(f"{table}: unexpected definition, column {COLUMN!r} not found")
    indexes = [r[0] for r in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", [table])]
    conn.execute(f"UPDATE {table} SET anmald_sammantrade_id = NULL WHERE anmald_sammantrade_id IS NOT NULL "
                 "AND anmald_sammantrade_id NOT IN (SELECT id FROM sammantrade)")
    new = f"{table}_ny"
    definition = create.replace(COLUMN, WITH_REFERENCE, 1)
    conn.execute(definition.replace(f"CREATE TABLE {table}", f"CREATE TABLE {new}", 1))
    conn.execute(f"INSERT INTO {new} SELECT * FROM {table}")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE {new} RENAME TO {table}")
    for sql in indexes:
        conn.execute(sql)


def up(conn):
    for table in ("delegationsbeslut", "meddelande"):
        _rebuild(conn, table)
