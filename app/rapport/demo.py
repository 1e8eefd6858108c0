"""Demo reports for the demo nämnd (registered in app.demo.EXTENSIONS): the
delårsrapport for January–August 2024, a draft with its first chapters written (the
Verksamhetsrapport per förvaltning) and the plan's follow-up at Delår 2024 assessed,
and the bokslut 2023, adopted. Years are as seen from a reference day in 2026 and move
with the demo's reference day."""

from __future__ import annotations

from sqlite_utils import Database

from app.demo_calendar import DemoCalendar
from app.plan.followup import FollowupService
from app.plan.goals import GoalService
from app.plan.model import DELVIS, EJ, HELT, Bedomning, Tillfalle
from app.rapport.service import RapportService
from app.rapport.sources import plan_for
from app.records import id_of
from app.richtext import from_plain_text

DELAR_TEXTER = {
    "Inledning": (
        "Delårsrapporten innehåller en översiktlig och sammanfattande redogörelse för perioden 1 januari "
        "till och med 31 augusti 2024. Den redovisar och analyserar läge och förväntad utveckling för "
        "nämndens verksamhet och ekonomi i förhållande till de beslutade målen och de ekonomiska ramarna.\n\n"
        "Syftet med delårsrapporten är att ge underlag för att kunna vidta åtgärder om utvecklingen inte "
        "följer det som planerats."),
    "Ansvarsområde": (
        "Vård- och omsorgsnämnden ansvarar för omsorgen om äldre och personer med funktionsnedsättning "
        "enligt socialtjänstlagen och LSS, för hälso- och sjukvård i ordinärt och särskilt boende samt "
        "för bostadsanpassningsbidrag."),
    "Verksamhetsrapport": (
        "Arbetet med aktiviteterna i verksamhetsplanen har i stort gått enligt plan under det första "
        "delåret. Avvikelser finns vad gäller ekonomi, boendeplanering och sjukfrånvaro."),
    "Förväntad utveckling": (
        "Nämnden räknar med en budget i balans vid årets slut, under förutsättning att förvaltningen "
        "ersätts för sparade semesterdagar. Antalet platser i särskilt boende ökar från september."),
}

#: The delårsrapport's Verksamhetsrapport is written per förvaltning (kortnamn → text).
DELAR_FORVALTNINGAR = {
    "ÄF": ("- Etapp 1 av renoveringen av det särskilda boendet är klar.\n"
           "- Införandet av fast omsorgskontakt i hemtjänsten fortsätter."),
    "SOF": ("- Arbetet med kontinuitetsplaner för civilt försvar pågår.\n"
            "- Nya rutiner för orosanmälningar har införts i barn- och familjeenheten."),
}

BOKSLUT_TEXTER = {
    "Verksamhetsbeskrivning": (
        "Vård- och omsorgsnämnden ansvarar för äldreomsorg, stöd och service till personer med "
        "funktionsnedsättning samt hälso- och sjukvård i särskilt boende och hemsjukvård."),
    "Sammanfattning": (
        "Nämnden visar ett underskott mot budget för 2023. Det beror främst på höga kostnader för "
        "hemtjänst och köpt vård. Sjukfrånvaron har minskat tydligt under året."),
    "Händelser under året": (
        "- En ny organisation för hemtjänsten infördes i mars.\n"
        "- En plan för digitaliseringsarbetet har tagits fram.\n"
        "- Boendeplanen för särskilt boende antogs av nämnden i juni."),
    "Framtid": (
        "Fler äldre och en svårare kompetensförsörjning ställer krav på nya arbetssätt. Heltid som norm "
        "och fortsatt digitalisering är förvaltningens viktigaste verktyg de kommande åren."),
}

#: Delår 2024 of the 2023–2025 plan: (start of the nämndmål's text, bedömning, kommentar).
DELAR_2024_BEDOMNING = (
    ("Ökad digitalisering av verksamheterna inom social", HELT, "Välfärdstekniken är införd."),
    ("Andelen med insats jobbcoach", DELVIS, "Fler i arbete eller studier, men målvärdet nås inte i år."),
    ("Förvaltningen kompetensutvecklar", EJ, "Utbildningsplanen är försenad till hösten."),
    ("Nämnden håller sin driftsbudget", DELVIS, "Underskott vid delåret; prognosen är en budget i balans."),
    ("Öka frisknärvaron", HELT, "Sjukfrånvaron har minskat jämfört med samma period förra året."),
)


def _write(service: RapportService, rapport_id: int, texts: dict[str, str], cal: DemoCalendar) -> None:
    for k in service.kapitel(rapport_id):
        if k.rubrik in texts:
            k.text = from_plain_text(cal.text(texts[k.rubrik]))
            service.save_kapitel(k)


def _per_forvaltning(service: RapportService, rapport_id: int, rubrik: str, texts: dict[str, str],
                     cal: DemoCalendar) -> None:
    k = next((k for k in service.kapitel(rapport_id) if k.rubrik == rubrik), None)
    kortnamn = dict(service.db.execute("SELECT f.id, f.kortnamn FROM forvaltning f JOIN rapport r ON "
                                       "r.namnd_id = f.namnd_id WHERE r.id = ?", [rapport_id]).fetchall())
    if k is None or not kortnamn:
        return
    k.per_forvaltning = True
    written = [t for t in service.forvaltningstexter(id_of(k)) if kortnamn.get(t.forvaltning_id) in texts]
    for t in written:
        t.text = from_plain_text(cal.text(texts[kortnamn[t.forvaltning_id]]))
    service.save_kapitel(k, written)


def _followup_2024(db: Database, namnd_id: int, cal: DemoCalendar) -> None:
    plan = plan_for(db, namnd_id, cal.year(2024))
    if plan is None:
        return
    follow = FollowupService(db)
    t = follow.save_tillfalle(Tillfalle(plan_id=id_of(plan), namn="Delårsrapport", ar=cal.year(2024), manad=8,
                                        slag="delår", ordning=10))
    goals = GoalService(db).tree(id_of(plan)).all_namndmal()
    for start, bedomning, kommentar in DELAR_2024_BEDOMNING:
        goal = next((g for g in goals if g.text.startswith(start)), None)
        if goal is not None:
            follow.save_bedomning(Bedomning(id_of(t), namndmal_id=goal.id, bedomning=bedomning,
                                            kommentar=kommentar))


def populate(db: Database, cal: DemoCalendar) -> None:
    row = db.execute("SELECT id FROM namnd WHERE kortnamn = 'VON'").fetchone()
    if row is None:
        return
    namnd_id = row[0]
    service = RapportService(db)
    with db.atomic():
        _followup_2024(db, namnd_id, cal)
        delar = service.create(namnd_id, "delårsrapport", cal.iso("2024-01-01"), cal.iso("2024-08-31"),
                               undertitel="Uppföljningsrapport")
        _write(service, id_of(delar), DELAR_TEXTER, cal)
        _per_forvaltning(service, id_of(delar), "Verksamhetsrapport", DELAR_FORVALTNINGAR, cal)
        bokslut = service.create(namnd_id, "bokslut", cal.iso("2023-01-01"), cal.iso("2023-12-31"),
                                 undertitel="Verksamhetsberättelse med bokslut")
        _write(service, id_of(bokslut), BOKSLUT_TEXTER, cal)
        service.adopt(id_of(bokslut), datum=cal.iso("2024-02-26"), paragraf="§ 12")
