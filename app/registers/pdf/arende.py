"""A register's ärende as printed: the delegation list grouped by category, the
meddelanden list, or the report on ej verkställda beslut with its statistics, under
förslag till beslut and beskrivning."""

from __future__ import annotations

from datetime import date

from reportlab.platypus import KeepTogether, Paragraph, Spacer
from sqlite_utils import Database

from app import clock
from app.pdf.document import DocumentInfo, build_pdf
from app.pdf.styles import styles
from app.pdf.text import para
from app.registers.arenden import EMPTY_CATEGORY, Arendetext
from app.registers.pdf.layout import bullets, finish_pdf, page_header, statistik_story


def arende_story(arende: Arendetext) -> list:
    st = styles()
    story: list = [Paragraph(para(arende.rubrik), st.title),
                   Paragraph(para(arende.forslag_rubrik), st.heading),
                   Paragraph(para(arende.forslag), st.body),
                   Paragraph("Beskrivning av ärendet", st.heading)]
    story += [Paragraph(para(p), st.body) for p in arende.beskrivning]
    for k in arende.kategorier:
        entries = bullets(k.poster) if k.poster else Paragraph(EMPTY_CATEGORY, st.body_tight)
        block = [Paragraph(para(f"{k.nummer}. {k.namn}"), st.subheading), entries, Spacer(1, 3)]
        story.append(KeepTogether(block))
    for n, (dnr, titel) in enumerate(arende.meddelanden, start=1):
        story.append(KeepTogether([Paragraph(para(f"{n}. {dnr}".rstrip()), st.label),
                                   Paragraph(para(titel), st.body)]))
    if arende.rapport is not None:
        story += statistik_story(arende.rapport)
    if arende.ekonomi:
        story += [Paragraph("Ekonomiska konsekvenser", st.heading), Paragraph(para(arende.ekonomi), st.body)]
    return story


def render_arende(db: Database, namnd_id: int, arende: Arendetext, *, datum: date | None = None,
                  pdfa_level: str | None = "2b") -> bytes:
    """One ärende as an archivable PDF (PDF/A-2b unless ``pdfa_level`` is None)."""
    datum = datum or clock.today()
    data = build_pdf(arende_story(arende), DocumentInfo(title=arende.rubrik, subject="Ärende till nämnden"),
                     on_page=page_header(db, namnd_id, datum))
    return finish_pdf(data, pdfa_level)
