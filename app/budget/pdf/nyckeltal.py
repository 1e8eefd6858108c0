"""The key-figure tables (volymmått, personal) and the year's follow-ups month by month
as PDFs of their own: what ``budget volymmatt|personal|ar ÅR -o FIL.pdf`` prints, with
the same tables as the Excel export and the month's budgetuppföljning."""

from __future__ import annotations

from reportlab.platypus import Paragraph
from sqlite_utils import Database

from app.budget.nyckeltal import SLAG
from app.budget.pdf.layout import EkonomiPdfError, build, placed, unit_line
from app.budget.service import Ekonomi
from app.budget.tabeller import MATT, tabell_ar, tabell_nyckeltal
from app.pdf.styles import styles
from app.pdf.text import para


def nyckeltal_tabell_story(ek: Ekonomi, namnd_id: int, slag: str, ar: int, period: str,
                           heading: str | None = None) -> list:
    """The slag's table for ``ar`` and ``period`` under its heading, with the year's
    footnotes; nothing when the table has no values."""
    t = ek.nyckeltal.tabell(namnd_id, slag, ar, period)
    if not t.rader or not t.varden:
        return []
    rubrik = heading or SLAG[slag]
    story: list = []
    placed(tabell_nyckeltal(t, rubrik, ek.nyckeltal.fotnoter(namnd_id, slag, ar)), story,
           [Paragraph(para(rubrik), styles().heading)], font_size=8.5)
    return story


def render_nyckeltal(db: Database, namnd_id: int, slag: str, ar: int, period: str = "delar", *,
                     pdfa_level: str | None = "2b") -> bytes:
    """The volymmått or personal key figures of ``ar`` (columns as standardkolumner)."""
    ek = Ekonomi(db)
    title = f"{SLAG[slag]} {ar}"
    story = nyckeltal_tabell_story(ek, namnd_id, slag, ar, period, title)
    if not story:
        what = SLAG[slag].lower()
        raise EkonomiPdfError(f"Det finns inga {what} med värden för {ar}; de förs in under "
                              "Ekonomi → Nyckeltal.")
    return build(db, namnd_id, title, story, SLAG[slag], pdfa_level)


def render_ar(db: Database, namnd_id: int, ar: int, *, pdfa_level: str | None = "2b") -> bytes:
    """The year's budgetuppföljningar month by month: one table per figure (avvikelse,
    prognos, utfall …), as the Excel export's sections."""
    ek = Ekonomi(db)
    ov = ek.uppfoljning.arsoversikt(namnd_id, ar)
    if not ov.manader:
        raise EkonomiPdfError(f"Det finns inga budgetuppföljningar för {ar}.")
    last = ek.uppfoljning.get(namnd_id, ar, ov.manader[-1])
    assert last is not None  # a month arsoversikt found stored
    konvention = ek.verksamheter.installning(namnd_id).teckenkonvention
    st = styles()
    title = f"Budgetuppföljning {ar}, månad för månad"
    story: list = []
    for n, matt in enumerate(MATT):
        t = tabell_ar(ov, matt, last.enhet, konvention)
        heading = [Paragraph(para(t.rubrik), st.heading)]
        if n == 0:
            heading = [Paragraph(para(title), st.title),
                       Paragraph(para(unit_line(last.enhet, konvention)), st.small_grey), *heading]
        placed(t, story, heading, font_size=8.5)
    return build(db, namnd_id, title, story, "Budgetuppföljning", pdfa_level)
