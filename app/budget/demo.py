"""Demo economy for the demo nämnd (registered in app.demo.EXTENSIONS).

Every year below is as seen from a reference day in 2026; the years move with the
demo's reference day (app/demo_calendar.py). From real municipal documents
(docs/domain/economy.md, ”Demo data”): internbudget 2022 and 2023 with the 2023 ram,
investeringsbudget 2022–2024 and 2023–2025, the January 2022 follow-up (in kr), the
August 2024 driftredovisning with åtgärdsplan, the investeringsredovisningar of
August 2024 and of the 2023 bokslut, volymmått and personal key figures. Generated: a
year (2023) of monthly follow-ups per verksamhet, derived from the 2023 internbudget
with a deterministic pseudo-random utfall.
"""

from __future__ import annotations

import random
from decimal import Decimal

from sqlite_utils import Database

from app.budget import Ekonomi, demo_data
from app.budget.analys import analysutkast
from app.budget.internbudget import InternbudgetRad
from app.budget.investeringar import Investeringsobjekt, Investeringsprojekt
from app.budget.nyckeltal import Nyckeltal, Varde
from app.budget.uppfoljning import Atgard, EjBudgeterat, Justering, Siffror, UppfoljningRad
from app.demo_calendar import DemoCalendar
from app.records import id_of

TKR = 1000
GENERERAT_AR = 2023


def populate(db: Database, cal: DemoCalendar) -> None:
    row = db.execute("SELECT id FROM namnd WHERE kortnamn = 'VON'").fetchone()
    if row is None:
        return
    namnd_id = row[0]
    ek = Ekonomi(db)
    with db.atomic():
        _internbudget(ek, namnd_id, cal.year(2022), demo_data.INTERNBUDGET_2022, None)
        _internbudget(ek, namnd_id, cal.year(2023), demo_data.INTERNBUDGET_2023, demo_data.RAM_2023 * TKR,
                      kommentar=cal.text(demo_data.INTERNBUDGET_2023_KOMMENTAR))
        forv = {r[1]: r[0] for r in db.execute("SELECT id, kortnamn FROM forvaltning WHERE namnd_id = ?",
                                                [namnd_id])}
        _investeringsbudget(ek, namnd_id, cal.year(2022), cal.deep(demo_data.INVESTERINGAR_2022), forv)
        _investeringsbudget(ek, namnd_id, cal.year(2023), cal.deep(demo_data.INVESTERINGAR_2023), forv)
        _januari_2022(ek, namnd_id, cal)
        _generera_ar(ek, namnd_id, cal.year(GENERERAT_AR), cal)
        _augusti_2024(ek, namnd_id, cal)
        _investeringsredovisning(ek, namnd_id, forv, cal)
        _nyckeltal(ek, namnd_id, cal)


def _internbudget(ek: Ekonomi, namnd_id: int, ar: int, data: dict, ram: int | None,
                  kommentar: str = "") -> None:
    ib = ek.internbudget.skapa(namnd_id, ar, ram=ram)
    rader = []
    for (kod, namn), (intakter, kostnader) in data.items():
        v = ek.verksamheter.hitta_eller_skapa(namnd_id, kod, namn)
        rader.append(InternbudgetRad(
            v, prognos_intakter=intakter[0] * TKR, prognos_kostnader=kostnader[0] * TKR,
            fg_budget_intakter=intakter[1] * TKR, fg_budget_kostnader=kostnader[1] * TKR,
            budget_intakter=intakter[2] * TKR, budget_kostnader=kostnader[2] * TKR))
    ek.internbudget.ersatt_rader(id_of(ib), rader)
    if kommentar:
        ib = ek.internbudget.load(id_of(ib))
        ib.kommentar = kommentar
        ek.internbudget.save_huvud(ib)


def _investeringsbudget(ek: Ekonomi, namnd_id: int, forsta_ar: int, data: list, forv: dict) -> None:
    plan = ek.investeringar.skapa(namnd_id, forsta_ar, 3)
    for order, (kort, kategori, namn, belopp) in enumerate(data, start=1):
        ek.investeringar.save_objekt(Investeringsobjekt(
            investeringsbudget_id=id_of(plan), benamning=namn, kategori=kategori,
            forvaltning_id=forv.get(kort), ordning=order,
            belopp={forsta_ar + i: kr * TKR for i, kr in enumerate(belopp)}), plan.ar)


def _januari_2022(ek: Ekonomi, namnd_id: int, cal: DemoCalendar) -> None:
    """The recorded January follow-up: printed with revenues negative, so every amount is
    turned once here."""
    u = ek.uppfoljning.skapa(namnd_id, cal.year(2022), 1, enhet="kr")
    rader = []
    for order, (grupp, namn, (arsbudget, budget, utfall, skuld)) in enumerate(
            demo_data.UPPFOLJNING_JAN_2022_KR, start=1):
        v = ek.verksamheter.hitta_eller_skapa(namnd_id, "", namn, grupp)
        rader.append(UppfoljningRad(v, Siffror(arsbudget=-arsbudget, budget_ack=-budget,
                                               utfall_ack=-utfall, sarskild_post_ack=-skuld), order))
    ek.uppfoljning.ersatt_rader(id_of(u), rader)
    u.sarskild_post, u.justering_rubrik = "Personalskuld", "Covid"
    u.analys = cal.text(demo_data.UPPFOLJNING_JAN_2022_ANALYS)
    u.forslag_till_beslut = cal.text(
        "Vård- och omsorgsnämnden godkänner budgetuppföljningen för januari månad 2022.")
    ek.uppfoljning.save_huvud(u)
    for namn, avvikelse in cal.deep(demo_data.UPPFOLJNING_JAN_2022_COVID):
        ek.uppfoljning.save_justering(id_of(u), Justering(namn, avvikelse))
    for namn, ack, prognos in cal.deep(demo_data.UPPFOLJNING_JAN_2022_EJ_BUDGETERAT):
        ek.uppfoljning.save_ej_budgeterat(id_of(u), EjBudgeterat(namn, -ack, -prognos))


def _generera_ar(ek: Ekonomi, namnd_id: int, ar: int, cal: DemoCalendar) -> None:
    """Twelve months per verksamhet of the year's internbudget: the budget spread evenly,
    utfall around it with a drift per verksamhet, a forecast extrapolated from the
    accumulated deviation, rounded to 100 tkr as controllers do. The random stream is
    seeded with the recorded year, so the figures are the same whatever the demo's year."""
    rng = random.Random(GENERERAT_AR)
    ib = ek.internbudget.get(namnd_id, ar)
    assert ib is not None  # made by populate() just before, for the same year
    drift = {r.verksamhet.id: rng.uniform(-0.004, 0.012) for r in ib.rader}
    utfall_ack = dict.fromkeys(drift, 0)
    for manad in range(1, 13):
        u = ek.uppfoljning.skapa(namnd_id, ar, manad)
        rader = []
        for order, r in enumerate(ib.rader, start=1):
            arsbudget = r.block("netto").budget
            budget_ack = round(arsbudget * manad / 12)
            month_budget = budget_ack - round(arsbudget * (manad - 1) / 12)
            # Costs are negative: a positive drift makes the month more expensive.
            utfall_ack[r.verksamhet.id] += round(month_budget * (1 + drift[r.verksamhet.id]
                                                                 + rng.uniform(-0.03, 0.03)))
            avvik = utfall_ack[r.verksamhet.id] - budget_ack
            prognos = round(avvik * 12 / manad / 100_000) * 100_000
            rader.append(UppfoljningRad(r.verksamhet, Siffror(
                arsbudget=arsbudget, budget_ack=budget_ack, utfall_ack=utfall_ack[r.verksamhet.id],
                prognos_avvikelse=prognos), order))
        ek.uppfoljning.ersatt_rader(id_of(u), rader)
        u = ek.uppfoljning.load(id_of(u))
        u.analys = analysutkast(u)
        u.forslag_till_beslut = u.standard_forslag()
        ek.uppfoljning.save_huvud(u)
        if manad == 8:
            for avvikelse, atgard, besparing in cal.deep(demo_data.ATGARDSPLAN_2023):
                ek.uppfoljning.save_atgard(id_of(u), Atgard(
                    atgard=atgard, avvikelse=avvikelse, belopp=besparing * TKR,
                    ekonomisk_effekt=f"Besparing {besparing} tkr"))


def _augusti_2024(ek: Ekonomi, namnd_id: int, cal: DemoCalendar) -> None:
    """The recorded delårsrapport's August. The report gives the month and the accumulated deviation;
    the accumulated budget is taken as eight equal months, and July follows from
    August minus the month, so the program's computed month figures are the printed."""
    juli = ek.uppfoljning.skapa(namnd_id, cal.year(2024), 7)
    aug_rader, juli_rader = [], []
    drift = cal.deep(demo_data.DRIFT_AUG_2024)
    for order, (namn, (utfall, budget, avvik_ack, prognos)) in enumerate(drift, 1):
        v = ek.verksamheter.hitta_eller_skapa(namnd_id, "", namn, "")
        budget_ack = 8 * budget * TKR
        utfall_ack = budget_ack + avvik_ack * TKR
        aug_rader.append(UppfoljningRad(v, Siffror(budget_ack=budget_ack, utfall_ack=utfall_ack,
                                                   prognos_avvikelse=prognos * TKR), order))
        juli_rader.append(UppfoljningRad(v, Siffror(budget_ack=budget_ack - budget * TKR,
                                                    utfall_ack=utfall_ack - utfall * TKR), order))
    ek.uppfoljning.ersatt_rader(id_of(juli), juli_rader)
    aug = ek.uppfoljning.skapa(namnd_id, cal.year(2024), 8)
    ek.uppfoljning.ersatt_rader(id_of(aug), aug_rader)
    aug = ek.uppfoljning.load(id_of(aug))
    aug.analys = analysutkast(aug)
    aug.forslag_till_beslut = aug.standard_forslag()
    ek.uppfoljning.save_huvud(aug)
    for avvikelse, atgard, ekonomisk, verksamhet in cal.deep(demo_data.ATGARDSPLAN_2024):
        ek.uppfoljning.save_atgard(id_of(aug), Atgard(atgard=atgard, avvikelse=avvikelse,
                                                  ekonomisk_effekt=ekonomisk,
                                                  verksamhetseffekt=verksamhet))


def _investeringsredovisning(ek: Ekonomi, namnd_id: int, forv: dict, cal: DemoCalendar) -> None:
    for projekt, utfall, budget in cal.deep(demo_data.INVESTERINGAR_AUG_2024):
        ek.investeringar.save_projekt(Investeringsprojekt(
            namnd_id=namnd_id, ar=cal.year(2024), manad=8, projekt=projekt, forvaltning_id=forv.get("ÄF"),
            budget=budget * TKR, utfall=utfall * TKR, prognos=budget * TKR))
    for projekt, budget, omdisp, utfall, slut in cal.deep(demo_data.INVESTERINGAR_BOKSLUT_2023):
        ek.investeringar.save_projekt(Investeringsprojekt(
            namnd_id=namnd_id, ar=cal.year(2023), manad=12, projekt=projekt, forvaltning_id=forv.get("ÄF"),
            budget=budget * TKR, omdisponering=omdisp * TKR, utfall=utfall * TKR,
            slutredovisas=slut))


def _nyckeltal(ek: Ekonomi, namnd_id: int, cal: DemoCalendar) -> None:
    svc = ek.nyckeltal
    this, last = cal.year(2024), cal.year(2023)
    for namn, enhet, (delar, prognos, fg_delar, fg_helar) in cal.deep(demo_data.VOLYMMATT):
        n = svc.save(Nyckeltal(namnd_id=namnd_id, slag="volym", namn=namn, enhet=enhet,
                               avsnitt="Volymutveckling"))
        for ar, period, value in ((this, "delar", delar), (this, "prognos", prognos),
                                  (last, "delar", fg_delar), (last, "helar", fg_helar)):
            svc.set_varde(id_of(n), ar, period, Varde(totalt=Decimal(value)))
    for avsnitt, namn, enhet, matdatum, summerbar, v2024, v2023 in cal.deep(demo_data.PERSONAL):
        n = svc.save(Nyckeltal(namnd_id=namnd_id, slag="personal", namn=namn, avsnitt=avsnitt,
                               enhet=enhet, matdatum=matdatum, kon_uppdelad=True,
                               summerbar=summerbar))
        for ar, values in ((this, v2024), (last, v2023)):
            svc.set_varde(id_of(n), ar, "delar",
                          Varde(*(None if x is None else Decimal(x) for x in values)))
