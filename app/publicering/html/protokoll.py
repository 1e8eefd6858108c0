"""The protokoll's web copy: the first page's facts as a table, then one section per §
(heading "§ 15 Rubrik", sub-headings Beslut, Beskrivning av ärendet, Beslutsunderlag …),
the rättelser after justering last. A § under sekretess shows only its number, the
public rubrik and "Sekretess enligt …"."""

from __future__ import annotations

from app.dates import day_month_year
from app.protokoll.dokument import ProtokollDocs
from app.protokoll.model import Anforande, Paragraf
from app.protokoll.pdf.protokoll import justeringens_plats_och_tid, plats_och_tid
from app.protokoll.rostning import rakna
from app.publicering.html.page import Publishing, facts_table, heading
from app.publicering.model import Link

_UTFALL_TEXT = {"bordlagt": "Ärendet bordläggs.", "återremitterat": "Ärendet återremitteras."}


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]


def _anforanden(pub: Publishing, h: int, title: str, items: list[Anforande], verb: str) -> list[str]:
    """One paragraph per person, or per run of people with the same text (as printed)."""
    if not items:
        return []
    groups: list[tuple[list[str], str, bool]] = []
    for a in items:
        if groups and groups[-1][1] == a.text and a.text and groups[-1][2] == a.skriftlig:
            groups[-1][0].append(a.namn)
        else:
            groups.append(([a.namn], a.text, a.skriftlig))
    out = [heading(h, pub.text(title))]
    for names, text, written in groups:
        who = _and(names)
        if verb:
            body = f"{who} {verb}." + (" Den har lämnats skriftligt." if written else "")
            body += f"\n{text}" if text else ""
        else:
            body = f"{who}: {text}" if text else who
        out.append(f"<p>{pub.text(body)}</p>")
    return out


def _votes(pub: Publishing, docs: ProtokollDocs, p: Paragraf, h: int) -> list[str]:
    out: list[str] = []
    b = docs.beslutande[p.arende_id]
    order = {d.narvaro_id: i for i, d in enumerate(b.deltagare)}
    for n, v in enumerate(p.voteringar, start=1):
        title = "Omröstning" if len(p.voteringar) == 1 else f"Omröstning {n}"
        out.append(heading(h, title))
        intro = [x for x in (v.fraga, f"Ja-röst för {v.ja_innebar}." if v.ja_innebar else "",
                             f"Nej-röst för {v.nej_innebar}." if v.nej_innebar else "") if x]
        if intro:
            out.append(f"<p>{pub.text(' '.join(intro))}</p>")
        rows = []
        for r in sorted(v.roster, key=lambda r: order.get(r.narvaro_id, 10**6)):
            who = docs.namn(r.narvaro_id)
            d = next((d for d in b.deltagare if d.narvaro_id == r.narvaro_id), None)
            if d is not None and d.ersattare_for:
                who += " (tjänstgörande ersättare)"
            marks = "".join(f'<td class="mitt">{"X" if r.rost == c else ""}</td>'
                            for c in ("ja", "nej", "avstår"))
            rows.append(f'<tr><th scope="row">{pub.text(who)}</th>{marks}</tr>')
        result = rakna(v, b, docs.organ.namn)
        sums = "".join(f'<td class="mitt">{c}</td>' for c in (result.ja, result.nej, result.avstar))
        out.append(
            f"<table><caption>{pub.text(title + (': ' + v.fraga if v.fraga else ''))}</caption>"
            '<thead><tr><th scope="col">Ledamot</th><th scope="col" class="mitt">Ja</th>'
            '<th scope="col" class="mitt">Nej</th><th scope="col" class="mitt">Avstår</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody><tfoot><tr><th scope="row">Summa</th>{sums}</tr></tfoot>'
            "</table>")
        out.append(f"<p>{pub.text(result.text)}</p>")
    return out


def _paragraf(pub: Publishing, docs: ProtokollDocs, p: Paragraf, h: int, bilagor: list[Link]) -> str:
    ident = f"paragraf-{p.nummer}"
    covered = pub.sekretess.get(p.arende_id)
    if covered is not None:
        return (f'<section class="sekretess" aria-labelledby="{ident}">'
                f"{heading(h, f'{pub.text(p.label)} {pub.text(pub.public_rubrik)}', ident)}"
                f"<p>{pub.text(covered.text)}.</p></section>")
    title = p.rubrik + (" (extra ärende)" if p.extra else "")
    out = [heading(h, f"{pub.text(p.label)} {pub.text(title)}", ident)]
    if p.dnr:
        out.append(f'<p class="dnr">Dnr {pub.text(p.dnr)}</p>')
    justering = docs.justering_of(p)
    if justering is not None and justering.slag == "omedelbar":
        out.append(f"<p><em>Paragrafen justerades omedelbart {justering.datum.isoformat()}.</em></p>")
    if p.jav:
        who = _and([docs.namn(i) for i in p.jav])
        text = pub.text(f"{who} anmäler jäv och deltar inte i handläggningen.")
        out += [heading(h + 1, "Jäv"), f"<p>{text}</p>"]
    beslut = pub.rich(docs.beslut(p))
    if not beslut and p.utfall in _UTFALL_TEXT:
        beslut = f"<p>{_UTFALL_TEXT[p.utfall]}</p>"
    if beslut:
        out += [heading(h + 1, "Beslut"), beslut]
    beskrivning = pub.rich(p.beskrivning)
    if beskrivning:
        out += [heading(h + 1, "Beskrivning av ärendet"), beskrivning]
    if p.beslutsunderlag:
        numbered = len(p.beslutsunderlag) > 1
        out += [heading(h + 1, "Beslutsunderlag"), pub.items(p.beslutsunderlag, ordered=numbered)]
    if bilagor:
        links = "".join(f"<li>{pub.link(b)}</li>" for b in bilagor)
        out += [heading(h + 1, "Bilagor"), f"<ul>{links}</ul>"]
    out += _anforanden(pub, h + 1, "Yrkanden", p.yrkanden, "")
    proposition = pub.rich(p.propositionsordning)
    if proposition:
        out += [heading(h + 1, "Propositionsordning"), proposition]
    out += _votes(pub, docs, p, h + 1)
    out += _anforanden(pub, h + 1, "Reservation", p.reservationer, "reserverar sig mot beslutet")
    out += _anforanden(pub, h + 1, "Särskilt yttrande", p.sarskilda_yttranden, "lämnar ett särskilt yttrande")
    out += _anforanden(pub, h + 1, "Protokollsanteckning", p.protokollsanteckningar, "")
    if p.skickas_till:
        out += [heading(h + 1, "Beslut skickas till"), pub.items(p.skickas_till)]
    for r in (r for r in docs.rattelser if r.arende_id == p.arende_id):
        out.append(f"<p><em>{pub.text(f'Rättelse {r.datum.isoformat()} ({r.gjord_av}): {r.text}')}</em></p>")
    return f'<section aria-labelledby="{ident}">' + "\n".join(out) + "</section>"


def _lines(pub: Publishing, lines: list[str]) -> str:
    return pub.items(lines) if len(lines) > 1 else pub.text(lines[0] if lines else "")


def protokoll_body(pub: Publishing, docs: ProtokollDocs, chosen: list[Paragraf], h: int,
                   bilagor: dict[int, list[Link]]) -> str:
    """The protokoll's content with its title at heading level ``h``."""
    ids = [p.arende_id for p in chosen]
    out = [heading(h, pub.text(f"Protokoll – {docs.organ.namn} {day_month_year(docs.meeting.datum)}")),
           facts_table(pub, "Sammanträdet", [
               ("Plats och tid", pub.text(plats_och_tid(docs))),
               ("Beslutande", _lines(pub, docs.beslutande_rader())),
               ("Ej tjänstgörande ersättare", _lines(pub, docs.ersattare_rader())),
               ("Övriga närvarande", _lines(pub, docs.ovriga_rader())),
               ("Utses att justera", _lines(pub, docs.justerare)),
               ("Justeringens plats och tid", pub.text(justeringens_plats_och_tid(docs))),
               ("Sekreterare", pub.text(docs.sekreterare)),
               ("Ordförande", pub.text(docs.ordforande)),
               ("Paragrafer", pub.text(docs.numrering.range_text(ids)) if ids else ""),
           ])]
    if chosen:
        toc = "".join(f'<li><a href="#paragraf-{p.nummer}">{pub.text(p.label)} '
                      f"{pub.text(pub.public_rubrik if p.arende_id in pub.sekretess else p.rubrik)}</a></li>"
                      for p in chosen)
        out.append(f'<nav aria-label="Paragrafer"><ul>{toc}</ul></nav>')
    else:
        out.append("<p>Protokollet har inga paragrafer.</p>")
    out += [_paragraf(pub, docs, p, h + 1, bilagor.get(p.arende_id, [])) for p in chosen]
    rattelser = docs.rattelser
    if rattelser:
        intro = pub.text(f"Protokollet från {docs.organ.namn} {docs.meeting.datum} har rättats efter "
                         "justeringen enligt nedan. Den justerade texten är oförändrad.")
        out += [heading(h + 1, "Rättelser efter justering"), f"<p>{intro}</p>"]
        for r in rattelser:
            where = f" ({r.paragraf})" if r.paragraf else ""
            out.append(heading(h + 2, pub.text(f"Rättelse {r.datum.isoformat()}{where}")))
            if r.arende_id in pub.sekretess:
                out.append(f"<p>{pub.text(pub.sekretess[r.arende_id].text)}.</p>")
            else:
                out.append(f"<p>{pub.text(r.text)}</p>")
            done = pub.text(f"Rättelsen gjordes av {r.gjord_av}, registrerad {r.registrerad}.")
            out.append(f'<p class="notis">{done}</p>')
    return "\n".join(out)
