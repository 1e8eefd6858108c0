"""The goal follow-up of one occasion as a PDF, like a delårsrapport's bilaga
("Förväntad måluppfyllelse" with the four symbols and Agenda 2030 tags) and a bokslut's
goal table (Fullmäktigemål → Nämndmål → mått → kommentar), on landscape pages."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer
from sqlite_utils import Database

from app.pdf.document import DocumentInfo
from app.pdf.styles import styles
from app.pdf.text import para
from app.plan.followup import FollowupReport, FollowupService, GoalRow, KfRow
from app.plan.model import BEDOMNINGAR, DELVIS, EJ, EJ_UTVARDERAD, HELT, agenda_label, agenda_numbers
from app.plan.pdf.layout import (
    A4_LANDSCAPE_WIDTH,
    LANDSCAPE,
    Progress,
    Story,
    SymbolFlowable,
    build,
    cell,
    finish_pdf,
    small,
    symbol_cell,
    table,
)
from app.plan.revision import version_line

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")
#: The symbol legend of a delårsrapport's "Verksamhetsmål".
LEGEND = {
    HELT: "Grön fyllning i hela cirkeln – helt uppfyllt",
    DELVIS: "Gul fyllning i halva cirkeln – delvis uppfyllt",
    EJ: "Röd fyllning i botten av cirkeln – ej uppfyllt",
    EJ_UTVARDERAD: "Cirkel utan fyllning – ej utvärderad",
}


def _head(text: str):
    return cell(text, small(styles().table_bold))


def _matt_lines(goal: GoalRow, year: int) -> str:
    lines = []
    for m in goal.matt:
        target = m.target.text or "–"
        outcome = m.utfall.utfall or "–"
        lines.append(f"{m.matt.text}\nMålvärde {year}: {target} · Utfall: {outcome}")
    return "\n\n".join(lines)


def _comment(row, share_label: str) -> str:
    text = row.bedomning.kommentar or ""
    if row.share.planned:
        text = (text + "\n" if text else "") + f"{share_label}: {row.share.text()}"
    return text


def _agenda(text: str) -> str:
    return "\n".join(agenda_label(n) for n in agenda_numbers(text))


def _goal_row(goal: GoalRow, report: FollowupReport, share_label: str) -> list:
    s = small(styles().table)
    b = goal.bedomning.bedomning
    return [cell(goal.goal.label, s), cell(_matt_lines(goal, report.tillfalle.ar), s),
            symbol_cell(b, b or "Ingen bedömning", s, width=32 * mm),
            cell(_agenda(goal.goal.agenda2030), s), cell(_comment(goal, share_label), s)]


def _kf_cell(kf: KfRow) -> list:
    s = small(styles().table)
    parts = [cell(kf.kf.label, s)]
    if kf.bedomning.bedomning:
        parts.append(Spacer(1, 2))
        parts.append(symbol_cell(kf.bedomning.bedomning, kf.bedomning.bedomning, s, width=45 * mm))
    if kf.bedomning.kommentar:
        parts.append(cell(kf.bedomning.kommentar, small(styles().italic)))
    return parts


WIDTHS = (46 * mm, 46 * mm, 60 * mm, 32 * mm, 32 * mm)


def _area_table(report: FollowupReport, kf_rows: list[KfRow], goals: list[GoalRow], share_label: str,
                first_header: str = "Fullmäktigemål"):
    heads = [_head(h) for h in (first_header, "Nämndmål", "Mått: målvärde och utfall", "Bedömning",
                                "Agenda 2030", "Kommentar")]
    body, rules = [], []
    for kf in kf_rows:
        if not kf.goals:
            body.append([_kf_cell(kf), cell("", None), "", "", "", ""])
            rules.append((len(body), 0))
            continue
        for i, goal in enumerate(kf.goals):
            body.append([_kf_cell(kf) if i == 0 else "", *_goal_row(goal, report, share_label)])
            last = i == len(kf.goals) - 1
            rules.append((len(body), 0 if last else 1))
    for goal in goals:
        body.append(["", *_goal_row(goal, report, share_label)])
        rules.append((len(body), 0))
    rest = A4_LANDSCAPE_WIDTH - sum(WIDTHS)
    return table([heads, *body], [*WIDTHS, rest], rules=rules)


def add_legend(story: Story, expected: bool) -> None:
    """"Följande färgsymboler används …" and the four symbols with their meaning."""
    st = styles()
    verb = "den förväntade måluppfyllelsen per helår" if expected else "måluppfyllelsen"
    story.add(Paragraph(para(f"Följande färgsymboler används för att visa {verb}:"), st.body))
    legend = [[SymbolFlowable(b, 10), cell(LEGEND[b])] for b in BEDOMNINGAR]
    story.add(table(legend, [8 * mm, 110 * mm], header_rows=0, rules=[]))
    story.add(Spacer(1, 4 * mm))


def share_label(report: FollowupReport) -> str:
    return f"Genomförda aktiviteter (planerade t.o.m. {MONTHS[report.tillfalle.manad - 1]})"


def add_counts(story: Story, report: FollowupReport) -> None:
    """The samlad bedömning: how many nämndmål have each symbol, and the share of
    planned activities done."""
    st = styles()
    counts = [[SymbolFlowable(b, 10), cell(b), cell(str(report.counts.get(b, 0)), st.table_right)]
              for b in BEDOMNINGAR]
    assessed = sum(report.counts.values())
    total = len(report.all_goals())
    counts.append(["", cell("Nämndmål utan bedömning"), cell(str(total - assessed), st.table_right)])
    story.add(table([[_head(""), _head("Bedömning"), _head("Antal nämndmål")], *counts],
                    [8 * mm, 60 * mm, 30 * mm]))
    month = MONTHS[report.tillfalle.manad - 1]
    story.add(Spacer(1, 2 * mm))
    story.add(Paragraph(para(f"{share_label(report)}: {report.share.text()}."), st.body))
    if report.tillfalle.slag != "bokslut":
        story.add(Paragraph(para(
            "Andelen avser de aktiviteter i handlingsplanen som enligt plan skulle vara genomförda till "
            f"och med {month}: har alla planerade aktiviteter genomförts redovisas det som 100 %."),
            small(st.body_tight)))


def add_area_tables(story: Story, report: FollowupReport) -> None:
    """One goal table per målområde (KF-mål, nämndmål, mått, symbol, Agenda 2030,
    kommentar), then Övriga nämndmål; for landscape pages."""
    st = styles()
    label = share_label(report)
    for area in report.areas:
        if not area.kf and not area.goals:
            continue
        story.add(CondPageBreak(45 * mm))
        story.heading(area.omrade.namn, st.heading, level=1)
        story.add(_area_table(report, area.kf, area.goals, label))
        story.add(Spacer(1, 4 * mm))
    if report.ovriga:
        story.add(CondPageBreak(45 * mm))
        story.heading("Övriga nämndmål", st.heading, level=1)
        story.add(_area_table(report, [], report.ovriga, label, first_header=""))


def followup_story(db: Database, tillfalle_id: int) -> tuple[Story, FollowupReport]:
    report = FollowupService(db).report(tillfalle_id)
    plan, t = report.plan, report.tillfalle
    st = styles()
    story = Story()
    expected = t.slag != "bokslut"
    what = "Förväntad måluppfyllelse" if expected else "Måluppfyllelse"
    story.heading(f"{what} {t.ar}", st.title)
    story.add(Paragraph(para(f"Uppföljning {t.label} av {plan.titel}"), st.body))
    story.add(Paragraph(para(plan.adoption_line()), small(st.body_tight)))
    if plan.version > 1:  # which version of a revised plan was followed up
        story.add(Paragraph(para(version_line(db, plan)), small(st.body_tight)))
    story.add(Spacer(1, 4 * mm))
    add_legend(story, expected)
    story.heading("Samlad bedömning", st.heading)
    add_counts(story, report)
    add_area_tables(story, report)
    return story, report


def render_followup(db: Database, tillfalle_id: int, path: Path | None = None, *,
                    progress: Progress | None = None, pdfa_level: str | None = "2b") -> tuple[bytes, int]:
    """The follow-up of one occasion as PDF (PDF/A-2b unless ``pdfa_level`` is None) and
    its page count, also written to ``path`` when given."""
    story, report = followup_story(db, tillfalle_id)
    if progress is not None:
        progress(1, 3)
    plan, t = report.plan, report.tillfalle
    title = f"Uppföljning {t.label} – {plan.titel}"
    info = DocumentInfo(title=title, author=plan.namnd_namn, subject="Måluppfyllelse")
    data, anchors = build(story, info, title, first=LANDSCAPE)
    if progress is not None:
        progress(2, 3)
    result = finish_pdf(data, anchors, path, pdfa_level=pdfa_level)
    if progress is not None:
        progress(3, 3)
    return result


def write_followup_pdf(db: Database, tillfalle_id: int, path: Path | None = None, *,
                       progress: Progress | None = None, pdfa_level: str | None = "2b") -> int:
    """Write the follow-up as PDF/A-2b to ``path``; returns the number of pages."""
    return render_followup(db, tillfalle_id, path, progress=progress, pdfa_level=pdfa_level)[1]
