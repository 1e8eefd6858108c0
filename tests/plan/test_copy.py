"""Copying a plan forward: the plan 2022–2024 becomes the shape of the plan 2023–2025."""

from plan_helpers import seed000_plan

from app.plan.copyforward import copy_forward, period_label
from app.plan.followup import FollowupService
from app.plan.goals import GoalService
from app.plan.model import Aktivitet, AktivitetStatus, Avsnitt, Nyckeltal, SarskiltUppdrag, Tillfalle
from app.plan.service import PlanService


def _values(tree, goal_text):
    goal = next(n for n in tree.all_namndmal() if n.text == goal_text)
    m = goal.matt[0]
    return m.ingangsvarde, [m.malvarden.get(y, "") for y in sorted(m.malvarden)]


def test_copy_seed000_to_seed001_shape(session):
    db = session.db
    plan, g = seed000_plan(db)
    plans, follow = PlanService(db), FollowupService(db)
    plans.save_avsnitt(Avsnitt(plan_id=plan.id, rubrik="Inledning", text="<p>Kommunfullmäktige …</p>"))
    plans.save_nyckeltal(Nyckeltal(plan_id=plan.id, matt="Utförd tid av beviljad tid htj",
                                   jamforelsevarde="73%"))
    plans.save_uppdrag(SarskiltUppdrag(plan_id=plan.id, rubrik="Klart uppdrag", status="genomfört"))
    plans.save_uppdrag(SarskiltUppdrag(plan_id=plan.id, rubrik="Fortsätta effektivisera", status="pågår"))
    act = plans.save_aktivitet(Aktivitet(namndmal_id=g["forebygg"].id, vad="Föräldragrupper", nar="Q2"))
    # 2022's outcomes, as they were known when the 2023–2025 plan was written in December 2022.
    november = follow.save_tillfalle(Tillfalle(plan_id=plan.id, namn="November", ar=2022, manad=11))
    bokslut = follow.find_tillfalle(plan.id, "Bokslut")
    delar = follow.find_tillfalle(plan.id, "Delår")
    follow.set_utfall(bokslut.id, g["dig_sof"].matt[0].id, "2")
    follow.set_utfall(delar.id, g["forebygg"].matt[0].id, "40")
    follow.set_utfall(november.id, g["forebygg"].matt[0].id, "48")   # later occasion wins
    follow.set_utfall(bokslut.id, g["fossil"].matt[0].id, "2")
    follow.set_utfall(delar.id, g["jobb"].matt[0].id, "50 % (jan-okt 2022)")
    follow.save_aktivitet_status(AktivitetStatus(delar.id, act.id, "genomförd"))

    result = copy_forward(db, plan.id)
    new = result.plan
    assert new.titel == "Vård- och omsorgsnämndens verksamhetsplan 2023–2025"
    assert (new.forsta_ar, new.years, new.status, new.kopierad_fran_id) == (2023, [2023, 2024, 2025],
                                                                              "utkast", plan.id)
    tree = GoalService(db).tree(new.id)
    old_tree = GoalService(db).tree(plan.id)
    assert [m.namn for m in tree.malomraden] == [m.namn for m in old_tree.malomraden]
    assert [k.text for k in tree.all_kf_mal()] == [k.text for k in old_tree.all_kf_mal()]
    assert len(tree.all_namndmal()) == len(old_tree.all_namndmal())

    # The 2023–2025 plan: "2 (2022)", "48 (jan-nov 2022)", "50 % (jan-okt 2022)", "2 (2022)"
    assert _values(tree, "Ökad digitalisering av verksamheterna inom social- och omsorgsförvaltningen.") == (
        "2 (2022)", ["1", "1", "1"])
    assert _values(tree, "Förebyggande arbete för barn och unga ska öka.") == (
        "48 (jan–nov 2022)", [">20", ">20", ">20"])
    assert _values(tree, "Arbetslösa Oxelösundsbor ska bli självförsörjande") == (
        "50 % (jan-okt 2022)", [">2022", ">2023", ">2024"])
    assert _values(tree, "Öka antalet fossilfria fordon/fortskaffningsmedel inom social- och "
                         "omsorgsförvaltningen") == ("2 (2022)", ["2", "2", "2"])
    # No 2022 outcome: the old ingångsvärde stays, and the user is told to check it.
    assert _values(tree, "Antal barn i konsulentstöd verksamhet ska minska.") == (
        "14*", ["<11", "<10", "<10"])
    assert result.ingang_from_outcome == 4
    assert "Antal barn i konsulentstödd verksamhet" in result.ingang_kept
    assert any("behöll sitt gamla ingångsvärde" in n for n in result.notes)

    new_plans = PlanService(db)
    assert [f.markering for f in new_plans.fotnoter(new.id)] == ["*", "*"]
    omrade_ids = {m.id for m in tree.malomraden}
    assert all(f.malomrade_id in omrade_ids for f in new_plans.fotnoter(new.id))
    assert [a.rubrik for a in new_plans.avsnitt(new.id)] == ["Inledning"]
    assert [n.matt for n in new_plans.nyckeltal(new.id)] == ["Utförd tid av beviljad tid htj"]
    assert [u.rubrik for u in new_plans.uppdrag(new.id)] == ["Fortsätta effektivisera"]
    assert new_plans.aktiviteter(plan_id=new.id) == []
    assert [t.label for t in follow.tillfallen(new.id)] == [
        "Mars 2023", "April 2023", "Delår 2023", "Oktober 2023", "November 2023", "Bokslut 2023"]
    # Every copied mått remembers its origin, for ">2022" judged against the old plan.
    assert all(m.kopierad_fran_id for m in tree.all_matt())
    # The old plan is untouched.
    old_targets = _values(old_tree, "Arbetslösa Oxelösundsbor ska bli självförsörjande")[1]
    assert old_targets == [">2021", ">2022", ">2023"]


def test_copied_plan_judges_year_reference_against_old_plan(session):
    db = session.db
    plan, g = seed000_plan(db)
    follow = FollowupService(db)
    follow.set_utfall(follow.find_tillfalle(plan.id, "Bokslut").id, g["jobb"].matt[0].id, "55 %")
    new = copy_forward(db, plan.id).plan
    delar = follow.find_tillfalle(new.id, "Delår")
    goal = next(n for n in GoalService(db).tree(new.id).all_namndmal() if n.text.startswith("Arbetslösa"))
    assert goal.matt[0].ingangsvarde == "55 % (2022)"
    follow.set_utfall(delar.id, goal.matt[0].id, "58 %")
    row = next(r for r in follow.report(delar.id).all_goals() if r.goal.id == goal.id)
    assert row.matt[0].judgement.reason == "utfallet ”58 %” når utfallet 2022 (55)"


def test_copy_with_activities_and_without_outcomes(session):
    db = session.db
    plan, g = seed000_plan(db)
    PlanService(db).save_aktivitet(Aktivitet(namndmal_id=g["jobb"].id, vad="Jobbcoach", nar="Q3"))
    result = copy_forward(db, plan.id, with_activities=True, outcomes_as_baseline=False)
    acts = PlanService(db).aktiviteter(plan_id=result.plan.id)
    assert [a.vad for a in acts] == ["Jobbcoach"]
    assert acts[0].namndmal_id != g["jobb"].id
    assert result.ingang_from_outcome == 0 and result.ingang_kept == []


def test_period_label():
    assert period_label("Bokslut", "bokslut", 12, 2022) == "2022"
    assert period_label("Delår", "delår", 8, 2022) == "jan–aug 2022"
    assert period_label("Mars", "övrigt", 3, 2023) == "jan–mar 2023"
