"""A plan's nyckeltal layout and statuses, and the budget's key-figure footnotes, as schema.

Both were first kept as key-value rows in ``installning``, where nothing tied them to
their plan or nämnd and nothing kept an adopted plan's as adopted. Now:

- ``verksamhetsplan.nyckeltal_layout``: how the plan's nyckeltal table is printed,
  ``standard`` (Mått, Syfte, Datakälla, Jämförelsevärde, Uppföljningstillfälle) or
  ``basvarde`` (Nyckeltal, Basvärde and a status per plan year; docs/domain/plans.md).
  The plan row's update trigger of m0011 lists the columns it guards, so it is made
  again here to guard this one too.
- ``plan_nyckeltal_status``: the status typed for one nyckeltal row and one plan year.
  It goes with its row (ON DELETE CASCADE, so deleting a draft plan leaves nothing
  behind) and, like the plan's other tables (m0011), cannot be added, changed or
  removed once the plan is adopted.
- ``nyckeltal_fotnot``: the footnotes under a nämnd's volymmått or personal table of
  one year ("* Avser perioden 2023-01-01–2023-11-30"), in order; they go with the
  nämnd as its key figures do (docs/domain/economy.md).

The rows in ``installning`` move into the new tables and are removed there. What the
program showed is what is kept: a layout it did not know was shown as ``standard`` and
is not moved, statuses of nyckeltal rows since removed were not shown and are dropped,
and rows for a plan or nämnd that no longer exists belonged to nothing and are dropped.
The triggers are made after the move, so an adopted plan keeps what it was printed with.
"""

from __future__ import annotations

import json

from db.migrations import run_script

MESSAGE = "Planen är antagen och kan inte ändras; gör en revidering för att ändra den."

LAYOUTS = ("standard", "basvarde")
SLAG = ("volym", "personal")

SCHEMA = """
ALTER TABLE verksamhetsplan ADD COLUMN nyckeltal_layout TEXT NOT NULL DEFAULT 'standard'
    CHECK (nyckeltal_layout IN ('standard', 'basvarde'));

CREATE TABLE plan_nyckeltal_status (
    nyckeltal_id INTEGER NOT NULL REFERENCES plan_nyckeltal(id) ON DELETE CASCADE,
    ar           INTEGER NOT NULL CHECK (ar BETWEEN 1990 AND 2200),
    text         TEXT NOT NULL CHECK (text <> ''),
    PRIMARY KEY (nyckeltal_id, ar)
);

CREATE TABLE nyckeltal_fotnot (
    id       INTEGER PRIMARY KEY,
    namnd_id INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    slag     TEXT NOT NULL CHECK (slag IN ('volym', 'personal')),
    ar       INTEGER NOT NULL CHECK (ar BETWEEN 1990 AND 2200),
    ordning  INTEGER NOT NULL CHECK (ordning >= 1),
    text     TEXT NOT NULL CHECK (text <> ''),
    UNIQUE (namnd_id, slag, ar, ordning)
);
CREATE INDEX nyckeltal_fotnot_namnd ON nyckeltal_fotnot(namnd_id, slag, ar);
"""

LAYOUT_PREFIX = "plan_nyckeltal_layout:"
STATUS_PREFIX = "plan_nyckeltal_status:"
FOTNOT_PREFIX = "nyckeltal_fotnoter:"


def _exists(conn, table: str, row_id: int) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]).fetchone() is not None


def _rows(conn, prefix: str) -> list[tuple[str, str, str]]:
    """(key, the key after the prefix, value) of the installning rows under ``prefix``."""
    return [(key, key[len(prefix):], value) for key, value in conn.execute(
        "SELECT nyckel, varde FROM installning WHERE substr(nyckel, 1, ?) = ?", [len(prefix), prefix])]


def _move_layouts(conn) -> None:
    for _key, rest, value in _rows(conn, LAYOUT_PREFIX):
        if rest.isdigit() and value in LAYOUTS and _exists(conn, "verksamhetsplan", int(rest)):
            conn.execute("UPDATE verksamhetsplan SET nyckeltal_layout = ? WHERE id = ?", [value, int(rest)])


def _move_statuses(conn) -> None:
    for _key, rest, value in _rows(conn, STATUS_PREFIX):
        if not rest.isdigit():
            continue
        try:
            stored = json.loads(value)
        except ValueError:
            continue  # never read by the program either: it could not have shown it
        if not isinstance(stored, dict):
            continue
        rows = {r[0] for r in conn.execute("SELECT id FROM plan_nyckeltal WHERE plan_id = ?", [int(rest)])}
        for nid, years in stored.items():
            if not (str(nid).isdigit() and int(nid) in rows and isinstance(years, dict)):
                continue
            for ar, text in years.items():
                text = str(text).strip()
                if str(ar).isdigit() and 1990 <= int(ar) <= 2200 and text:
                    conn.execute("INSERT OR REPLACE INTO plan_nyckeltal_status (nyckeltal_id, ar, text) "
                                 "VALUES (?, ?, ?)", [int(nid), int(ar), text])


def _move_footnotes(conn) -> None:
    for _key, rest, value in _rows(conn, FOTNOT_PREFIX):
        parts = rest.split(":")
        if len(parts) != 3 or not parts[0].isdigit() or parts[1] not in SLAG or not parts[2].isdigit():
            continue
        namnd_id, slag, ar = int(parts[0]), parts[1], int(parts[2])
        if not (1990 <= ar <= 2200 and _exists(conn, "namnd", namnd_id)):
            continue
        for ordning, line in enumerate((line for line in value.split("\n") if line.strip()), start=1):
            conn.execute("INSERT INTO nyckeltal_fotnot (namnd_id, slag, ar, ordning, text) "
                         "VALUES (?, ?, ?, ?, ?)", [namnd_id, slag, ar, ordning, line.strip()])


def _via_nyckeltal(ref: str) -> str:
    return (f"EXISTS (SELECT 1 FROM plan_nyckeltal n JOIN verksamhetsplan p ON p.id = n.plan_id "
            f"WHERE n.id = {ref} AND p.status = 'antagen')")


def _trigger(name: str, when: str, table: str, condition: str) -> str:
    return (f"CREATE TRIGGER {name} BEFORE {when} ON {table}\nWHEN {condition}\nBEGIN\n"
            f"    SELECT RAISE(ABORT, '{MESSAGE}');\nEND;\n")


#: Columns of the plan row an adopted plan may still change: a link that may only be
#: cleared (ON DELETE SET NULL), as in m0011.
CLEARABLE = ("kopierad_fran_id",)


def _plan_changed(conn) -> str:
    columns = [r[1] for r in conn.execute("PRAGMA table_info(verksamhetsplan)")]
    parts = [f"NEW.{c} IS NOT OLD.{c}" for c in columns if c not in CLEARABLE]
    parts += [f"(NEW.{c} IS NOT OLD.{c} AND NEW.{c} IS NOT NULL)" for c in columns if c in CLEARABLE]
    return "(" + " OR ".join(parts) + ")"


def triggers(conn) -> str:
    return "\n".join([
        "DROP TRIGGER verksamhetsplan_antagen_update;",
        _trigger("verksamhetsplan_antagen_update", "UPDATE", "verksamhetsplan",
                 f"OLD.status = 'antagen' AND {_plan_changed(conn)}"),
        _trigger("plan_nyckeltal_status_antagen_insert", "INSERT", "plan_nyckeltal_status",
                 _via_nyckeltal("NEW.nyckeltal_id")),
        _trigger("plan_nyckeltal_status_antagen_delete", "DELETE", "plan_nyckeltal_status",
                 _via_nyckeltal("OLD.nyckeltal_id")),
        # Moving a status to another row is as much a change as rewriting it.
        _trigger("plan_nyckeltal_status_antagen_update", "UPDATE", "plan_nyckeltal_status",
                 f"{_via_nyckeltal('OLD.nyckeltal_id')} OR {_via_nyckeltal('NEW.nyckeltal_id')}"),
    ])


def up(conn):
    run_script(conn, SCHEMA)
    _move_layouts(conn)
    _move_statuses(conn)
    _move_footnotes(conn)
    conn.execute("DELETE FROM installning WHERE substr(nyckel, 1, ?) = ? OR substr(nyckel, 1, ?) = ? "
                 "OR substr(nyckel, 1, ?) = ?",
                 [len(LAYOUT_PREFIX), LAYOUT_PREFIX, len(STATUS_PREFIX), STATUS_PREFIX,
                  len(FOTNOT_PREFIX), FOTNOT_PREFIX])
    run_script(conn, triggers(conn))
