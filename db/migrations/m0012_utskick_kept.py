"""Protokollsutdrag as sent are kept (docs/domain/justering.md, "Checking a stored
document").

Migration 8 records every utdrag sent (table ``utskick``: recipient, §§, the PDF and its
SHA-256) but, unlike the justering and the sent kallelse, let a row be changed or
deleted. An utdrag sent is a public record that anyone holding a copy can check against
its SHA-256 (``namndkansli verifiera``), so the database refuses both now. Deleting the
meeting is refused already while it has a justering (migration 9); the delete trigger
looks the meeting up, as ``justering_kvar`` does, so a cascade after it is gone passes.
"""

from db.migrations import run_script

SCHEMA = """
CREATE TRIGGER utskick_oforanderlig BEFORE UPDATE ON utskick
BEGIN
    SELECT RAISE(ABORT, 'Ett skickat protokollsutdrag kan inte ändras; skicka ett nytt utdrag i stället.');
END;

CREATE TRIGGER utskick_kvar BEFORE DELETE ON utskick
WHEN EXISTS (SELECT 1 FROM sammantrade WHERE id = OLD.sammantrade_id)
BEGIN
    SELECT RAISE(ABORT, 'Ett skickat protokollsutdrag kan inte tas bort; det är en allmän handling.');
END;
"""


def up(conn):
    run_script(conn, SCHEMA)
