"""The web copy of a meeting's anslag, protokoll and kallelse (:class:`PubliceringService`),
for the municipality's anslagstavla on its website (kommunallagen 8 kap. 9 §), accessible
as the law on digital public services asks (WCAG 2.1 AA).

Only what is justerat is published: the whole protokoll once justerat, before that the
paragraphs justerade omedelbart. A § or ärende under sekretess shows only its number,
the public rubrik (app/protokoll/sekretess.py) and "Sekretess enligt …"; its bilagor are
left out. Every text goes through the personnummer detector and is masked
("19450101-XXXX"); a bilaga whose text holds a personnummer is left out (a PDF cannot be
masked without changing the document) and the notes say so.

Written as a folder (index, one page per document, the stylesheet, the bilagor) or as
one HTML file with the stylesheet inside (the bilagor are then named, not linked).
Nothing in the database changes.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from app.dates import day_month_year
from app.files import write_atomically
from app.meetings.bilagor import BilagaService
from app.meetings.documents import load_meeting_docs
from app.personnummer import find_personnummer
from app.protokoll.common import meeting_row, refuse
from app.protokoll.dokument import ProtokollDocs, load_protokoll_docs
from app.protokoll.model import Paragraf
from app.protokoll.sekretess import covered, sekretess_rubrik
from app.publicering.html.anslag import anslag_body
from app.publicering.html.kallelse import kallelse_body
from app.publicering.html.page import STYLE, Publishing, document, heading
from app.publicering.html.protokoll import protokoll_body
from app.publicering.model import (
    ANSLAG,
    BILAGOR,
    INDEX,
    KALLELSE,
    PROTOKOLL,
    STYLESHEET,
    Link,
    PubliceringResult,
    WebCopy,
)
from app.publicering.tagged_pdf import tagged_pdf
from db.pdf_text import page_texts


def _published(docs: ProtokollDocs) -> list[Paragraf]:
    """The paragraphs that may be published: all once the protokoll is justerat, else
    those justerade omedelbart."""
    if docs.protokoll_justering is not None:
        return docs.tryckta
    done = {a for j in docs.justeringar for a in j.arende_ids}
    return [p for p in docs.tryckta if p.arende_id in done]


class PubliceringService:
    """Reads only: it writes files, never the database, so it announces nothing."""

    def __init__(self, db: Database):
        self.db = db
        self.bilagor = BilagaService(db)

    def web_copy(self, meeting_id: int, *, single_file: bool = False) -> WebCopy:
        """The pages (and in a folder the bilagor) of the meeting's web copy. Refused in
        Swedish before anything is justerat."""
        m = meeting_row(self.db, meeting_id)
        docs = load_protokoll_docs(self.db, meeting_id)
        if not docs.justeringar:
            raise refuse("sammantrade_id",
                         f"Protokollet från {docs.organ.namn} {m['datum']} är inte justerat; bara ett "
                         "justerat protokoll (eller omedelbart justerade paragrafer) kan publiceras "
                         "på webben.")
        chosen = _published(docs)
        secret = covered(self.db, meeting_id)
        public_rubrik = sekretess_rubrik(self.db)
        rubriker = {p.arende_id: p.rubrik for p in docs.paragrafer}
        pub = Publishing(secret, public_rubrik,
                         tuple(sorted({rubriker[a].strip() for a in secret if rubriker.get(a, "").strip()},
                                      key=len, reverse=True)))
        copy = WebCopy()
        links = self._bilagor(meeting_id, secret, pub, copy, single_file)
        kallelse_docs = load_meeting_docs(self.db, meeting_id)
        kommun = docs.kommun_namn
        when = day_month_year(docs.meeting.datum)
        justeringar = sorted(docs.justeringar, key=lambda j: (j.slag != "protokoll", j.datum, j.id))
        parts = [
            (ANSLAG, f"Anslag – {docs.organ.namn} {when}", lambda h: anslag_body(pub, docs, justeringar, h)),
            (PROTOKOLL, f"Protokoll – {docs.organ.namn} {when}",
             lambda h: protokoll_body(pub, docs, chosen, h, links)),
            (KALLELSE, f"Kallelse – {docs.organ.namn} {when}",
             lambda h: kallelse_body(pub, kallelse_docs, h, links)),
        ]
        title = f"{docs.organ.namn} {when}: anslag, protokoll och kallelse"
        if single_file:
            toc = "".join(f'<li><a href="#del-{n}">{pub.text(t)}</a></li>'
                          for n, (_f, t, _b) in enumerate(parts))
            body = [heading(1, pub.text(title)), f'<nav aria-label="Innehåll"><ul>{toc}</ul></nav>']
            body += [f'<section id="del-{n}">{part(2)}</section>' for n, (_f, _t, part) in enumerate(parts)]
            copy.files[INDEX] = document(title, kommun, "\n".join(body), css=STYLE)
        else:
            nav = [(t.split(" – ")[0], f) for f, t, _b in parts]
            for name, page_title, render in parts:
                copy.files[name] = document(page_title, kommun, render(1), nav=nav)
            pages = "".join(f'<li><a href="{f}">{pub.text(t)}</a></li>' for f, t, _b in parts)
            index = [heading(1, pub.text(title)), f"<ul>{pages}</ul>"]
            copy.files[INDEX] = document(title, kommun, "\n".join(index))
            copy.files[STYLESHEET] = STYLE.encode("utf-8")
        labels = {p.arende_id: p.label for p in docs.tryckta}
        for arende_id in secret:
            copy.notes.append(f"{labels.get(arende_id) or 'Ett ärende'} visas bara med nummer, rubriken "
                              f"”{public_rubrik}” och ”{secret[arende_id].text}”.")
        if pub.masked:
            copy.notes.append(f"{pub.masked} personnummer har maskerats (ÅÅÅÅMMDD-XXXX).")
        return copy

    def _bilagor(self, meeting_id: int, secret: dict, pub: Publishing, copy: WebCopy,
                 single_file: bool) -> dict[int, list[Link]]:
        """The bilagor of the meeting's ärenden not under sekretess, as links (in a folder
        the files go with the copy, named by ärende and position)."""
        numbers = {r[0]: r[1] for r in self.db.execute(
            "SELECT id, position FROM arende WHERE sammantrade_id = ?", [meeting_id])}
        links: dict[int, list[Link]] = {}
        for arende_id, bilagor in self.bilagor.for_meeting(meeting_id).items():
            if arende_id in secret:
                continue
            for b in bilagor:
                data = self.bilagor.data(b.id or 0)
                found = next((hit for hit in map(find_personnummer, page_texts(data)) if hit), None)
                label = f"{b.titel} (PDF, {b.sidor} {'sida' if b.sidor == 1 else 'sidor'})"
                if found is not None:
                    copy.notes.append(f"Bilagan ”{pub.clean(b.titel)}” till ärende {numbers.get(arende_id)} "
                                      f"publiceras inte: den innehåller personnummer ({found}).")
                    links.setdefault(arende_id, []).append(
                        Link(f"{b.titel} (publiceras inte: innehåller personuppgifter)"))
                    continue
                if single_file:
                    links.setdefault(arende_id, []).append(Link(f"{label}, publiceras som egen fil"))
                    continue
                name = f"{BILAGOR}/arende-{numbers.get(arende_id, 0)}-bilaga-{b.position or 1}.pdf"
                copy.files[name] = data
                links.setdefault(arende_id, []).append(Link(label, name))
        return links

    def write(self, meeting_id: int, target: Path | str, *, single_file: bool = False,
              pdf: bool = False) -> PubliceringResult:
        """Write the web copy: a folder ``target`` (created; files of an earlier copy with
        the same names are replaced) or, with ``single_file``, the HTML file ``target``.
        ``pdf``: in a folder, also each page as a tagged PDF (app/publicering/tagged_pdf.py)."""
        copy = self.web_copy(meeting_id, single_file=single_file)
        if pdf and not single_file:
            for page in (ANSLAG, PROTOKOLL, KALLELSE):
                copy.files[page.replace(".html", ".pdf")] = tagged_pdf(copy.files[page])
        target = Path(target)
        if single_file:
            if target.is_dir():
                raise refuse("ut", f"{target} är en mapp; ange en fil, t.ex. {target / 'protokoll.html'}.")
            write_atomically(target, copy.files[INDEX])
            return PubliceringResult(str(target), (target.name,), tuple(copy.notes))
        if target.exists() and not target.is_dir():
            raise refuse("ut", f"{target} är en fil; ange en mapp för webbkopian.")
        for name, data in copy.files.items():
            write_atomically(target / name, data)
        return PubliceringResult(str(target), tuple(copy.files), tuple(copy.notes))
