"""A month's budgetuppföljning as printed: förslag till beslut, the analysis, charts of
budget and utfall and of the months so far, the results table, ej budgeterat, the
åtgärdsplan, the month's investeringsredovisning and, at tertial, delår and helår, the
key figures."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph
from sqlite_utils import Database

from app.budget.analys import ackumulerad_avvikelse, budget_mot_utfall, prognos_per_manad
from app.budget.belopp import format_belopp, visat
from app.budget.pdf.diagram import budget_utfall_drawing, manads_drawing
from app.budget.pdf.investeringar import investeringsredovisning_story
from app.budget.pdf.layout import (
    EkonomiPdfError,
    build,
    chart_block,
    frame_width,
    placed,
    text_table,
    unit_line,
)
from app.budget.pdf.nyckeltal import nyckeltal_tabell_story
from app.budget.service import Ekonomi
from app.budget.tabeller import med_bokslut, tabell_uppfoljning
from app.budget.verksamheter import manadsnamn
from app.pdf.styles import styles
from app.pdf.text import para


def uppfoljning_story(ek: Ekonomi, namnd_id: int, ar: int, manad: int) -> list:
    st = styles()
    u = ek.uppfoljning.get(namnd_id, ar, manad)
    if u is None:
        raise EkonomiPdfError(f"Det finns ingen budgetuppföljning för {manadsnamn(manad)} {ar}.")
    inst = ek.verksamheter.installning(namnd_id)
    konv = inst.teckenkonvention
    story: list = [Paragraph(para(u.rubrik), st.title),
                   Paragraph("Förslag till beslut", st.heading),
                   Paragraph(para(u.forslag_till_beslut or u.standard_forslag()), st.body)]
    if u.analys:
        story.append(Paragraph("Analys", st.heading))
        story += [Paragraph(para(p), st.body) for p in u.analys.split("\n\n") if p.strip()]
    if u.underskott_prognos() and not u.atgarder:
        story.append(Paragraph("Prognosen visar ett underskott; åtgärder för att hålla given budgetram "
                               "ska redovisas.", st.italic))
    width = frame_width()
    story.append(chart_block(budget_utfall_drawing(budget_mot_utfall(u, konv), u.enhet, width, 200),
                              "Budget och utfall per verksamhet"))
    ov = ek.uppfoljning.arsoversikt(namnd_id, ar)
    # A month chart needs at least two months to say anything.
    if len(ov.manader) > 1:
        story.append(chart_block(manads_drawing(ackumulerad_avvikelse(ov), u.enhet,
                                                 "Ackumulerad avvikelse mot budget", "staplar", width, 170),
                                  "Ackumulerad avvikelse månad för månad"))
        prognoser = prognos_per_manad(ov)
        if len(prognoser) > 1:
            story.append(chart_block(manads_drawing(prognoser, u.enhet, "Prognos för helåret, avvikelse",
                                                     "linje", width, 170), "Prognosen månad för månad"))
    tabell = tabell_uppfoljning(u, konv, inst.budgetdokument)
    # At year end beside last year's bokslut; a part of the year beside a whole year
    # would not compare.
    fg = ek.uppfoljning.get(namnd_id, ar - 1, 12) if manad == 12 else None
    if fg is not None:
        tabell = med_bokslut(tabell, fg) or tabell
    placed(tabell, story, [
        Paragraph(para(u.driftredovisning_rubrik), st.heading),
        Paragraph(para(unit_line(u.enhet, konv)), st.small_grey)])
    if u.ej_budgeterat:
        ack, prognos = u.summa_ej_budgeterat()
        def shown(kr: int) -> str:
            return format_belopp(visat(kr, konv), u.enhet)

        rows = [[e.benamning, shown(e.ack), shown(e.prognos_helar)] for e in u.ej_budgeterat]
        rows.append(["Summa", shown(ack), shown(prognos)])
        story += [CondPageBreak(40 * mm), Paragraph("Ej budgeterat", st.heading),
                  text_table(["Benämning", f"Ackumulerat {u.manadsnamn[:3]}", "Prognos helår"], rows,
                              [width - 70 * mm, 35 * mm, 35 * mm], {1, 2}, bold_last=True)]
    if u.atgarder:
        story += [CondPageBreak(40 * mm), Paragraph("Åtgärdsplan", st.heading), atgardsplan_table(u, width)]
    story += investeringsredovisning_story(ek, namnd_id, ar, manad)
    story += nyckeltal_story(ek, namnd_id, ar, manad)
    return story


def atgardsplan_table(u, width: float):
    """The åtgärdsplan: avvikelse, åtgärd and the expected economic and other effects."""
    rows = [[a.avvikelse, a.atgard, a.ekonomisk_effekt
             + (f" ({format_belopp(a.belopp, u.enhet)} {u.enhet})" if a.belopp else ""),
             a.verksamhetseffekt] for a in u.atgarder]
    return text_table(["Avvikelse", "Åtgärd", "Förväntade ekonomiska effekter av åtgärden",
                       "Förväntade verksamhetseffekter av åtgärden"], rows, [width / 4] * 4)


def nyckeltal_story(ek: Ekonomi, namnd_id: int, ar: int, manad: int) -> list:
    """Volymmått and personal key figures at tertial (april), delår (august) and helår."""
    period = {4: "tertial", 8: "delar", 12: "helar"}.get(manad)
    if period is None:
        return []
    story: list = []
    for slag in ("volym", "personal"):
        story += nyckeltal_tabell_story(ek, namnd_id, slag, ar, period)
    return story


def render_uppfoljning(db: Database, namnd_id: int, ar: int, manad: int, *,
                    pdfa_level: str | None = "2b") -> bytes:
    story = uppfoljning_story(Ekonomi(db), namnd_id, ar, manad)
    title = f"Budgetuppföljning {manadsnamn(manad)} {ar}"
    return build(db, namnd_id, title, story, "Budgetuppföljning", pdfa_level)
