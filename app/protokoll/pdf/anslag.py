"""The anslag for the digital anslagstavla (:func:`render_anslag`): the notice that a
protokoll (or paragraphs justerade omedelbart) was justerat, with the organ,
sammanträdesdatum, the §§, when the notice goes up and comes down, where the protokoll
is kept, and the last day to appeal (laglighetsprövning, KL 13 kap).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.dates import day_month_year, long_date
from app.meetings.pdf.layout import genitive
from app.pdf.document import DocumentInfo
from app.pdf.styles import RULE, styles, table_style
from app.pdf.text import para
from app.protokoll import frister
from app.protokoll.dokument import ProtokollDocs
from app.protokoll.model import Justering
from app.protokoll.pdf.layout import Bookmark, Rendered, content_width, facts_table, page_head, render
from app.protokoll.pdf.protokoll import SIGNATURE_LINE_WIDTH, SignatureAnchor


@dataclass(frozen=True)
class DigitalText:
    """How a digital justering is announced: who signed (name and role) and the
    SHA-256 of the signed file that is published."""

    av: tuple[str, ...]
    sha256: str
    #: The §§ under sekretess left to wet ink ('' when none), as a sentence.
    papper: str = ""


def render_anslag(docs: ProtokollDocs, justering: Justering, digitalt: DigitalText | None = None) -> Rendered:
    width = content_width()
    anslag = justering.anslag
    sista = frister.overklagande_sista_dag(anslag)
    nedtas = frister.anslag_nedtas(anslag)
    ids = list(justering.arende_ids)
    paragraf_range = docs.numrering.range_text(ids)
    omedelbar = justering.slag == "omedelbar"

    def story() -> list[Flowable]:
        s = styles()
        heading = (
            "Tillkännagivande av omedelbart justerade paragrafer"
            if omedelbar
            else "Tillkännagivande av justerat protokoll"
        )
        what = (
            f"Paragraferna {paragraf_range} i protokollet"
            if omedelbar and len(ids) > 1
            else f"Paragraf {paragraf_range} i protokollet"
            if omedelbar
            else "Protokollet"
        )
        intro = (
            f"{what} från {genitive(docs.organ.namn)} sammanträde {day_month_year(docs.meeting.datum)} "
            f"justerades {justering.datum.isoformat()}. Justeringen har tillkännagivits genom detta anslag."
        )
        if digitalt is not None:
            intro += (f" Protokollet är justerat digitalt, med elektroniska underskrifter (PAdES) av "
                      f"{_and_list(digitalt.av)}.")
            if digitalt.papper:
                intro += f" {digitalt.papper}"
        out: list[Flowable] = [
            Bookmark(heading),
            Paragraph(heading, s.title),
            Paragraph(para(intro), s.body),
            Spacer(1, 3 * mm),
        ]
        rows = [
            ("Organ", docs.organ.namn),
            ("Sammanträdesdatum", docs.meeting.datum),
            ("Paragrafer", paragraf_range),
            ("Datum då anslaget sätts upp", anslag.isoformat()),
            ("Datum då anslaget tas ned", nedtas.isoformat()),
            ("Förvaringsplats för protokollet", docs.protokoll.forvaringsplats or "–"),
            ("Sista dag för överklagande", sista.isoformat()),
        ]
        table = facts_table(rows, width)
        table.setStyle(
            table_style(
                ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            )
        )
        out += [
            table,
            Spacer(1, 4 * mm),
            *_checksum(justering, omedelbar),
            *_signed_checksum(digitalt),
            Spacer(1, 4 * mm),
            Paragraph("Hur man överklagar", s.heading),
            Paragraph(
                para(
                    "Den som är medlem i kommunen kan överklaga beslut genom laglighetsprövning "
                    "enligt 13 kap. kommunallagen (2017:725). Överklagandet ska ha kommit in till "
                    "förvaltningsrätten inom tre veckor från den dag då det tillkännagavs på kommunens "
                    "anslagstavla att protokollet justerats, det vill säga "
                    f"senast {long_date(sista, capital=False)}."
                ),
                s.body,
            ),
        ]
        three_weeks = anslag + timedelta(weeks=frister.OVERKLAGANDE_VECKOR)
        if sista != three_weeks:
            reason = (frister.fridag(three_weeks) or "").lower()
            out.append(
                Paragraph(
                    para(
                        f"Tre veckor från anslaget är {three_weeks.isoformat()} ({reason}); "
                        "sista dagen flyttas därför "
                        "till närmast följande vardag (lag 1930:173 om beräkning av lagstadgad tid)."
                    ),
                    s.small_grey,
                )
            )
        out += [Spacer(1, 4 * mm), _signature(docs.sekreterare)]
        return out

    info = DocumentInfo(
        title=f"Anslag {docs.organ.namn} {docs.meeting.datum}",
        author=docs.sekreterare,
        subject="Tillkännagivande av justerat protokoll",
    )
    return render(story(), page_head(docs, "ANSLAG", boxes=False), info)


def _signature(name: str) -> Table:
    """The secretary's signature line, marked for a digital signature (the anslag is
    signed when the municipality wants it, app/protokoll/dokumentsignering.py)."""
    s = styles()
    table = Table([[SignatureAnchor("sekreterare")], [Paragraph(para(name), s.body_tight)]],
                  colWidths=[SIGNATURE_LINE_WIDTH], hAlign="LEFT")
    table.setStyle(table_style(("LINEBELOW", (0, 0), (0, 0), 0.6, RULE),
                               ("TOPPADDING", (0, 0), (0, 0), 8 * mm),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM")))
    return table


def _checksum(justering: Justering, omedelbar: bool) -> list[Flowable]:
    """The SHA-256 of the PDF as justerat, so that a copy published on the web can be
    checked with any sha256 tool (docs/domain/justering.md, "Checking a stored document").
    The hash stands on a line of its own, so that it is never broken."""
    s = styles()
    what = "de omedelbart justerade paragraferna" if omedelbar else "det justerade protokollet"
    return [
        Paragraph(f"Kontrollsumma (SHA-256) för {what}:", s.body_tight),
        Paragraph(justering.sha256, s.body),
        Paragraph(
            para(
                "Med kontrollsumman kan vem som helst pröva att en kopia av protokollet, till exempel "
                "den som publiceras på kommunens webbplats, är oförändrad: ett sha256-verktyg (i Windows "
                "”certutil -hashfile protokoll.pdf SHA256”, i macOS och Linux ”shasum -a 256 protokoll.pdf”) "
                "ska ge exakt samma tecken. Rättelser efter justeringen skrivs på egna sidor efter "
                "protokollet och ingår inte i kontrollsumman."
            ),
            s.small_grey,
        ),
    ]


def _and_list(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


def _signed_checksum(digitalt: DigitalText | None) -> list[Flowable]:
    """The SHA-256 of the digitally signed file: the copy that is published then."""
    if digitalt is None:
        return []
    s = styles()
    return [
        Spacer(1, 2 * mm),
        Paragraph("Kontrollsumma (SHA-256) för det digitalt justerade protokollet med underskrifterna:",
                  s.body_tight),
        Paragraph(digitalt.sha256, s.body),
    ]
