"""Building small plans for the verksamhetsplan tests (values from the plan 2022–2024)."""

from __future__ import annotations

from app.organisation import Namnd, OrganisationService
from app.plan.goals import GoalService
from app.plan.model import Fotnot, KfMal, Malomrade, Matt, Namndmal
from app.plan.service import PlanService


def make_namnd(db, namn="Vård- och omsorgsnämnden", kortnamn="VON") -> int:
    return OrganisationService(db).save_namnd(Namnd(namn=namn, kortnamn=kortnamn)).id


def add_goal(db, plan, text, matt_rows, *, malomrade_id=None, kf_mal_id=None, ansvarig=""):
    """``matt_rows``: [(mått text, ingångsvärde, [målvärde per plan year])]."""
    goals = GoalService(db)
    n = goals.save_namndmal(Namndmal(plan_id=plan.id, text=text, malomrade_id=malomrade_id,
                                     kf_mal_id=kf_mal_id, ansvarig=ansvarig))
    for matt_text, ingang, targets in matt_rows:
        n.matt.append(goals.save_matt(Matt(
            namndmal_id=n.id, text=matt_text, ingangsvarde=ingang,
            malvarden=dict(zip(plan.years, targets, strict=False)))))
    return n


def seed000_plan(db):
    """A part of the plan 2022–2024: values of every kind, a KF-mål, footnotes."""
    namnd_id = make_namnd(db)
    plans, goals = PlanService(db), GoalService(db)
    plan = plans.new_plan(namnd_id, 2022)
    mod = goals.save_malomrade(Malomrade(plan_id=plan.id, namn="Mod och framtidstro",
                                         beskrivning="I Oxelösund råder mod och framtidstro."))
    dig_sof = add_goal(db, plan,
                       "Ökad digitalisering av verksamheterna inom social- och omsorgsförvaltningen.",
                       [("Införa minst en lösning för välfärdsteknik alternativt digitalisera en process.",
                         "2", ["1", "1", "1"])], malomrade_id=mod.id)
    uppvaxt = goals.save_malomrade(Malomrade(plan_id=plan.id, namn="Trygg och säker uppväxt"))
    konsulent = add_goal(db, plan, "Antal barn i konsulentstöd verksamhet ska minska.",
                         [("Antal barn i konsulentstödd verksamhet", "14*", ["<12", "<11", "<10"])],
                         malomrade_id=uppvaxt.id)
    plans.save_fotnot(Fotnot(plan_id=plan.id, tabell="mal", malomrade_id=uppvaxt.id, markering="*",
                             text="Ingångsvärde 2021"))
    folkhalsa = goals.save_malomrade(Malomrade(plan_id=plan.id, namn="God folkhälsa"))
    kf = goals.save_kf_mal(KfMal(
        malomrade_id=folkhalsa.id, uppfoljning="D/B", ansvariga="VON",
        text="Andelen unga (0–12 år) med insats som inte kommit tillbaka inom ett år efter avslutad "
             "insats ska bibehållas."))
    forebygg = add_goal(db, plan, "Förebyggande arbete för barn och unga ska öka.",
                        [("Antalet besökare hos familje- och ungdomsstöd", "25*", [">20", ">20", ">20"])],
                        malomrade_id=folkhalsa.id, kf_mal_id=kf.id)
    brukare = add_goal(db, plan, "Brukare inom kommunens bostäder med särskild service LSS ska vara "
                       "sammantaget nöjda med sitt boende.",
                       [("Brukarundersökning-SKR: fråga gällande om personalen bryr sig om brukaren.",
                         "58%*", ["80%", "80%", "80%"])], malomrade_id=folkhalsa.id, kf_mal_id=kf.id)
    plans.save_fotnot(Fotnot(plan_id=plan.id, tabell="mal", malomrade_id=folkhalsa.id, markering="*",
                             text="Ingångsvärde 2021"))
    hallbar = goals.save_malomrade(Malomrade(plan_id=plan.id, namn="Hållbar utveckling"))
    jobb = add_goal(db, plan, "Arbetslösa Oxelösundsbor ska bli självförsörjande",
                    [("Andelen med insats jobbcoach som efter avslut är i egen försörjning eller studier "
                      "ska vara minst 50 %.", "Saknas, nytt mål för perioden", [">2021", ">2022", ">2023"])],
                    malomrade_id=hallbar.id)
    fossil = add_goal(db, plan, "Öka antalet fossilfria fordon/fortskaffningsmedel inom social- och "
                      "omsorgsförvaltningen",
                      [("Antal aktiviteter för att öka antalet fossilfria fordon",
                        "Saknas, nytt mål för perioden", ["2", "2", "2"])], malomrade_id=hallbar.id)
    return plan, {"dig_sof": dig_sof, "konsulent": konsulent, "forebygg": forebygg, "brukare": brukare,
                  "jobb": jobb, "fossil": fossil, "kf": kf}
