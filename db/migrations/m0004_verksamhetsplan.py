"""Verksamhetsplan: plan, goal tree, tables and follow-up (docs/domain/plans.md).

Values (ingångsvärde, målvärde, utfall) are stored exactly as typed; their meaning is
parsed by app/plan/values.py when read, so nothing derived can go stale here.
"""

from db.migrations import run_script

SCHEMA = """
CREATE TABLE verksamhetsplan (
    id                  INTEGER PRIMARY KEY,
    namnd_id            INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    titel               TEXT NOT NULL,
    forsta_ar           INTEGER NOT NULL CHECK (forsta_ar BETWEEN 1990 AND 2200),
    antal_ar            INTEGER NOT NULL DEFAULT 3 CHECK (antal_ar BETWEEN 1 AND 6),
    status              TEXT NOT NULL DEFAULT 'utkast' CHECK (status IN ('utkast', 'antagen')),
    antagen_datum       TEXT,
    -- The § as printed ("§ 59", "§ VON.2022.55"); the id links to the protocol's
    -- paragraph once meetings are kept in the program (no FK: that table comes later).
    antagen_paragraf    TEXT NOT NULL DEFAULT '',
    antagen_paragraf_id INTEGER,
    kopierad_fran_id    INTEGER REFERENCES verksamhetsplan(id) ON DELETE SET NULL,
    skapad              TEXT NOT NULL
);
CREATE INDEX verksamhetsplan_namnd ON verksamhetsplan(namnd_id);

-- Rich-text sections (Markdown subset, app/plan/markup.py). placering says where the
-- section is printed: before/after everything, or as the introduction of a table part.
CREATE TABLE plan_avsnitt (
    id        INTEGER PRIMARY KEY,
    plan_id   INTEGER NOT NULL REFERENCES verksamhetsplan(id) ON DELETE CASCADE,
    placering TEXT NOT NULL DEFAULT 'inledning' CHECK (placering IN
        ('inledning', 'mal', 'ovriga', 'nyckeltal', 'forandring', 'uppdrag', 'risk', 'avslutning')),
    ordning   INTEGER NOT NULL DEFAULT 0,
    rubrik    TEXT NOT NULL DEFAULT '',
    niva      INTEGER NOT NULL DEFAULT 1 CHECK (niva IN (1, 2)),
    text      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_avsnitt_plan ON plan_avsnitt(plan_id);

CREATE TABLE malomrade (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES verksamhetsplan(id) ON DELETE CASCADE,
    ordning     INTEGER NOT NULL DEFAULT 0,
    namn        TEXT NOT NULL,
    beskrivning TEXT NOT NULL DEFAULT '',
    betyder     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX malomrade_plan ON malomrade(plan_id);

CREATE TABLE kf_mal (
    id               INTEGER PRIMARY KEY,
    malomrade_id     INTEGER NOT NULL REFERENCES malomrade(id) ON DELETE CASCADE,
    ordning          INTEGER NOT NULL DEFAULT 0,
    text             TEXT NOT NULL,
    uppfoljning      TEXT NOT NULL DEFAULT '' CHECK (uppfoljning IN ('', 'D/B', 'B', 'D')),
    ansvariga        TEXT NOT NULL DEFAULT '',
    agenda2030       TEXT NOT NULL DEFAULT '',
    kopierad_fran_id INTEGER REFERENCES kf_mal(id) ON DELETE SET NULL
);
CREATE INDEX kf_mal_malomrade ON kf_mal(malomrade_id);

-- A nämndmål sits under a KF-mål, directly under a målområde, or (both NULL) among
-- "Övriga nämndmål".
CREATE TABLE namndmal (
    id               INTEGER PRIMARY KEY,
    plan_id          INTEGER NOT NULL REFERENCES verksamhetsplan(id) ON DELETE CASCADE,
    malomrade_id     INTEGER REFERENCES malomrade(id) ON DELETE CASCADE,
    kf_mal_id        INTEGER REFERENCES kf_mal(id) ON DELETE CASCADE,
    ordning          INTEGER NOT NULL DEFAULT 0,
    text             TEXT NOT NULL,
    ansvarig         TEXT NOT NULL DEFAULT '',
    syfte            TEXT NOT NULL DEFAULT '',
    agenda2030       TEXT NOT NULL DEFAULT '',
    kopierad_fran_id INTEGER REFERENCES namndmal(id) ON DELETE SET NULL,
    CHECK (kf_mal_id IS NULL OR malomrade_id IS NOT NULL)
);
CREATE INDEX namndmal_plan ON namndmal(plan_id);
CREATE INDEX namndmal_kf_mal ON namndmal(kf_mal_id);
CREATE INDEX namndmal_malomrade ON namndmal(malomrade_id);

CREATE TABLE matt (
    id               INTEGER PRIMARY KEY,
    namndmal_id      INTEGER NOT NULL REFERENCES namndmal(id) ON DELETE CASCADE,
    ordning          INTEGER NOT NULL DEFAULT 0,
    text             TEXT NOT NULL,
    datakalla        TEXT NOT NULL DEFAULT '',
    kolada_id        TEXT NOT NULL DEFAULT '',
    ingangsvarde     TEXT NOT NULL DEFAULT '',
    kopierad_fran_id INTEGER REFERENCES matt(id) ON DELETE SET NULL
);
CREATE INDEX matt_namndmal ON matt(namndmal_id);

CREATE TABLE malvarde (
    matt_id INTEGER NOT NULL REFERENCES matt(id) ON DELETE CASCADE,
    ar      INTEGER NOT NULL,
    varde   TEXT NOT NULL,
    PRIMARY KEY (matt_id, ar)
);

-- Footnotes explain values marked *, **, *** in one table of the plan: a målområde's
-- goal table, Övriga nämndmål, nyckeltal or förändringsbeskrivning.
CREATE TABLE plan_fotnot (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES verksamhetsplan(id) ON DELETE CASCADE,
    tabell       TEXT NOT NULL DEFAULT 'mal'
        CHECK (tabell IN ('mal', 'ovriga', 'nyckeltal', 'forandring')),
    malomrade_id INTEGER REFERENCES malomrade(id) ON DELETE CASCADE,
    ordning      INTEGER NOT NULL DEFAULT 0,
    markering    TEXT NOT NULL,
    text         TEXT NOT NULL,
    CHECK ((tabell = 'mal') = (malomrade_id IS NOT NULL))
);
CREATE INDEX plan_fotnot_plan ON plan_fotnot(plan_id);

CREATE TABLE plan_nyckeltal (
    id                   INTEGER PRIMARY KEY,
    plan_id              INTEGER NOT NULL REFERENCES verksamhetsplan(id) ON DELETE CASCADE,
    ordning              INTEGER NOT NULL DEFAULT 0,
    matt                 TEXT NOT NULL,
    syfte                TEXT NOT NULL DEFAULT '',
    datakalla            TEXT NOT NULL DEFAULT '',
    jamforelsevarde      TEXT NOT NULL DEFAULT '',
    uppfoljningstillfalle TEXT NOT NULL DEFAULT '',
    ansvarig             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_nyckeltal_plan ON plan_nyckeltal(plan_id);

CREATE TABLE plan_forandring (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES verksamhetsplan(id) ON DELETE CASCADE,
    ordning     INTEGER NOT NULL DEFAULT 0,
    forvaltning TEXT NOT NULL DEFAULT '',
    vad         TEXT NOT NULL,
    syfte       TEXT NOT NULL DEFAULT '',
    effekt      TEXT NOT NULL DEFAULT '',
    tidplan     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_forandring_plan ON plan_forandring(plan_id);

-- Handlingsplan activity under a nämndmål.
CREATE TABLE plan_aktivitet (
    id          INTEGER PRIMARY KEY,
    namndmal_id INTEGER NOT NULL REFERENCES namndmal(id) ON DELETE CASCADE,
    ordning     INTEGER NOT NULL DEFAULT 0,
    vad         TEXT NOT NULL,
    varfor      TEXT NOT NULL DEFAULT '',
    vem         TEXT NOT NULL DEFAULT '',
    nar         TEXT NOT NULL DEFAULT '',
    uppfoljning TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_aktivitet_namndmal ON plan_aktivitet(namndmal_id);

CREATE TABLE sarskilt_uppdrag (
    id        INTEGER PRIMARY KEY,
    plan_id   INTEGER NOT NULL REFERENCES verksamhetsplan(id) ON DELETE CASCADE,
    ordning   INTEGER NOT NULL DEFAULT 0,
    rubrik    TEXT NOT NULL,
    text      TEXT NOT NULL DEFAULT '',
    slutdatum TEXT,
    status    TEXT NOT NULL DEFAULT 'ej påbörjat'
        CHECK (status IN ('ej påbörjat', 'pågår', 'genomfört', 'avbrutet')),
    kommentar TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sarskilt_uppdrag_plan ON sarskilt_uppdrag(plan_id);

-- Riskvärde RV = S × K is computed when read, never stored.
CREATE TABLE plan_risk (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES verksamhetsplan(id) ON DELETE CASCADE,
    ordning      INTEGER NOT NULL DEFAULT 0,
    risk         TEXT NOT NULL,
    sannolikhet  INTEGER NOT NULL CHECK (sannolikhet BETWEEN 1 AND 5),
    konsekvens   INTEGER NOT NULL CHECK (konsekvens BETWEEN 1 AND 5),
    atgard       TEXT NOT NULL DEFAULT '',
    ansvarig     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_risk_plan ON plan_risk(plan_id);

-- Follow-up occasions are a per-plan setting (mars, april, delår, oktober, bokslut …).
CREATE TABLE plan_tillfalle (
    id      INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES verksamhetsplan(id) ON DELETE CASCADE,
    ordning INTEGER NOT NULL DEFAULT 0,
    namn    TEXT NOT NULL,
    ar      INTEGER NOT NULL,
    manad   INTEGER NOT NULL CHECK (manad BETWEEN 1 AND 12),
    slag    TEXT NOT NULL DEFAULT 'övrigt' CHECK (slag IN ('delår', 'bokslut', 'övrigt')),
    UNIQUE (plan_id, namn, ar)
);

CREATE TABLE matt_utfall (
    tillfalle_id INTEGER NOT NULL REFERENCES plan_tillfalle(id) ON DELETE CASCADE,
    matt_id      INTEGER NOT NULL REFERENCES matt(id) ON DELETE CASCADE,
    utfall       TEXT NOT NULL DEFAULT '',
    kommentar    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tillfalle_id, matt_id)
);
CREATE INDEX matt_utfall_matt ON matt_utfall(matt_id);

-- The assessment of one goal (a KF-mål or a nämndmål) at one occasion.
CREATE TABLE mal_bedomning (
    id           INTEGER PRIMARY KEY,
    tillfalle_id INTEGER NOT NULL REFERENCES plan_tillfalle(id) ON DELETE CASCADE,
    kf_mal_id    INTEGER REFERENCES kf_mal(id) ON DELETE CASCADE,
    namndmal_id  INTEGER REFERENCES namndmal(id) ON DELETE CASCADE,
    bedomning    TEXT CHECK (bedomning IN
        ('helt uppfyllt', 'delvis uppfyllt', 'ej uppfyllt', 'ej utvärderad')),
    kommentar    TEXT NOT NULL DEFAULT '',
    CHECK ((kf_mal_id IS NULL) <> (namndmal_id IS NULL)),
    UNIQUE (tillfalle_id, kf_mal_id),
    UNIQUE (tillfalle_id, namndmal_id)
);

CREATE TABLE plan_aktivitet_status (
    tillfalle_id INTEGER NOT NULL REFERENCES plan_tillfalle(id) ON DELETE CASCADE,
    aktivitet_id INTEGER NOT NULL REFERENCES plan_aktivitet(id) ON DELETE CASCADE,
    status       TEXT NOT NULL DEFAULT 'ej påbörjad'
        CHECK (status IN ('ej påbörjad', 'pågår', 'genomförd', 'avbruten')),
    andel_klar   INTEGER CHECK (andel_klar BETWEEN 0 AND 100),
    kommentar    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tillfalle_id, aktivitet_id)
);
CREATE INDEX plan_aktivitet_status_aktivitet ON plan_aktivitet_status(aktivitet_id);
"""


def up(conn):
    run_script(conn, SCHEMA)
