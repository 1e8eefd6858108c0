"""Demo verksamhetsplaner (registered in app.demo.EXTENSIONS): the plans 2022–2024
and 2023–2025 with their goals, values, footnotes, nyckeltal and förändringsbeskrivning,
a handlingsplan, särskilda uppdrag, a risk analysis, and follow-ups — Delår 2022 on the
first plan and Delår 2023 on the second, with outcomes, assessments, comments and
Agenda 2030 tags. The follow-up figures are invented for the demo."""

from __future__ import annotations

from sqlite_utils import Database

from app.demo_calendar import DemoCalendar
from app.plan.demo_data import PLAN_2022
from app.plan.demo_data_2023 import PLAN_2023
from app.plan.followup import FollowupService
from app.plan.goals import GoalService, split_ansvarig, split_kf_text
from app.plan.model import (
    DELVIS,
    HELT,
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
    Plan,
    Risk,
    SarskiltUppdrag,
)
from app.plan.nyckeltal_layout import NyckeltalLayoutService
from app.plan.richtext import from_marked_text
from app.plan.service import PlanService, default_title
from app.records import id_of


def to_html(parts: list) -> str:
    """Paragraphs (str) and bullet lists (list of str) as stored rich text; ``**x**``
    in the demo texts marks bold, as in the seed extractions."""
    text = "\n\n".join("\n".join(f"- {item}" for item in part) if isinstance(part, list) else part
                       for part in parts)
    return from_marked_text(text)


def build_plan(db: Database, namnd_id: int, data: dict) -> Plan:
    plans, goals = PlanService(db), GoalService(db)
    namn = db.execute("SELECT namn FROM namnd WHERE id = ?", [namnd_id]).fetchone()[0]
    datum, paragraf = data["antagen"]
    # Filled as an utkast; adopt() freezes it once the demo has written everything.
    plan = plans.save_plan(Plan(namnd_id=namnd_id, titel=default_title(namn, data["forsta_ar"], 3),
                                forsta_ar=data["forsta_ar"], antagen_datum=datum, antagen_paragraf=paragraf))
    plan_id = id_of(plan)
    for placering, rubrik, niva, parts in data["avsnitt"]:
        plans.save_avsnitt(Avsnitt(plan_id=plan_id, placering=placering, rubrik=rubrik, niva=niva,
                                   text=to_html(parts)))

    def add_goal(printed, matt_rows, syfte="", *, malomrade_id=None, kf_mal_id=None):
        text, ansvarig = split_ansvarig(printed)
        goal = goals.save_namndmal(Namndmal(plan_id=plan_id, text=text, ansvarig=ansvarig, syfte=syfte,
                                            malomrade_id=malomrade_id, kf_mal_id=kf_mal_id))
        for matt_text, kalla, kolada, ingang, targets in matt_rows:
            goals.save_matt(Matt(namndmal_id=id_of(goal), text=matt_text, datakalla=kalla, kolada_id=kolada,
                                 ingangsvarde=ingang, malvarden=dict(zip(plan.years, targets, strict=True))))

    for area in data["omraden"]:
        omrade = goals.save_malomrade(Malomrade(plan_id=plan_id, namn=area["namn"],
                                                beskrivning=area["beskrivning"],
                                                betyder=to_html(area["betyder"])))
        for printed, kf_goals in area["kf"]:
            text, ansvariga, uppf = split_kf_text(printed)
            kf = goals.save_kf_mal(KfMal(malomrade_id=id_of(omrade), text=text, ansvariga=ansvariga,
                                         uppfoljning=uppf))
            for goal in kf_goals:
                add_goal(*goal, malomrade_id=omrade.id, kf_mal_id=kf.id)
        for goal in area.get("mal", []):
            add_goal(*goal, malomrade_id=omrade.id)
        for marker, text in area.get("fotnoter", []):
            plans.save_fotnot(Fotnot(plan_id=plan_id, tabell="mal", malomrade_id=omrade.id,
                                     markering=marker, text=text))
    for goal in data["ovriga"]:
        add_goal(*goal)
    for matt, syfte, kalla, jamfor, tillfalle, ansvarig in data["nyckeltal"]:
        plans.save_nyckeltal(Nyckeltal(plan_id=plan_id, matt=matt, syfte=syfte, datakalla=kalla,
                                       jamforelsevarde=jamfor, uppfoljningstillfalle=tillfalle,
                                       ansvarig=ansvarig))
    for marker, text in data["nyckeltal_fotnoter"]:
        plans.save_fotnot(Fotnot(plan_id=plan_id, tabell="nyckeltal", markering=marker, text=text))
    if data.get("nyckeltal_layout"):
        NyckeltalLayoutService(db).set_layout(plan_id, data["nyckeltal_layout"])
    for forvaltning, vad, syfte, effekt, tidplan in data["forandring"]:
        plans.save_forandring(Forandring(plan_id=plan_id, forvaltning=forvaltning, vad=vad, syfte=syfte,
                                         effekt=effekt, tidplan=tidplan))
    return plan


# -- follow-up of the 2023–2025 plan at Delår 2023 ---------------------------------------
# (start of the nämndmål text, ansvarig, mått number) -> outcome, comment
DELAR_2023_UTFALL = {
    ("Ökad digitalisering av verksamheterna inom social", "SOF", 0): ("1", "Digital ankomstregistrering."),
    ("Ökad digitalisering av verksamheterna inom äldre", "ÄF", 0): ("0", ""),
    ("Andelen med insats jobbcoach", "SOF", 0): ("54 %", ""),
    ("Förvaltningen kompetensutvecklar", "SOF", 0): ("2", "Två av tre planerade utbildningsinsatser."),
    ("Förebyggande arbete för barn och unga", "SOF", 0): ("36", ""),
    ("5 ungdomar erbjuds årligen ferieplatser inom social", "SOF", 0): ("5", ""),
    ("5 ungdomar erbjuds årligen ferieplatser inom äldre", "ÄF", 0): ("4", "En feriearbetare avbröt."),
    ("Erbjuda föräldraskapsstödsprogram", "SOF", 0): ("2", ""),
    ("Öka deltagandet i brukarundersökningen inom boende LSS", "SOF", 0): ("78 %", ""),
    ("Öka deltagandet i öppen träffpunkt", "ÄF", 0): ("118", ""),
    ("Öka tillgänglighet till information", "ÄF", 0): ("1", ""),
    ("Öka närvaro i de pågående ärenden", "SOF", 0): ("64 %", ""),
    ("Öka antal ärenden som är hanterade inom 24 h", "SOF", 0): ("81 %", ""),
    ("Nämnden håller sin driftsbudget", "SOF/ÄF", 0): ("1,8 % neg. avvikelse", "Prognos per augusti."),
    ("Öka frisknärvaron", "SOF", 0): ("92,1 %", ""),
    ("Öka frisknärvaron", "ÄF", 0): ("87,5 %", ""),
    ("Vidareutveckla en jämn könsfördelning", "SOF", 0): ("23%", ""),
    ("Vidareutveckla en jämn könsfördelning", "ÄF", 0): ("17%", ""),
    ("Alla verksamheter ska ha möjlighet till avfallsåtervinning", "SOF", 0): ("85 %", ""),
    ("Alla verksamheter ska ha möjlighet till avfallsåtervinning", "ÄF", 0): ("75%", ""),
    ("Öka antalet fossilfria fordon", "SOF", 0): ("1", "Elcyklar upphandlas under hösten."),
}
# (start of the goal text, ansvarig) -> (bedömning or None for the proposal, comment, Agenda 2030)
DELAR_2023_BEDOMNING = {
    ("Förebyggande arbete för barn och unga", "SOF"): (
        None, "- Öppenvården har utökats med en familjebehandlare.\n- Samverkan med elevhälsan fortsätter.",
        "03,16"),
    ("Öka antal ärenden som är hanterade inom 24 h", "SOF"): (
        DELVIS, "Mätningen startade i mars; jämförelse med 2022 saknas.", "16"),
    ("Nämnden håller sin driftsbudget", "SOF/ÄF"): (
        None, "Åtgärdsplan beslutad i juni. Högre kostnader för köpt vård och bemanning i hemtjänsten.", ""),
    ("Öka frisknärvaron", "ÄF"): (None, "- Aktivt arbete med sunt arbetslivs friskfaktorer.", "03,08"),
    ("Andel brukare som är ganska eller mycket nöjda med sin hemtjänst", "ÄF"): (
        "ej utvärderad", "Indikatorn redovisas i bokslutet (B).", "03"),
    ("Alla verksamheter ska ha möjlighet till avfallsåtervinning", "SOF"): (None, "", "12,13"),
}
AKTIVITETER_2023 = [
    ("Förebyggande arbete för barn och unga", "SOF", "Föräldragrupper i ABC", "Stärka föräldraskapet",
     "Enhetschef öppenvård", "Q1", "Antal grupper", "genomförd"),
    ("Förebyggande arbete för barn och unga", "SOF", "Uppsökande arbete i skolorna", "Tidiga insatser",
     "Familjebehandlare", "Q2", "Antal besök", "genomförd"),
    ("Förebyggande arbete för barn och unga", "SOF", "Samverkansrutin med elevhälsan",
     "Gemensam bild av behoven", "Enhetschef", "Q2", "Rutin antagen", "pågår"),
    ("Förebyggande arbete för barn och unga", "SOF", "Utvärdering av besöksstatistik", "Underlag för 2024",
     "Utvecklingsstrateg", "Q4", "Rapport", "ej påbörjad"),
    ("Andel brukare som är ganska eller mycket nöjda med sitt SÄBO", "ÄF", "Kontaktmannaskap ses över",
     "Bättre kontinuitet", "Verksamhetschef ÄO", "Q1", "Egen mätning", "genomförd"),
    ("Andel brukare som är ganska eller mycket nöjda med sitt SÄBO", "ÄF", "Måltidsråd på varje boende",
     "Delaktighet", "Enhetschefer", "Q3", "Protokoll", "pågår"),
    ("Antal personer (personal) som en brukare med hemtjänst", "ÄF", "Ny planering av hemtjänstgrupper",
     "Färre personer per brukare", "Enhetschef hemtjänst", "Q2", "Kontinuitetsmätning", "pågår"),
]


def _goal(tree, start: str, ansvarig: str) -> Namndmal:
    return next(n for n in tree.all_namndmal() if n.text.startswith(start) and n.ansvarig == ansvarig)


def build_followup_2023(db: Database, plan: Plan, cal: DemoCalendar) -> None:
    plans, follow = PlanService(db), FollowupService(db)
    plan_id = id_of(plan)
    tree = GoalService(db).tree(plan_id)
    delar = follow.find_tillfalle(plan_id, "Delår")
    delar_id = id_of(delar)
    for (start, ansvarig, index), (utfall, kommentar) in cal.deep(DELAR_2023_UTFALL).items():
        follow.set_utfall(delar_id, _goal(tree, start, ansvarig).matt[index].id, utfall, kommentar)
    for start, ansvarig, vad, varfor, vem, nar, hur, status in cal.deep(AKTIVITETER_2023):
        goal = _goal(tree, start, ansvarig)
        a = plans.save_aktivitet(Aktivitet(namndmal_id=id_of(goal), vad=vad, varfor=varfor, vem=vem, nar=nar,
                                           uppfoljning=hur))
        share = 50 if status == "pågår" else None
        follow.save_aktivitet_status(AktivitetStatus(delar_id, id_of(a), status, share))
    for (start, ansvarig), (bedomning, kommentar, agenda) in cal.deep(DELAR_2023_BEDOMNING).items():
        goal = _goal(tree, start, ansvarig)
        follow.save_bedomning(Bedomning(delar_id, namndmal_id=goal.id, bedomning=bedomning,
                                        kommentar=kommentar))
        if agenda:
            GoalService(db).set_agenda2030("namndmal", id_of(goal), agenda)
    follow.accept_proposals(delar_id)
    plans.save_uppdrag(SarskiltUppdrag(
        plan_id=plan_id, rubrik="Fortsätta effektivisera",
        text="Uppdrag till samtliga nämnder och bolag att fortsätta effektivisera. Syftet är att skapa "
             "förutsättningar för att långsiktigt klara de finansiella målen.",
        slutdatum=cal.iso("2023-12-31"), status="pågår",
        kommentar="Månadsvisa uppföljningar med alla chefer inom förvaltningen; e-tjänster och IT-system."))
    plans.save_uppdrag(SarskiltUppdrag(
        plan_id=plan_id, rubrik="Boendeplan för äldre", text="Ta fram en boendeplan för särskilt boende.",
        slutdatum=cal.iso("2023-06-30"), status="genomfört", kommentar="Antagen av nämnden i juni."))
    for risk, s, k, atgard, ansvarig in [
        ("Tidsplanen för införandet av resursfördelningssystemet håller inte.", 2, 4,
         "Prioriteringar i förvaltningsledningen; avstämning varje månad.", "Förvaltningschef ÄF"),
        ("Parallella förändringsarbeten ger dubbelarbete.", 5, 5,
         "Dialog med verksamhetschefer inom förvaltningen och andra berörda.", "Verksamhetschefer"),
        ("Brister i uppföljning och avstämning.", 1, 5, "Genom årsplanering och uppföljning.",
         "Controller"),
    ]:
        plans.save_risk(Risk(plan_id=plan_id, risk=risk, sannolikhet=s, konsekvens=k, atgard=atgard,
                             ansvarig=ansvarig))


def build_followup_2022(db: Database, plan: Plan, cal: DemoCalendar) -> None:
    follow = FollowupService(db)
    tree = GoalService(db).tree(id_of(plan))
    delar_id = id_of(follow.find_tillfalle(id_of(plan), "Delår"))
    for start, utfall in [("Ökad digitalisering av verksamheterna inom social", "2"),
                          ("Ökad digitalisering av verksamheterna inom äldre", "1"),
                          ("Förebyggande arbete för barn och unga", "44"),
                          ("Arbetslösa Oxelösundsbor", "50 %"),
                          ("Öka antalet fossilfria fordon/fortskaffningsmedel inom social", "2")]:
        follow.set_utfall(delar_id, id_of(_goal(tree, start, "").matt[0]), utfall)
    follow.accept_proposals(delar_id)
    goal = _goal(tree, "Förebyggande arbete för barn och unga", "")
    follow.save_bedomning(Bedomning(delar_id, namndmal_id=goal.id, bedomning=HELT,
                                    kommentar="Fler besök än målvärdet redan vid delåret."))


def plan_data(data: dict, cal: DemoCalendar) -> dict:
    """A recorded plan moved with the demo's reference day: its first year, adoption date
    and the years in its texts and values ("2 (2022)", ">2023")."""
    moved = cal.deep(data)
    moved["forsta_ar"] = cal.year(data["forsta_ar"])
    datum, paragraf = data["antagen"]
    moved["antagen"] = (cal.iso(datum), cal.text(paragraf))
    return moved


def adopt(db: Database, plan: Plan) -> Plan:
    """Adopt a filled plan with the date and § it was built with (which freezes it)."""
    plans = PlanService(db)
    stored = plans.get_plan(id_of(plan))
    stored.status = "antagen"
    return plans.save_plan(stored)


def populate(db: Database, cal: DemoCalendar) -> None:
    row = db.execute("SELECT id FROM namnd WHERE kortnamn = 'VON'").fetchone()
    if row is None:
        return
    with db.atomic():
        first = adopt(db, build_plan(db, row[0], plan_data(PLAN_2022, cal)))
        build_followup_2022(db, first, cal)  # follow-up is written on the adopted plan
        second = build_plan(db, row[0], plan_data(PLAN_2023, cal))
        # Its handlingsplan, särskilda uppdrag and risks are part of the plan: adopted after.
        build_followup_2023(db, second, cal)
        adopt(db, second)
