"""The kallelse's web copy: when and where, the note to the members, and the
föredragningslista as a table with the handlingar as links. An ärende under sekretess
shows only its number, the public rubrik and "Sekretess enligt …"."""

from __future__ import annotations

from app.dates import day_month_year, meeting_time
from app.meetings.pdf.layout import MeetingDocs, genitive
from app.publicering.html.page import Publishing, facts_table, heading
from app.publicering.model import Link


def kallelse_body(pub: Publishing, docs: MeetingDocs, h: int, bilagor: dict[int, list[Link]]) -> str:
    """The kallelse's content with its title at heading level ``h``; ``bilagor`` by ärende."""
    m = docs.meeting
    facts = [("Tid", pub.text(meeting_time(m.datum, m.starttid)))]
    if m.plats:
        facts.append(("Plats", pub.text(m.plats)))
    facts.append(("Till", pub.text(f"{genitive(docs.organ.namn)} ledamöter; ersättare för kännedom")))
    out = [heading(h, pub.text(f"Kallelse – {docs.organ.namn} {day_month_year(m.datum)}")),
           facts_table(pub, "Sammanträdet", facts)]
    if m.meddelande:
        out.append(f"<p>{pub.text(m.meddelande)}</p>")
    rows = []
    for a in docs.arenden:
        covered = pub.sekretess.get(a.id) if a.id is not None else None
        if covered is not None:
            title = f"{pub.text(pub.public_rubrik)}<br>{pub.text(covered.text)}"
            dnr, links = "", ""
        else:
            title = pub.text(a.rubrik + (" (extra ärende)" if a.extra else ""))
            dnr = pub.text(a.dnr)
            found = bilagor.get(a.id or 0, [])
            links = "<ul>" + "".join(f"<li>{pub.link(b)}</li>" for b in found) + "</ul>" if found else ""
        rows.append(f'<tr><th scope="row">{a.nummer}</th><td>{title}</td><td>{dnr}</td><td>{links}</td></tr>')
    out += [heading(h + 1, "Föredragningslista"),
            "<table><caption>Ärenden</caption><thead><tr><th scope=\"col\">Nr</th>"
            "<th scope=\"col\">Ärende</th><th scope=\"col\">Dnr</th><th scope=\"col\">Handlingar</th></tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>"]
    people = [(p.namn, role) for p, role in ((docs.ordforande, "ordförande"),
                                             (docs.sekreterare, "nämndsekreterare")) if p is not None]
    if people:
        out.append(pub.items(f"{namn}, {role}" for namn, role in people))
    if m.gruppmoten:
        out.append(f"<p>{pub.text(m.gruppmoten)}</p>")
    return "\n".join(out)
