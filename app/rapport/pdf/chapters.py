"""The report's generated chapters, each from the program's data by the renderers of the
features that own it: the goal follow-up's legend, counts and goal tables
(app/plan/pdf/followup.py), the economy's tables, charts and åtgärdsplan
(app/budget/pdf), the plan's nyckeltal (app/plan/pdf/plan.py).

A renderer gets the chapter's heading and places it itself, so that a part moved to a
landscape page of its own takes its heading along. Data the period lacks is said in a
sentence under the heading, never taken from another period."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Paragraph, Spacer
from sqlite_utils import Database

from app.budget import Ekonomi
from app.budget.analys import budget_mot_utfall
from app.budget.nyckeltal import SLAG as NYCKELTAL_SLAG
from app.budget.pdf.diagram import budget_utfall_drawing
from app.budget.pdf.investeringar import investeringsredovisning_story
from app.budget.pdf.layout import chart_block, frame_width, placed, unit_line
from app.budget.pdf.uppfoljning import atgardsplan_table
from app.budget.tabeller import med_bokslut, tabell_nyckeltal, tabell_uppfoljning
from app.budget.uppfoljning import Budgetuppfoljning
from app.budget.verksamheter import Ekonomiinstallning
from app.pdf.styles import styles
from app.pdf.text import para
from app.plan.followup import FollowupReport, FollowupService
from app.plan.model import Plan
from app.plan.pdf.followup import add_area_tables, add_counts, add_legend
from app.plan.pdf.layout import Story, cell, small, symbol_cell, table
from app.plan.pdf.plan import nyckeltal_table
from app.plan.service import PlanService
from app.rapport.model import Kapitel, Rapport
from app.rapport.pdf.layout import LANDSCAPE, PORTRAIT_WIDTH
from app.rapport.sources import NYCKELTAL_PERIOD, month_text, plan_for, tillfalle_for
from app.records import id_of


@dataclass
class Sources:
    """The data of one report, read once for all its chapters."""

    db: Database
    rapport: Rapport
    ek: Ekonomi = field(init=False)

    def __post_init__(self) -> None:
        self.ek = Ekonomi(self.db)

    @cached_property
    def followup(self) -> FollowupReport | None:
        t = tillfalle_for(self.db, self.rapport)
        return FollowupService(self.db).report(id_of(t)) if t is not None else None

    @cached_property
    def uppfoljning(self) -> Budgetuppfoljning | None:
        r = self.rapport
        return self.ek.uppfoljning.get(r.namnd_id, r.ar, r.slutmanad)

    @cached_property
    def plan(self) -> Plan | None:
        return plan_for(self.db, self.rapport.namnd_id, self.rapport.ar)

    @cached_property
    def installning(self) -> Ekonomiinstallning:
        return self.ek.verksamheter.installning(self.rapport.namnd_id)

    @property
    def konvention(self) -> str:
        return self.installning.teckenkonvention


Renderer = Callable[[Sources, Kapitel, list[Flowable]], list[Flowable]]


def _missing(heading: list[Flowable], text: str) -> list[Flowable]:
    return [*heading, Paragraph(para(text), styles().italic)]


def _no_followup(s: Sources) -> str:
    return (f"Det finns ingen uppföljning av verksamhetsplanen för {month_text(s.rapport)}: lägg till ett "
            f"uppföljningstillfälle för {s.rapport.ar} i verksamhetsplanen och gör bedömningarna där.")


def _followup_line(report: FollowupReport) -> Paragraph:
    text = f"Uppföljning {report.tillfalle.label} av {report.plan.titel}."
    return Paragraph(para(text), small(styles().body))


def samlad_bedomning(s: Sources, k: Kapitel, heading: list[Flowable]) -> list[Flowable]:
    report = s.followup
    if report is None:
        return _missing(heading, _no_followup(s))
    story = Story()
    story.add(*heading, _followup_line(report))
    add_legend(story, report.tillfalle.slag != "bokslut")
    add_counts(story, report)
    return story.flowables


def maloversikt(s: Sources, k: Kapitel, heading: list[Flowable]) -> list[Flowable]:
    """Per målområde the nämndmål and their symbols, as on a delårsrapport's
    "Verksamhetsmål" pages; the comments are in the full goal follow-up."""
    report = s.followup
    if report is None:
        return _missing(heading, _no_followup(s))
    st = styles()
    out: list[Flowable] = [*heading, _followup_line(report)]
    areas = [(a.omrade.namn, [g for kf in a.kf for g in kf.goals] + a.goals) for a in report.areas]
    if report.ovriga:
        areas.append(("Övriga nämndmål", report.ovriga))
    head = small(st.table_bold)
    for name, goals in areas:
        if not goals:
            continue
        rows = [[cell("Nämndmål", head), cell("Bedömning", head)]]
        for g in goals:
            b = g.bedomning.bedomning
            rows.append([cell(g.goal.label), symbol_cell(b, b or "Ingen bedömning", width=50 * mm)])
        out += [CondPageBreak(30 * mm), Paragraph(para(name), st.subheading),
                table(rows, [PORTRAIT_WIDTH - 52 * mm, 52 * mm]), Spacer(1, 3 * mm)]
    return out


def mal(s: Sources, k: Kapitel, heading: list[Flowable]) -> list[Flowable]:
    """The whole goal follow-up (mått, symbols, Agenda 2030, comments) on landscape pages."""
    report = s.followup
    if report is None:
        return _missing(heading, _no_followup(s))
    story = Story()
    story.add(NextPageTemplate(LANDSCAPE), PageBreak(), *heading, _followup_line(report))
    add_legend(story, report.tillfalle.slag != "bokslut")
    add_area_tables(story, report)
    return story.flowables


def drift(s: Sources, k: Kapitel, heading: list[Flowable]) -> list[Flowable]:
    """The period's results table as the month's budgetuppföljning prints it: the year's
    budget headed by the nämnd's budget document ("Budget 2023", "M & B 2023"), the title
    the months it covers, and at year end last year's bokslut beside it."""
    u, r = s.uppfoljning, s.rapport
    if u is None:
        return _missing(heading, f"Det finns ingen budgetuppföljning för {month_text(r)}; den skrivs under "
                                 "Ekonomi → Uppföljning.")
    st = styles()
    t = tabell_uppfoljning(u, s.konvention, s.installning.budgetdokument)
    # A year's result beside last year's (a bokslut's "Bokslut 2022" column); a part of
    # the year beside a whole year would not compare.
    previous = s.ek.uppfoljning.get(r.namnd_id, r.ar - 1, 12) if r.slutmanad == 12 else None
    if previous is not None:
        t = med_bokslut(t, previous) or t
    out: list[Flowable] = [*heading, chart_block(
        budget_utfall_drawing(budget_mot_utfall(u, s.konvention), u.enhet, frame_width(), 190),
        f"Budget och utfall per verksamhet, {u.perioden}")]
    placed(t, out, [Paragraph(para(u.driftredovisning_rubrik), st.subheading),
                    Paragraph(para(unit_line(u.enhet, s.konvention)), st.small_grey)])
    if not k.text and u.analys:
        # The month's analysis from the budgetuppföljning, when the chapter has no text of its own.
        out += [Paragraph(para(p), st.body) for p in u.analys.split("\n\n") if p.strip()]
    return out


def investering(s: Sources, k: Kapitel, heading: list[Flowable]) -> list[Flowable]:
    r = s.rapport
    parts = investeringsredovisning_story(s.ek, r.namnd_id, r.ar, r.slutmanad)
    if not parts:
        return _missing(heading, f"Det finns ingen investeringsredovisning för {month_text(r)}.")
    return [*heading, *parts]


def _nyckeltal(slag: str) -> Renderer:
    def render(s: Sources, k: Kapitel, heading: list[Flowable]) -> list[Flowable]:
        r = s.rapport
        period = NYCKELTAL_PERIOD.get(r.slutmanad)
        what = NYCKELTAL_SLAG[slag].lower()
        if period is None:
            return _missing(heading, f"{NYCKELTAL_SLAG[slag]} redovisas vid tertial (april), delår (augusti) "
                                     f"och helår (december), inte för {month_text(r)}.")
        t = s.ek.nyckeltal.tabell(r.namnd_id, slag, r.ar, period)
        if not t.rader or not t.varden:
            return _missing(heading, f"Det finns inga {what} för {month_text(r)}; de förs in under "
                                     "Ekonomi → Nyckeltal.")
        out: list[Flowable] = []
        # Under the table the year's footnotes ("* Avser perioden …"), as the economy's own
        # print of the table; a column nothing is stored in (Mätdatum, Kvinnor, Män) is left out.
        fotnoter = s.ek.nyckeltal.fotnoter(r.namnd_id, slag, r.ar)
        placed(tabell_nyckeltal(t, NYCKELTAL_SLAG[slag], fotnoter), out, heading, font_size=8.5)
        return out
    return render


def nyckeltal(s: Sources, k: Kapitel, heading: list[Flowable]) -> list[Flowable]:
    if s.plan is None:
        return _missing(heading, f"Nämnden har ingen verksamhetsplan för {s.rapport.ar}.")
    rows = PlanService(s.db).nyckeltal(id_of(s.plan))
    if not rows:
        return _missing(heading, f"{s.plan.titel} har inga nyckeltal.")
    return [*heading, Paragraph(para(f"Nyckeltal ur {s.plan.titel}."), small(styles().body)),
            nyckeltal_table(rows, PORTRAIT_WIDTH)]


def atgardsplan(s: Sources, k: Kapitel, heading: list[Flowable]) -> list[Flowable]:
    u = s.uppfoljning
    if u is None or not u.atgarder:
        return _missing(heading, f"Budgetuppföljningen för {month_text(s.rapport)} har ingen åtgärdsplan.")
    return [*heading, atgardsplan_table(u, PORTRAIT_WIDTH)]


def uppdrag(s: Sources, k: Kapitel, heading: list[Flowable]) -> list[Flowable]:
    """Each särskilt uppdrag of the year's plan: its heading and text, Slutdatum and
    Status, and the comment."""
    if s.plan is None:
        return _missing(heading, f"Nämnden har ingen verksamhetsplan för {s.rapport.ar}.")
    items = PlanService(s.db).uppdrag(id_of(s.plan))
    if not items:
        return _missing(heading, f"{s.plan.titel} har inga särskilda uppdrag.")
    st = styles()
    head = small(st.table_bold)
    out: list[Flowable] = list(heading)
    for u in items:
        out += [CondPageBreak(35 * mm), Paragraph(para(u.rubrik), st.subheading)]
        if u.text:
            out.append(Paragraph(para(u.text), st.body))
        out.append(table([[cell("Slutdatum", head), cell("Status", head)],
                          [cell(u.slutdatum or "–"), cell(u.status)]], [40 * mm, 50 * mm]))
        if u.kommentar:
            out += [Paragraph("Kommentar:", st.label), Paragraph(para(u.kommentar), st.body)]
        out.append(Spacer(1, 3 * mm))
    return out


RENDERERS: dict[str, Renderer] = {
    "samlad_bedomning": samlad_bedomning,
    "maloversikt": maloversikt,
    "mal": mal,
    "drift": drift,
    "investering": investering,
    "personal": _nyckeltal("personal"),
    "volym": _nyckeltal("volym"),
    "nyckeltal": nyckeltal,
    "atgardsplan": atgardsplan,
    "uppdrag": uppdrag,
}
