"""The anslag's web copy: for each justering of the meeting (the protokoll's, and
paragraphs justerade omedelbart) the notice as the PDF anslag has it, with the
SHA-256 of the justerat PDF and how to appeal."""

from __future__ import annotations

from datetime import timedelta

from app.dates import day_month_year, long_date
from app.meetings.pdf.layout import genitive
from app.protokoll import frister
from app.protokoll.dokument import ProtokollDocs
from app.protokoll.model import Justering
from app.publicering.html.page import Publishing, facts_table, heading


def _one(pub: Publishing, docs: ProtokollDocs, j: Justering, h: int, n: int) -> str:
    anslag = j.anslag
    sista = frister.overklagande_sista_dag(anslag)
    ids = list(j.arende_ids)
    paragraf_range = docs.numrering.range_text(ids)
    omedelbar = j.slag == "omedelbar"
    title = ("Tillkännagivande av omedelbart justerade paragrafer" if omedelbar
             else "Tillkännagivande av justerat protokoll")
    what = (f"Paragraferna {paragraf_range} i protokollet" if omedelbar and len(ids) > 1
            else f"Paragraf {paragraf_range} i protokollet" if omedelbar else "Protokollet")
    intro = (f"{what} från {genitive(docs.organ.namn)} sammanträde {day_month_year(docs.meeting.datum)} "
             f"justerades {j.datum.isoformat()}. Justeringen har tillkännagivits genom detta anslag.")
    rows = [
        ("Organ", pub.text(docs.organ.namn)),
        ("Sammanträdesdatum", docs.meeting.datum),
        ("Paragrafer", pub.text(paragraf_range)),
        ("Datum då anslaget sätts upp", anslag.isoformat()),
        ("Datum då anslaget tas ned", frister.anslag_nedtas(anslag).isoformat()),
        ("Förvaringsplats för protokollet", pub.text(docs.protokoll.forvaringsplats)),
        ("Sista dag för överklagande", sista.isoformat()),
    ]
    whose = "de omedelbart justerade paragraferna" if omedelbar else "det justerade protokollet"
    out = [
        heading(h, pub.text(title), f"anslag-{n}"),
        f"<p>{pub.text(intro)}</p>",
        facts_table(pub, "Uppgifter om anslaget", rows),
        f"<p>Kontrollsumma (SHA-256) för {whose}:</p>",
        f'<p class="kontrollsumma">{j.sha256}</p>',
        "<p class=\"notis\">Med kontrollsumman kan vem som helst pröva att en kopia av protokollet i PDF är "
        "oförändrad: ett sha256-verktyg (i Windows ”certutil -hashfile protokoll.pdf SHA256”, i macOS och "
        "Linux ”shasum -a 256 protokoll.pdf”) ska ge exakt samma tecken.</p>",
        heading(h + 1, "Hur man överklagar"),
        "<p>Den som är medlem i kommunen kan överklaga beslut genom laglighetsprövning enligt 13 kap. "
        "kommunallagen (2017:725). Överklagandet ska ha kommit in till förvaltningsrätten inom tre veckor "
        "från den dag då det tillkännagavs på kommunens anslagstavla att protokollet justerats, det vill "
        f"säga senast {long_date(sista, capital=False)}.</p>",
    ]
    three_weeks = anslag + timedelta(weeks=frister.OVERKLAGANDE_VECKOR)
    if sista != three_weeks:
        reason = (frister.fridag(three_weeks) or "").lower()
        out.append(f'<p class="notis">Tre veckor från anslaget är {three_weeks.isoformat()} '
                   f"({pub.text(reason)}); sista dagen flyttas därför till närmast följande vardag "
                   "(lag 1930:173 om beräkning av lagstadgad tid).</p>")
    body = "\n".join(out)
    return f'<section aria-labelledby="anslag-{n}">{body}</section>'


def anslag_body(pub: Publishing, docs: ProtokollDocs, justeringar: list[Justering], h: int) -> str:
    """The anslag's content with its title at heading level ``h``."""
    out = [heading(h, pub.text(f"Anslag – {docs.organ.namn} {day_month_year(docs.meeting.datum)}"))]
    out += [_one(pub, docs, j, h + 1, n) for n, j in enumerate(justeringar, start=1)]
    return "\n".join(out)
