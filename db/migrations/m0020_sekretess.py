"""Sekretess per paragraf and per ärende (offentlighets- och sekretesslagen).

A paragraf, or a whole ärende, can be marked as covered by sekretess with its ground
(``sekretess_grund``, e.g. "OSL 26 kap. 1 §"). The full protokoll keeps everything; the
copies for others (the web copy, utdrag to other recipients) show only the § number,
the municipality's public rubrik (setting ``sekretess_rubrik`` in ``installning``) and
"Sekretess enligt …" (app/protokoll/sekretess.py).

The marking may change until justering. Migration 9's lock triggers on ``paragraf`` and
``arende`` list the columns that existed then, so these triggers refuse changing the new
columns of a justerat protokoll, or of a paragraf justerad omedelbart, with the same
message: the marking is part of the public record.
"""

from db.migrations import run_script

LOCKED_STATUSES = "('justerat', 'anslaget')"
MEETING_MESSAGE = "Protokollet är justerat och kan inte ändras; gör en rättelse i stället."
PARAGRAPH_MESSAGE = "Paragrafen är justerad och kan inte ändras; gör en rättelse i stället."

SCHEMA = f"""
ALTER TABLE paragraf ADD COLUMN sekretess INTEGER NOT NULL DEFAULT 0 CHECK (sekretess IN (0, 1));
ALTER TABLE paragraf ADD COLUMN sekretess_grund TEXT NOT NULL DEFAULT '';
ALTER TABLE arende ADD COLUMN sekretess INTEGER NOT NULL DEFAULT 0 CHECK (sekretess IN (0, 1));
ALTER TABLE arende ADD COLUMN sekretess_grund TEXT NOT NULL DEFAULT '';

CREATE TRIGGER paragraf_sekretess_las_meeting BEFORE UPDATE OF sekretess, sekretess_grund ON paragraf
WHEN (NEW.sekretess IS NOT OLD.sekretess OR NEW.sekretess_grund IS NOT OLD.sekretess_grund)
    AND EXISTS (SELECT 1 FROM sammantrade WHERE id = OLD.sammantrade_id AND status IN {LOCKED_STATUSES})
BEGIN
    SELECT RAISE(ABORT, '{MEETING_MESSAGE}');
END;

CREATE TRIGGER paragraf_sekretess_las_omedelbar BEFORE UPDATE OF sekretess, sekretess_grund ON paragraf
WHEN (NEW.sekretess IS NOT OLD.sekretess OR NEW.sekretess_grund IS NOT OLD.sekretess_grund)
    AND OLD.justering_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, '{PARAGRAPH_MESSAGE}');
END;

CREATE TRIGGER arende_sekretess_las BEFORE UPDATE OF sekretess, sekretess_grund ON arende
WHEN (NEW.sekretess IS NOT OLD.sekretess OR NEW.sekretess_grund IS NOT OLD.sekretess_grund)
    AND (EXISTS (SELECT 1 FROM sammantrade WHERE id = OLD.sammantrade_id AND status IN {LOCKED_STATUSES})
         OR EXISTS (SELECT 1 FROM paragraf WHERE arende_id = OLD.id AND justering_id IS NOT NULL))
BEGIN
    SELECT RAISE(ABORT, '{PARAGRAPH_MESSAGE}');
END;
"""


def up(conn):
    run_script(conn, SCHEMA)
