"""Uppföljning: proposals from outcomes and parsed targets, assessments, activity share."""

import pytest
from plan_helpers import add_goal, seed000_plan

from app.plan.assess import EJ_UPPNATT, FORBATTRAT, UPPNATT, activity_share, judge
from app.plan.followup import FollowupService
from app.plan.model import DELVIS, EJ, HELT, Aktivitet, AktivitetStatus, Bedomning, Tillfalle
from app.plan.service import PlanService
from app.plan.values import parse_value
from app.validation import ValidationError

P = parse_value


@pytest.mark.parametrize(("outcome", "target", "baseline", "status"), [
    ("11", "<12", "14*", UPPNATT),
    ("12", "<12", "14*", FORBATTRAT),      # not under 12, but fewer than 14
    ("15", "<12", "14*", EJ_UPPNATT),
    ("52 %", "≥ 50 %", "50 % (jan-okt 2022)", UPPNATT),
    ("50", "≥ 50 %", "", UPPNATT),          # a unitless outcome is read in the target's unit
    ("21", ">20", "25*", UPPNATT),
    ("20", ">20", "25*", EJ_UPPNATT),
    ("82 %", "80%", "58%*", UPPNATT),       # no comparator, above baseline: reach at least
    ("70 %", "80%", "58%*", FORBATTRAT),
    ("16", "16", "20", UPPNATT),            # no comparator, below baseline: at most
    ("18", "16", "20", FORBATTRAT),
    ("21", "16", "20", EJ_UPPNATT),
    ("0 %", "0 % neg. avvikelse", "Nytt mål.", UPPNATT),
    ("2 %", "0 % neg. avvikelse", "Nytt mål.", EJ_UPPNATT),
    ("3", "2 aktiviteter", "Saknas, nytt mål för perioden", UPPNATT),
    ("1 aktivitet", "2 aktiviteter", "", EJ_UPPNATT),
])
def test_judge_numbers(outcome, target, baseline, status):
    assert judge(P(outcome), P(target), P(baseline)).status == status


def test_judge_cannot_and_explains():
    assert judge(P(""), P("<12"), P("14")).reason == "inget utfall inskrivet"
    assert judge(P("bra"), P("<12"), P("14")).reason == "utfallet ”bra” är inget tal"
    j = judge(P("5 aktiviteter"), P("80 %"), P(""))
    assert j.status is None and "olika enheter" in j.reason
    j = judge(P("80 %"), P(">2022"), P("Nytt mål"))
    assert j.status is None
    assert j.reason == "målvärdet ”>2022” jämför med 2022, men inget utfall för 2022 finns"
    j = judge(P("80 %"), P(">2022"), P(""), lambda year: P("75 %") if year == 2022 else None)
    assert j.status == UPPNATT and j.reason == "utfallet ”80 %” når utfallet 2022 (75)"
    assert judge(P("3"), P(""), P("")).reason == "inget målvärde för året"


def test_activity_share_counts_only_what_was_due():
    acts = [(3, "genomförd"), (6, "pågår"), (6, "genomförd"), (9, "genomförd"), (None, "ej påbörjad")]
    share = activity_share(acts, 8)  # delår: Q1 and Q2 were due
    assert (share.done, share.planned, share.percent) == (2, 3, 67)
    assert share.text() == "67 % (2 av 3)"
    year_end = activity_share(acts, 12)
    assert (year_end.done, year_end.planned) == (3, 5)
    assert activity_share([], 8).text() == "Inga planerade aktiviteter"


def _occasion(db, plan, name):
    return FollowupService(db).find_tillfalle(plan.id, name)


def test_report_proposes_and_accepts(session):
    plan, g = seed000_plan(session.db)
    f = FollowupService(session.db)
    delar = _occasion(session.db, plan, "delår")
    f.set_utfall(delar.id, g["forebygg"].matt[0].id, "48")          # >20: met
    f.set_utfall(delar.id, g["brukare"].matt[0].id, "70 %")         # 80%: improved from 58%
    f.set_utfall(delar.id, g["konsulent"].matt[0].id, "13", "Färre placeringar än i fjol")
    report = f.report(delar.id)
    rows = {r.goal.id: r for r in report.all_goals()}
    assert rows[g["forebygg"].id].proposal.bedomning == HELT
    assert rows[g["brukare"].id].proposal.bedomning == DELVIS
    assert rows[g["konsulent"].id].proposal.bedomning == DELVIS   # 13 is not <12 but below 14
    assert rows[g["konsulent"].id].matt[0].utfall.kommentar == "Färre placeringar än i fjol"
    assert rows[g["jobb"].id].proposal.bedomning is None             # >2022 vs a "Nytt mål" baseline
    kf_row = next(k for a in report.areas for k in a.kf)
    assert kf_row.proposal.bedomning == DELVIS  # one helt, one delvis
    assert "Förebyggande arbete för barn och unga ska öka.: helt uppfyllt" in kf_row.proposal.explain()

    # The user's decision wins over the proposal for the KF-mål's proposal.
    f.save_bedomning(Bedomning(delar.id, namndmal_id=g["brukare"].id, bedomning=HELT,
                               kommentar="Målet nås enligt enhetens egen mätning."))
    assert f.report(delar.id).areas[2].kf[0].proposal.bedomning == HELT
    set_count = f.accept_proposals(delar.id)
    assert set_count == 3  # forebygg, konsulent and the KF-mål; brukare already set
    after = f.report(delar.id)
    rows = {r.goal.id: r for r in after.all_goals()}
    assert rows[g["brukare"].id].bedomning.bedomning == HELT
    assert rows[g["brukare"].id].bedomning.kommentar == "Målet nås enligt enhetens egen mätning."
    assert rows[g["konsulent"].id].bedomning.bedomning == DELVIS
    assert after.areas[2].kf[0].bedomning.bedomning == HELT
    assert after.counts == {HELT: 2, DELVIS: 1, EJ: 0, "ej utvärderad": 0}


def test_year_reference_resolved_from_bokslut_and_previous_plan(session):
    plan, g = seed000_plan(session.db)
    f = FollowupService(session.db)
    bokslut = _occasion(session.db, plan, "Bokslut 2022")
    jobb = g["jobb"].matt[0]
    f.set_utfall(bokslut.id, jobb.id, "55 %")
    # >2021 in 2022: no outcome for 2021 anywhere (the baseline is "Saknas, nytt mål").
    row = next(r for r in f.report(bokslut.id).all_goals() if r.goal.id == g["jobb"].id)
    assert row.proposal.bedomning is None
    # A 2023 occasion in the same plan judges ">2022" against the 2022 bokslut.
    later = f.save_tillfalle(Tillfalle(plan_id=plan.id, namn="Bokslut", ar=2023, manad=12, slag="bokslut"))
    f.set_utfall(later.id, jobb.id, "60 %")
    row = next(r for r in f.report(later.id).all_goals() if r.goal.id == g["jobb"].id)
    assert row.matt[0].judgement.status == UPPNATT
    assert row.matt[0].judgement.reason == "utfallet ”60 %” når utfallet 2022 (55)"


def test_ingangsvarde_of_the_year_resolves_year_reference(session):
    plan, g = seed000_plan(session.db)
    n = add_goal(session.db, plan, "Öka antal ärenden som är hanterade inom 24 h",
                 [("Andel ärenden hanterade inom 24 h.", "40 %", [">2021", ">2022", ">2023"])],
                 malomrade_id=g["jobb"].malomrade_id)
    f = FollowupService(session.db)
    delar = _occasion(session.db, plan, "Delår")
    f.set_utfall(delar.id, n.matt[0].id, "38 %")
    row = next(r for r in f.report(delar.id).all_goals() if r.goal.id == n.id)
    # "40 %" without a year is the table's "Ingångsvärde/bokslutsvärde 2021".
    assert row.matt[0].judgement.status == EJ_UPPNATT
    assert row.proposal.bedomning == EJ


def test_activity_status_and_share_in_report(session):
    plan, g = seed000_plan(session.db)
    plans, f = PlanService(session.db), FollowupService(session.db)
    acts = [plans.save_aktivitet(Aktivitet(namndmal_id=g["forebygg"].id, vad=f"Aktivitet {q}", nar=q))
            for q in ("Q1", "Q2", "Q2", "Q4")]
    delar = _occasion(session.db, plan, "Delår")
    f.save_aktivitet_status(AktivitetStatus(delar.id, acts[0].id, "genomförd"))
    f.save_aktivitet_status(AktivitetStatus(delar.id, acts[1].id, "pågår", 50))
    f.save_aktivitet_status(AktivitetStatus(delar.id, acts[3].id, "genomförd"))
    statuses = f.aktivitet_status(delar.id)
    assert statuses[acts[0].id].andel_klar == 100  # genomförd means 100 % done
    report = f.report(delar.id)
    row = next(r for r in report.all_goals() if r.goal.id == g["forebygg"].id)
    assert row.share.text() == "33 % (1 av 3)"
    assert report.share.text() == "33 % (1 av 3)"
    assert report.areas[2].kf[0].share.text() == "33 % (1 av 3)"
    with pytest.raises(ValidationError, match="Andel klar ska vara 0–100 %"):
        f.save_aktivitet_status(AktivitetStatus(delar.id, acts[1].id, "pågår", 150))


def test_occasions_are_a_plan_setting(session):
    plan, _g = seed000_plan(session.db)
    f = FollowupService(session.db)
    extra = f.save_tillfalle(Tillfalle(plan_id=plan.id, namn="November", ar=2022, manad=11))
    assert [t.label for t in f.tillfallen(plan.id)][-2:] == ["November 2022", "Bokslut 2022"]
    with pytest.raises(ValidationError, match="Planen har redan ett tillfälle ”Delår 2022”"):
        f.save_tillfalle(Tillfalle(plan_id=plan.id, namn="Delår", ar=2022, manad=8, slag="delår"))
    with pytest.raises(ValidationError, match="Månaden ska vara 1–12"):
        f.save_tillfalle(Tillfalle(plan_id=plan.id, namn="X", ar=2022, manad=13))
    f.delete_tillfalle(extra.id)
    with pytest.raises(LookupError, match="Planen har inget uppföljningstillfälle ”November”"):
        f.find_tillfalle(plan.id, "November")
    f.save_tillfalle(Tillfalle(plan_id=plan.id, namn="Delår", ar=2023, manad=8, slag="delår"))
    with pytest.raises(LookupError, match="Flera uppföljningstillfällen heter ”delår”"):
        f.find_tillfalle(plan.id, "delår")
    assert f.find_tillfalle(plan.id, "Delår 2023").ar == 2023


def test_assessment_validation(session):
    plan, g = seed000_plan(session.db)
    f = FollowupService(session.db)
    delar = _occasion(session.db, plan, "Delår")
    with pytest.raises(ValidationError, match="Okänd bedömning ”grönt”"):
        f.save_bedomning(Bedomning(delar.id, namndmal_id=g["jobb"].id, bedomning="grönt"))
    with pytest.raises(ValidationError, match="antingen ett KF-mål eller ett nämndmål"):
        f.save_bedomning(Bedomning(delar.id, kf_mal_id=g["kf"].id, namndmal_id=g["jobb"].id))
    b = f.save_bedomning(Bedomning(delar.id, namndmal_id=g["jobb"].id, bedomning="ej utvärderad"))
    again = f.save_bedomning(Bedomning(delar.id, namndmal_id=g["jobb"].id, bedomning=EJ, kommentar="x"))
    assert again.id == b.id  # one assessment per goal and occasion
