"""Protokoll (docs/domain/justering.md, docs/domain/paragraf-numbering.md): attendance,
paragraphs with yrkanden, votes and reservationer, justering with the stored final PDF, rättelser
and the utdrag sent.

The meeting status gains ``justerat`` and ``anslaget`` (the status triggers of
migration 6 are replaced). A justerat protokoll is a public record: besides the
services' own refusals, triggers refuse any change of its content, of its meeting's
printed fields and of its ärenden, and the same for a paragraph justerad omedelbart.
Deleting the whole meeting still works (the triggers look the meeting up, and during a
cascade it is already gone); asking before that is the meetings UI's job. The meetings
service keeps offering its three statuses: only the protokoll's justering sets the
new ones.
"""

from db.migrations import run_script

LOCKED_STATUSES = "('justerat', 'anslaget')"
MEETING_MESSAGE = "Protokollet är justerat och kan inte ändras; gör en rättelse i stället."
PARAGRAPH_MESSAGE = "Paragrafen är justerad och kan inte ändras; gör en rättelse i stället."

SCHEMA = """
DROP TRIGGER sammantrade_status_insert;
DROP TRIGGER sammantrade_status_update;

CREATE TRIGGER sammantrade_status_insert BEFORE INSERT ON sammantrade
WHEN NEW.status NOT IN ('planerat', 'kallat', 'genomfört', 'justerat', 'anslaget')
BEGIN
    SELECT RAISE(ABORT, 'Okänd status för sammanträde');
END;

CREATE TRIGGER sammantrade_status_update BEFORE UPDATE OF status ON sammantrade
WHEN NEW.status NOT IN ('planerat', 'kallat', 'genomfört', 'justerat', 'anslaget')
BEGIN
    SELECT RAISE(ABORT, 'Okänd status för sammanträde');
END;

-- Per organ: days allowed for justering (reglemente; docs/domain/justering.md) and where the
-- justerat protokoll is kept (printed in the anslagsbevis).
CREATE TABLE protokollinstallning (
    organ_id        INTEGER PRIMARY KEY REFERENCES organ(id) ON DELETE CASCADE,
    justering_dagar INTEGER NOT NULL DEFAULT 14 CHECK (justering_dagar BETWEEN 1 AND 90),
    forvaringsplats TEXT NOT NULL DEFAULT ''
);

-- One per meeting once the secretary starts writing the protokoll.
CREATE TABLE protokoll (
    sammantrade_id   INTEGER PRIMARY KEY REFERENCES sammantrade(id) ON DELETE CASCADE,
    startnummer      INTEGER CHECK (startnummer IS NULL OR startnummer >= 1),
    ordforande_id    INTEGER REFERENCES person(id) ON DELETE SET NULL,
    ajournering      TEXT NOT NULL DEFAULT '',
    justering_plats  TEXT NOT NULL DEFAULT '',
    justering_datum  TEXT,
    justering_tid    TEXT NOT NULL DEFAULT '',
    forvaringsplats  TEXT NOT NULL DEFAULT '',
    anslag_datum     TEXT,
    skapad           TEXT NOT NULL
);
CREATE INDEX protokoll_ordforande ON protokoll(ordforande_id);

-- Everyone on the protokoll's first page. Names are kept as printed.
-- fran/till: arrives at / leaves after that ärende's paragraph (NULL: start / end).
CREATE TABLE narvaro (
    id             INTEGER PRIMARY KEY,
    sammantrade_id INTEGER NOT NULL REFERENCES sammantrade(id) ON DELETE CASCADE,
    person_id      INTEGER REFERENCES person(id) ON DELETE SET NULL,
    grupp          TEXT NOT NULL CHECK (grupp IN ('ledamot', 'ersättare', 'övrig')),
    roll           TEXT NOT NULL DEFAULT '',
    namn           TEXT NOT NULL,
    parti          TEXT NOT NULL DEFAULT '',
    ordning        INTEGER NOT NULL,
    narvarande     INTEGER NOT NULL DEFAULT 1 CHECK (narvarande IN (0, 1)),
    fran_arende_id INTEGER REFERENCES arende(id) ON DELETE SET NULL,
    till_arende_id INTEGER REFERENCES arende(id) ON DELETE SET NULL,
    anteckning     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX narvaro_sammantrade ON narvaro(sammantrade_id, ordning);
CREATE UNIQUE INDEX narvaro_person ON narvaro(sammantrade_id, person_id) WHERE person_id IS NOT NULL;
CREATE INDEX narvaro_person_id ON narvaro(person_id);
CREATE INDEX narvaro_fran ON narvaro(fran_arende_id);
CREATE INDEX narvaro_till ON narvaro(till_arende_id);

-- An ersättare serving for a ledamot from one paragraph to another.
CREATE TABLE tjanstgoring (
    id             INTEGER PRIMARY KEY,
    sammantrade_id INTEGER NOT NULL REFERENCES sammantrade(id) ON DELETE CASCADE,
    ersattare_id   INTEGER NOT NULL REFERENCES narvaro(id) ON DELETE CASCADE,
    for_id         INTEGER NOT NULL REFERENCES narvaro(id) ON DELETE CASCADE,
    fran_arende_id INTEGER REFERENCES arende(id) ON DELETE SET NULL,
    till_arende_id INTEGER REFERENCES arende(id) ON DELETE SET NULL
);
CREATE INDEX tjanstgoring_sammantrade ON tjanstgoring(sammantrade_id);
CREATE INDEX tjanstgoring_ersattare ON tjanstgoring(ersattare_id);
CREATE INDEX tjanstgoring_for ON tjanstgoring(for_id);
CREATE INDEX tjanstgoring_fran ON tjanstgoring(fran_arende_id);
CREATE INDEX tjanstgoring_till ON tjanstgoring(till_arende_id);

CREATE TABLE justerare (
    sammantrade_id INTEGER NOT NULL REFERENCES sammantrade(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL CHECK (position IN (1, 2)),
    narvaro_id     INTEGER NOT NULL REFERENCES narvaro(id) ON DELETE CASCADE,
    PRIMARY KEY (sammantrade_id, position)
);
CREATE INDEX justerare_narvaro ON justerare(narvaro_id);

-- A justering: the whole protokoll, or paragraphs justerade omedelbart at the meeting.
-- The PDF as it was justerat, with its SHA-256; never changed afterwards.
CREATE TABLE justering (
    id               INTEGER PRIMARY KEY,
    sammantrade_id   INTEGER NOT NULL REFERENCES sammantrade(id) ON DELETE CASCADE,
    slag             TEXT NOT NULL CHECK (slag IN ('protokoll', 'omedelbar')),
    datum            TEXT NOT NULL,
    justerat_av      TEXT NOT NULL CHECK (json_valid(justerat_av) AND json_type(justerat_av) = 'array'),
    anslag_datum     TEXT NOT NULL,
    anslag_uppsatt   TEXT,
    pdf              BLOB NOT NULL,
    sha256           TEXT NOT NULL,
    registrerad      TEXT NOT NULL
);
CREATE INDEX justering_sammantrade ON justering(sammantrade_id);
CREATE UNIQUE INDEX justering_en_per_protokoll ON justering(sammantrade_id) WHERE slag = 'protokoll';

-- One per ärende of a meeting with a protokoll (written when first saved).
-- Long texts are NK-HTML, lists JSON arrays of strings.
CREATE TABLE paragraf (
    arende_id           INTEGER PRIMARY KEY REFERENCES arende(id) ON DELETE CASCADE,
    sammantrade_id      INTEGER NOT NULL REFERENCES sammantrade(id) ON DELETE CASCADE,
    nummer              INTEGER,
    utfall              TEXT NOT NULL DEFAULT 'beslut'
        CHECK (utfall IN ('beslut', 'bordlagt', 'återremitterat', 'utgår')),
    beslut              TEXT NOT NULL DEFAULT '',
    beskrivning         TEXT NOT NULL DEFAULT '',
    beslutsunderlag     TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(beslutsunderlag) AND json_type(beslutsunderlag) = 'array'),
    propositionsordning TEXT NOT NULL DEFAULT '',
    skickas_till        TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(skickas_till) AND json_type(skickas_till) = 'array'),
    justeras_omedelbart INTEGER NOT NULL DEFAULT 0 CHECK (justeras_omedelbart IN (0, 1)),
    justering_id        INTEGER REFERENCES justering(id)
);
CREATE INDEX paragraf_sammantrade ON paragraf(sammantrade_id);
CREATE INDEX paragraf_justering ON paragraf(justering_id);

-- Yrkanden, reservationer, särskilda yttranden and protokollsanteckningar: separate
-- kinds (KL 5 kap 67 §, docs/domain/justering.md), one row per person.
CREATE TABLE anforande (
    id         INTEGER PRIMARY KEY,
    arende_id  INTEGER NOT NULL REFERENCES paragraf(arende_id) ON DELETE CASCADE,
    slag       TEXT NOT NULL
        CHECK (slag IN ('yrkande', 'reservation', 'särskilt yttrande', 'protokollsanteckning')),
    position   INTEGER NOT NULL,
    narvaro_id INTEGER REFERENCES narvaro(id) ON DELETE SET NULL,
    namn       TEXT NOT NULL,
    text       TEXT NOT NULL DEFAULT '',
    skriftlig  INTEGER NOT NULL DEFAULT 0 CHECK (skriftlig IN (0, 1))
);
CREATE INDEX anforande_arende ON anforande(arende_id, slag, position);
CREATE INDEX anforande_narvaro ON anforande(narvaro_id);

CREATE TABLE votering (
    id          INTEGER PRIMARY KEY,
    arende_id   INTEGER NOT NULL REFERENCES paragraf(arende_id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    fraga       TEXT NOT NULL DEFAULT '',
    ja_innebar  TEXT NOT NULL DEFAULT '',
    nej_innebar TEXT NOT NULL DEFAULT ''
);
CREATE INDEX votering_arende ON votering(arende_id, position);

CREATE TABLE rost (
    votering_id INTEGER NOT NULL REFERENCES votering(id) ON DELETE CASCADE,
    narvaro_id  INTEGER NOT NULL REFERENCES narvaro(id) ON DELETE CASCADE,
    rost        TEXT NOT NULL CHECK (rost IN ('ja', 'nej', 'avstår')),
    PRIMARY KEY (votering_id, narvaro_id)
);
CREATE INDEX rost_narvaro ON rost(narvaro_id);

CREATE TABLE jav (
    arende_id  INTEGER NOT NULL REFERENCES paragraf(arende_id) ON DELETE CASCADE,
    narvaro_id INTEGER NOT NULL REFERENCES narvaro(id) ON DELETE CASCADE,
    PRIMARY KEY (arende_id, narvaro_id)
);
CREATE INDEX jav_narvaro ON jav(narvaro_id);

-- Corrections after justering: dated and printed, never silent (docs/domain/justering.md).
CREATE TABLE rattelse (
    id             INTEGER PRIMARY KEY,
    sammantrade_id INTEGER NOT NULL REFERENCES sammantrade(id) ON DELETE CASCADE,
    arende_id      INTEGER REFERENCES arende(id),
    datum          TEXT NOT NULL,
    text           TEXT NOT NULL,
    gjord_av       TEXT NOT NULL,
    registrerad    TEXT NOT NULL
);
CREATE INDEX rattelse_sammantrade ON rattelse(sammantrade_id);
CREATE INDEX rattelse_arende ON rattelse(arende_id);

-- Protokollsutdrag sent to a recipient of "beslut skickas till", as sent.
CREATE TABLE utskick (
    id             INTEGER PRIMARY KEY,
    sammantrade_id INTEGER NOT NULL REFERENCES sammantrade(id) ON DELETE CASCADE,
    mottagare      TEXT NOT NULL,
    arende_ids     TEXT NOT NULL CHECK (json_valid(arende_ids) AND json_type(arende_ids) = 'array'),
    paragrafer     TEXT NOT NULL,
    datum          TEXT NOT NULL,
    bestyrkt_av    TEXT NOT NULL,
    pdf            BLOB NOT NULL,
    sha256         TEXT NOT NULL,
    skapad         TEXT NOT NULL
);
CREATE INDEX utskick_sammantrade ON utskick(sammantrade_id);

CREATE TRIGGER justering_oforanderlig BEFORE UPDATE ON justering
WHEN NEW.pdf IS NOT OLD.pdf OR NEW.sha256 IS NOT OLD.sha256 OR NEW.datum IS NOT OLD.datum
    OR NEW.justerat_av IS NOT OLD.justerat_av OR NEW.anslag_datum IS NOT OLD.anslag_datum
    OR NEW.slag IS NOT OLD.slag OR NEW.sammantrade_id IS NOT OLD.sammantrade_id
    OR (OLD.anslag_uppsatt IS NOT NULL AND NEW.anslag_uppsatt IS NOT OLD.anslag_uppsatt)
BEGIN
    SELECT RAISE(ABORT, 'En justering kan inte ändras i efterhand; gör en rättelse i stället.');
END;

CREATE TRIGGER justering_kvar BEFORE DELETE ON justering
WHEN EXISTS (SELECT 1 FROM sammantrade WHERE id = OLD.sammantrade_id)
BEGIN
    SELECT RAISE(ABORT, 'En justering kan inte tas bort; gör en rättelse i stället.');
END;

CREATE TRIGGER rattelse_oforanderlig BEFORE UPDATE ON rattelse
BEGIN
    SELECT RAISE(ABORT, 'En rättelse kan inte ändras; gör en ny rättelse.');
END;

CREATE TRIGGER rattelse_kvar BEFORE DELETE ON rattelse
WHEN EXISTS (SELECT 1 FROM sammantrade WHERE id = OLD.sammantrade_id)
BEGIN
    SELECT RAISE(ABORT, 'En rättelse kan inte tas bort; gör en ny rättelse.');
END;

-- A justerat meeting keeps its printed fields and cannot go back to an open status.
CREATE TRIGGER sammantrade_justerat BEFORE UPDATE ON sammantrade
WHEN OLD.status IN ('justerat', 'anslaget') AND (
    NEW.organ_id IS NOT OLD.organ_id OR NEW.datum IS NOT OLD.datum OR NEW.starttid IS NOT OLD.starttid
    OR NEW.sluttid IS NOT OLD.sluttid OR NEW.plats IS NOT OLD.plats
    OR NEW.status NOT IN ('justerat', 'anslaget'))
BEGIN
    SELECT RAISE(ABORT, '{meeting_message}');
END;
"""

#: Columns of arende printed in the protokoll (FK columns set to NULL by deletes of
#: people or förvaltningar elsewhere are left out on purpose).
ARENDE_COLUMNS = ("sammantrade_id", "position", "rubrik", "dnr", "typ", "extra")
#: Tables whose rows belong to a meeting, and the columns that may still change when
#: the meeting is justerat (a person deleted from the register: the printed name stays).
MEETING_TABLES = {
    "protokoll": ("ordforande_id",),
    "narvaro": ("person_id",),
    "tjanstgoring": (),
    "justerare": (),
    "paragraf": (),
}
#: Tables whose rows belong to one paragraph (by arende_id), with their free columns.
PARAGRAPH_TABLES = {
    "anforande": ("narvaro_id",),
    "votering": (),
    "jav": (),
}


def _meeting_locked(ref: str) -> str:
    return f"EXISTS (SELECT 1 FROM sammantrade WHERE id = {ref} AND status IN {LOCKED_STATUSES})"


def _paragraph_locked(arende_ref: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM paragraf p JOIN sammantrade s ON s.id = p.sammantrade_id "
        f"WHERE p.arende_id = {arende_ref} AND (p.justering_id IS NOT NULL "
        f"OR s.status IN {LOCKED_STATUSES}))"
    )


def _trigger(name: str, when: str, table: str, condition: str, message: str) -> str:
    return (
        f"CREATE TRIGGER {name} BEFORE {when} ON {table}\nWHEN {condition}\nBEGIN\n"
        f"    SELECT RAISE(ABORT, '{message}');\nEND;\n"
    )


def _changed(conn, table: str, free: tuple[str, ...]) -> str:
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in free]
    return "(" + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns) + ")"


def lock_triggers(conn) -> str:
    out = []
    # The ärenden themselves: title, Dnr and order are printed in the protokoll.
    changed = "(" + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in ARENDE_COLUMNS) + ")"
    out.append(
        _trigger(
            "arende_las_insert", "INSERT", "arende", _meeting_locked("NEW.sammantrade_id"), MEETING_MESSAGE
        )
    )
    out.append(
        _trigger(
            "arende_las_delete", "DELETE", "arende", _meeting_locked("OLD.sammantrade_id"), MEETING_MESSAGE
        )
    )
    out.append(
        _trigger(
            "arende_las_update",
            "UPDATE",
            "arende",
            f"{changed} AND {_meeting_locked('OLD.sammantrade_id')}",
            MEETING_MESSAGE,
        )
    )
    out.append(
        _trigger(
            "arende_las_paragraf",
            "UPDATE",
            "arende",
            "(NEW.rubrik IS NOT OLD.rubrik OR NEW.dnr IS NOT OLD.dnr OR NEW.typ IS NOT OLD.typ) "
            "AND EXISTS (SELECT 1 FROM paragraf WHERE arende_id = OLD.id AND justering_id IS NOT NULL)",
            PARAGRAPH_MESSAGE,
        )
    )
    out.append(
        _trigger(
            "arende_las_paragraf_delete",
            "DELETE",
            "arende",
            "EXISTS (SELECT 1 FROM paragraf p JOIN sammantrade s ON s.id = p.sammantrade_id "
            "WHERE p.arende_id = OLD.id AND p.justering_id IS NOT NULL)",
            PARAGRAPH_MESSAGE,
        )
    )
    for table, free in MEETING_TABLES.items():
        out.append(
            _trigger(
                f"{table}_las_insert", "INSERT", table, _meeting_locked("NEW.sammantrade_id"), MEETING_MESSAGE
            )
        )
        out.append(
            _trigger(
                f"{table}_las_delete", "DELETE", table, _meeting_locked("OLD.sammantrade_id"), MEETING_MESSAGE
            )
        )
        out.append(
            _trigger(
                f"{table}_las_update",
                "UPDATE",
                table,
                f"{_changed(conn, table, free)} AND {_meeting_locked('OLD.sammantrade_id')}",
                MEETING_MESSAGE,
            )
        )
    # A paragraph justerad omedelbart is locked on its own; setting its nummer and
    # justering_id (NULL → value) is how it gets locked.
    out.append(
        _trigger(
            "paragraf_las_omedelbar", "UPDATE", "paragraf", "OLD.justering_id IS NOT NULL", PARAGRAPH_MESSAGE
        )
    )
    # Deleting the meeting or the ärende (both refused above while they exist) cascades
    # here after they are gone; only a direct delete is refused.
    out.append(
        _trigger(
            "paragraf_las_omedelbar_delete",
            "DELETE",
            "paragraf",
            "OLD.justering_id IS NOT NULL AND EXISTS (SELECT 1 FROM sammantrade WHERE id = "
            "OLD.sammantrade_id) AND EXISTS (SELECT 1 FROM arende WHERE id = OLD.arende_id)",
            PARAGRAPH_MESSAGE,
        )
    )
    for table, free in PARAGRAPH_TABLES.items():
        out.append(
            _trigger(
                f"{table}_las_insert", "INSERT", table, _paragraph_locked("NEW.arende_id"), PARAGRAPH_MESSAGE
            )
        )
        out.append(
            _trigger(
                f"{table}_las_delete", "DELETE", table, _paragraph_locked("OLD.arende_id"), PARAGRAPH_MESSAGE
            )
        )
        out.append(
            _trigger(
                f"{table}_las_update",
                "UPDATE",
                table,
                f"{_changed(conn, table, free)} AND {_paragraph_locked('OLD.arende_id')}",
                PARAGRAPH_MESSAGE,
            )
        )
    vote_arende = "(SELECT arende_id FROM votering WHERE id = {ref})"
    out.append(
        _trigger(
            "rost_las_insert",
            "INSERT",
            "rost",
            _paragraph_locked(vote_arende.format(ref="NEW.votering_id")),
            PARAGRAPH_MESSAGE,
        )
    )
    out.append(
        _trigger(
            "rost_las_delete",
            "DELETE",
            "rost",
            _paragraph_locked(vote_arende.format(ref="OLD.votering_id")),
            PARAGRAPH_MESSAGE,
        )
    )
    out.append(
        _trigger(
            "rost_las_update",
            "UPDATE",
            "rost",
            f"{_changed(conn, 'rost', ())} AND "
            + _paragraph_locked(vote_arende.format(ref="OLD.votering_id")),
            PARAGRAPH_MESSAGE,
        )
    )
    return "\n".join(out)


def up(conn):
    run_script(conn, SCHEMA.replace("{meeting_message}", MEETING_MESSAGE))
    run_script(conn, lock_triggers(conn))
