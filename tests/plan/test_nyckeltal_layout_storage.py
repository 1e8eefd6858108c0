"""Where a plan's nyckeltal layout and statuses and the budget's key-figure footnotes are
kept (migration 24): the database refuses changing an adopted plan's, deleting a draft
takes its statuses along, copying a plan carries them, and a file of version 23 with
the old key-value rows in ``installning`` keeps what they said."""

from __future__ import annotations

import re
import sqlite3

import pytest
from openpyxl import load_workbook
from plan_helpers import make_namnd

from app.budget.nyckeltal import NyckeltalService
from app.excel_import import ImportRefused
from app.plan.copyforward import copy_forward
from app.plan.excel import export_plan_xlsx, import_plan_xlsx
from app.plan.model import Nyckeltal
from app.plan.nyckeltal_layout import NyckeltalLayoutService
from app.plan.revision import revise
from app.plan.service import PlanService
from app.session import Session
from app.validation import ValidationError
from app.verification import missing_triggers
from db import migrations
from db.connection import APPLICATION_ID, connect

TRIGGER_MESSAGE = "Planen är antagen och kan inte ändras; gör en revidering för att ändra den."


def _plan_with_statuses(db):
    """A draft plan 2022–2024 in the basvärde layout with two rows, one with statuses."""
    plans, layouts = PlanService(db), NyckeltalLayoutService(db)
    plan = plans.new_plan(make_namnd(db), 2022)
    cost = plans.save_nyckeltal(Nyckeltal(plan_id=plan.id, matt="Placeringskostnad per dygn",
                                          jamforelsevarde="10 050"))
    share = plans.save_nyckeltal(Nyckeltal(plan_id=plan.id, matt="Utförd tid av beviljad tid",
                                           jamforelsevarde="73%"))
    layouts.set_layout(plan.id, "basvarde")
    layouts.set_status(cost.id, 2022, "10 400 (aug)")
    layouts.set_status(cost.id, 2024, "Månadsvis")
    return plan, cost, share


def _adopt(plans: PlanService, plan_id: int):
    plan = plans.get_plan(plan_id)
    plan.status, plan.antagen_datum, plan.antagen_paragraf = "antagen", "2021-12-15", "§ 59"
    return plans.save_plan(plan)


def test_the_database_refuses_changing_an_adopted_plans_layout_and_statuses(session):
    db = session.db
    plan, cost, share = _plan_with_statuses(db)
    _adopt(PlanService(db), plan.id)
    statements = [
        f"UPDATE verksamhetsplan SET nyckeltal_layout = 'standard' WHERE id = {plan.id}",
        f"INSERT INTO plan_nyckeltal_status (nyckeltal_id, ar, text) VALUES ({share.id}, 2023, 'Årligen')",
        f"UPDATE plan_nyckeltal_status SET text = 'Kvartalsvis' WHERE nyckeltal_id = {cost.id}",
        f"UPDATE plan_nyckeltal_status SET ar = 2023 WHERE nyckeltal_id = {cost.id} AND ar = 2022",
        f"DELETE FROM plan_nyckeltal_status WHERE nyckeltal_id = {cost.id}",
    ]
    for sql in statements:
        with pytest.raises(sqlite3.IntegrityError, match=re.escape(TRIGGER_MESSAGE)):
            db.conn.execute(sql)
    layouts = NyckeltalLayoutService(db)
    assert layouts.layout(plan.id) == "basvarde"
    assert layouts.status(plan.id) == {cost.id: {2022: "10 400 (aug)", 2024: "Månadsvis"}}
    # The services say why, naming the decision, before the database is asked.
    with pytest.raises(ValidationError, match=re.escape("Planen är antagen (vård- och omsorgsnämnden "
                                                        "2021-12-15, § 59); gör en revidering")):
        layouts.set_layout(plan.id, "standard")
    with pytest.raises(ValidationError, match="Planen är antagen"):
        layouts.set_status(share.id, 2023, "Årligen")


def test_a_status_is_not_moved_into_an_adopted_plan(session):
    db = session.db
    adopted, cost, _share = _plan_with_statuses(db)
    _adopt(PlanService(db), adopted.id)
    draft = PlanService(db).new_plan(make_namnd(db, "Socialnämnden", "SN"), 2022)
    row = PlanService(db).save_nyckeltal(Nyckeltal(plan_id=draft.id, matt="Antal placeringar"))
    NyckeltalLayoutService(db).set_status(row.id, 2023, "Årligen")
    with pytest.raises(sqlite3.IntegrityError, match=re.escape(TRIGGER_MESSAGE)):
        db.conn.execute("UPDATE plan_nyckeltal_status SET nyckeltal_id = ? WHERE nyckeltal_id = ?",
                        [cost.id, row.id])


def test_the_layout_is_checked_and_a_deleted_draft_leaves_no_statuses(session):
    db = session.db
    plan, _cost, _share = _plan_with_statuses(db)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.conn.execute("UPDATE verksamhetsplan SET nyckeltal_layout = 'bred' WHERE id = ?", [plan.id])
    PlanService(db).delete_plan(plan.id)
    assert db.execute("SELECT count(*) FROM plan_nyckeltal_status").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM installning WHERE nyckel LIKE '%nyckeltal%'").fetchone()[0] == 0


def test_copy_forward_and_revision_carry_the_layout_and_statuses(session):
    db = session.db
    plans, layouts = PlanService(db), NyckeltalLayoutService(db)
    plan, _cost, _share = _plan_with_statuses(db)
    result = copy_forward(db, plan.id)
    new = result.plan
    new_rows = {n.matt: n.id for n in plans.nyckeltal(new.id)}
    assert layouts.layout(new.id) == "basvarde"
    # 2023 and 2024 are the same years; the new last year 2025 takes 2024's status.
    assert layouts.status(new.id) == {new_rows["Placeringskostnad per dygn"]: {2024: "Månadsvis",
                                                                               2025: "Månadsvis"}}
    assert any("Nyckeltalens status per år följde med" in note for note in result.notes)
    adopted = _adopt(plans, plan.id)
    revision = revise(db, adopted.id).plan
    revised_rows = {n.matt: n.id for n in plans.nyckeltal(revision.id)}
    assert layouts.layout(revision.id) == "basvarde"
    assert layouts.status(revision.id) == {
        revised_rows["Placeringskostnad per dygn"]: {2022: "10 400 (aug)", 2024: "Månadsvis"}}
    # The copies are drafts: their statuses are theirs to change.
    layouts.set_status(revised_rows["Utförd tid av beviljad tid"], 2023, "Årligen")
    assert layouts.status(plan.id) == {_cost.id: {2022: "10 400 (aug)", 2024: "Månadsvis"}}


def test_budget_footnotes_are_rows_of_their_namnd(session):
    db = session.db
    namnd_id = make_namnd(db)
    service = NyckeltalService(db)
    service.save_fotnoter(namnd_id, "volym", 2023, "* Avser perioden 2023-01-01–2023-11-30\n\n** Prognos")
    assert db.execute("SELECT ordning, text FROM nyckeltal_fotnot WHERE namnd_id = ? AND slag = 'volym' "
                      "AND ar = 2023 ORDER BY ordning", [namnd_id]).fetchall() == [
        (1, "* Avser perioden 2023-01-01–2023-11-30"), (2, "** Prognos")]
    service.save_fotnoter(namnd_id, "volym", 2023, ["** Prognos"])
    assert service.fotnoter(namnd_id, "volym", 2023) == ["** Prognos"]
    service.save_fotnoter(namnd_id, "personal", 2022, "")
    assert service.fotnot_ar(namnd_id, "volym") == [2023] and service.fotnot_ar(namnd_id, "personal") == []
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.conn.execute("INSERT INTO nyckeltal_fotnot (namnd_id, slag, ar, ordning, text) "
                        "VALUES (?, 'ekonomi', 2023, 1, 'x')", [namnd_id])


def test_the_migration_moves_the_old_installning_rows(tmp_path):
    path = tmp_path / "v23.nkdb"
    conn = connect(path)
    try:
        assert migrations.migrate(conn, APPLICATION_ID, target=23) == list(range(1, 24))
        conn.execute("BEGIN")
        conn.execute("INSERT INTO namnd (id, namn, kortnamn) VALUES (1, 'Vård- och omsorgsnämnden', 'VON')")
        for plan_id in (10, 11, 12):
            conn.execute("INSERT INTO verksamhetsplan (id, namnd_id, titel, forsta_ar, antal_ar, skapad) "
                         "VALUES (?, 1, 'Verksamhetsplan 2022–2024', 2022, 3, '2021-11-01T09:00:00')",
                         [plan_id])
        conn.execute("INSERT INTO plan_nyckeltal (id, plan_id, matt, jamforelsevarde) "
                     "VALUES (100, 10, 'Placeringskostnad per dygn', '10 050')")
        conn.execute("INSERT INTO plan_nyckeltal (id, plan_id, matt) VALUES (101, 10, 'Utförd tid')")
        conn.execute("UPDATE verksamhetsplan SET status = 'antagen', antagen_datum = '2021-12-15' "
                     "WHERE id = 10")
        rows = {
            "plan_nyckeltal_layout:10": "basvarde",
            "plan_nyckeltal_layout:11": "standard",
            "plan_nyckeltal_layout:99": "basvarde",  # a plan since deleted
            # 102 was a row since removed: the program no longer showed its status
            "plan_nyckeltal_status:10": '{"100": {"2022": "10 400 (aug)", "2024": "Månadsvis"}, '
                                        '"101": {"2023": "Årligen"}, "102": {"2022": "borta"}}',
            "plan_nyckeltal_status:99": '{"100": {"2022": "fel plan"}}',
            "nyckeltal_fotnoter:1:volym:2023": "* Avser perioden 2023-01-01–2023-11-30\n** Prognos",
            "nyckeltal_fotnoter:1:personal:2022": "Antal årsarbetare",
            "nyckeltal_fotnoter:7:volym:2023": "En nämnd som inte finns",
            "sekretess_rubrik": "Sekretess",  # another setting, left as it is
        }
        conn.executemany("INSERT INTO installning (nyckel, varde) VALUES (?, ?)", list(rows.items()))
        conn.execute("COMMIT")
    finally:
        conn.close()
    with Session.open(path) as s:
        assert s.schema_version == migrations.LATEST_VERSION
        layouts = NyckeltalLayoutService(s.db)
        assert [layouts.layout(p) for p in (10, 11, 12)] == ["basvarde", "standard", "standard"]
        assert layouts.status(10) == {100: {2022: "10 400 (aug)", 2024: "Månadsvis"}, 101: {2023: "Årligen"}}
        nyckeltal = NyckeltalService(s.db)
        assert nyckeltal.fotnoter(1, "volym", 2023) == ["* Avser perioden 2023-01-01–2023-11-30",
                                                        "** Prognos"]
        assert nyckeltal.fotnoter(1, "personal", 2022) == ["Antal årsarbetare"]
        assert s.conn.execute("SELECT count(*) FROM nyckeltal_fotnot").fetchone()[0] == 3
        assert s.conn.execute("SELECT nyckel, varde FROM installning").fetchall() == [("sekretess_rubrik",
                                                                                      "Sekretess")]
        # Plan 10 was adopted: what it was printed with is now kept by the triggers.
        with pytest.raises(sqlite3.IntegrityError, match=re.escape(TRIGGER_MESSAGE)):
            s.conn.execute("UPDATE verksamhetsplan SET nyckeltal_layout = 'standard' WHERE id = 10")
        with pytest.raises(sqlite3.IntegrityError, match=re.escape(TRIGGER_MESSAGE)):
            s.conn.execute("DELETE FROM plan_nyckeltal_status WHERE nyckeltal_id = 100")
        assert missing_triggers(s.conn, s.schema_version) == []


def test_check_notices_a_missing_status_trigger(session):
    session.conn.execute("DROP TRIGGER plan_nyckeltal_status_antagen_update")
    assert missing_triggers(session.conn, 24) == ["plan_nyckeltal_status_antagen_update"]
    assert "plan_nyckeltal_status_antagen_update" not in missing_triggers(session.conn, 23)


def test_the_plan_workbook_carries_the_layout_and_statuses(session, tmp_path):
    db = session.db
    plan, cost, share = _plan_with_statuses(db)
    path = tmp_path / "plan.xlsx"
    export_plan_xlsx(db, plan.id, path)
    wb = load_workbook(path)
    plan_rows = {r[0].value: r[1].value for r in wb["Plan"].iter_rows(min_row=2)}
    assert plan_rows["Nyckeltalslayout"] == "Basvärde och status per år"
    sheet = [[c.value for c in r] for r in wb["Nyckeltal"].iter_rows()]
    assert sheet[0][-4:] == ["Status 2022", "Status 2023", "Status 2024", "Id"]
    assert sheet[1][0] == "Placeringskostnad per dygn"
    assert sheet[1][-4:-1] == ["10 400 (aug)", None, "Månadsvis"]
    # As a new plan, the copy has both; typed changes update the plan in place.
    copy = import_plan_xlsx(db, path, as_new=True).plan_id
    layouts = NyckeltalLayoutService(db)
    copy_rows = {n.matt: n.id for n in PlanService(db).nyckeltal(copy)}
    assert layouts.layout(copy) == "basvarde"
    assert layouts.status(copy) == {copy_rows["Placeringskostnad per dygn"]: {2022: "10 400 (aug)",
                                                                              2024: "Månadsvis"}}
    ws = wb["Nyckeltal"]
    ws.cell(2, 9).value = None          # Status 2024 of the first row cleared
    ws.cell(3, 8).value = "Årligen"     # Status 2023 of the second row typed
    wb["Plan"].cell(len(plan_rows) + 1, 2).value = "standard"
    wb.save(path)
    import_plan_xlsx(db, path, replace=True)
    assert layouts.layout(plan.id) == "standard"
    assert layouts.status(plan.id) == {cost.id: {2022: "10 400 (aug)"}, share.id: {2023: "Årligen"}}
    # A status for a year outside the plan and an unknown layout are refused, naming the cell.
    ws.cell(1, 10).value, ws.cell(2, 10).value = "Status 2030", "Mäts inte"
    ws.cell(1, 11).value = "Id"
    wb["Plan"].cell(len(plan_rows) + 1, 2).value = "Bred"
    wb.save(path)
    with pytest.raises(ImportRefused) as err:
        import_plan_xlsx(db, path, replace=True)
    messages = [str(p) for p in err.value.problems]
    assert any("okänd nyckeltalslayout ”Bred”" in m for m in messages), messages
    assert any("Blad Nyckeltal, rad 2, kolumn J (Status 2030): 2030 ligger utanför planens år 2022–2024" in m
               for m in messages), messages
    assert layouts.layout(plan.id) == "standard"
