"""The columns and fields of the plan's plain tables (see ui/plan/tables.py)."""

from __future__ import annotations

from app.plan.goals import GoalService
from app.plan.model import (
    FOTNOT_TABELLER,
    UPPDRAG_STATUSAR,
    Aktivitet,
    Forandring,
    Fotnot,
    Nyckeltal,
    Plan,
    Risk,
    SarskiltUppdrag,
)
from app.plan.service import PlanService
from ui.models.table import CENTER, RIGHT, Column
from ui.plan.tables import Field, TableSpec


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def nyckeltal(plans: PlanService, plan: Plan, forvaltningar: list[str]) -> TableSpec:
    return TableSpec(
        "nyckeltal", "nyckeltalet", "Nytt nyckeltal…",
        [Column("Mått", lambda r: r.matt, width=40), Column("Syfte (varför)", lambda r: r.syfte),
         Column("Datakälla", lambda r: r.datakalla),
         Column("Jämförelsevärde (år)", lambda r: r.jamforelsevarde),
         Column("Uppföljningstillfälle", lambda r: r.uppfoljningstillfalle),
         Column("Ansvarig", lambda r: r.ansvarig)],
        [Field("matt", "Mått", "text"), Field("syfte", "Syfte (varför)"), Field("datakalla", "Datakälla"),
         Field("jamforelsevarde", "Jämförelsevärde (år)", placeholder="t.ex. 37 911 (Jan-okt 2022)"),
         Field("uppfoljningstillfalle", "Uppföljningstillfälle", placeholder="t.ex. Månadsvis"),
         Field("ansvarig", "Ansvarig", "combo", lambda: [(f, f) for f in ["", *forvaltningar]],
               editable=True)],
        lambda: plans.nyckeltal(plan.id), lambda: Nyckeltal(plan_id=plan.id), plans.save_nyckeltal,
        lambda r: _short(r.matt),
        "Nyckeltal som nämnden följer vid sidan av målen. De skrivs ut under rubriken "
        "”Nyckeltalsuppföljning” i verksamhetsplanen.")


def forandring(plans: PlanService, plan: Plan, forvaltningar: list[str]) -> TableSpec:
    return TableSpec(
        "forandring", "förändringen", "Ny förändring…",
        [Column("Förvaltning", lambda r: r.forvaltning), Column("Vad", lambda r: r.vad, width=30),
         Column("Syfte/mål", lambda r: r.syfte, width=30), Column("Effekt", lambda r: r.effekt, width=30),
         Column("Tidplan", lambda r: r.tidplan)],
        [Field("forvaltning", "Förvaltning", "combo", lambda: [(f, f) for f in ["", *forvaltningar]],
               editable=True),
         Field("vad", "Vad", "text"), Field("syfte", "Syfte/mål", "text"), Field("effekt", "Effekt", "text"),
         Field("tidplan", "Tidplan", placeholder="Q1, Q2, Q3 eller Q4")],
        lambda: plans.forandringar(plan.id), lambda: Forandring(plan_id=plan.id), plans.save_forandring,
        lambda r: _short(r.vad),
        "Förändringsbeskrivning/verksamhetsutveckling: vad, syfte/mål, effekt och tidplan, per förvaltning.")


def aktiviteter(plans: PlanService, goals: GoalService, plan: Plan) -> TableSpec:
    def goal_choices():
        return [(_short(n.label, 90), n.id) for n in goals.tree(plan.id).all_namndmal()]

    def goal_name(record) -> str:
        return next((label for label, i in goal_choices() if i == record.namndmal_id), "")

    names: dict[int, str] = {}

    def load():
        names.clear()
        names.update({i: label for label, i in goal_choices()})
        return plans.aktiviteter(plan_id=plan.id)

    def new():
        first = goal_choices()
        return Aktivitet(namndmal_id=first[0][1] if first else 0)

    return TableSpec(
        "aktivitet", "aktiviteten", "Ny aktivitet…",
        [Column("Nämndmål", lambda r: names.get(r.namndmal_id, ""), width=30),
         Column("Vad", lambda r: r.vad, width=30), Column("Varför", lambda r: r.varfor),
         Column("Vem", lambda r: r.vem), Column("När", lambda r: r.nar, align=CENTER),
         Column("Hur följs upp", lambda r: r.uppfoljning)],
        [Field("namndmal_id", "Nämndmål", "combo", goal_choices), Field("vad", "Vad", "text"),
         Field("varfor", "Varför"), Field("vem", "Vem (funktion)"),
         Field("nar", "När", placeholder="Q1, Q2 … (när ska den vara genomförd)"),
         Field("uppfoljning", "Hur följs upp")],
        load, new, plans.save_aktivitet, lambda r: _short(r.vad) or goal_name(r),
        "Handlingsplanens aktiviteter per nämndmål. Status och andel genomfört anges vid varje "
        "uppföljning (fliken Uppföljning).")


def uppdrag(plans: PlanService, plan: Plan) -> TableSpec:
    return TableSpec(
        "uppdrag", "uppdraget", "Nytt uppdrag…",
        [Column("Uppdrag", lambda r: r.rubrik, width=30), Column("Slutdatum", lambda r: r.slutdatum or ""),
         Column("Status", lambda r: r.status), Column("Kommentar", lambda r: r.kommentar, width=40)],
        [Field("rubrik", "Uppdrag"), Field("text", "Beskrivning", "text"),
         Field("slutdatum", "Slutdatum", "date"),
         Field("status", "Status", "combo", lambda: [(s, s) for s in UPPDRAG_STATUSAR]),
         Field("kommentar", "Kommentar", "text")],
        lambda: plans.uppdrag(plan.id), lambda: SarskiltUppdrag(plan_id=plan.id), plans.save_uppdrag,
        lambda r: r.rubrik, "Särskilda uppdrag från fullmäktige eller nämnden, med slutdatum och status.")


def risker(plans: PlanService, plan: Plan) -> TableSpec:
    return TableSpec(
        "risk", "risken", "Ny risk…",
        [Column("Risk", lambda r: r.risk, width=40), Column("S", lambda r: r.sannolikhet, align=RIGHT),
         Column("K", lambda r: r.konsekvens, align=RIGHT),
         Column("RV", lambda r: r.riskvarde, align=RIGHT, tooltip=lambda r: "Riskvärde = S × K"),
         Column("Åtgärd", lambda r: r.atgard, width=30), Column("Ansvarig", lambda r: r.ansvarig)],
        [Field("risk", "Risk", "text"), Field("sannolikhet", "Sannolikhet S (1–5)", "int"),
         Field("konsekvens", "Konsekvens K (1–5)", "int"), Field("atgard", "Åtgärd", "text"),
         Field("ansvarig", "Ansvarig")],
        lambda: plans.risker(plan.id), lambda: Risk(plan_id=plan.id), plans.save_risk,
        lambda r: _short(r.risk),
        "Riskanalys: S = sannolikhet, K = konsekvens (1–5), RV = riskvärde S × K (räknas ut av programmet).")


def fotnoter(plans: PlanService, goals: GoalService, plan: Plan) -> TableSpec:
    def areas():
        return [("(ingen)", None), *((m.namn, m.id) for m in goals.tree(plan.id).malomraden)]

    names: dict[int | None, str] = {}

    def load():
        names.clear()
        names.update({i: label for label, i in areas() if i is not None})
        return plans.fotnoter(plan.id)

    return TableSpec(
        "fotnot", "fotnoten", "Ny fotnot…",
        [Column("Tabell", lambda r: FOTNOT_TABELLER[r.tabell]),
         Column("Målområde", lambda r: names.get(r.malomrade_id, "")),
         Column("Markering", lambda r: r.markering, align=CENTER),
         Column("Text", lambda r: r.text, width=60)],
        [Field("tabell", "Tabell", "combo", lambda: [(label, key) for key, label in FOTNOT_TABELLER.items()]),
         Field("malomrade_id", "Målområde", "combo", areas),
         Field("markering", "Markering", placeholder="*, ** eller ***"), Field("text", "Text", "text")],
        load, lambda: Fotnot(plan_id=plan.id), plans.save_fotnot,
        lambda r: f"{r.markering} {_short(r.text, 40)}",
        "Fotnoter förklarar värden som är markerade med *, ** eller *** i en tabell "
        "(t.ex. ”14*” och ”*Ingångsvärde 2021”).")
