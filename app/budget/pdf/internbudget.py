"""The internbudget of a year as printed: the table with its ram and comment, followed
by the investeringsbudget that starts that year."""

from __future__ import annotations

from reportlab.platypus import Paragraph, Spacer
from sqlite_utils import Database

from app.budget.internbudget import ram_text
from app.budget.pdf.investeringar import investeringsbudget_story
from app.budget.pdf.layout import EkonomiPdfError, build, frame_width, table_flowable, unit_line
from app.budget.service import Ekonomi
from app.budget.tabeller import tabell_internbudget
from app.pdf.styles import styles
from app.pdf.text import para


def internbudget_story(ek: Ekonomi, namnd_id: int, ar: int) -> list:
    st = styles()
    inst = ek.verksamheter.installning(namnd_id)
    ib = ek.internbudget.get(namnd_id, ar)
    if ib is None:
        raise EkonomiPdfError(f"Det finns ingen internbudget för {ar}.")
    story: list = [Paragraph(para(f"Internbudget {ar}"), st.title),
                   Paragraph(para(unit_line(inst.enhet, inst.teckenkonvention)), st.small_grey),
                   Spacer(1, 4)]
    tabell = tabell_internbudget(ib, inst.enhet, inst.teckenkonvention, inst.budgetdokument)
    story.append(table_flowable(tabell, frame_width()))
    story += [Spacer(1, 6), Paragraph(para(ram_text(ib, inst.enhet)), st.label)]
    if ib.kommentar:
        story.append(Paragraph(para(ib.kommentar), st.body))
    plan = ek.investeringar.get(namnd_id, ar)
    if plan is not None:
        story += investeringsbudget_story(ek, namnd_id, plan.forsta_ar)
    return story


def render_internbudget(db: Database, namnd_id: int, ar: int, *, pdfa_level: str | None = "2b") -> bytes:
    """The year's internbudget (and the investeringsbudget that starts that year)."""
    story = internbudget_story(Ekonomi(db), namnd_id, ar)
    return build(db, namnd_id, f"Internbudget {ar}", story, "Internbudget", pdfa_level)
