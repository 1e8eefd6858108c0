"""The nämnd's budget as the "Ekonomi" section of the verksamhetsplan (the economy's
outputs attached to plans when they exist), laid out like the printed plans: the
internbudget of the plan's first year with the ram sentence and the comment, then the
investeringsbudget of the plan period. The tables are the economy PDF's own (app/budget),
so sign convention, unit and number formats are the nämnd's."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer

from app.budget import Ekonomi
from app.budget.belopp import TECKEN_LABELS, Teckenkonvention
from app.budget.internbudget import ram_text
from app.budget.pdf.layout import table_flowable
from app.budget.tabeller import tabell_internbudget, tabell_investeringsbudget
from app.pdf.styles import styles
from app.pdf.text import para
from app.plan.budget_missing import missing_internbudget_text
from app.plan.model import Plan
from app.plan.pdf.layout import A4_PORTRAIT_WIDTH, Story


def has_budget(ek: Ekonomi, plan: Plan) -> bool:
    return (ek.internbudget.get(plan.namnd_id, plan.forsta_ar) is not None
            or ek.investeringar.get(plan.namnd_id, plan.forsta_ar) is not None)


def add_budget_section(story: Story, ek: Ekonomi, plan: Plan) -> bool:
    """Add "Ekonomi" when the nämnd has an internbudget for the plan's first year or an
    investeringsbudget starting that year, or says why that internbudget is missing
    (app/plan/budget_missing.py); False (nothing added) when there is nothing to say."""
    missing = missing_internbudget_text(ek, plan)
    if not has_budget(ek, plan) and not missing:
        return False
    st = styles()
    inst = ek.verksamheter.installning(plan.namnd_id)
    story.add(CondPageBreak(80 * mm))
    story.heading("Ekonomi", st.heading)
    ib = ek.internbudget.get(plan.namnd_id, plan.forsta_ar)
    if missing:  # said, not left out in silence (app/plan/budget_missing.py)
        story.add(Paragraph(para(missing), st.italic))
    if ib is not None:
        story.heading(f"Internbudget {plan.forsta_ar}", st.subheading, level=1)
        tecken = TECKEN_LABELS[Teckenkonvention(inst.teckenkonvention)]
        tabell = tabell_internbudget(ib, inst.enhet, inst.teckenkonvention, inst.budgetdokument)
        story.add(Paragraph(para(f"Belopp i {inst.enhet}. {tecken}."), st.small_grey), Spacer(1, 2 * mm),
                  table_flowable(tabell, A4_PORTRAIT_WIDTH),
                  Spacer(1, 3 * mm), Paragraph(para(ram_text(ib, inst.enhet)), st.body))
        if ib.kommentar:
            story.add(Paragraph(para(ib.kommentar), st.body))
    investeringar = ek.investeringar.get(plan.namnd_id, plan.forsta_ar)
    if investeringar is not None:
        story.add(CondPageBreak(60 * mm))
        story.heading(investeringar.rubrik, st.subheading, level=1)
        story.add(table_flowable(tabell_investeringsbudget(investeringar, inst.enhet), A4_PORTRAIT_WIDTH))
    story.add(Spacer(1, 4 * mm))
    return True
