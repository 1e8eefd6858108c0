"""Public records are kept (docs/domain/justering.md, "What is kept").

A justerat protokoll, an anslag, a register entry reported at a justerat meeting and an
adopted plan are public records (allmänna handlingar). Migration 8 refused changing a
justerat protokoll but let deleting its meeting, organ, nämnd or people take it along
in a cascade. This migration:

* refuses, BEFORE the delete, deleting a nämnd, organ, meeting, person, förvaltning,
  delegation category or delegationsordning point that such a record refers to — a
  BEFORE DELETE trigger aborts the statement before any cascade starts, and the
  triggers on the tables in between (organ, sammantrade) stop a cascade started higher
  up as well;
* adds ``avslutad`` (the last day, ÅÅÅÅ-MM-DD) to nämnd, organ and uppdrag: ending
  instead of deleting;
* closes the lock gaps: every column of an ärende (but ``kopierad_fran``, which a
  delete elsewhere sets to NULL and is never printed), its signers and bilagor at a
  justerat/anslaget meeting, the whole närvaro and protokoll rows (their person columns
  were left free only so that deleting a person worked; that is now refused), register
  entries reported at such a meeting, and the decisions of an ej-verkställda report
  given at one (``ej_verkstallt_anmalan`` records which they were).

Trigger messages are fixed Swedish texts (SQLite's RAISE takes no expression); the
services check first and name what holds the record (app/public_records.py).
"""

from db.migrations import run_script

LOCKED_STATUSES = "('justerat', 'anslaget')"
MEETING_MESSAGE = "Protokollet är justerat och kan inte ändras; gör en rättelse i stället."
ENTRY_MESSAGE = ("Posten är anmäld vid ett sammanträde vars protokoll är justerat; den kan inte ändras "
                 "eller tas bort.")
EVB_MESSAGE = ("Beslutet är redovisat i en rapport till ett sammanträde vars protokoll är justerat; "
               "insats, lag, beslutsdatum och kön kan inte ändras och beslutet kan inte tas bort.")

DATE_CHECK = "CHECK (avslutad IS NULL OR avslutad GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')"


def locked_meeting(ref: str) -> str:
    """The meeting ``ref`` has a justerat (or anslaget) protokoll."""
    return f"EXISTS (SELECT 1 FROM sammantrade WHERE id = {ref} AND status IN {LOCKED_STATUSES})"


def _public_meeting_where(condition: str) -> str:
    """A meeting matching ``condition`` has a public record: a justerat protokoll or a
    justering of its own (paragraphs justerade omedelbart, with their anslag)."""
    return (f"EXISTS (SELECT 1 FROM sammantrade s WHERE {condition} AND (s.status IN {LOCKED_STATUSES} "
            f"OR EXISTS (SELECT 1 FROM justering j WHERE j.sammantrade_id = s.id)))")


def _reported(table: str, condition: str) -> str:
    """A row of register ``table`` matching ``condition`` is reported at a justerat meeting."""
    return (f"EXISTS (SELECT 1 FROM {table} e JOIN sammantrade s ON s.id = e.anmald_sammantrade_id "
            f"WHERE {condition} AND s.status IN {LOCKED_STATUSES})")


def _evb_reported(condition: str) -> str:
    return ("EXISTS (SELECT 1 FROM ej_verkstallt_anmalan r JOIN arende a ON a.id = r.arende_id "
            f"JOIN sammantrade s ON s.id = a.sammantrade_id WHERE {condition} "
            f"AND s.status IN {LOCKED_STATUSES})")


def _trigger(name: str, when: str, table: str, condition: str, message: str) -> str:
    return (f"CREATE TRIGGER {name} BEFORE {when} ON {table}\nWHEN {condition}\nBEGIN\n"
            f"    SELECT RAISE(ABORT, '{message}');\nEND;\n")


def _changed(conn, table: str, free: tuple[str, ...] = ()) -> str:
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in free]
    return "(" + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns) + ")"


SCHEMA = f"""
ALTER TABLE namnd ADD COLUMN avslutad TEXT {DATE_CHECK};
ALTER TABLE organ ADD COLUMN avslutad TEXT {DATE_CHECK};
ALTER TABLE uppdrag ADD COLUMN avslutad TEXT {DATE_CHECK};

-- Which decisions an ej-verkställda report put on a meeting's agenda was about
-- (docs/domain/registers.md); rewritten with the report until the protokoll is justerat.
CREATE TABLE ej_verkstallt_anmalan (
    beslut_id INTEGER NOT NULL REFERENCES ej_verkstallt_beslut(id) ON DELETE CASCADE,
    arende_id INTEGER NOT NULL REFERENCES arende(id) ON DELETE CASCADE,
    PRIMARY KEY (beslut_id, arende_id)
);
CREATE INDEX ej_verkstallt_anmalan_arende ON ej_verkstallt_anmalan(arende_id);
"""


def delete_triggers() -> str:
    """Parents of public records: refused before the delete, so no cascade starts."""
    meeting_of_organ = "s.organ_id = {ref}"
    namnd_meetings = "s.organ_id IN (SELECT id FROM organ WHERE namnd_id = {ref})"
    out = [
        _trigger("sammantrade_offentlig_delete", "DELETE", "sammantrade",
                 f"OLD.status IN {LOCKED_STATUSES} OR EXISTS (SELECT 1 FROM justering WHERE "
                 "sammantrade_id = OLD.id)",
                 "Sammanträdet kan inte tas bort: dess protokoll, eller paragrafer i det, är justerade "
                 "och tillkännagivna. Det är en allmän handling som ska finnas kvar."),
        _trigger("organ_offentlig_delete", "DELETE", "organ",
                 _public_meeting_where(meeting_of_organ.format(ref="OLD.id")),
                 "Organet kan inte tas bort: det har sammanträden med justerade protokoll. Avsluta "
                 "organet i stället; då finns protokollen kvar."),
        _trigger("namnd_offentlig_delete", "DELETE", "namnd",
                 " OR ".join((
                     _public_meeting_where(namnd_meetings.format(ref="OLD.id")),
                     _reported("delegationsbeslut", "e.namnd_id = OLD.id"),
                     _reported("meddelande", "e.namnd_id = OLD.id"),
                     _evb_reported("r.beslut_id IN (SELECT id FROM ej_verkstallt_beslut WHERE "
                                   "namnd_id = OLD.id)"),
                     "EXISTS (SELECT 1 FROM verksamhetsplan WHERE namnd_id = OLD.id AND status = 'antagen')",
                 )),
                 "Nämnden kan inte tas bort: den har justerade protokoll, registerposter anmälda vid "
                 "justerade sammanträden eller antagna verksamhetsplaner. Avsluta nämnden i stället; "
                 "då finns allt kvar."),
        _trigger("person_offentlig_delete", "DELETE", "person",
                 " OR ".join((
                     _public_meeting_where("s.id IN (SELECT sammantrade_id FROM narvaro WHERE "
                                           "person_id = OLD.id)"),
                     _public_meeting_where("s.id IN (SELECT sammantrade_id FROM protokoll WHERE "
                                           "ordforande_id = OLD.id)"),
                     _public_meeting_where("s.sekreterare_id = OLD.id"),
                     _public_meeting_where("s.id IN (SELECT a.sammantrade_id FROM arende a WHERE "
                                           "a.handlaggare_id = OLD.id OR a.id IN (SELECT arende_id FROM "
                                           "undertecknare WHERE person_id = OLD.id))"),
                     _reported("delegationsbeslut", "e.delegat_person_id = OLD.id"),
                 )),
                 "Personen kan inte tas bort: personen finns i justerade protokoll, på ärenden vid "
                 "justerade sammanträden eller i anmälda delegationsbeslut. Avsluta personens uppdrag "
                 "i stället."),
        _trigger("forvaltning_offentlig_delete", "DELETE", "forvaltning",
                 "EXISTS (SELECT 1 FROM arende a JOIN sammantrade s ON s.id = a.sammantrade_id WHERE "
                 f"a.forvaltning_id = OLD.id AND s.status IN {LOCKED_STATUSES})",
                 "Förvaltningen kan inte tas bort: den står på ärenden vid sammanträden med justerade "
                 "protokoll."),
        _trigger("delegationskategori_offentlig_delete", "DELETE", "delegationskategori",
                 _reported("delegationsbeslut", "e.kategori_id = OLD.id"),
                 "Kategorin kan inte tas bort: den har delegationsbeslut som anmälts vid sammanträden "
                 "med justerade protokoll."),
        _trigger("delegationspunkt_offentlig_delete", "DELETE", "delegationspunkt",
                 _reported("delegationsbeslut", "e.punkt_id = OLD.id"),
                 "Punkten i delegationsordningen kan inte tas bort: delegationsbeslut som anmälts vid "
                 "sammanträden med justerade protokoll hänvisar till den."),
    ]
    return "\n".join(out)


def lock_triggers(conn) -> str:
    """What a justerat protokoll's meeting holds, whole: ärenden, signers, bilagor,
    närvaro, the protokoll row, reported register entries."""
    arende_meeting = "(SELECT sammantrade_id FROM arende WHERE id = {ref})"
    out = [
        "DROP TRIGGER arende_las_update;",
        _trigger("arende_las_update", "UPDATE", "arende",
                 f"{_changed(conn, 'arende', ('kopierad_fran',))} AND {locked_meeting('OLD.sammantrade_id')}",
                 MEETING_MESSAGE),
    ]
    for table in ("undertecknare", "bilaga"):
        old = locked_meeting(arende_meeting.format(ref="OLD.arende_id"))
        new = locked_meeting(arende_meeting.format(ref="NEW.arende_id"))
        out += [
            _trigger(f"{table}_las_insert", "INSERT", table, new, MEETING_MESSAGE),
            _trigger(f"{table}_las_delete", "DELETE", table, old, MEETING_MESSAGE),
            _trigger(f"{table}_las_update", "UPDATE", table, f"{_changed(conn, table)} AND ({old} OR {new})",
                     MEETING_MESSAGE),
        ]
    out.append(_trigger(
        "bilagefil_las_update", "UPDATE", "bilagefil",
        "EXISTS (SELECT 1 FROM bilaga b JOIN arende a ON a.id = b.arende_id JOIN sammantrade s "
        f"ON s.id = a.sammantrade_id WHERE b.fil_id = OLD.id AND s.status IN {LOCKED_STATUSES})",
        MEETING_MESSAGE))
    for table in ("protokoll", "narvaro"):
        out += [
            f"DROP TRIGGER {table}_las_update;",
            _trigger(f"{table}_las_update", "UPDATE", table,
                     f"{_changed(conn, table)} AND {locked_meeting('OLD.sammantrade_id')}", MEETING_MESSAGE),
        ]
    for table in ("delegationsbeslut", "meddelande"):
        out += [
            _trigger(f"{table}_las_insert", "INSERT", table, locked_meeting("NEW.anmald_sammantrade_id"),
                     ENTRY_MESSAGE),
            _trigger(f"{table}_las_delete", "DELETE", table, locked_meeting("OLD.anmald_sammantrade_id"),
                     ENTRY_MESSAGE),
            _trigger(f"{table}_las_update", "UPDATE", table,
                     f"{_changed(conn, table)} AND ({locked_meeting('OLD.anmald_sammantrade_id')} "
                     f"OR {locked_meeting('NEW.anmald_sammantrade_id')})", ENTRY_MESSAGE),
        ]
    # An ej verkställt beslut stays open after a report: the law wants it reported every
    # quarter until it is carried out, so what happens to it later (offers, reason,
    # avbrott, verkställt, avslutat) is still written. What identifies the decision is not.
    evb_fixed = ("namnd_id", "insats", "lag", "beslutsdatum", "kon", "skapad")
    fixed_changed = "(" + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in evb_fixed) + ")"
    out += [
        _trigger("ej_verkstallt_beslut_las_update", "UPDATE", "ej_verkstallt_beslut",
                 f"{fixed_changed} AND {_evb_reported('r.beslut_id = OLD.id')}", EVB_MESSAGE),
        _trigger("ej_verkstallt_beslut_las_delete", "DELETE", "ej_verkstallt_beslut",
                 _evb_reported("r.beslut_id = OLD.id"), EVB_MESSAGE),
        _trigger("ej_verkstallt_anmalan_las_insert", "INSERT", "ej_verkstallt_anmalan",
                 locked_meeting(arende_meeting.format(ref="NEW.arende_id")), MEETING_MESSAGE),
        _trigger("ej_verkstallt_anmalan_las_delete", "DELETE", "ej_verkstallt_anmalan",
                 locked_meeting(arende_meeting.format(ref="OLD.arende_id")), MEETING_MESSAGE),
        _trigger("ej_verkstallt_anmalan_las_update", "UPDATE", "ej_verkstallt_anmalan",
                 f"{locked_meeting(arende_meeting.format(ref='OLD.arende_id'))} OR "
                 f"{locked_meeting(arende_meeting.format(ref='NEW.arende_id'))}", MEETING_MESSAGE),
    ]
    return "\n".join(out)


def up(conn):
    run_script(conn, SCHEMA)
    run_script(conn, delete_triggers())
    run_script(conn, lock_triggers(conn))
