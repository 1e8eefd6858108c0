"""The protokoll as PDF in the common Swedish layout.

First page: the organ, plats och tid, beslutande, ersättare, övriga närvarande, utses att
justera, justeringens plats och tid, the signature block (Sekreterare, Ordförande,
Justerande) with "Paragrafer X–Y", and the anslagsbevis. Then the §§, each with its
number and Dnr, title, beslut, jäv, beskrivning, beslutsunderlag, yrkanden,
propositionsordning, omröstning (who voted how, the computed result), reservationer,
särskilda yttranden, protokollsanteckningar and "Beslut skickas till". Every page has
the header and the "Justerandes sign" / "Utdragsbestyrkande" boxes of
:mod:`app.protokoll.pdf.layout`.

:func:`render_protokoll` gives plain PDF bytes; :func:`paragraf_story` is shared with
the utdrag. :func:`render_rattelser`: the rättelser after justering, appended to the
stored PDF when the protokoll is printed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from app.dates import day_month_year, klockslag, long_date
from app.pdf.document import DocumentInfo
from app.pdf.richtext import flowables
from app.pdf.styles import RULE, styles, table_style
from app.pdf.text import para
from app.protokoll import frister
from app.protokoll.dokument import ProtokollDocs
from app.protokoll.model import Anforande, Paragraf
from app.protokoll.pdf.layout import LABEL_WIDTH, Bookmark, Rendered, content_width, page_head, render
from app.protokoll.rostning import rakna

_UTFALL_TEXT = {"bordlagt": "Ärendet bordläggs.", "återremitterat": "Ärendet återremitteras."}


@dataclass(frozen=True)
class JusteringText:
    """How a justering is noted on the stored PDF (the paper copy is signed by hand)."""

    datum: str
    av: tuple[str, ...]


def _label_table(rows: list[tuple[str, list[Flowable] | Flowable | str]], width: float) -> Table:
    s = styles()
    data = []
    for label, value in rows:
        if isinstance(value, str):
            value = Paragraph(para(value), s.body_tight)
        data.append([Paragraph(para(label), s.label), value])
    table = Table(data, colWidths=[LABEL_WIDTH, width - LABEL_WIDTH])
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        )
    )
    return table


def _lines(lines: list[str]) -> list[Flowable] | str:
    if not lines:
        return "–"
    return [Paragraph(para(line), styles().body_tight) for line in lines]


def plats_och_tid(docs: ProtokollDocs) -> str:
    """ "Måndagen den 28 februari 2022, kl. 14:15–16:30", the place on the next line,
    then any ajournering."""
    m = docs.meeting
    start, end = klockslag(m.starttid), m.sluttid
    when = f"{start}–{end}" if start and end else start
    lines = [long_date(m.datum) + (f", {when}" if when else "")]
    lines += [x for x in (m.plats, docs.protokoll.ajournering) if x]
    return "\n".join(lines)


def justeringens_plats_och_tid(docs: ProtokollDocs) -> str:
    p = docs.protokoll
    when = " ".join(x for x in (p.justering_datum or "", klockslag(p.justering_tid)) if x)
    return ", ".join(x for x in (p.justering_plats, when) if x)


#: The width of a signature line; a digital signature's visible field lies on it.
SIGNATURE_LINE_WIDTH = 80 * mm


class SignatureAnchor(Flowable):
    """Where a signature line begins (its left end, in page coordinates), written into
    the page as a marked-content point ``/NkSignatur <</Slot (…) /X … /Y …>> DP``, which
    viewers ignore: a digital signature of that person is placed there later into the
    stored PDF, whose layout cannot be computed again (:mod:`app.pdf.pades`)."""

    def __init__(self, slot: str):
        super().__init__()
        self.slot = slot

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        x, y = self.canv.absolutePosition(0, 0)
        self.canv.addLiteral(f"/NkSignatur <</Slot ({self.slot}) /X {x:.2f} /Y {y:.2f}>> DP")


def _signature_block(
    docs: ProtokollDocs, width: float, paragraf_range: str, justering: JusteringText | None
) -> list[Flowable]:
    """Sekreterare, Ordförande and Justerande, each with a line to sign on and the name
    under it; "Paragrafer X–Y" beside the secretary."""
    s = styles()
    rows: list[list] = [[Paragraph("Underskrifter", s.label), "", ""]]
    lines = []
    people = [("Sekreterare", docs.sekreterare, f"Paragrafer {paragraf_range}" if paragraf_range else "")]
    people += [("Ordförande", docs.ordforande, "")]
    people += [("Justerande", name, "") for name in (docs.justerare or [""])]
    anchors = ["sekreterare", "ordforande"] + [f"justerare-{n}" for n in range(1, len(people) - 1)]
    for (role, name, right), anchor in zip(people, anchors, strict=True):
        rows.append([Paragraph(para(role), s.body_tight), SignatureAnchor(anchor),
                     Paragraph(para(right), s.body_tight)])
        # (the right column holds "Paragrafer X–Y" beside the secretary's line)
        lines.append(len(rows) - 1)
        rows.append(["", Paragraph(para(name), s.small), ""])
    table = Table(rows, colWidths=[LABEL_WIDTH, SIGNATURE_LINE_WIDTH,
                                   width - LABEL_WIDTH - SIGNATURE_LINE_WIDTH])
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("LEFTPADDING", (2, 0), (2, -1), 4 * mm),
    ]
    for row in lines:
        commands += [
            ("LINEBELOW", (1, row), (1, row), 0.6, RULE),
            ("TOPPADDING", (0, row), (-1, row), 7 * mm),
        ]
    table.setStyle(table_style(*commands))
    out: list[Flowable] = [table]
    if justering is not None:
        out.append(Spacer(1, 2 * mm))
        out.append(
            Paragraph(para(f"Justerat {justering.datum} av {' och '.join(justering.av)}."), s.small_grey)
        )
    return out


def _field(label: str, value: str) -> list[Flowable]:
    s = styles()
    return [Paragraph(para(label), s.small_grey), Paragraph(para(value) or "&nbsp;", s.body_tight)]


def anslagsbevis(
    docs: ProtokollDocs, width: float, anslag: str | None, nedtas: str | None, paragrafer: str = ""
) -> Table:
    """The boxed anslagsbevis (tillkännagivande) of page 1, a form of labelled fields.
    Dates not yet known are left empty, to fill in by hand."""
    s = styles()
    half = width / 2
    # Two fields a row and the signature beside the förvaringsplats: compact enough to
    # stay on page 1 under the signatures, where the recorded protokoll has it.
    signature = [Paragraph("Underskrift", s.small_grey), Spacer(1, 6 * mm),
                 Paragraph(f"{'_' * 34}<br/>{para(docs.sekreterare)}", s.small)]
    rows = [
        [
            [
                Paragraph("ANSLAG/BEVIS", s.label),
                Paragraph(
                    "Protokollet är justerat. Justeringen har tillkännagivits genom anslag.", s.body_tight
                ),
            ],
            "",
        ],
        [_field("Organ", docs.organ.namn), _field("Sammanträdesdatum", docs.meeting.datum)],
        *([[_field("Paragrafer", paragrafer), ""]] if paragrafer else []),
        [
            _field("Datum då anslaget sätts upp", anslag or ""),
            _field("Datum då anslaget tas ned", nedtas or ""),
        ],
        [_field("Förvaringsplats för protokollet", docs.protokoll.forvaringsplats), signature],
    ]
    last = len(rows) - 1
    table = Table(rows, colWidths=[half, half])
    table.setStyle(
        table_style(
            ("BOX", (0, 0), (-1, -1), 0.8, RULE),
            ("SPAN", (0, 0), (-1, 0)),
            *([("SPAN", (0, 2), (-1, 2))] if paragrafer else []),
            ("LINEBELOW", (0, 0), (-1, last - 1), 0.25, RULE),
            ("LINEBEFORE", (1, 1), (1, last), 0.25, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        )
    )
    return table


def first_page(
    docs: ProtokollDocs,
    width: float,
    arende_ids: list[int] | None = None,
    justering: JusteringText | None = None,
    title: str = "",
    anslag: date | None = None,
) -> list[Flowable]:
    """``anslag``: the posting date for the anslagsbevis (default: the protokoll's)."""
    s = styles()
    chosen = arende_ids if arende_ids is not None else [p.arende_id for p in docs.tryckta]
    paragraf_range = docs.numrering.range_text(chosen)
    story: list[Flowable] = [
        Bookmark(title or "Närvaro och underskrifter"),
        Paragraph(para(docs.organ.namn), s.title),
    ]
    if title:
        story.append(Paragraph(para(title), s.heading))
    story += [
        Spacer(1, 3 * mm),
        _label_table(
            [
                ("Plats och tid", plats_och_tid(docs)),
                ("Beslutande", _lines(docs.beslutande_rader())),
                ("Ej tjänstgörande ersättare", _lines(docs.ersattare_rader())),
                ("Övriga närvarande", _lines(docs.ovriga_rader())),
                ("Utses att justera", _lines(docs.justerare)),
                ("Justeringens plats och tid", justeringens_plats_och_tid(docs) or "–"),
            ],
            width,
        ),
        Spacer(1, 4 * mm),
    ]
    story.append(KeepTogether(_signature_block(docs, width, paragraf_range, justering)))
    # Only a posting date someone chose (or the justering's) is printed; else the lines
    # stay empty to fill in by hand.
    if anslag is None and docs.protokoll.anslag_datum:
        anslag = date.fromisoformat(docs.protokoll.anslag_datum)
    up = anslag.isoformat() if anslag else None
    down = frister.anslag_nedtas(anslag).isoformat() if anslag else None
    story += [Spacer(1, 5 * mm), KeepTogether([anslagsbevis(docs, width, up, down)])]
    return story


# -- paragraphs -----------------------------------------------------------------------
def _heading(text: str) -> Paragraph:
    return Paragraph(para(text), styles().subheading)


def _anforanden(title: str, items: list[Anforande], verb: str) -> list[Flowable]:
    """One paragraph per person, or per run of people with the same text."""
    if not items:
        return []
    s = styles()
    groups: list[tuple[list[str], str, bool]] = []
    for a in items:
        if groups and groups[-1][1] == a.text and a.text and groups[-1][2] == a.skriftlig:
            groups[-1][0].append(a.namn)
        else:
            groups.append(([a.namn], a.text, a.skriftlig))
    out: list[Flowable] = [_heading(title)]
    for names, text, written in groups:
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
        if verb:
            body = f"{who} {verb}."
            if written:
                body += " Den har lämnats skriftligt."
            if text:
                body += f"\n{text}"
        else:
            body = f"{who}: {text}" if text else who
        out.append(Paragraph(para(body), s.body))
    return out


def _votes(docs: ProtokollDocs, p: Paragraf, width: float) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = []
    b = docs.beslutande[p.arende_id]
    order = {d.narvaro_id: i for i, d in enumerate(b.deltagare)}
    for n, v in enumerate(p.voteringar, start=1):
        out.append(_heading("Omröstning" if len(p.voteringar) == 1 else f"Omröstning {n}"))
        intro = [
            x
            for x in (
                v.fraga,
                f"Ja-röst för {v.ja_innebar}." if v.ja_innebar else "",
                f"Nej-röst för {v.nej_innebar}." if v.nej_innebar else "",
            )
            if x
        ]
        if intro:
            out.append(Paragraph(para(" ".join(intro)), s.body))
        rows = [
            [
                Paragraph("Ledamot", s.table_bold),
                Paragraph("<b>Ja</b>", s.table_center),
                Paragraph("<b>Nej</b>", s.table_center),
                Paragraph("<b>Avstår</b>", s.table_center),
            ]
        ]
        for r in sorted(v.roster, key=lambda r: order.get(r.narvaro_id, 10**6)):
            who = docs.namn(r.narvaro_id)
            d = next((d for d in b.deltagare if d.narvaro_id == r.narvaro_id), None)
            if d is not None and d.ersattare_for:
                who += " (tjänstgörande ersättare)"
            rows.append(
                [Paragraph(para(who), s.table)]
                + [Paragraph("X" if r.rost == c else "", s.table_center) for c in ("ja", "nej", "avstår")]
            )
        result = rakna(v, b, docs.organ.namn)
        rows.append(
            [Paragraph("Summa", s.table_bold)]
            + [Paragraph(str(c), s.table_center) for c in (result.ja, result.nej, result.avstar)]
        )
        table = Table(rows, colWidths=[width - 3 * 20 * mm, 20 * mm, 20 * mm, 20 * mm], repeatRows=1)
        table.setStyle(
            table_style(
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE),
                ("LINEBELOW", (0, 1), (-1, -2), 0.25, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            )
        )
        out += [table, Spacer(1, 2 * mm), Paragraph(para(result.text), s.body)]
    return out


def paragraf_story(docs: ProtokollDocs, p: Paragraf, width: float) -> list[Flowable]:
    s = styles()
    head = Table(
        [
            [
                Paragraph(para(p.label), s.title),
                Paragraph(para(f"Dnr {p.dnr}" if p.dnr else ""), s.table_right),
            ]
        ],
        colWidths=[width * 0.6, width * 0.4],
    )
    head.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        )
    )
    title = p.rubrik + (" (extra ärende)" if p.extra else "")
    opening: list[Flowable] = [Bookmark(f"{p.label} {p.rubrik}"), head, Paragraph(para(title), s.heading)]
    justering = docs.justering_of(p)
    if justering is not None and justering.slag == "omedelbar":
        opening.append(
            Paragraph(para(f"Paragrafen justerades omedelbart {justering.datum.isoformat()}."), s.italic)
        )
    elif p.justeras_omedelbart:
        opening.append(Paragraph("Paragrafen justeras omedelbart.", s.italic))
    if p.jav:
        names = [docs.namn(i) for i in p.jav]
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
        opening += [
            _heading("Jäv"),
            Paragraph(para(f"{who} anmäler jäv och deltar inte i handläggningen."), s.body),
        ]
    beslut = flowables(docs.beslut(p))
    if p.utfall in _UTFALL_TEXT and not beslut:
        beslut = [Paragraph(_UTFALL_TEXT[p.utfall], s.body)]
    story: list[Flowable] = [CondPageBreak(45 * mm)]
    if beslut:
        story.append(KeepTogether([*opening, _heading("Beslut"), beslut[0]]))
        story += beslut[1:]
    else:
        story.append(KeepTogether(opening))
    beskrivning = flowables(p.beskrivning)
    if beskrivning:
        story += [_heading("Beskrivning av ärendet"), *beskrivning]
    if p.beslutsunderlag:
        story.append(_heading("Beslutsunderlag"))
        numbered = len(p.beslutsunderlag) > 1
        story += [
            Paragraph((f"{n}. " if numbered else "") + para(line), s.body_tight)
            for n, line in enumerate(p.beslutsunderlag, start=1)
        ]
    story += _anforanden("Yrkanden", p.yrkanden, "")
    proposition = flowables(p.propositionsordning)
    if proposition:
        story += [_heading("Propositionsordning"), *proposition]
    story += _votes(docs, p, width)
    story += _anforanden("Reservation", p.reservationer, "reserverar sig mot beslutet")
    story += _anforanden("Särskilt yttrande", p.sarskilda_yttranden, "lämnar ett särskilt yttrande")
    story += _anforanden("Protokollsanteckning", p.protokollsanteckningar, "")
    if p.skickas_till:
        story.append(
            KeepTogether(
                [_heading("Beslut skickas till"), *[Paragraph(para(x), s.body_tight) for x in p.skickas_till]]
            )
        )
    rattelser = [r for r in docs.rattelser if r.arende_id == p.arende_id]
    for r in rattelser:
        story.append(Paragraph(para(f"Rättelse {r.datum.isoformat()} ({r.gjord_av}): {r.text}"), s.italic))
    story.append(Spacer(1, 8 * mm))
    return story


def rattelse_story(docs: ProtokollDocs) -> list[Flowable]:
    """The rättelser made after justering, dated and signed, as their own section."""
    s = styles()
    story: list[Flowable] = [
        Bookmark("Rättelser efter justering"),
        Paragraph("Rättelser efter justering", s.title),
        Paragraph(
            para(
                f"Protokollet från {docs.organ.namn} {docs.meeting.datum} har rättats "
                "efter justeringen enligt nedan. Den justerade texten är oförändrad."
            ),
            s.body,
        ),
    ]
    for r in docs.rattelser:
        where = f" ({r.paragraf})" if r.paragraf else ""
        story += [
            _heading(f"Rättelse {r.datum.isoformat()}{where}"),
            Paragraph(para(r.text), s.body),
            Paragraph(para(f"Rättelsen gjordes av {r.gjord_av}, registrerad {r.registrerad}."), s.small_grey),
        ]
    return story


def render_protokoll(
    docs: ProtokollDocs,
    arende_ids: list[int] | None = None,
    justering: JusteringText | None = None,
    title: str = "",
    anslag: date | None = None,
) -> Rendered:
    """The protokoll (or, with ``arende_ids``, the paragraphs justerade omedelbart with
    their own first page) as plain PDF."""
    width = content_width()
    chosen = [p for p in docs.tryckta if arende_ids is None or p.arende_id in arende_ids]

    def story() -> list[Flowable]:
        out = first_page(docs, width, [p.arende_id for p in chosen], justering, title, anslag)
        out.append(PageBreak())
        for p in chosen:
            out += paragraf_story(docs, p, width)
        if not chosen:
            out.append(Paragraph("Protokollet har inga paragrafer.", styles().body))
        return out

    doc_title = f"Protokoll {docs.organ.namn} {docs.meeting.datum}" + (f" – {title}" if title else "")
    info = DocumentInfo(
        title=doc_title,
        author=docs.sekreterare or docs.kommun_namn,
        subject=f"Sammanträdesprotokoll, {docs.organ.namn}, {day_month_year(docs.meeting.datum)}",
    )
    return render(story(), page_head(docs, "SAMMANTRÄDESPROTOKOLL"), info)


def render_rattelser(docs: ProtokollDocs) -> Rendered:
    info = DocumentInfo(
        title=f"Rättelser {docs.organ.namn} {docs.meeting.datum}",
        author=docs.sekreterare,
        subject="Rättelser efter justering",
    )
    return render(rattelse_story(docs), page_head(docs, "SAMMANTRÄDESPROTOKOLL"), info)


__all__ = [
    "JusteringText",
    "anslagsbevis",
    "first_page",
    "paragraf_story",
    "render_protokoll",
    "render_rattelser",
]
