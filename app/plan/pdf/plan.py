"""The verksamhetsplan as a PDF laid out like the printed plans: title and adoption, the
introductory sections, then on landscape pages one section per målområde (its
description, the KF-mål list and the goal table with KF-mål, nämndmål, mått,
ingångsvärde and a målvärde per year, with footnotes), Övriga nämndmål, nyckeltal,
förändringsbeskrivning, särskilda uppdrag and risks; closing sections in portrait."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)
from sqlite_utils import Database

from app.budget import Ekonomi
from app.pdf.document import DocumentInfo
from app.pdf.fonts import SANS
from app.pdf.richtext import flowables
from app.pdf.styles import styles
from app.pdf.text import para
from app.plan.adoption import with_linked_adoption
from app.plan.goals import GoalService
from app.plan.model import Fotnot, GoalTree, Malomrade, Matt, Namndmal, Plan
from app.plan.nyckeltal_layout import NyckeltalLayoutService
from app.plan.pdf.budget import add_budget_section
from app.plan.pdf.layout import (
    A4_LANDSCAPE_WIDTH,
    LANDSCAPE,
    PORTRAIT,
    Progress,
    Story,
    build,
    cell,
    finish_pdf,
    small,
    table,
)
from app.plan.revision import version_line
from app.plan.service import PlanService
from app.records import id_of


def matt_text(m: Matt) -> str:
    """The "Mått för nämndmål och datakälla" cell."""
    lines = [m.text]
    if m.datakalla:
        lines.append(m.datakalla)
    if m.kolada_id and m.kolada_id not in m.datakalla:
        lines.append(f"Kolada: {m.kolada_id}")
    return "\n".join(lines)


def _head(text: str):
    return cell(text, small(styles().table_bold))


def _sections(story: Story, plans: PlanService, plan_id: int, placering: str) -> None:
    st = styles()
    for a in plans.avsnitt(plan_id, placering):
        if a.rubrik:
            story.heading(a.rubrik, st.heading if a.niva == 1 else st.subheading, level=a.niva - 1)
        story.add(*flowables(a.text))


def _footnotes(story: Story, notes: list[Fotnot]) -> None:
    style = small(styles().body_tight)
    for note in notes:
        story.add(Paragraph(para(f"{note.markering}{note.text}"), style))
    if notes:
        story.add(Spacer(1, 3 * mm))


def goal_rows(goals: list[tuple[str, Namndmal]], years: list[int], *, kf_column: bool,
              first_label: str | None = None) -> tuple[list[list], list[tuple[int, int]]]:
    """Rows of a goal table and where its rules go. ``goals`` are (group text, goal)
    pairs: the group (a KF-mål, or the "Vad och syfte" of Övriga nämndmål) is written
    on the first row of its run only, like a merged cell."""
    rows: list[list] = []
    rules: list[tuple[int, int]] = []
    style = small(styles().table)
    previous_group = object()
    for n, (group, goal) in enumerate(goals):
        matt_list: Sequence[Matt | None] = goal.matt or [None]
        for i, m in enumerate(matt_list):
            row = []
            if kf_column:
                row.append(cell(group if group != previous_group else "", style))
                previous_group = group
            row.append(cell(goal.label if i == 0 else "", style))
            if m is None:
                row += [cell("", style)] * (2 + len(years))
            else:
                row += [cell(matt_text(m), style), cell(m.ingangsvarde, style),
                        *(cell(m.malvarden.get(y, ""), style) for y in years)]
            rows.append(row)
        next_group = goals[n + 1][0] if n + 1 < len(goals) else None
        rules.append((len(rows) - 1, 0 if not kf_column or next_group != group else 1))
    return rows, rules


def goal_table(plan: Plan, goals: list[tuple[str, Namndmal]], *, kf_header: str | None,
               ingang_header: str, goal_header: str = "Nämndmål"):
    """The goal table, with a KF-mål column (as from 2023–2025) or without (2022–2024)."""
    years = plan.years
    kf_column = kf_header is not None
    head1 = ([_head(kf_header)] if kf_header is not None else []) + [
        _head(goal_header), _head("Mått för nämndmål och datakälla"), _head(ingang_header),
        _head("Målvärde"), *[""] * (len(years) - 1)]
    head2 = [""] * (len(head1) - len(years)) + [_head(str(y)) for y in years]
    body, rules = goal_rows(goals, years, kf_column=kf_column)
    year_width = 17 * mm
    fixed = len(years) * year_width + 30 * mm
    text_columns = 3 if kf_column else 2
    text_width = (A4_LANDSCAPE_WIDTH - fixed) / text_columns
    widths = [text_width] * text_columns + [30 * mm] + [year_width] * len(years)
    first_year = len(head1) - len(years)
    spans = [("SPAN", (first_year, 0), (-1, 0))]
    spans += [("SPAN", (c, 0), (c, 1)) for c in range(first_year)]
    offset = 2
    return table([head1, head2, *body], widths, header_rows=2,
                 rules=[(r + offset, c) for r, c in rules], extra=tuple(spans))


def _area(story: Story, plan: Plan, omrade: Malomrade, notes: list[Fotnot]) -> None:
    st = styles()
    story.add(CondPageBreak(70 * mm))
    story.heading(omrade.namn, st.heading, level=1)
    if omrade.beskrivning:
        story.add(Paragraph(para(omrade.beskrivning), st.body))
    story.add(*flowables(omrade.betyder))
    if omrade.kf_mal:
        story.add(Paragraph("Kommunfullmäktiges mål", st.subheading))
        items = [ListItem(Paragraph(para(k.label), st.body_tight), leftIndent=6 * mm) for k in omrade.kf_mal]
        # The dash at the text's own size: ReportLab's default bullet size (12) sets it on
        # the baseline, where it reads as an underscore.
        story.add(ListFlowable(items, bulletType="bullet", start="–", bulletFontName=SANS,
                               bulletFontSize=st.body_tight.fontSize, leftIndent=6 * mm,
                               bulletDedent=6 * mm, spaceAfter=6))
    goals = omrade.all_namndmal()
    if not goals:
        return
    linked = any(g.kf_mal_id for g in goals)
    kf_text = {k.id: k.label for k in omrade.kf_mal}
    pairs = [(kf_text.get(g.kf_mal_id, ""), g) for g in goals]
    if linked:
        story.add(goal_table(plan, pairs, kf_header="KF-mål",
                             ingang_header="Ingångsvärde / Bokslutsvärde (år)"))
    else:
        story.add(goal_table(plan, pairs, kf_header=None, goal_header="Nämndens mål",
                             ingang_header=f"Ingångsvärde/ bokslutsvärde {plan.ingangsar}"))
    story.add(Spacer(1, 2 * mm))
    _footnotes(story, notes)


def plan_story(db: Database, plan_id: int) -> tuple[Story, Plan]:
    plans, goals = PlanService(db), GoalService(db)
    # Date and § from the adopting paragraph when the protokoll is kept in the program.
    plan = with_linked_adoption(db, plans.get_plan(plan_id))
    tree: GoalTree = goals.tree(plan_id)
    notes = plans.fotnoter(plan_id)
    st = styles()
    story = Story()
    story.heading(plan.titel, st.title)
    # Adopted or not, and which version: a revision names the adopted version it revises.
    story.add(Paragraph(para(plan.adoption_line()), st.body))
    # A no-break space keeps "§ VON.2022.55" on one line when the line wraps.
    story.add(Paragraph(para(version_line(db, plan).replace("§ ", "§\u00a0")), st.body), Spacer(1, 6 * mm))
    introduction = bool(plans.avsnitt(plan_id, "inledning"))
    _sections(story, plans, plan_id, "inledning")
    # As in the printed plans: the budget follows the introduction, before the goals.
    budget = add_budget_section(story, Ekonomi(db), plan)
    if introduction or budget:
        story.add(NextPageTemplate(LANDSCAPE), PageBreak())
    else:
        # Nothing for a portrait first page but the title: the goals follow it on the
        # same (landscape) page instead of leaving that page almost empty.
        story.first = LANDSCAPE
    story.heading("Nämndens arbete med kommunmålen", st.heading)
    _sections(story, plans, plan_id, "mal")
    for omrade in tree.malomraden:
        _area(story, plan, omrade, [n for n in notes if n.tabell == "mal" and n.malomrade_id == omrade.id])

    if tree.ovriga or plans.avsnitt(plan_id, "ovriga"):
        story.add(CondPageBreak(60 * mm))
        story.heading("Nämndens egen styrning i övrigt", st.heading)
        _sections(story, plans, plan_id, "ovriga")
        if tree.ovriga:
            story.add(Paragraph("Övriga nämndmål", st.subheading))
            story.add(goal_table(plan, [(g.syfte, g) for g in tree.ovriga],
                                 kf_header="Vad och syfte (varför)", goal_header="Mål",
                                 ingang_header="Ingångsvärde / Bokslutsvärde (år)"))
            _footnotes(story, [n for n in notes if n.tabell == "ovriga"])
    _nyckeltal(story, plans, plan, [n for n in notes if n.tabell == "nyckeltal"])
    _forandring(story, plans, plan_id, [n for n in notes if n.tabell == "forandring"])
    _uppdrag_och_risker(story, plans, plan_id)
    closing = plans.avsnitt(plan_id, "avslutning")
    if closing:
        story.add(NextPageTemplate(PORTRAIT), PageBreak())
        _sections(story, plans, plan_id, "avslutning")
    return story, plan


def _nyckeltal(story: Story, plans: PlanService, plan: Plan, notes: list[Fotnot]) -> None:
    plan_id = id_of(plan)
    rows = plans.nyckeltal(plan_id)
    if not rows and not plans.avsnitt(plan_id, "nyckeltal"):
        return
    st = styles()
    story.add(CondPageBreak(60 * mm))
    story.heading("Nyckeltalsuppföljning", st.heading)
    _sections(story, plans, plan_id, "nyckeltal")
    if rows:
        layouts = NyckeltalLayoutService(plans.db)
        if layouts.layout(plan_id) == "basvarde":
            story.add(basvarde_table(rows, layouts.status(plan_id), plan.years, A4_LANDSCAPE_WIDTH))
        else:
            story.add(nyckeltal_table(rows, A4_LANDSCAPE_WIDTH))
        story.add(Spacer(1, 2 * mm))
    _footnotes(story, notes)


def basvarde_table(rows: list, status: dict[int, dict[int, str]], years: list[int], w: float):
    """The plan's nyckeltal as the plan 2022–2024 prints them: the nyckeltal, its
    Basvärde (the jämförelsevärde) and a Status/tidpunkt/frekvens per plan year."""
    s = small(styles().table)
    body = [[cell(n.matt, s), cell(n.jamforelsevarde, s),
             *(cell(status.get(id_of(n), {}).get(y, ""), s) for y in years)] for n in rows]
    heads = [_head("Nyckeltal"), _head("Basvärde"), *(_head(f"Status/tidpunkt/ frekvens {y}") for y in years)]
    first = w * 0.4
    rest = (w - first - w * 0.15) / max(1, len(years))
    return table([heads, *body], [first, w * 0.15, *([rest] * len(years))])


def nyckeltal_table(rows: list, w: float):
    """The plan's nyckeltal: mått, syfte, datakälla, jämförelsevärde, uppföljningstillfälle."""
    s = small(styles().table)
    body = [[cell(f"{n.matt} ({n.ansvarig})" if n.ansvarig else n.matt, s), cell(n.syfte, s),
             cell(n.datakalla, s), cell(n.jamforelsevarde, s), cell(n.uppfoljningstillfalle, s)]
            for n in rows]
    heads = [_head(h) for h in ("Mått", "Syfte (varför)", "Datakälla", "Jämförelsevärde (år)",
                                "Uppföljningstillfälle")]
    return table([heads, *body], [w * 0.3, w * 0.25, w * 0.15, w * 0.15, w * 0.15])


def _forandring(story: Story, plans: PlanService, plan_id: int, notes: list[Fotnot]) -> None:
    rows = plans.forandringar(plan_id)
    if not rows and not plans.avsnitt(plan_id, "forandring"):
        return
    st = styles()
    story.add(CondPageBreak(60 * mm))
    story.heading("Förändringsbeskrivning/verksamhetsutveckling", st.heading)
    _sections(story, plans, plan_id, "forandring")
    if not rows:
        return
    s = small(st.table)
    heads = [_head(h) for h in ("Vad", "Syfte/mål", "Effekt", "Tidplan (1Q, 2Q...)")]
    body, extra, group = [], [], None
    for f in rows:
        if f.forvaltning != group:
            group = f.forvaltning
            if group:
                body.append([cell(group, small(st.table_bold)), "", "", ""])
                row = len(body)
                extra += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), "#f4f6f8")]
        body.append([cell(f.vad, s), cell(f.syfte, s), cell(f.effekt, s), cell(f.tidplan, s)])
    w = A4_LANDSCAPE_WIDTH
    story.add(table([heads, *body], [w * 0.25, w * 0.33, w * 0.27, w * 0.15], extra=tuple(extra)))
    _footnotes(story, notes)


def _uppdrag_och_risker(story: Story, plans: PlanService, plan_id: int) -> None:
    st = styles()
    s = small(st.table)
    w = A4_LANDSCAPE_WIDTH
    uppdrag = plans.uppdrag(plan_id)
    if uppdrag:
        story.add(CondPageBreak(50 * mm))
        story.heading("Särskilda uppdrag", st.heading)
        _sections(story, plans, plan_id, "uppdrag")
        body = [[cell(f"{u.rubrik}\n{u.text}".strip(), s), cell(u.slutdatum or "", s), cell(u.status, s),
                 cell(u.kommentar, s)] for u in uppdrag]
        heads = [_head(h) for h in ("Uppdrag", "Slutdatum", "Status", "Kommentar")]
        story.add(table([heads, *body], [w * 0.4, w * 0.12, w * 0.12, w * 0.36]))
    risker = plans.risker(plan_id)
    if risker:
        story.add(CondPageBreak(50 * mm))
        story.heading("Riskanalys", st.heading)
        _sections(story, plans, plan_id, "risk")
        right = small(st.table_right)
        body = [[cell(str(i), right), cell(r.risk, s), cell(str(r.sannolikhet), right),
                 cell(str(r.konsekvens), right), cell(str(r.riskvarde), right), cell(r.atgard, s),
                 cell(r.ansvarig, s)] for i, r in enumerate(risker, start=1)]
        heads = [_head(h) for h in ("Nr", "Risk", "S", "K", "RV", "Åtgärd", "Ansvarig")]
        story.add(table([heads, *body], [w * 0.05, w * 0.37, w * 0.05, w * 0.05, w * 0.05, w * 0.3,
                                         w * 0.13]))
        story.add(Paragraph("S – Sannolikhet (1–5), K – Konsekvens (1–5), RV – Riskvärde (S × K)",
                            small(st.body_tight)))


def write_plan_pdf(db: Database, plan_id: int, path: Path | None = None, *, progress: Progress | None = None,
                   pdfa_level: str | None = "2b") -> int:
    """Write the plan as PDF/A-2b to ``path``; returns the number of pages."""
    return render_plan(db, plan_id, path, progress=progress, pdfa_level=pdfa_level)[1]


def render_plan(db: Database, plan_id: int, path: Path | None = None, *, progress: Progress | None = None,
                pdfa_level: str | None = "2b") -> tuple[bytes, int]:
    """The plan as PDF (PDF/A-2b unless ``pdfa_level`` is None) and its page count,
    also written to ``path`` when given."""
    story, plan = plan_story(db, plan_id)
    if progress is not None:
        progress(1, 3)
    info = DocumentInfo(title=plan.titel, author=plan.namnd_namn, subject="Verksamhetsplan")
    data, anchors = build(story, info, plan.titel, first=story.first)
    if progress is not None:
        progress(2, 3)
    result = finish_pdf(data, anchors, path, pdfa_level=pdfa_level)
    if progress is not None:
        progress(3, 3)
    return result
