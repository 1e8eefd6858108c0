"""The protokollsutdrag (:func:`render_utdrag`): one or several §§ with the protocol
header (kommun, organ, "PROTOKOLLSUTDRAG", sammanträdesdatum), who justerade and when,
the recipient, and the utdragsbestyrkande (who certifies the copy, date) at the end and
in the footer box.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from app.dates import long_date
from app.pdf.document import DocumentInfo
from app.pdf.styles import RULE, styles, table_style
from app.pdf.text import para
from app.protokoll.dokument import ProtokollDocs
from app.protokoll.pdf.layout import LABEL_WIDTH, Rendered, content_width, facts_table, page_head, render
from app.protokoll.pdf.protokoll import SIGNATURE_LINE_WIDTH, SignatureAnchor, paragraf_story


def render_utdrag(
    docs: ProtokollDocs, arende_ids: list[int], bestyrkt_av: str, datum: date, mottagare: str = ""
) -> Rendered:
    width = content_width()
    chosen = [p for p in docs.tryckta if p.arende_id in arende_ids]
    labels = ", ".join(p.label for p in chosen)
    justerat = sorted({j.datum for p in chosen if (j := docs.justering_of(p)) is not None})
    certificate = f"{bestyrkt_av} {datum.isoformat()}"

    def story() -> list[Flowable]:
        s = styles()
        out: list[Flowable] = [Paragraph(para(docs.organ.namn), s.title)]
        rows = [("Sammanträdesdatum", long_date(docs.meeting.datum)), ("Paragrafer", labels)]
        if justerat:
            rows.append(("Justerat", ", ".join(d.isoformat() for d in justerat)))
        if mottagare:
            rows.append(("Till", mottagare))
        out += [facts_table(rows, width), Spacer(1, 6 * mm)]
        for p in chosen:
            out += paragraf_story(docs, p, width)
        # The line is marked for a digital signature of the one who certifies
        # (app/protokoll/dokumentsignering.py).
        block = Table(
            [
                [Paragraph("Utdragsbestyrkande", s.label), "", ""],
                [Paragraph("Rätt utdraget intygar", s.body_tight), SignatureAnchor("bestyrkande"), ""],
                ["", Paragraph(f"{para(bestyrkt_av)}, {datum.isoformat()}", s.body_tight), ""],
            ],
            colWidths=[LABEL_WIDTH, SIGNATURE_LINE_WIDTH, width - LABEL_WIDTH - SIGNATURE_LINE_WIDTH],
        )
        block.setStyle(
            table_style(
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 22),
                ("LINEBELOW", (1, 1), (1, 1), 0.6, RULE),
            )
        )
        out.append(KeepTogether([Spacer(1, 4 * mm), block]))
        return out

    title = f"Protokollsutdrag {docs.organ.namn} {docs.meeting.datum} {labels}"
    info = DocumentInfo(title=title, author=bestyrkt_av, subject=f"Protokollsutdrag, {docs.organ.namn}")
    return render(story(), page_head(docs, "PROTOKOLLSUTDRAG", certificate), info)
