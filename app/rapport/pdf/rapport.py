"""The report as one PDF/A document laid out like the printed delårsrapporter and
bokslut: a title page (kommun, title, nämnd, period, adoption line), the table of
contents, then the chapters of the outline in order – written text, or a part generated
from the data followed by the chapter's own text. A chapter written per förvaltning
prints its own text and then each förvaltning's under the förvaltning's name.

A written chapter without text never prints as a bare heading. A draft printed to be
read says "Texten är inte skriven." under it, so the controller sees what is left to
write; the document that goes to the nämnd (``leave_out_empty``, the agenda's bilaga)
and an adopted report leave it out of the pages, the table of contents and the
bookmarks, and a heading whose subchapters are all left out goes with them. The
window and the command line name such chapters before printing (RapportService.missing_texts)."""

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
from app.rapport.model import ForvaltningsText, Kapitel, Rapport, has_text
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
from app.records import id_of

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


NOT_WRITTEN = "Texten är inte skriven."


def _not_written() -> Paragraph:
    return Paragraph(para(NOT_WRITTEN), styles().italic)


def left_out(chapters: list[Kapitel], texts: dict[int, list[ForvaltningsText]]) -> set[int]:
    """The positions of the written chapters with nothing to print: no text of their own,
    no förvaltning's text, and no subchapter that is printed."""
    out: set[int] = set()
    for i in range(len(chapters) - 1, -1, -1):
        k = chapters[i]
        if k.generated or has_text(k.text):
            continue
        if k.per_forvaltning:
            if not any(has_text(t.text) for t in texts.get(id_of(k), [])):
                out.add(i)
            continue
        j = i + 1
        while j < len(chapters) and chapters[j].niva > k.niva:
            j += 1
        if all(n in out for n in range(i + 1, j)):
            out.add(i)
    return out


def _sections(k: Kapitel, number: int, texts: list[ForvaltningsText],
              leave_out_empty: bool) -> list[Flowable]:
    """The förvaltningar's texts of a chapter written per förvaltning, each under its name."""
    out: list[Flowable] = []
    for n, t in enumerate(texts):
        written = has_text(t.text)
        if not written and leave_out_empty:
            continue
        out += [CondPageBreak(30 * mm), ChapterHeading(t.rubrik, k.niva + 1, (number, n))]
        out += flowables(t.text) if written else [_not_written()]
    return out


def _chapter(sources: Sources, k: Kapitel, number: int, texts: list[ForvaltningsText], *,
             parent: bool, leave_out_empty: bool) -> list[Flowable]:
    heading: list[Flowable] = [CondPageBreak((55 if k.niva == 1 else 40) * mm),
                               ChapterHeading(k.rubrik, k.niva, number)]
    text = flowables(k.text)
    if k.per_forvaltning:
        return heading + text + _sections(k, number, texts, leave_out_empty)
    if not k.generated:
        # A heading over subchapters needs no text of its own.
        return heading + (text or ([] if parent else [_not_written()]))
    part = RENDERERS[k.innehall](sources, k, heading)
    part += text
    if _switches_to_landscape(part):
        part += [NextPageTemplate(PORTRAIT), PageBreak()]
    return part


Mark = tuple[object, int, str]  # a heading's key, level and text, in the order printed


def rapport_story(db: Database, rapport_id: int, *, leave_out_empty: bool | None = None
                  ) -> tuple[list[Flowable], Rapport, list[Mark]]:
    """The report's flowables and its headings. ``leave_out_empty`` None: left out when
    the report is adopted, said in a draft."""
    service = RapportService(db)
    r = with_linked_adoption(db, service.get(rapport_id))
    if leave_out_empty is None:
        leave_out_empty = r.adopted
    chapters = service.kapitel(rapport_id)
    texts = service.texts_by_kapitel(rapport_id)
    skipped = left_out(chapters, texts) if leave_out_empty else set()
    st = styles()
    story = _title_page(db, r)
    story += [NextPageTemplate(PORTRAIT), PageBreak(), Paragraph("Innehållsförteckning", st.title),
              table_of_contents(), PageBreak()]
    sources = Sources(db, r)
    marks: list[Mark] = []
    for number, k in enumerate(chapters):
        if number in skipped:
            continue
        parent = number + 1 < len(chapters) and chapters[number + 1].niva > k.niva
        part = _chapter(sources, k, number, texts.get(id_of(k), []), parent=parent,
                        leave_out_empty=leave_out_empty)
        # The chapter's heading may sit inside what a renderer placed; its sections' do not.
        marks += [(number, k.niva, k.rubrik)] + [(f.key, f.level, f.chapter_text) for f in part
                                                 if isinstance(f, ChapterHeading) and f.key != number]
        story += part
    return story, r, marks


def render_rapport(db: Database, rapport_id: int, path: Path | None = None, *,
                   progress: Progress | None = None, pdfa_level: str | None = "2b",
                   leave_out_empty: bool | None = None) -> tuple[bytes, int]:
    """The report as PDF (PDF/A-2b unless ``pdfa_level`` is None) and its page count,
    also written to ``path`` when given, made from the data as it is now. Written
    chapters without text: see the module. What is printed goes through
    app/rapport/kept.py, which gives an adopted report's kept PDF instead."""
    story, r, headings = rapport_story(db, rapport_id, leave_out_empty=leave_out_empty)
    if progress is not None:
        progress(1, 3)
    info = DocumentInfo(title=f"{r.titel} – {r.namnd_namn}", author=r.namnd_namn, subject=r.slag.capitalize())
    data, pages = build(story, info, Header(f"{r.titel} · {r.period_text()}", r.namnd_namn))
    if progress is not None:
        progress(2, 3)
    marks = [(level, text, pages[key]) for key, level, text in headings if key in pages]
    result = finish(data, marks, path, pdfa_level=pdfa_level)
    if progress is not None:
        progress(3, 3)
    return result

