"""Migration: economy (docs/domain/economy.md) — verksamheter, internbudget, investeringsbudget and
-redovisning, monthly budgetuppföljning with åtgärdsplan, volymmått and personal key
figures.

Money is stored as INTEGER kronor (never floats, never tkr): economy-system exports
are in kronor, and sums computed in kronor and then rounded to tkr for printing are
what the municipalities' own reports print. One internal sign convention for every amount: intäkter
positive, kostnader negative, so nettokostnad = intäkter + kostnader and avvikelse =
utfall − budget (positive = better than budget). How a nämnd prints amounts (costs
negative like Oxelösund, revenues negative like Mellerud) is a per-nämnd setting
(ekonomi_installning.teckenkonvention), applied only on entry and display.
Investment amounts are outlays and are stored positive.
"""

from db.migrations import run_script

SCHEMA = """
CREATE TABLE ekonomi_installning (
    namnd_id         INTEGER PRIMARY KEY REFERENCES namnd(id) ON DELETE CASCADE,
    teckenkonvention TEXT NOT NULL DEFAULT 'kostnader_negativa'
        CHECK (teckenkonvention IN ('kostnader_negativa', 'intakter_negativa')),
    enhet            TEXT NOT NULL DEFAULT 'tkr' CHECK (enhet IN ('kr', 'tkr'))
);

-- A row the nämnd reports on: "54 Individ och familjeomsorg", a verksamhetsområde
-- ("Äldreomsorg") or a kostnadsslag ("Personalkostn"). grupp gathers rows into a
-- block with its own subtotal ("Intäkter", "SOF").
CREATE TABLE verksamhet (
    id       INTEGER PRIMARY KEY,
    namnd_id INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    kod      TEXT NOT NULL DEFAULT '',
    namn     TEXT NOT NULL,
    grupp    TEXT NOT NULL DEFAULT '',
    ordning  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (namnd_id, kod, namn)
);
CREATE INDEX verksamhet_namnd ON verksamhet(namnd_id);

CREATE TABLE internbudget (
    id            INTEGER PRIMARY KEY,
    namnd_id      INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    ar            INTEGER NOT NULL CHECK (ar BETWEEN 1990 AND 2200),
    -- The ram from fullmäktige as a net cost in kronor (333 088 000); NULL = not set.
    ram           INTEGER CHECK (ram IS NULL OR ram >= 0),
    prognos_rubrik TEXT NOT NULL DEFAULT '',
    kommentar     TEXT NOT NULL DEFAULT '',
    UNIQUE (namnd_id, ar)
);

CREATE TABLE internbudget_rad (
    internbudget_id     INTEGER NOT NULL REFERENCES internbudget(id) ON DELETE CASCADE,
    verksamhet_id       INTEGER NOT NULL REFERENCES verksamhet(id) ON DELETE RESTRICT,
    prognos_intakter    INTEGER NOT NULL DEFAULT 0,
    prognos_kostnader   INTEGER NOT NULL DEFAULT 0,
    fg_budget_intakter  INTEGER NOT NULL DEFAULT 0,
    fg_budget_kostnader INTEGER NOT NULL DEFAULT 0,
    budget_intakter     INTEGER NOT NULL DEFAULT 0,
    budget_kostnader    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (internbudget_id, verksamhet_id)
);
CREATE INDEX internbudget_rad_verksamhet ON internbudget_rad(verksamhet_id);

CREATE TABLE investeringsbudget (
    id        INTEGER PRIMARY KEY,
    namnd_id  INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    forsta_ar INTEGER NOT NULL CHECK (forsta_ar BETWEEN 1990 AND 2200),
    antal_ar  INTEGER NOT NULL DEFAULT 3 CHECK (antal_ar BETWEEN 1 AND 10),
    UNIQUE (namnd_id, forsta_ar)
);

CREATE TABLE investeringsobjekt (
    id                    INTEGER PRIMARY KEY,
    investeringsbudget_id INTEGER NOT NULL REFERENCES investeringsbudget(id) ON DELETE CASCADE,
    forvaltning_id        INTEGER REFERENCES forvaltning(id) ON DELETE SET NULL,
    kategori              TEXT NOT NULL DEFAULT '',
    benamning             TEXT NOT NULL,
    ordning               INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX investeringsobjekt_budget ON investeringsobjekt(investeringsbudget_id);
CREATE INDEX investeringsobjekt_forvaltning ON investeringsobjekt(forvaltning_id);

CREATE TABLE investeringsbelopp (
    objekt_id INTEGER NOT NULL REFERENCES investeringsobjekt(id) ON DELETE CASCADE,
    ar        INTEGER NOT NULL,
    belopp    INTEGER NOT NULL CHECK (belopp >= 0),
    PRIMARY KEY (objekt_id, ar)
);

-- Investeringsredovisning: one row per project and reporting period (månad 12 = bokslut).
CREATE TABLE investeringsprojekt (
    id             INTEGER PRIMARY KEY,
    namnd_id       INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    ar             INTEGER NOT NULL CHECK (ar BETWEEN 1990 AND 2200),
    manad          INTEGER NOT NULL CHECK (manad BETWEEN 1 AND 12),
    projekt        TEXT NOT NULL,
    forvaltning_id INTEGER REFERENCES forvaltning(id) ON DELETE SET NULL,
    budget         INTEGER NOT NULL DEFAULT 0,
    omdisponering  INTEGER NOT NULL DEFAULT 0,
    utfall         INTEGER NOT NULL DEFAULT 0,
    -- Forecast outlay for the whole year; NULL = the utfall is the forecast (bokslut).
    prognos        INTEGER,
    slutredovisas  INTEGER CHECK (slutredovisas IN (0, 1)),
    kommentar      TEXT NOT NULL DEFAULT '',
    ordning        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX investeringsprojekt_period ON investeringsprojekt(namnd_id, ar, manad);
CREATE INDEX investeringsprojekt_forvaltning ON investeringsprojekt(forvaltning_id);

-- A monthly budgetuppföljning. Amounts are accumulated from January (what economy
-- systems export as "Jan – aug"); month figures are differences to the month before.
CREATE TABLE budgetuppfoljning (
    id                  INTEGER PRIMARY KEY,
    namnd_id            INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    ar                  INTEGER NOT NULL CHECK (ar BETWEEN 1990 AND 2200),
    manad               INTEGER NOT NULL CHECK (manad BETWEEN 1 AND 12),
    enhet               TEXT NOT NULL DEFAULT 'tkr' CHECK (enhet IN ('kr', 'tkr')),
    analys              TEXT NOT NULL DEFAULT '',
    forslag_till_beslut TEXT NOT NULL DEFAULT '',
    -- Name of a cost kept outside the comparison ("Personalskuld"); '' = none.
    sarskild_post       TEXT NOT NULL DEFAULT '',
    -- What the justeringar are ("Covid"), printed as "RESULTAT exkl Covid".
    justering_rubrik    TEXT NOT NULL DEFAULT '',
    UNIQUE (namnd_id, ar, manad)
);

CREATE TABLE budgetuppfoljning_rad (
    uppfoljning_id    INTEGER NOT NULL REFERENCES budgetuppfoljning(id) ON DELETE CASCADE,
    verksamhet_id     INTEGER NOT NULL REFERENCES verksamhet(id) ON DELETE RESTRICT,
    arsbudget         INTEGER,
    budget_ack        INTEGER NOT NULL DEFAULT 0,
    utfall_ack        INTEGER NOT NULL DEFAULT 0,
    sarskild_post_ack INTEGER NOT NULL DEFAULT 0,
    -- Forecast deviation against the årsbudget at year end; NULL = no forecast given.
    prognos_avvikelse INTEGER,
    ordning           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (uppfoljning_id, verksamhet_id)
);
CREATE INDEX budgetuppfoljning_rad_verksamhet ON budgetuppfoljning_rad(verksamhet_id);

-- Deviations shown below the result and taken out of "RESULTAT exkl …" (Covid-19).
CREATE TABLE budgetuppfoljning_justering (
    id             INTEGER PRIMARY KEY,
    uppfoljning_id INTEGER NOT NULL REFERENCES budgetuppfoljning(id) ON DELETE CASCADE,
    benamning      TEXT NOT NULL,
    avvikelse      INTEGER NOT NULL DEFAULT 0,
    ordning        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX budgetuppfoljning_justering_uppf ON budgetuppfoljning_justering(uppfoljning_id);

-- Costs not in the budget, listed with what they cost so far and for the year.
CREATE TABLE budgetuppfoljning_ej_budgeterat (
    id             INTEGER PRIMARY KEY,
    uppfoljning_id INTEGER NOT NULL REFERENCES budgetuppfoljning(id) ON DELETE CASCADE,
    benamning      TEXT NOT NULL,
    ack            INTEGER NOT NULL DEFAULT 0,
    prognos_helar  INTEGER NOT NULL DEFAULT 0,
    ordning        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX budgetuppfoljning_ej_budg_uppf ON budgetuppfoljning_ej_budgeterat(uppfoljning_id);

CREATE TABLE atgard (
    id                INTEGER PRIMARY KEY,
    uppfoljning_id    INTEGER NOT NULL REFERENCES budgetuppfoljning(id) ON DELETE CASCADE,
    avvikelse         TEXT NOT NULL DEFAULT '',
    atgard            TEXT NOT NULL,
    ekonomisk_effekt  TEXT NOT NULL DEFAULT '',
    verksamhetseffekt TEXT NOT NULL DEFAULT '',
    -- Expected saving in kronor, when the plan states one ("750 tkr").
    belopp            INTEGER,
    ordning           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX atgard_uppfoljning ON atgard(uppfoljning_id);

-- Volymmått and personal key figures. Values are decimal text ('1329.2', '10.3'),
-- not floats; totalt is computed as kvinnor + män when the figure is summerbar.
CREATE TABLE nyckeltal (
    id           INTEGER PRIMARY KEY,
    namnd_id     INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    slag         TEXT NOT NULL CHECK (slag IN ('volym', 'personal')),
    avsnitt      TEXT NOT NULL DEFAULT '',
    namn         TEXT NOT NULL,
    enhet        TEXT NOT NULL DEFAULT 'antal'
        CHECK (enhet IN ('antal', 'procent', 'tkr', 'kr', 'timmar', 'index')),
    matdatum     TEXT NOT NULL DEFAULT '',
    kon_uppdelad INTEGER NOT NULL DEFAULT 0 CHECK (kon_uppdelad IN (0, 1)),
    summerbar    INTEGER NOT NULL DEFAULT 0 CHECK (summerbar IN (0, 1)),
    ordning      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (namnd_id, slag, avsnitt, namn)
);
CREATE INDEX nyckeltal_namnd ON nyckeltal(namnd_id, slag);

CREATE TABLE nyckeltalsvarde (
    nyckeltal_id INTEGER NOT NULL REFERENCES nyckeltal(id) ON DELETE CASCADE,
    ar           INTEGER NOT NULL CHECK (ar BETWEEN 1990 AND 2200),
    period       TEXT NOT NULL CHECK (period IN ('tertial', 'delar', 'helar', 'prognos')),
    totalt       TEXT,
    kvinnor      TEXT,
    man          TEXT,
    PRIMARY KEY (nyckeltal_id, ar, period)
);
"""


def up(conn):
    run_script(conn, SCHEMA)
