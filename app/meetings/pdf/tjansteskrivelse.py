"""Tjänsteskrivelser and the pages of the other agenda items.

Each ärende of a meeting gets its own document in the handlingar: a beslutsärende its
tjänsteskrivelse — heading, Förvaltningens (or Arbetsutskottets)
förslag till beslut, Beskrivning av ärendet / Sammanfattning, Ekonomiska konsekvenser,
signatures (name and title), Bilagor / Beslutsunderlag (numbered, with dates), Beslut
skickas till — on the kommun's letterhead with its address footer; an information or
standard item ("Närvaro", "Information från ordförande") a page with its heading and
whatever description it has.

:func:`render_arende_documents` lays out all of them in ONE ReportLab build (one font
subset, a fraction of the time of 60 separate documents) and reports on which page each
ärende starts; :func:`render_tjansteskrivelse` renders a single one.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, NextPageTemplate, PageBreak, Paragraph, Spacer, Table

from app.dates import day_month_year
from app.meetings.model import Arende, ArendeDocuments, Bilaga, Rendered
from app.meetings.pdf.layout import IsCancelled, MeetingDocs, cancellable_canvas, stop_if_cancelled
from app.pdf.document import DocumentInfo, NkDocTemplate
from app.pdf.letterhead import FIRST_MARGINS, Letterhead, letterhead_templates
from app.pdf.richtext import flowables
from app.pdf.styles import styles, table_style
from app.pdf.text import para


class _State:
    def __init__(self, first: Letterhead):
        self.head = first
        self.starts: dict[int, int] = {}


class _Marker(Flowable):
    """Invisible. With ``head``: placed just before the page break that starts the next
    ärende, it switches the letterhead the next page begins with. With ``arende_id``:
    placed at the top of an ärende's first page, it records the page number (and stops
    the render when it has been cancelled)."""

    def __init__(self, state: _State, *, head: Letterhead | None = None, arende_id: int | None = None,
                 cancelled: IsCancelled | None = None):
        super().__init__()
        self.state, self.head, self.arende_id, self.cancelled = state, head, arende_id, cancelled

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        if self.head is not None:
            self.state.head = self.head
        if self.arende_id is not None:
            stop_if_cancelled(self.cancelled)  # between ärenden
            self.state.starts[self.arende_id] = self.canv.getPageNumber()


def bilaga_line(b: Bilaga) -> str:
    """The bilaga as a line of Bilagor / Beslutsunderlag: "Riktlinjer för
    alkoholservice, daterad den 17 januari 2022."."""
    title = b.titel.rstrip(". ")
    return f"{title}, daterad den {day_month_year(b.datum)}." if b.datum else f"{title}."


def _letterhead(docs: MeetingDocs, a: Arende) -> Letterhead:
    forvaltning = docs.forvaltningar.get(a.forvaltning_id) if a.forvaltning_id else None
    is_report = a.typ == "beslut"
    refs: list[tuple[str, str]] = []
    if is_report:
        refs = [("Datum", a.datum or ""), ("Dnr", a.dnr)]
    else:
        refs = [("Sammanträde", docs.meeting.datum), ("Dnr", a.dnr)]
    return Letterhead(
        kommun=docs.kommun_namn, logo=docs.kommun.logo if docs.kommun else None,
        unit=forvaltning.namn if forvaltning else docs.organ.namn,
        sender_lines=(a.handlaggare,) if a.handlaggare else (),
        doc_type="TJÄNSTESKRIVELSE" if is_report else "", ref_lines=tuple(refs),
        running_title=a.rubrik, running_ref=f"Dnr {a.dnr}" if a.dnr else docs.organ.namn,
        footer=docs.footer)


def _heading(text: str) -> Paragraph:
    return Paragraph(para(text), styles().heading)


def _signatures(a: Arende) -> list[Flowable]:
    if not a.undertecknare:
        return []
    s = styles()
    cells = [Paragraph(f"{para(u.namn)}<br/>{para(u.titel)}", s.body_tight) for u in a.undertecknare]
    rows = [cells[i:i + 2] + [""] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=["50%", "50%"])
    table.setStyle(table_style(("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 8)))
    return [Spacer(1, 8 * mm), KeepTogether([table])]


def _lines(title: str, lines: list[str], numbered: bool) -> list[Flowable]:
    if not lines:
        return []
    s = styles()
    if numbered and len(lines) > 1:
        body = [Paragraph(f"{n}. {para(line)}", s.body_tight) for n, line in enumerate(lines, start=1)]
    else:
        body = [Paragraph(para(line), s.body_tight) for line in lines]
    return [KeepTogether([_heading(title), *body])]


def arende_story(docs: MeetingDocs, a: Arende) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Paragraph(para(a.rubrik), s.title)]
    if a.extra:
        story.append(Paragraph("<i>Extra ärende</i>", s.body))
    if a.foredragande:
        story.append(Paragraph(f"Föredragande: {para(a.foredragande)}", s.body))
    forslag = flowables(a.forslag_till_beslut)
    if forslag:
        story += [_heading(a.forslag_rubrik), *forslag]
    beskrivning = flowables(a.beskrivning)
    if beskrivning:
        story += [_heading(a.beskrivning_rubrik) if a.typ == "beslut" or forslag else Spacer(1, 2 * mm),
                  *beskrivning]
    konsekvenser = flowables(a.ekonomiska_konsekvenser)
    if konsekvenser:
        story += [_heading("Ekonomiska konsekvenser"), *konsekvenser]
    story += _signatures(a)
    underlag = list(a.beslutsunderlag) + [bilaga_line(b) for b in docs.bilagor_of(a)]
    story += _lines("Beslutsunderlag" if a.beslutsunderlag else "Bilagor", underlag, numbered=True)
    story += _lines("Beslut skickas till", a.skickas_till, numbered=False)
    return story


def render_arende_documents(docs: MeetingDocs, arenden: list[Arende] | None = None,
                            cancelled: IsCancelled | None = None) -> ArendeDocuments:
    """All (or the given) ärenden's documents in one PDF, each starting on a new page.
    When ``cancelled()`` turns true between ärenden or pages the render stops with
    :class:`app.meetings.model.Cancelled`."""
    arenden = docs.arenden if arenden is None else arenden
    heads = {a.id: _letterhead(docs, a) for a in arenden}
    state = _State(heads[arenden[0].id] if arenden else Letterhead())
    m = docs.meeting
    title = (f"Tjänsteskrivelse: {arenden[0].rubrik}" if len(arenden) == 1
             else f"Tjänsteskrivelser {docs.organ.namn} {m.datum}")
    buffer = io.BytesIO()
    doc = NkDocTemplate(buffer, DocumentInfo(title=title, author=docs.kommun_namn,
                                             subject=f"{docs.organ.namn} {m.datum}"),
                        margins=FIRST_MARGINS)
    doc.addPageTemplates(letterhead_templates(lambda: state.head))
    story: list[Flowable] = []
    for i, a in enumerate(arenden):
        if i:
            story += [_Marker(state, head=heads[a.id]), NextPageTemplate("first"), PageBreak()]
        stop_if_cancelled(cancelled)
        story.append(_Marker(state, arende_id=a.id, cancelled=cancelled))
        story += arende_story(docs, a)
    if not story:
        story = [Paragraph("Sammanträdet har inga ärenden.", styles().body)]
    if cancelled is None:
        doc.build(story)
    else:
        doc.build(story, canvasmaker=cancellable_canvas(cancelled))
    return ArendeDocuments(buffer.getvalue(), doc.page, dict(state.starts))


def render_tjansteskrivelse(docs: MeetingDocs, arende: Arende,
                            cancelled: IsCancelled | None = None) -> Rendered:
    """One ärende's tjänsteskrivelse (plain PDF; :func:`app.pdf.pdfa.to_pdfa` for PDF/A),
    stopped between pages when ``cancelled()`` turns true."""
    result = render_arende_documents(docs, [arende], cancelled)
    return Rendered(result.data, result.pages)
