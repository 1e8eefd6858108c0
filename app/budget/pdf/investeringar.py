"""The investments of a year as printed: the investeringsbudget that starts that year
and every investeringsredovisning of the year."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph
from sqlite_utils import Database

from app.budget.pdf.layout import EkonomiPdfError, build, frame_width, placed, table_flowable
from app.budget.service import Ekonomi
from app.budget.tabeller import tabell_investeringsbudget, tabell_investeringsredovisning
from app.pdf.styles import styles
from app.pdf.text import para


def investeringsbudget_story(ek: Ekonomi, namnd_id: int, forsta_ar: int) -> list:
    st = styles()
    plan = ek.investeringar.get(namnd_id, forsta_ar)
    if plan is None:
        return []
    enhet = ek.verksamheter.installning(namnd_id).enhet
    return [CondPageBreak(60 * mm), Paragraph(para(plan.rubrik), st.heading),
            table_flowable(tabell_investeringsbudget(plan, enhet), frame_width())]


def investeringsredovisning_story(ek: Ekonomi, namnd_id: int, ar: int, manad: int) -> list:
    st = styles()
    red = ek.investeringar.redovisning(namnd_id, ar, manad)
    if not red.projekt:
        return []
    enhet = ek.verksamheter.installning(namnd_id).enhet
    story: list = []
    placed(tabell_investeringsredovisning(red, enhet), story, [
        Paragraph(para(red.rubrik), st.heading), Paragraph(para(f"Belopp anges i {enhet}."), st.small_grey)])
    return story


def render_investeringar(db: Database, namnd_id: int, ar: int, *, pdfa_level: str | None = "2b") -> bytes:
    """The investeringsbudget starting ``ar`` and every investeringsredovisning of ``ar``."""
    ek = Ekonomi(db)
    st = styles()
    story: list = [Paragraph(para(f"Investeringar {ar}"), st.title)]
    if ek.investeringar.get(namnd_id, ar) is not None:
        story += investeringsbudget_story(ek, namnd_id, ar)
    for a, m in ek.investeringar.perioder(namnd_id):
        if a == ar:
            story += investeringsredovisning_story(ek, namnd_id, a, m)
    if len(story) == 1:
        raise EkonomiPdfError(f"Det finns varken investeringsbudget eller investeringsredovisning för {ar}.")
    return build(db, namnd_id, f"Investeringar {ar}", story, "Investeringar", pdfa_level)
