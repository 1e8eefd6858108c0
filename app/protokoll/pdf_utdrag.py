"""Protokollsutdrag, the anslag for the digital anslagstavla, and the rättelse pages.

* :func:`render_utdrag`: one or several §§ with the protocol header (kommun, organ,
  "PROTOKOLLSUTDRAG", sammanträdesdatum), who justerade and when, the recipient, and
  the utdragsbestyrkande (who certifies the copy, date) at the end and in the footer
  box: like the AU extract "§ 15" in seeds/004.
* :func:`render_anslag`: the notice (DOMAIN.md 4.4–4.5): the organ, sammanträdesdatum,
  the §§, when the notice goes up and comes down, where the protokoll is kept, and the
  last day to appeal (laglighetsprövning, KL 13 kap).
* :func:`render_rattelser`: the rättelser after justering, appended to the stored PDF
  when the protokoll is printed again.
"""

from __future__ import annotations

from datetime import date, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from app.dates import day_month_year, long_date
from app.meeting_docs import genitive
from app.pdf.document import DocumentInfo
from app.pdf.styles import RULE, styles, table_style
from app.pdf.text import para
from app.protokoll import frister
from app.protokoll.dokument import ProtokollDocs
from app.protokoll.model import Justering
from app.protokoll.pdf_layout import Bookmark, Rendered, content_width, render
from app.protokoll.pdf_protokoll import LABEL_WIDTH, page_head, paragraf_story, rattelse_story


def _facts(rows: list[tuple[str, str]], width: float) -> Table:
    s = styles()
    table = Table(
        [[Paragraph(para(k), s.small_grey), Paragraph(para(v), s.body_tight)] for k, v in rows],
        colWidths=[LABEL_WIDTH, width - LABEL_WIDTH],
    )
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        )
    )
    return table


def render_utdrag(
    docs: ProtokollDocs, arende_ids: list[int], bestyrkt_av: str, datum: date, mottagare: str = ""
) -> Rendered:
    width = content_width()
    chosen = [p for p in docs.tryckta if p.arende_id in arende_ids]
    labels = ", ".join(p.label for p in chosen)
    justerat = sorted({docs.justering_of(p).datum for p in chosen if docs.justering_of(p) is not None})
    certificate = f"{bestyrkt_av} {datum.isoformat()}"

    def story() -> list[Flowable]:
        s = styles()
        out: list[Flowable] = [Paragraph(para(docs.organ.namn), s.title)]
        rows = [("Sammanträdesdatum", long_date(docs.meeting.datum)), ("Paragrafer", labels)]
        if justerat:
            rows.append(("Justerat", ", ".join(d.isoformat() for d in justerat)))
        if mottagare:
            rows.append(("Till", mottagare))
        out += [_facts(rows, width), Spacer(1, 6 * mm)]
        for p in chosen:
            out += paragraf_story(docs, p, width)
        line = "_" * 38
        block = Table(
            [
                [Paragraph("Utdragsbestyrkande", s.label), ""],
                [
                    Paragraph("Rätt utdraget intygar", s.body_tight),
                    Paragraph(f"{line}<br/>{para(bestyrkt_av)}, {datum.isoformat()}", s.body_tight),
                ],
            ],
            colWidths=[LABEL_WIDTH, width - LABEL_WIDTH],
        )
        block.setStyle(
            table_style(
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 16),
            )
        )
        out.append(KeepTogether([Spacer(1, 4 * mm), block]))
        return out

    title = f"Protokollsutdrag {docs.organ.namn} {docs.meeting.datum} {labels}"
    info = DocumentInfo(title=title, author=bestyrkt_av, subject=f"Protokollsutdrag, {docs.organ.namn}")
    return render(story(), page_head(docs, "PROTOKOLLSUTDRAG", certificate), info)


def render_anslag(docs: ProtokollDocs, justering: Justering) -> Rendered:
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
        table = _facts(rows, width)
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
            Spacer(1, 6 * mm),
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
        out += [Spacer(1, 12 * mm), Paragraph(f"{'_' * 38}<br/>{para(docs.sekreterare)}", s.body_tight)]
        return out

    info = DocumentInfo(
        title=f"Anslag {docs.organ.namn} {docs.meeting.datum}",
        author=docs.sekreterare,
        subject="Tillkännagivande av justerat protokoll",
    )
    return render(story(), page_head(docs, "ANSLAG", boxes=False), info)


def render_rattelser(docs: ProtokollDocs) -> Rendered:
    info = DocumentInfo(
        title=f"Rättelser {docs.organ.namn} {docs.meeting.datum}",
        author=docs.sekreterare,
        subject="Rättelser efter justering",
    )
    return render(rattelse_story(docs), page_head(docs, "SAMMANTRÄDESPROTOKOLL"), info)
