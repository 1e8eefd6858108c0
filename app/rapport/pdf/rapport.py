"""The report as one PDF/A document laid out like the printed delårsrapporter and
bokslut: a title page (kommun, title, nämnd, period, adoption line), the table of
contents, then the chapters of the outline in order – written text, or a part generated
from the data followed by the chapter's own text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Paragraph, Spacer
from sqlite_utils import Database

from app.pdf.document import DocumentInfo
from app.pdf.richtext import flowables
from app.pdf.styles import styles
from app.pdf.text import para
from app.plan.adoption import adopting_paragraph
from app.rapport.model import Kapitel, Rapport
from app.rapport.pdf.chapters import RENDERERS, Sources
from app.rapport.pdf.layout import (
    LANDSCAPE,
    PORTRAIT,
    ChapterHeading,
    Header,
    build,
    finish,
    table_of_contents,
)
from app.rapport.service import RapportService

Progress = Callable[[int, int], None]


def with_linked_adoption(db: Database, r: Rapport) -> Rapport:
    """Date and § from the linked paragraph when it is kept in the program."""
    linked = adopting_paragraph(db, r.antagen_paragraf_id)
    if linked is not None:
        r.antagen_datum, r.antagen_paragraf = linked.datum, linked.label
    return r


def _title_page(db: Database, r: Rapport) -> list[Flowable]:
    st = styles()
    kommun = db.execute("SELECT namn FROM kommun WHERE id = 1").fetchone()
    big = st.title.clone("rapport-titel", fontSize=26, leading=32, spaceAfter=8)
    out: list[Flowable] = []
    if kommun:
        out += [Paragraph(para(kommun[0]), st.label), Spacer(1, 55 * mm)]
    out += [Paragraph(para(r.titel), big),
            Paragraph(para(r.namnd_namn), st.title.clone("rapport-namnd", fontSize=16, leading=21))]
    if r.undertitel:
        sub = st.body.clone("rapport-undertitel", fontSize=13, leading=17)
        out.append(Paragraph(para(r.undertitel), sub))
    out += [Spacer(1, 6 * mm), Paragraph(para(f"Perioden {r.period_text()}"), st.body),
            Spacer(1, 30 * mm), Paragraph(para(r.adoption_line()), st.body)]
    return out


def _switches_to_landscape(part: list[Flowable]) -> bool:
    """Whether the part leaves the document on landscape pages."""
    switches = [f.action[1] for f in part if isinstance(f, NextPageTemplate)]
    return bool(switches) and switches[-1] == LANDSCAPE


def _chapter(sources: Sources, k: Kapitel, number: int) -> list[Flowable]:
    heading: list[Flowable] = [CondPageBreak((55 if k.niva == 1 else 40) * mm),
                               ChapterHeading(k.rubrik, k.niva, number)]
    text = flowables(k.text)
    if not k.generated:
        return heading + text
    part = RENDERERS[k.innehall](sources, k, heading)
    part += text
    if _switches_to_landscape(part):
        part += [NextPageTemplate(PORTRAIT), PageBreak()]
    return part


def rapport_story(db: Database, rapport_id: int) -> tuple[list[Flowable], Rapport, list[Kapitel]]:
    service = RapportService(db)
    r = with_linked_adoption(db, service.get(rapport_id))
    chapters = service.kapitel(rapport_id)
    st = styles()
    story = _title_page(db, r)
    story += [NextPageTemplate(PORTRAIT), PageBreak(), Paragraph("Innehållsförteckning", st.title),
              table_of_contents(), PageBreak()]
    sources = Sources(db, r)
    for number, k in enumerate(chapters):
        story += _chapter(sources, k, number)
    return story, r, chapters


def render_rapport(db: Database, rapport_id: int, path: Path | None = None, *,
                   progress: Progress | None = None, pdfa_level: str | None = "2b") -> tuple[bytes, int]:
    """The report as PDF (PDF/A-2b unless ``pdfa_level`` is None) and its page count,
    also written to ``path`` when given."""
    story, r, chapters = rapport_story(db, rapport_id)
    if progress is not None:
        progress(1, 3)
    info = DocumentInfo(title=f"{r.titel} – {r.namnd_namn}", author=r.namnd_namn, subject=r.slag.capitalize())
    data, pages = build(story, info, Header(f"{r.titel} · {r.period_text()}", r.namnd_namn))
    if progress is not None:
        progress(2, 3)
    marks = [(k.niva, k.rubrik, pages[n]) for n, k in enumerate(chapters) if n in pages]
    result = finish(data, marks, path, pdfa_level=pdfa_level)
    if progress is not None:
        progress(3, 3)
    return result


def write_rapport_pdf(db: Database, rapport_id: int, path: Path, *, progress: Progress | None = None) -> int:
    """Write the report as PDF/A-2b to ``path``; returns the number of pages."""
    return render_rapport(db, rapport_id, path, progress=progress)[1]
