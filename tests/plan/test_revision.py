"""Adopted plans are frozen — by the database's triggers and, saying why, by the services —
while their follow-up stays writable; a revision is the next version, editable and adopted
on its own, and the plan's PDF names the version."""

from __future__ import annotations

import io
import re
import sqlite3

import pytest
from plan_helpers import add_goal, make_namnd, seed000_plan
from pypdf import PdfReader

from app.plan.copyforward import copy_forward
from app.plan.excel import plan_sheets
from app.plan.followup import FollowupService
from app.plan.goals import GoalService
from app.plan.model import (
    DELVIS,
    Aktivitet,
    AktivitetStatus,
    Avsnitt,
    Bedomning,
    Forandring,
    Fotnot,
    KfMal,
    Malomrade,
    Matt,
    Namndmal,
    Nyckeltal,
    Risk,
    SarskiltUppdrag,
    Tillfalle,
)
from app.plan.pdf.followup import render_followup
from app.plan.pdf.plan import render_plan
from app.plan.revision import version_line
from app.plan.service import PlanService
from app.validation import ValidationError
from db.migrations import m0004_verksamhetsplan, m0011_plan_versions

TRIGGER_MESSAGE = "Planen är antagen och kan inte ändras; gör en revidering för att ändra den."
SERVICE_MESSAGE = ("Planen är antagen (vård- och omsorgsnämnden 2021-12-15, § 59); gör en revidering för att "
                   "ändra den.")
FOLLOW_UP_TABLES = {"plan_tillfalle", "matt_utfall", "mal_bedomning", "plan_aktivitet_status"}


def adopt(plans: PlanService, plan_id: int, datum: str = "2021-12-15", paragraf: str = "§ 59"):
    plan = plans.get_plan(plan_id)
    plan.status, plan.antagen_datum, plan.antagen_paragraf = "antagen", datum, paragraf
    return plans.save_plan(plan)


def fill(db, plan, goals) -> dict:
    """A row in every table of the plan besides the goal tree of seed000_plan."""
    plans = PlanService(db)
    rows = {
        "avsnitt": plans.save_avsnitt(Avsnitt(plan_id=plan.id, rubrik="Inledning", text="<p>Text</p>")),
        "nyckeltal": plans.save_nyckeltal(Nyckeltal(plan_id=plan.id, matt="Kostnad per brukare")),
        "forandring": plans.save_forandring(Forandring(plan_id=plan.id, vad="Ny organisation")),
        "aktivitet": plans.save_aktivitet(Aktivitet(namndmal_id=goals["forebygg"].id, vad="Föräldragrupper",
                                                    nar="Q2")),
        "uppdrag": plans.save_uppdrag(SarskiltUppdrag(plan_id=plan.id, rubrik="Boendeplan")),
        "risk": plans.save_risk(Risk(plan_id=plan.id, risk="Vakanser", sannolikhet=3, konsekvens=4)),
        "fotnot": plans.save_fotnot(Fotnot(plan_id=plan.id, tabell="nyckeltal", markering="*", text="2021")),
    }
    plans.save_nyckeltal(Nyckeltal(plan_id=plan.id, matt="Andel heltider"))
    return rows


@pytest.fixture
def adopted(session):
    """The plan 2022–2024 (part), filled in every table and adopted 2021-12-15, § 59."""
    db = session.db
    plan, goals = seed000_plan(db)
    rows = fill(db, plan, goals)
    plan = adopt(PlanService(db), plan.id)
    return db, plan, goals, rows


def snapshot(db, plan_id) -> dict:
    plans = PlanService(db)
    return {"sheets": plan_sheets(db, plan_id), "plan": plans.get_plan(plan_id),
            "avsnitt": plans.avsnitt(plan_id), "nyckeltal": plans.nyckeltal(plan_id),
            "forandring": plans.forandringar(plan_id), "uppdrag": plans.uppdrag(plan_id),
            "risker": plans.risker(plan_id)}


def _statements(plan, goals, rows) -> list[tuple[str, str]]:
    omrade = goals["konsulent"].malomrade_id
    matt = goals["konsulent"].matt[0].id
    ids = {"plan": plan.id, "omrade": omrade, "kf": goals["kf"].id, "goal": goals["konsulent"].id,
           "matt": matt, "akt": rows["aktivitet"].id}
    out = [("verksamhetsplan", "UPDATE verksamhetsplan SET titel = 'Annan titel' WHERE id = {plan}"),
           ("verksamhetsplan", "UPDATE verksamhetsplan SET status = 'utkast' WHERE id = {plan}"),
           ("verksamhetsplan", "DELETE FROM verksamhetsplan WHERE id = {plan}"),
           ("kf_mal", "INSERT INTO kf_mal (malomrade_id, text) VALUES ({omrade}, 'Nytt')"),
           ("kf_mal", "UPDATE kf_mal SET text = 'Ändrat' WHERE id = {kf}"),
           ("kf_mal", "DELETE FROM kf_mal WHERE id = {kf}"),
           ("matt", "INSERT INTO matt (namndmal_id, text) VALUES ({goal}, 'Nytt')"),
           ("matt", "UPDATE matt SET ingangsvarde = '13' WHERE id = {matt}"),
           ("matt", "DELETE FROM matt WHERE id = {matt}"),
           ("malvarde", "INSERT INTO malvarde (matt_id, ar, varde) VALUES ({matt}, 2030, '<5')"),
           ("malvarde", "UPDATE malvarde SET varde = '<2' WHERE matt_id = {matt}"),
           ("malvarde", "DELETE FROM malvarde WHERE matt_id = {matt}"),
           ("plan_aktivitet", "INSERT INTO plan_aktivitet (namndmal_id, vad) VALUES ({goal}, 'Ny')"),
           ("plan_aktivitet", "UPDATE plan_aktivitet SET nar = 'Q4' WHERE id = {akt}"),
           ("plan_aktivitet", "DELETE FROM plan_aktivitet WHERE id = {akt}"),
           ("namndmal", "INSERT INTO namndmal (plan_id, text) VALUES ({plan}, 'Nytt')"),
           ("namndmal", "UPDATE namndmal SET ansvarig = 'ÄF' WHERE id = {goal}"),
           ("namndmal", "DELETE FROM namndmal WHERE id = {goal}")]
    by_plan = {"plan_avsnitt": ("rubrik", "'Ny'"), "malomrade": ("namn", "'Nytt'"),
               "plan_fotnot": ("text", "'Ny'"), "plan_nyckeltal": ("matt", "'Nytt'"),
               "plan_forandring": ("vad", "'Ny'"), "sarskilt_uppdrag": ("rubrik", "'Nytt'"),
               "plan_risk": ("risk", "'Ny'")}
    for table, (column, value) in by_plan.items():
        extra = ", sannolikhet, konsekvens" if table == "plan_risk" else ""
        extra_values = ", 1, 1" if table == "plan_risk" else ""
        out += [(table, f"INSERT INTO {table} (plan_id, {column}{extra}) "
                        f"VALUES ({{plan}}, {value}{extra_values})"),
                (table, f"UPDATE {table} SET {column} = {value} WHERE plan_id = {{plan}}"),
                (table, f"DELETE FROM {table} WHERE plan_id = {{plan}}")]
    return [(table, sql.format(**ids)) for table, sql in out]


def test_the_triggers_refuse_every_change_of_an_adopted_plan(adopted):
    db, plan, goals, rows = adopted
    statements = _statements(plan, goals, rows)
    # Every table of migration 4 is either the plan's (frozen here) or its follow-up.
    tables = set(re.findall(r"CREATE TABLE (\w+)", m0004_verksamhetsplan.SCHEMA))
    assert {t for t, _sql in statements} == tables - FOLLOW_UP_TABLES
    assert set(m0011_plan_versions.PLAN_TABLES) | {"verksamhetsplan"} == tables - FOLLOW_UP_TABLES
    before = snapshot(db, plan.id)
    for _table, sql in statements:
        with pytest.raises(sqlite3.IntegrityError, match=re.escape(TRIGGER_MESSAGE)):
            db.conn.execute(sql)
    assert snapshot(db, plan.id) == before


def draft_of_another_namnd(db):
    """A draft plan of a second nämnd with one övrigt nämndmål."""
    plans = PlanService(db)
    draft = plans.new_plan(make_namnd(db, "Kultur- och fritidsnämnden", "KFN"), 2022)
    return draft, add_goal(db, draft, "Fler besökare", [("Antal besök", "100", ["110", "120", "130"])])


def test_rows_are_not_moved_into_an_adopted_plan_and_links_only_cleared(adopted):
    db, plan, goals, _rows = adopted
    _draft, moved = draft_of_another_namnd(db)
    with pytest.raises(sqlite3.IntegrityError, match=re.escape(TRIGGER_MESSAGE)):
        db.conn.execute("UPDATE namndmal SET plan_id = ? WHERE id = ?", [plan.id, moved.id])
    with pytest.raises(sqlite3.IntegrityError, match=re.escape(TRIGGER_MESSAGE)):
        db.conn.execute("UPDATE namndmal SET kopierad_fran_id = ? WHERE id = ?", [moved.id, goals["jobb"].id])
    with pytest.raises(ValidationError) as err:
        GoalService(db).save_namndmal(Namndmal(plan_id=plan.id, text=moved.text, id=moved.id))
    assert str(err.value) == SERVICE_MESSAGE
    assert GoalService(db).get_namndmal(moved.id).plan_id == _draft.id


def test_deleting_the_source_of_a_copy_clears_its_links_in_an_adopted_copy(session):
    db = session.db
    plans = PlanService(db)
    source, _goals = seed000_plan(db)
    copy = copy_forward(db, source.id).plan
    adopt(plans, copy.id, "2022-12-14", "§ 55")
    before = plan_sheets(db, copy.id)
    plans.delete_plan(source.id)  # a draft may go; its copy only forgets where it came from
    assert plans.get_plan(copy.id).kopierad_fran_id is None
    assert all(m.kopierad_fran_id is None for m in GoalService(db).tree(copy.id).all_matt())
    assert plan_sheets(db, copy.id) == before


SERVICE_CALLS = {
    "save_plan": lambda p, g, plan, goals, rows: p.save_plan(_with(plan, titel="Ny titel")),
    "save_avsnitt": lambda p, g, plan, goals, rows: p.save_avsnitt(Avsnitt(plan_id=plan.id, rubrik="Ny")),
    "save_avsnitt_andra": lambda p, g, plan, goals, rows: p.save_avsnitt(_with(rows["avsnitt"], rubrik="Ny")),
    "delete_avsnitt": lambda p, g, plan, goals, rows: p.delete_avsnitt(rows["avsnitt"].id),
    "move_avsnitt": lambda p, g, plan, goals, rows: p.move_avsnitt(rows["avsnitt"].id, 1),
    "save_nyckeltal": lambda p, g, plan, goals, rows: p.save_nyckeltal(_with(rows["nyckeltal"], matt="X")),
    "save_forandring": lambda p, g, plan, goals, rows: p.save_forandring(
        Forandring(plan_id=plan.id, vad="X")),
    "save_aktivitet": lambda p, g, plan, goals, rows: p.save_aktivitet(
        Aktivitet(namndmal_id=goals["jobb"].id, vad="Ny")),
    "save_uppdrag": lambda p, g, plan, goals, rows: p.save_uppdrag(
        _with(rows["uppdrag"], status="genomfört")),
    "save_risk": lambda p, g, plan, goals, rows: p.save_risk(_with(rows["risk"], sannolikhet=1)),
    "save_fotnot": lambda p, g, plan, goals, rows: p.save_fotnot(_with(rows["fotnot"], text="2020")),
    "delete_row": lambda p, g, plan, goals, rows: p.delete_row("risk", rows["risk"].id),
    "move_row": lambda p, g, plan, goals, rows: p.move_row("nyckeltal", rows["nyckeltal"].id, 1),
    "save_malomrade": lambda p, g, plan, goals, rows: g.save_malomrade(Malomrade(plan_id=plan.id, namn="Ny")),
    "save_kf_mal": lambda p, g, plan, goals, rows: g.save_kf_mal(_with(goals["kf"], text="Ändrat")),
    "save_kf_mal_ny": lambda p, g, plan, goals, rows: g.save_kf_mal(
        KfMal(malomrade_id=goals["kf"].malomrade_id, text="Nytt")),
    "save_namndmal": lambda p, g, plan, goals, rows: g.save_namndmal(_with(goals["jobb"], ansvarig="ÄF")),
    "save_matt": lambda p, g, plan, goals, rows: g.save_matt(Matt(namndmal_id=goals["jobb"].id, text="Nytt")),
    "set_value": lambda p, g, plan, goals, rows: g.set_value(goals["konsulent"].matt[0].id, 2023, "<9"),
    "delete": lambda p, g, plan, goals, rows: g.delete("matt", goals["konsulent"].matt[0].id),
    "move": lambda p, g, plan, goals, rows: g.move("namndmal", goals["dig_sof"].id, 1),
}


def _with(obj, **changes):
    from dataclasses import replace

    return replace(obj, **changes)


@pytest.mark.parametrize("call", sorted(SERVICE_CALLS))
def test_the_services_say_why_first(adopted, call):
    db, plan, goals, rows = adopted
    before = snapshot(db, plan.id)
    with pytest.raises(ValidationError) as err:
        SERVICE_CALLS[call](PlanService(db), GoalService(db), plan, goals, rows)
    assert str(err.value) == SERVICE_MESSAGE
    assert snapshot(db, plan.id) == before


def test_an_adopted_plan_is_not_deleted(adopted):
    db, plan, _goals, _rows = adopted
    with pytest.raises(ValidationError) as err:
        PlanService(db).delete_plan(plan.id)
    assert str(err.value) == ("Planen är antagen (vård- och omsorgsnämnden 2021-12-15, § 59) och kan inte "
                              "tas bort; ett antaget beslut finns kvar som det fattades.")
    assert PlanService(db).get_plan(plan.id).adopted


def test_follow_up_stays_writable_on_an_adopted_plan(adopted):
    db, plan, goals, rows = adopted
    before = snapshot(db, plan.id)
    follow, goal_service = FollowupService(db), GoalService(db)
    delar = follow.find_tillfalle(plan.id, "Delår")
    follow.set_utfall(delar.id, goals["konsulent"].matt[0].id, "11", "Färre placeringar.")
    follow.save_bedomning(Bedomning(delar.id, namndmal_id=goals["jobb"].id, bedomning=DELVIS,
                                    kommentar="Nytt mål, mätningen har börjat."))
    follow.save_aktivitet_status(AktivitetStatus(delar.id, rows["aktivitet"].id, "pågår", 40))
    assert goal_service.set_agenda2030("namndmal", goals["jobb"].id, "8, 10") == "08,10"
    extra = follow.save_tillfalle(Tillfalle(plan_id=plan.id, namn="Juni", ar=2022, manad=6))
    follow.delete_tillfalle(extra.id)
    assert follow.accept_proposals(delar.id) >= 1
    report = follow.report(delar.id)
    konsulent = next(g for g in report.all_goals() if g.goal.id == goals["konsulent"].id)
    assert (konsulent.matt[0].utfall.utfall, konsulent.bedomning.bedomning) == ("11", "helt uppfyllt")
    jobb = next(g for g in report.all_goals() if g.goal.id == goals["jobb"].id)
    assert (jobb.bedomning.bedomning, jobb.goal.agenda2030) == (DELVIS, "08,10")
    # The plan itself is as adopted (the Agenda 2030 tags are printed in the follow-up only).
    after = snapshot(db, plan.id)
    assert after["plan"] == before["plan"] and after["avsnitt"] == before["avsnitt"]
    assert [r for r in after["sheets"]["Mått"]] == [r for r in before["sheets"]["Mått"]]


def _content(db, plan_id) -> dict:
    """The plan's content without ids, for comparing a revision with what it revises."""
    plans = PlanService(db)
    sheets = {name: [r[:-1] for r in rows] for name, rows in plan_sheets(db, plan_id).items()
              if name != "Plan"}
    ids = ("id", "plan_id", "namndmal_id", "malomrade_id")

    def strip(items):
        return [{k: v for k, v in vars(i).items() if k not in ids} for i in items]

    return {"sheets": sheets, "avsnitt": strip(plans.avsnitt(plan_id)),
            "nyckeltal": strip(plans.nyckeltal(plan_id)),
            "forandring": strip(plans.forandringar(plan_id)), "uppdrag": strip(plans.uppdrag(plan_id)),
            "risker": strip(plans.risker(plan_id)), "fotnoter": strip(plans.fotnoter(plan_id)),
            "aktiviteter": strip(plans.aktiviteter(plan_id=plan_id)),
            "tillfallen": [(t.namn, t.ar, t.manad, t.slag) for t in FollowupService(db).tillfallen(plan_id)]}


def test_a_revision_is_the_next_version_editable_and_the_original_unchanged(adopted):
    db, plan, goals, _rows = adopted
    plans, goal_service, follow = PlanService(db), GoalService(db), FollowupService(db)
    bokslut = follow.find_tillfalle(plan.id, "Bokslut")
    follow.set_utfall(bokslut.id, goals["jobb"].matt[0].id, "55 %")  # outcome 2022, on version 1
    before = snapshot(db, plan.id)

    revision = plans.revise(plan.id)
    new = revision.plan
    assert (new.version, new.revidering_av_id, new.status, new.antagen_datum, new.antagen_paragraf) == (
        2, plan.id, "utkast", None, "")
    assert (new.titel, new.period) == (plan.titel, plan.period)
    assert _content(db, new.id) == _content(db, plan.id)
    assert revision.message() == (
        "Version 2 av ”Vård- och omsorgsnämndens verksamhetsplan 2022–2024” har skapats som utkast. Ändra "
        "den och ange antagandet när nämnden har beslutat. Version 1 (antagen av vård- och omsorgsnämnden "
        "2021-12-15, § 59) är oförändrad, med sina uppföljningar.")
    # Follow-up stays with the version it was recorded on; a ">2021" target of the
    # revision still finds an outcome of version 1 through the copied mått.
    new_bokslut = follow.find_tillfalle(new.id, "Bokslut")
    assert not any(u.utfall for u in follow.utfall(new_bokslut.id).values())
    new_jobb = next(n for n in goal_service.tree(new.id).all_namndmal() if n.text == goals["jobb"].text)
    assert follow.resolver(new, new_jobb.matt[0])(2022).number == 55

    # The revision is changed like any draft; version 1 is as it was.
    goal_service.set_value(new_jobb.matt[0].id, 2023, "≥ 60 %")
    plans.save_risk(Risk(plan_id=new.id, risk="Ny risk", sannolikhet=2, konsekvens=2))
    assert goal_service.get_matt(new_jobb.matt[0].id).malvarden[2023] == "≥ 60 %"
    assert snapshot(db, plan.id) == before

    # Only the newest adopted version is revised.
    with pytest.raises(ValidationError) as err:
        plans.revise(plan.id)
    assert str(err.value) == "Version 1 har redan reviderats: version 2 är ett utkast. Ändra den i stället."
    with pytest.raises(ValidationError, match="är ett utkast och kan ändras direkt"):
        plans.revise(new.id)
    adopted_v2 = adopt(plans, new.id, "2022-06-20", "§ 40")
    with pytest.raises(ValidationError) as err:
        goal_service.set_value(new_jobb.matt[0].id, 2023, "≥ 70 %")
    assert str(err.value) == ("Version 2 av planen är antagen (vård- och omsorgsnämnden 2022-06-20, § 40); "
                              "gör en revidering för att ändra den.")
    third = plans.revise(adopted_v2.id).plan
    assert (third.version, third.revidering_av_id) == (3, new.id)
    assert version_line(db, third) == ("Version 3, revidering av version 2 antagen av vård- och "
                                       "omsorgsnämnden 2022-06-20, § 40")
    assert version_line(db, plans.get_plan(plan.id)) == "Version 1"


def _first_page(data: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


def test_the_pdf_names_the_version(adopted, tmp_path):
    db, plan, _goals, _rows = adopted
    plans = PlanService(db)
    original = _first_page(render_plan(db, plan.id, pdfa_level=None)[0])
    assert "Antagen av vård- och omsorgsnämnden 2021-12-15, § 59 Version 1" in original
    revision = plans.revise(plan.id).plan
    data = render_plan(db, revision.id, tmp_path / "revision.pdf")[0]
    draft = _first_page(data)
    assert ("Utkast – ej antagen Version 2, revidering av version 1 antagen av vård- och omsorgsnämnden "
            "2021-12-15, § 59") in draft
    adopt(plans, revision.id, "2022-06-20", "§ 40")
    adopted_text = _first_page(render_plan(db, revision.id, pdfa_level=None)[0])
    assert ("Antagen av vård- och omsorgsnämnden 2022-06-20, § 40 Version 2, revidering av version 1 antagen "
            "av vård- och omsorgsnämnden 2021-12-15, § 59") in adopted_text
    delar = FollowupService(db).find_tillfalle(revision.id, "Delår")
    followup = _first_page(render_followup(db, delar.id, pdfa_level=None)[0])
    assert ("Version 2, revidering av version 1 antagen av vård- och omsorgsnämnden 2021-12-15, "
            "§ 59") in followup
