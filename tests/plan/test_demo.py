"""The demo database holds both plans (2022–2024 and 2023–2025) and a delår follow-up."""

from app.plan.checks import plan_warnings
from app.plan.followup import FollowupService
from app.plan.goals import GoalService
from app.plan.model import BEDOMNINGAR
from app.plan.service import PlanService
from app.plan.values import TEXT, parse_value


def _plans(db):
    by_year = {p.forsta_ar: p for p in PlanService(db).plans()}
    return by_year[2022], by_year[2023]


def test_both_seed_plans(demo_session):
    db = demo_session.db
    first, second = _plans(db)
    assert first.adoption_line() == "Antagen av vård- och omsorgsnämnden 2021-12-15, § 59"
    assert second.adoption_line() == "Antagen av vård- och omsorgsnämnden 2022-12-14, § VON.2022.55"
    t1, t2 = GoalService(db).tree(first.id), GoalService(db).tree(second.id)
    names = ["Mod och framtidstro", "Trygg och säker uppväxt", "God folkhälsa", "Trygg och värdig ålderdom",
             "Attraktiv bostadsort", "Hållbar utveckling"]
    assert [m.namn for m in t1.malomraden] == names == [m.namn for m in t2.malomraden]
    assert (len(t1.all_kf_mal()), len(t1.all_namndmal()), len(t1.all_matt())) == (6, 16, 17)
    assert (len(t2.all_kf_mal()), len(t2.all_namndmal()), len(t2.all_matt())) == (24, 31, 31)
    assert [n.syfte for n in t2.ovriga] == ["Bidra till en bättre miljö."]
    # 2022–2024: no KF-mål link in the tables; 2023–2025: every nämndmål under its KF-mål.
    assert all(not k.namndmal for k in t1.all_kf_mal())
    assert all(not m.namndmal for m in t2.malomraden)
    kf = t2.malomraden[2].kf_mal[0]
    assert (kf.ansvariga, kf.uppfoljning) == ("KS, KFN, UN, VON", "B")
    hemtjanst = next(n for n in t1.all_namndmal() if n.text == "Hemtjänstens effektivitet ska öka")
    assert [(m.ingangsvarde, m.malvarden[2024]) for m in hemtjanst.matt] == [("50 %**", "75 %"),
                                                                             ("73 %**", "90 %")]
    frisk = next(n for n in t2.all_namndmal()
                 if n.text.startswith("Öka frisknärvaron") and n.ansvarig == "SOF")
    assert (frisk.matt[0].ingangsvarde, frisk.matt[0].malvarden[2025]) == ("Delår 2022: 91,74 %", ">91,74 %")
    # Every value typed in the seeds is understood (none falls back to plain text).
    for tree in (t1, t2):
        for m in tree.all_matt():
            for text in [m.ingangsvarde, *m.malvarden.values()]:
                assert parse_value(text).kind != TEXT, text
    assert plan_warnings(db, second.id) == [
        "Måttet ”Resursfördelningssystem infört vid årets slut.” saknar målvärde för 2024, 2025."]


def test_demo_delar_follow_up(demo_session):
    db = demo_session.db
    _first, second = _plans(db)
    follow = FollowupService(db)
    report = follow.report(follow.find_tillfalle(second.id, "Delår 2023").id)
    assert set(report.counts) == set(BEDOMNINGAR)
    assert all(report.counts[b] > 0 for b in BEDOMNINGAR)  # all four symbols in use
    assert report.share.text() == "60 % (3 av 5)"  # Q1–Q2 activities due by August
    rows = {(g.goal.text, g.goal.ansvarig): g for g in report.all_goals()}
    forebygg = rows[("Förebyggande arbete för barn och unga ska öka", "SOF")]
    assert forebygg.bedomning.bedomning == "helt uppfyllt"
    assert forebygg.goal.agenda2030 == "03,16"
    assert forebygg.matt[0].utfall.utfall == "36"
    assert forebygg.share.text() == "67 % (2 av 3)"
    assert "Öppenvården har utökats" in forebygg.bedomning.kommentar
    assert [u.rubrik for u in PlanService(db).uppdrag(second.id)] == ["Fortsätta effektivisera",
                                                                      "Boendeplan för äldre"]
    assert [r.riskvarde for r in PlanService(db).risker(second.id)] == [8, 25, 5]
