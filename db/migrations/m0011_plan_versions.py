"""Plan versions, and adopted plans frozen (docs/domain/plans.md, "Adoption and revisions").

A verksamhetsplan gets a version number and, when it is a revision, the plan it revises
(``revidering_av_id``). An adopted plan (status ``antagen``) is a public decision: these
triggers refuse every change of the plan row and of what is printed from it — sections,
målområden, KF-mål, nämndmål, mått, målvärden, footnotes, nyckeltal,
förändringsbeskrivning, activities, särskilda uppdrag and risks. A change is made in a
revision, a copy with the next version number that gets its own adoption.

Follow-up is not the plan: occasions (plan_tillfalle), outcomes (matt_utfall),
assessments (mal_bedomning) and activity status (plan_aktivitet_status) stay writable,
and so do a goal's Agenda 2030 tags, which are set at the follow-up and printed only in
it. ``kopierad_fran_id`` may still be cleared, which is what deleting the plan a row was
copied from does (ON DELETE SET NULL); pointing it elsewhere is a change.

An adopted plan is not deleted either (migration 9 already refuses deleting its nämnd).
A later migration adding a column to one of these tables recreates its update trigger.
"""

from db.migrations import run_script

MESSAGE = "Planen är antagen och kan inte ändras; gör en revidering för att ändra den."

SCHEMA = """
ALTER TABLE verksamhetsplan ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
-- The adopted plan this one revises (a revision is a new version of the same plan).
ALTER TABLE verksamhetsplan ADD COLUMN revidering_av_id INTEGER REFERENCES verksamhetsplan(id);
CREATE INDEX verksamhetsplan_revidering ON verksamhetsplan(revidering_av_id);
"""

#: Columns that stay writable on an adopted plan's rows: a link that may only be
#: cleared (ON DELETE SET NULL), and the follow-up's Agenda 2030 tags.
CLEARABLE = ("kopierad_fran_id",)
FOLLOW_UP = ("agenda2030",)


def _plan_adopted(plan_ref: str) -> str:
    return f"EXISTS (SELECT 1 FROM verksamhetsplan WHERE id = {plan_ref} AND status = 'antagen')"


def _via_malomrade(ref: str) -> str:
    return (f"EXISTS (SELECT 1 FROM malomrade m JOIN verksamhetsplan p ON p.id = m.plan_id "
            f"WHERE m.id = {ref} AND p.status = 'antagen')")


def _via_namndmal(ref: str) -> str:
    return (f"EXISTS (SELECT 1 FROM namndmal n JOIN verksamhetsplan p ON p.id = n.plan_id "
            f"WHERE n.id = {ref} AND p.status = 'antagen')")


def _via_matt(ref: str) -> str:
    return (f"EXISTS (SELECT 1 FROM matt t JOIN namndmal n ON n.id = t.namndmal_id "
            f"JOIN verksamhetsplan p ON p.id = n.plan_id WHERE t.id = {ref} AND p.status = 'antagen')")


#: The plan's tables: the column that leads to the plan, and how to ask whether that
#: plan is adopted.
PLAN_TABLES = {
    "plan_avsnitt": ("plan_id", _plan_adopted),
    "malomrade": ("plan_id", _plan_adopted),
    "kf_mal": ("malomrade_id", _via_malomrade),
    "namndmal": ("plan_id", _plan_adopted),
    "matt": ("namndmal_id", _via_namndmal),
    "malvarde": ("matt_id", _via_matt),
    "plan_fotnot": ("plan_id", _plan_adopted),
    "plan_nyckeltal": ("plan_id", _plan_adopted),
    "plan_forandring": ("plan_id", _plan_adopted),
    "plan_aktivitet": ("namndmal_id", _via_namndmal),
    "sarskilt_uppdrag": ("plan_id", _plan_adopted),
    "plan_risk": ("plan_id", _plan_adopted),
}


def _trigger(name: str, when: str, table: str, condition: str) -> str:
    return (f"CREATE TRIGGER {name} BEFORE {when} ON {table}\nWHEN {condition}\nBEGIN\n"
            f"    SELECT RAISE(ABORT, '{MESSAGE}');\nEND;\n")


def _changed(conn, table: str) -> str:
    """A change of the row: any column but the free ones, or a clearable link set."""
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    parts = [f"NEW.{c} IS NOT OLD.{c}" for c in columns if c not in CLEARABLE + FOLLOW_UP]
    parts += [f"(NEW.{c} IS NOT OLD.{c} AND NEW.{c} IS NOT NULL)" for c in columns if c in CLEARABLE]
    return "(" + " OR ".join(parts) + ")"


def freeze_triggers(conn) -> str:
    out = [
        _trigger("verksamhetsplan_antagen_update", "UPDATE", "verksamhetsplan",
                 f"OLD.status = 'antagen' AND {_changed(conn, 'verksamhetsplan')}"),
        _trigger("verksamhetsplan_antagen_delete", "DELETE", "verksamhetsplan", "OLD.status = 'antagen'"),
    ]
    for table, (column, adopted) in PLAN_TABLES.items():
        out.append(_trigger(f"{table}_antagen_insert", "INSERT", table, adopted(f"NEW.{column}")))
        out.append(_trigger(f"{table}_antagen_delete", "DELETE", table, adopted(f"OLD.{column}")))
        # Moving a row into an adopted plan is as much a change as moving it out.
        out.append(_trigger(f"{table}_antagen_update", "UPDATE", table,
                            f"{_changed(conn, table)} AND ({adopted(f'OLD.{column}')} "
                            f"OR {adopted(f'NEW.{column}')})"))
    return "\n".join(out)


def up(conn):
    run_script(conn, SCHEMA)
    run_script(conn, freeze_triggers(conn))
