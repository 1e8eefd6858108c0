"""Plan, goal tree and plan tables: saving, validation in Swedish, order, deletes."""

import pytest
from plan_helpers import add_goal, make_namnd, seed000_plan

from app.plan.checks import plan_warnings
from app.plan.goals import GoalService, split_ansvarig, split_kf_text
from app.plan.model import (
    Aktivitet,
    Avsnitt,
    Forandring,
    Fotnot,
    KfMal,
    Malomrade,
    Matt,
    Namndmal,
    Nyckeltal,
    Plan,
    Risk,
    SarskiltUppdrag,
)
from app.plan.service import PlanService, shift_title
from app.validation import ValidationError


def test_new_plan_gets_title_period_and_standard_occasions(session):
    namnd_id = make_namnd(session.db)
    plan = PlanService(session.db).new_plan(namnd_id, 2023)
    assert plan.titel == "Vård- och omsorgsnämndens verksamhetsplan 2023–2025"
    assert plan.years == [2023, 2024, 2025] and plan.period == "2023–2025"
    assert plan.adoption_line() == "Utkast – ej antagen"
    occasions = session.db.execute(
        "SELECT namn, ar, manad, slag FROM plan_tillfalle WHERE plan_id = ? ORDER BY manad",
        [plan.id]).fetchall()
    assert occasions == [("Mars", 2023, 3, "övrigt"), ("April", 2023, 4, "övrigt"),
                         ("Delår", 2023, 8, "delår"), ("Oktober", 2023, 10, "övrigt"),
                         ("Bokslut", 2023, 12, "bokslut")]


def test_adoption_line_as_in_seed(session):
    namnd_id = make_namnd(session.db)
    svc = PlanService(session.db)
    plan = svc.new_plan(namnd_id, 2022)
    plan.status, plan.antagen_datum, plan.antagen_paragraf = "antagen", "2021-12-15", "§ 59"
    plan = svc.save_plan(plan)
    assert plan.adoption_line() == "Antagen av vård- och omsorgsnämnden 2021-12-15, § 59"


def test_plan_validation_messages(session):
    namnd_id = make_namnd(session.db)
    svc = PlanService(session.db)
    with pytest.raises(ValidationError) as err:
        svc.save_plan(Plan(namnd_id=namnd_id, titel="  ", forsta_ar=2023, status="antagen",
                           antagen_datum="15/12-2022"))
    messages = str(err.value)
    assert "Planens titel måste fyllas i." in messages
    assert "Datum för antagande måste vara ett datum som ÅÅÅÅ-MM-DD (nu: ”15/12-2022”)." in messages
    with pytest.raises(ValidationError, match="En antagen plan behöver datum"):
        svc.save_plan(Plan(namnd_id=namnd_id, titel="X", forsta_ar=2023, status="antagen"))
    with pytest.raises(ValidationError, match="Välj vilken nämnd"):
        svc.save_plan(Plan(namnd_id=999, titel="X", forsta_ar=2023))


def test_period_change_may_not_orphan_target_values(session):
    plan, _goals = seed000_plan(session.db)
    svc = PlanService(session.db)
    plan.forsta_ar = 2023
    with pytest.raises(ValidationError,
                       match=r"målvärden gäller år utanför perioden 2023–2025 \(2022–2022\)"):
        svc.save_plan(plan)


def test_title_shift():
    assert shift_title("Vård- och omsorgsnämndens verksamhetsplan 2022–2024", 2022, 3) == \
        "Vård- och omsorgsnämndens verksamhetsplan 2023–2025"
    assert shift_title("Plan 2022 (reviderad 2021)", 2022, 3) == "Plan 2023 (reviderad 2021)"


def test_goal_tree_levels_and_values(session):
    plan, _g = seed000_plan(session.db)
    tree = GoalService(session.db).tree(plan.id)
    assert [m.namn for m in tree.malomraden] == ["Mod och framtidstro", "Trygg och säker uppväxt",
                                                 "God folkhälsa", "Hållbar utveckling"]
    folkhalsa = tree.malomraden[2]
    assert [k.text[:20] for k in folkhalsa.kf_mal] == ["Andelen unga (0–12 å"]
    first_goal = folkhalsa.kf_mal[0].namndmal[0]
    assert first_goal.text == "Förebyggande arbete för barn och unga ska öka."
    assert folkhalsa.namndmal == []  # both nämndmål answer to the KF-mål
    assert [n.text[:10] for n in tree.malomraden[0].namndmal] == ["Ökad digit"]
    konsulent = tree.malomraden[1].namndmal[0].matt[0]
    assert konsulent.ingangsvarde == "14*"
    assert konsulent.malvarden == {2022: "<12", 2023: "<11", 2024: "<10"}
    assert konsulent.target(2023).number == 11 and konsulent.ingang.footnote == "*"
    assert len(tree.all_matt()) == 6


def test_ovriga_namndmal_and_moving_between_parents(session):
    plan, g = seed000_plan(session.db)
    goals = GoalService(session.db)
    fossil = goals.get_namndmal(g["fossil"].id)
    fossil.malomrade_id = None
    fossil.syfte = "Bidra till en bättre miljö."
    goals.save_namndmal(fossil)
    tree = goals.tree(plan.id)
    assert [n.text[:27] for n in tree.ovriga] == ["Öka antalet fossilfria fordo"[:27]]
    assert tree.ovriga[0].matt[0].malvarden[2022] == "2"
    # Putting a nämndmål under a KF-mål sets its målområde from the KF-mål.
    fossil.kf_mal_id = g["kf"].id
    goals.save_namndmal(fossil)
    moved = goals.get_namndmal(fossil.id)
    assert moved.malomrade_id == g["kf"].malomrade_id
    assert [n.id for n in goals.tree(plan.id).all_kf_mal()[0].namndmal][-1] == fossil.id


def test_kf_mal_of_another_plan_is_refused(session):
    plan, g = seed000_plan(session.db)
    other = PlanService(session.db).new_plan(plan.namnd_id, 2025)
    with pytest.raises(ValidationError, match="Det valda KF-målet hör inte till den här planen"):
        GoalService(session.db).save_namndmal(Namndmal(plan_id=other.id, text="X", kf_mal_id=g["kf"].id))


def test_matt_validation(session):
    _plan, g = seed000_plan(session.db)
    goals = GoalService(session.db)
    with pytest.raises(ValidationError) as err:
        goals.save_matt(Matt(namndmal_id=g["jobb"].id, text="", kolada_id="21477",
                             malvarden={2021: "5", 2023: "x" * 201}))
    text = str(err.value)
    assert "Måttets text måste fyllas i." in text
    assert "Kolada-id ska vara en bokstav och fem siffror, t.ex. U21477 (nu: ”21477”)." in text
    assert "Målvärdet för 2021 ligger utanför planens år (2022–2024)." in text
    assert "Målvärdet för 2023 får vara högst 200 tecken (nu 201)." in text
    m = goals.save_matt(Matt(namndmal_id=g["jobb"].id, text="Andel äldre …", kolada_id="u 21477",
                             ingangsvarde="78 %*", malvarden={2022: "82 %", 2023: "", 2024: "87 %"}))
    assert m.kolada_id == "U21477"
    assert goals.get_matt(m.id).malvarden == {2022: "82 %", 2024: "87 %"}
    goals.set_value(m.id, 2023, "≥ 85 %")
    goals.set_value(m.id, None, "79 % (2022)")
    again = goals.get_matt(m.id)
    assert again.malvarden[2023] == "≥ 85 %" and again.ingangsvarde == "79 % (2022)"


def test_move_and_delete_with_usage(session):
    plan, _g = seed000_plan(session.db)
    goals = GoalService(session.db)
    tree = goals.tree(plan.id)
    first, last = tree.malomraden[0].id, tree.malomraden[-1].id
    assert goals.move("malomrade", first, -1) is False
    assert goals.move("malomrade", first, +1) is True
    assert [m.namn for m in goals.tree(plan.id).malomraden][:2] == ["Trygg och säker uppväxt",
                                                                    "Mod och framtidstro"]
    assert goals.usage("malomrade", last) == {"nämndmål": 2, "mått": 2, "aktiviteter": 0, "KF-mål": 0}
    goals.delete("malomrade", last)
    assert len(goals.tree(plan.id).all_namndmal()) == 4
    assert session.db.execute("SELECT COUNT(*) FROM matt").fetchone()[0] == 4


@pytest.mark.parametrize(("printed", "expected"), [
    ("(VON) Andelen vuxna med missbruksproblem som inte kommit tillbaka inom ett år efter avslutad "
     "utredning/insats ska bibehållas. (D/B)",
     ("Andelen vuxna med missbruksproblem som inte kommit tillbaka inom ett år efter avslutad "
      "utredning/insats ska bibehållas.", "VON", "D/B")),
    ("-(VON) Andelen nyanlända som har lämnat etableringsuppdraget och börjat arbeta eller studera, "
     "status efter 90 dagar, ska vara minst 40%. (B)",
     ("Andelen nyanlända som har lämnat etableringsuppdraget och börjat arbeta eller studera, status "
      "efter 90 dagar, ska vara minst 40%.", "VON", "B")),
    ("Bruk av tobak och alkohol bland barn och ungdomar i Oxelösund minskar jämfört med föregående år "
     "(KS, KFN, UN, VON). (B)",
     ("Bruk av tobak och alkohol bland barn och ungdomar i Oxelösund minskar jämfört med föregående år.",
      "KS, KFN, UN, VON", "B")),
    ("Genom att stärka kommunens attraktionskraft bidrar alla nämnder. Redovisas i delårsrapport (D) och "
     "bokslut (B).", ("Genom att stärka kommunens attraktionskraft bidrar alla nämnder.", "", "D/B")),
    ("För minskad negativ miljö- och klimatpåverkan ska alla planerade nybyggnationer uppfylla kriterier "
     "för \"Gröna lån\" (KS, MSN, Bolagen). (B)",
     ("För minskad negativ miljö- och klimatpåverkan ska alla planerade nybyggnationer uppfylla kriterier "
      "för \"Gröna lån\".", "KS, MSN, Bolagen", "B")),
])
def test_split_kf_text(printed, expected):
    assert split_kf_text(printed) == expected
    text, ansvariga, uppf = expected
    assert KfMal(text=text, ansvariga=ansvariga, uppfoljning=uppf).label.endswith(f"({uppf})")


def test_split_ansvarig():
    assert split_ansvarig("Öka frisknärvaron jämfört med föregående år (SOF)") == (
        "Öka frisknärvaron jämfört med föregående år", "SOF")
    assert split_ansvarig("Nämnden håller sin driftsbudget (SOF/ÄF)") == ("Nämnden håller sin driftsbudget",
                                                                          "SOF/ÄF")
    assert split_ansvarig("Öka antal ärenden som är hanterade inom 24 h (i specialistgrupp) (SOF)") == (
        "Öka antal ärenden som är hanterade inom 24 h (i specialistgrupp)", "SOF")
    assert split_ansvarig("Stärka barns utveckling") == ("Stärka barns utveckling", "")


def test_agenda2030_tags_validated(session):
    _plan, g = seed000_plan(session.db)
    goals = GoalService(session.db)
    n = goals.get_namndmal(g["brukare"].id)
    n.agenda2030 = "3, 10"
    assert goals.save_namndmal(n).agenda2030 == "03,10"
    n.agenda2030 = "3, 18, x"
    with pytest.raises(ValidationError, match="Agenda 2030-målen är numrerade 1–17"):
        goals.save_namndmal(n)


def test_plan_tables(session):
    plan, g = seed000_plan(session.db)
    svc = PlanService(session.db)
    svc.save_nyckeltal(Nyckeltal(plan_id=plan.id,
                                 matt="Placeringskostnad per dygn i konsulentstött verksamhet*",
                                 jamforelsevarde="10 050", uppfoljningstillfalle="Månadsvis"))
    svc.save_forandring(Forandring(plan_id=plan.id, forvaltning="Social- och omsorgsförvaltningen",
                                   vad="Robotisering av ekonomiskt bistånd", tidplan="Q4"))
    svc.save_aktivitet(Aktivitet(namndmal_id=g["forebygg"].id, vad="Föräldragrupper", nar="Q2"))
    svc.save_uppdrag(SarskiltUppdrag(plan_id=plan.id, rubrik="Fortsätta effektivisera",
                                     slutdatum="2022-12-31", status="pågår"))
    risk = svc.save_risk(Risk(plan_id=plan.id, risk="Tidsplanen är för kort", sannolikhet=2, konsekvens=4))
    assert risk.riskvarde == 8
    assert [n.jamforelsevarde for n in svc.nyckeltal(plan.id)] == ["10 050"]
    assert svc.forandringar(plan.id)[0].tidplan == "Q4"
    assert [a.vad for a in svc.aktiviteter(plan_id=plan.id)] == ["Föräldragrupper"]
    assert svc.uppdrag(plan.id)[0].slutdatum == "2022-12-31"
    with pytest.raises(ValidationError) as err:
        svc.save_risk(Risk(plan_id=plan.id, risk="", sannolikhet=6, konsekvens=0))
    assert "Risken måste fyllas i." in str(err.value)
    assert "Sannolikhet (S) ska vara en siffra 1–5 (nu: ”6”)." in str(err.value)
    assert "Konsekvens (K) ska vara en siffra 1–5 (nu: ”0”)." in str(err.value)
    with pytest.raises(ValidationError, match="Slutdatum måste vara ett datum"):
        svc.save_uppdrag(SarskiltUppdrag(plan_id=plan.id, rubrik="X", slutdatum="31 dec"))
    svc.save_nyckeltal(Nyckeltal(plan_id=plan.id, matt="Utförd tid av beviljad tid htj",
                                 jamforelsevarde="73%"))
    second = svc.nyckeltal(plan.id)[1]
    svc.move_row("nyckeltal", second.id, -1)
    assert next(n.matt for n in svc.nyckeltal(plan.id)) == "Utförd tid av beviljad tid htj"
    svc.delete_row("nyckeltal", second.id)
    assert len(svc.nyckeltal(plan.id)) == 1


def test_sections_keep_order_per_placement(session):
    plan, _g = seed000_plan(session.db)
    svc = PlanService(session.db)
    svc.save_avsnitt(Avsnitt(plan_id=plan.id, placering="avslutning", rubrik="Uppföljning", text="<p>b</p>"))
    svc.save_avsnitt(Avsnitt(plan_id=plan.id, rubrik="Inledning", text="<p>a</p>"))
    sof = svc.save_avsnitt(Avsnitt(plan_id=plan.id, rubrik="Social- och omsorgsförvaltningen", niva=2))
    assert [a.rubrik for a in svc.avsnitt(plan.id)] == ["Inledning", "Social- och omsorgsförvaltningen",
                                                        "Uppföljning"]
    svc.move_avsnitt(sof.id, -1)
    assert [a.rubrik for a in svc.avsnitt(plan.id, "inledning")] == ["Social- och omsorgsförvaltningen",
                                                                     "Inledning"]
    with pytest.raises(ValidationError, match="Avsnittet behöver en rubrik eller en text"):
        svc.save_avsnitt(Avsnitt(plan_id=plan.id))


def test_footnotes_unique_per_table_and_warnings(session):
    plan, g = seed000_plan(session.db)
    svc = PlanService(session.db)
    omrade = g["konsulent"].malomrade_id
    with pytest.raises(ValidationError, match=r"Tabellen har redan en fotnot \*\."):
        svc.save_fotnot(Fotnot(plan_id=plan.id, tabell="mal", malomrade_id=omrade, markering="*", text="X"))
    with pytest.raises(ValidationError, match="markering ska vara"):
        svc.save_fotnot(Fotnot(plan_id=plan.id, tabell="ovriga", markering="†", text="X"))
    add_goal(session.db, plan, "Hemtjänstens effektivitet ska öka",
             [("Brukartid i genomsnitt", "50 %**", ["70 %", "", "75 %"])], malomrade_id=omrade)
    warnings = plan_warnings(session.db, plan.id)
    assert ("Målområdet ”Trygg och säker uppväxt”: ett värde har fotnoten ** men tabellen saknar "
            "fotnotstext för **.") in warnings
    assert "Måttet ”Brukartid i genomsnitt” saknar målvärde för 2023." in warnings
    assert not any("God folkhälsa" in w for w in warnings)


def test_delete_plan_cascades(session):
    plan, _g = seed000_plan(session.db)
    svc = PlanService(session.db)
    assert svc.plan_usage(plan.id) == {"nämndmål": 6, "mått": 6, "utfall": 0}
    svc.delete_plan(plan.id)
    for table in ("malomrade", "kf_mal", "namndmal", "matt", "malvarde", "plan_fotnot", "plan_tillfalle"):
        assert session.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table


def test_find_plan(session):
    plan, _g = seed000_plan(session.db)
    svc = PlanService(session.db)
    assert svc.find_plan(str(plan.id)).id == plan.id
    assert svc.find_plan("2022–2024").id == plan.id
    with pytest.raises(LookupError, match="Ingen verksamhetsplan har ”2030–2032”"):
        svc.find_plan("2030–2032")
    with pytest.raises(LookupError, match="Verksamhetsplanen med id 99 finns inte"):
        svc.find_plan("99")


def test_malomrade_and_text_cleaning(session):
    plan, _g = seed000_plan(session.db)
    goals = GoalService(session.db)
    m = goals.save_malomrade(Malomrade(plan_id=plan.id, namn="  Attraktiv\u00ad bostadsort \t"))
    assert m.namn == "Attraktiv bostadsort"
    with pytest.raises(ValidationError, match="Målområdets namn måste fyllas i"):
        goals.save_malomrade(Malomrade(plan_id=plan.id, namn=""))
