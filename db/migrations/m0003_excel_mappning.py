"""Migration 3: column mappings the user chose for Excel imports, per source."""

from db.migrations import run_script

SCHEMA = """
-- typ: what is imported (delegationsbeslut, meddelanden, …); kalla: sheet name plus the
-- file's exact headings, so next month's export of the same report maps itself.
CREATE TABLE excel_mappning (
    typ      TEXT NOT NULL,
    kalla    TEXT NOT NULL,
    rubriker TEXT NOT NULL,
    mappning TEXT NOT NULL,  -- JSON {"kolumnindex": "fält"}
    andrad   TEXT NOT NULL,
    PRIMARY KEY (typ, kalla)
);
CREATE INDEX excel_mappning_rubriker ON excel_mappning(typ, rubriker);
"""


def up(conn):
    run_script(conn, SCHEMA)
