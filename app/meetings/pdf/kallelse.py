"""The kallelse: addressees, time and place, the agenda with each ärende's pages in the
handlingar, the signatures and the group meetings. After a sent version with later
changes (``docs.revised``) it is a "Reviderad kallelse": so titled, with a list of what
changed since the version sent, the new and changed ärenden marked in the agenda, and
page ranges that point into the tilläggshandlingar.

:func:`render_kallelse` draws it from a :class:`app.meetings.pdf.layout.MeetingDocs`
snapshot and the page ranges of the handlingar (``{arende_id: PageRange}``; without
them the column stays empty). The ranges are only known once the bundle is laid out, so
:mod:`app.meetings.pdf.handlingar` computes them; use
:func:`app.meetings.documents.make_kallelse` to print a kallelse on its own.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from app.dates import meeting_time
from app.meetings.model import PageRange, Rendered
from app.meetings.pdf.layout import IsCancelled, MeetingDocs, cancellable_canvas, genitive, stop_if_cancelled
from app.pdf.document import DocumentInfo, NkDocTemplate
from app.pdf.fonts import SANS
from app.pdf.letterhead import FIRST_MARGINS, Letterhead, letterhead_templates
from app.pdf.styles import RULE, styles, table_style
from app.pdf.text import para
from app.records import id_of


def _letterhead(docs: MeetingDocs) -> Letterhead:
    m, sek = docs.meeting, docs.sekreterare
    sender = [sek.namn] if sek else []
    return Letterhead(
        kommun=docs.kommun_namn, logo=docs.kommun.logo if docs.kommun else None,
        unit=docs.organ.namn, sender_lines=tuple(sender),
        doc_type="REVIDERAD KALLELSE" if docs.revised else "KALLELSE",
        ref_lines=(("Sammanträde", m.datum), ("Organ", docs.organ.kortnamn or docs.namnd.kortnamn)),
        running_title=f"{_title(docs)} – {docs.organ.namn} {m.datum}", running_ref=docs.kommun_namn,
        footer=docs.footer)


def _title(docs: MeetingDocs) -> str:
    return "Reviderad kallelse" if docs.revised else "Kallelse"


def _changes(docs: MeetingDocs) -> list[Flowable]:
    """The box under the time and place of a revised kallelse: what changed since the
    version sent, and where the handlingar are."""
    s = styles()
    revision = docs.revision
    if revision is None or not revision.changed:
        return []
    items = [Paragraph(f"<b>Reviderad kallelse.</b> Ändringar sedan kallelsen som skickades "
                       f"{revision.skickad_dag} (version {revision.version}):", s.body_tight)]
    items += [Paragraph(f"• {para(line)}", s.body_tight) for line in revision.lines]
    note = ("Tilläggshandlingarna innehåller de nya och ändrade ärendena; sidorna i ärendelistan "
            "avser dem. Övriga ärendens handlingar är oförändrade sedan "
            f"{revision.skickad_dag}.") if revision.new_or_changed else (
            f"Ärendenas handlingar är oförändrade sedan {revision.skickad_dag}.")
    items.append(Paragraph(para(note), s.body_tight))
    box = Table([[items]], colWidths=["100%"])
    box.setStyle(table_style(("BOX", (0, 0), (-1, -1), 0.8, RULE),
                             ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                             ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm)))
    return [Spacer(1, 4 * mm), box]


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


class _RangeCell(Flowable):
    """The page range of one ärende, drawn as a form XObject that is defined only when
    the whole kallelse is laid out: the ranges depend on the kallelse's own length, and
    so it is laid out once instead of twice (the "Page x of y" technique)."""

    def __init__(self, arende_id: int):
        super().__init__()
        self.form = f"NkSidor{arende_id}"
        self.style = styles().table_right

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.style.leading

    def draw(self):
        self.canv.saveState()
        self.canv.translate(self.width, self.style.leading - self.style.fontSize)
        self.canv.doForm(self.form)
        self.canv.restoreState()


def _agenda(docs: MeetingDocs, ranges: dict[int, PageRange] | None, width: float,
            cancelled: IsCancelled | None = None) -> Table:
    s = styles()
    head = [Paragraph("", s.table_bold), Paragraph("Ärenden", s.table_bold), Paragraph("Dnr", s.table_bold),
            Paragraph("Sidor", s.table_bold_right)]
    rows = [head]
    for a in docs.arenden:
        stop_if_cancelled(cancelled)
        title = para(a.rubrik)
        if a.extra:
            title += " <i>(extra ärende)</i>"
        change = docs.revision.of(a.id) if docs.revised and docs.revision else None
        if change is not None:
            title += f" <b>({change.slag})</b>"
        if ranges is None:
            cell = _RangeCell(id_of(a))
        else:
            cell = Paragraph(ranges[a.id].text if a.id in ranges else "", s.table_right)
        rows.append([Paragraph(str(a.nummer), s.table), Paragraph(title, s.table),
                     Paragraph(para(a.dnr), s.table), cell])
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


def render_kallelse(docs: MeetingDocs,
                    ranges: dict[int, PageRange] | Callable[[int], dict[int, PageRange]] | None = None,
                    cancelled: IsCancelled | None = None) -> Rendered:
    """The kallelse as (plain, not yet PDF/A) PDF bytes and its page count.

    ``ranges`` are the ärenden's page ranges in the handlingar, or a function from the
    kallelse's own page count to those ranges (laid out once, the ranges filled in at
    the end), or None for an empty column. When ``cancelled()`` turns true between
    ärenden or pages the render stops with :class:`app.meetings.model.Cancelled`."""
    s = styles()
    head = _letterhead(docs)
    m = docs.meeting
    info = DocumentInfo(title=f"{_title(docs)} {docs.organ.namn} {m.datum}",
                        author=docs.sekreterare.namn if docs.sekreterare else docs.kommun_namn,
                        subject=f"Kallelse och föredragningslista, {docs.organ.namn}")
    buffer = io.BytesIO()
    doc = NkDocTemplate(buffer, info, margins=FIRST_MARGINS)
    doc.addPageTemplates(letterhead_templates(lambda: head))
    story = [_addressees(docs), Spacer(1, 8 * mm),
             Paragraph(para(docs.organ.namn), s.title), _when_where(docs), *_changes(docs),
             Spacer(1, 6 * mm),
             _agenda(docs, None if callable(ranges) else (ranges or {}), doc.width, cancelled),
             Spacer(1, 12 * mm),
             KeepTogether([_signatures(docs)])]
    if m.gruppmoten:
        story += [Spacer(1, 8 * mm), KeepTogether([Paragraph(para(m.gruppmoten), s.body)])]
    if not callable(ranges):
        if cancelled is None:
            doc.build(story)
        else:
            doc.build(story, canvasmaker=cancellable_canvas(cancelled))
        return Rendered(buffer.getvalue(), doc.page)

    def define_forms(canvas, pages: int) -> None:
        final = ranges(pages)
        style = styles().table_right
        for a in docs.arenden:
            # Right-aligned at the origin: the box must reach left of it, or viewers clip.
            canvas.beginForm(f"NkSidor{a.id}", lowerx=-300, lowery=-10, upperx=10, uppery=30)
            canvas.setFont(style.fontName, style.fontSize)
            canvas.drawRightString(0, 0, final[id_of(a)].text if a.id in final else "")
            canvas.endForm()

    doc.build(story, canvasmaker=cancellable_canvas(cancelled, define_forms))
    return Rendered(buffer.getvalue(), doc.page)
