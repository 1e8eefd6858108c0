"""The kallelse (DOMAIN.md 4.1), laid out like seeds/004 page 1.

:func:`render_kallelse` draws it from a :class:`app.meeting_docs.MeetingDocs` snapshot
and the page ranges of the handlingar (``{arende_id: PageRange}``; without them the
column stays empty). The ranges are only known once the bundle is laid out, so
:mod:`app.handlingar` computes them and calls this twice when needed; use
:func:`app.handlingar.make_kallelse` to print a kallelse on its own.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from app.dates import meeting_time
from app.meeting_docs import MeetingDocs, genitive
from app.pdf.document import DocumentInfo, NkDocTemplate
from app.pdf.fonts import SANS
from app.pdf.letterhead import FIRST_MARGINS, Letterhead, letterhead_templates
from app.pdf.styles import RULE, styles, table_style
from app.pdf.text import para


@dataclass(frozen=True)
class PageRange:
    first: int
    last: int

    @property
    def text(self) -> str:
        """"5 - 11" as in seeds/004, or "2" for a single page."""
        return str(self.first) if self.first == self.last else f"{self.first} - {self.last}"


@dataclass(frozen=True)
class Rendered:
    data: bytes
    pages: int


def _letterhead(docs: MeetingDocs) -> Letterhead:
    m, sek = docs.meeting, docs.sekreterare
    sender = [sek.namn] if sek else []
    return Letterhead(
        kommun=docs.kommun_namn, logo=docs.kommun.logo if docs.kommun else None,
        unit=docs.organ.namn, sender_lines=tuple(sender), doc_type="KALLELSE",
        ref_lines=(("Sammanträde", m.datum), ("Organ", docs.organ.kortnamn or docs.namnd.kortnamn)),
        running_title=f"Kallelse – {docs.organ.namn} {m.datum}", running_ref=docs.kommun_namn,
        footer=docs.footer)


def _addressees(docs: MeetingDocs) -> Table:
    s = styles()
    note = Paragraph(para(docs.meeting.meddelande), s.body_tight) if docs.meeting.meddelande else ""
    to = Paragraph(para(f"Till {genitive(docs.organ.namn)} ledamöter\nTill ersättare för kännedom"),
                   s.body_tight)
    table = Table([[note, to]], colWidths=["55%", "45%"])
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (0, -1), 10 * mm)))
    return table


def _when_where(docs: MeetingDocs) -> Table:
    s = styles()
    m = docs.meeting
    rows = [[Paragraph("Tid:", s.label), Paragraph(para(meeting_time(m.datum, m.starttid)), s.body_tight)]]
    if m.plats:
        rows.append([Paragraph("Plats:", s.label), Paragraph(para(m.plats), s.body_tight)])
    table = Table(rows, colWidths=[18 * mm, None])
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)))
    return table


def _agenda(docs: MeetingDocs, ranges: dict[int, PageRange], width: float) -> Table:
    s = styles()
    head = [Paragraph("", s.table_bold), Paragraph("Ärenden", s.table_bold), Paragraph("Dnr", s.table_bold),
            Paragraph("Sidor", s.table_bold_right)]
    rows = [head]
    for a in docs.arenden:
        title = para(a.rubrik)
        if a.extra:
            title += " <i>(extra ärende)</i>"
        page_range = ranges.get(a.id)
        rows.append([Paragraph(str(a.nummer), s.table), Paragraph(title, s.table),
                     Paragraph(para(a.dnr), s.table), Paragraph(page_range.text if page_range else "",
                                                               s.table_right)])
    columns = [10 * mm, None, 36 * mm, 20 * mm]
    columns[1] = width - sum(c for c in columns if c)
    table = Table(rows, colWidths=columns, repeatRows=1)
    table.setStyle(table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("FONTNAME", (0, 0), (-1, -1), SANS),
    ))
    return table


def _signatures(docs: MeetingDocs) -> Table:
    s = styles()

    def block(person, role):
        if person is None:
            return ""
        return Paragraph(f"<b>{para(person.namn)}</b><br/>{para(role)}", s.body_tight)

    table = Table([[block(docs.ordforande, "ordförande"), block(docs.sekreterare, "nämndsekreterare")]],
                  colWidths=["50%", "50%"])
    table.setStyle(table_style(("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")))
    return table


def render_kallelse(docs: MeetingDocs, ranges: dict[int, PageRange] | None = None) -> Rendered:
    """The kallelse as (plain, not yet PDF/A) PDF bytes and its page count."""
    ranges = ranges or {}
    s = styles()
    head = _letterhead(docs)
    m = docs.meeting
    info = DocumentInfo(title=f"Kallelse {docs.organ.namn} {m.datum}",
                        author=docs.sekreterare.namn if docs.sekreterare else docs.kommun_namn,
                        subject=f"Kallelse och föredragningslista, {docs.organ.namn}")
    buffer = io.BytesIO()
    doc = NkDocTemplate(buffer, info, margins=FIRST_MARGINS)
    doc.addPageTemplates(letterhead_templates(lambda: head))
    story = [_addressees(docs), Spacer(1, 8 * mm),
             Paragraph(para(docs.organ.namn), s.title), _when_where(docs), Spacer(1, 6 * mm),
             _agenda(docs, ranges, doc.width), Spacer(1, 12 * mm), KeepTogether([_signatures(docs)])]
    if m.gruppmoten:
        story += [Spacer(1, 8 * mm), KeepTogether([Paragraph(para(m.gruppmoten), s.body)])]
    doc.build(story)
    return Rendered(buffer.getvalue(), doc.page)

