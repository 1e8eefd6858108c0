"""The arbetsutskott's utdrag for the nämnd, made when the AU's paragraphs are justerade
(docs/domain/au-till-namnd.md).

:func:`store_au_utdrag` runs inside a justering's transaction
(:mod:`app.protokoll.justering`): for every beslutsparagraf of an arbetsutskott the
justering covers, it lays out a protokollsutdrag (PDF/A when the validator passes),
keeps it with the beslut as justerat in ``au_utdrag``, and carries both to the nämnd
ärenden already copied from it (:func:`app.meetings.au_forslag.carry_to_copies`).
An ärende copied later gets them when it is copied.
"""

from __future__ import annotations

import hashlib
from datetime import date

from sqlite_utils import Database

from app import clock
from app.dates import day_month_year
from app.meetings import au_forslag
from app.meetings.pdf.layout import genitive
from app.pdf.pdfa import to_archive
from app.protokoll.dokument import DocsLoader
from app.protokoll.pdf.utdrag import render_utdrag
from app.records import inserted_id


def _filnamn(label: str, datum: str) -> str:
    number = "".join(ch if ch.isalnum() else "-" for ch in label.removeprefix("§").strip())
    return f"protokollsutdrag-au-{datum}-{number}.pdf"


def store_au_utdrag(db: Database, loader: DocsLoader, meeting_id: int, justering_id: int,
                    day: date, level: str | None, today: date | None) -> list[int]:
    """See the module docstring; returns the AU ärenden an utdrag was made for."""
    typ = db.execute("SELECT o.typ FROM sammantrade s JOIN organ o ON o.id = s.organ_id WHERE s.id = ?",
                     [meeting_id]).fetchone()
    if typ is None or typ[0] != "arbetsutskott":
        return []
    docs = loader.load(meeting_id, today)
    chosen = [p for p in docs.tryckta
              if p.justering_id == justering_id and p.typ == "beslut" and p.utfall == "beslut"]
    if not chosen:
        return []
    organ = docs.organ.namn
    certified_by = docs.sekreterare or "nämndsekreteraren"
    made = []
    for p in chosen:
        title = (f"Protokollsutdrag {p.label} från {genitive(organ[:1].lower() + organ[1:])} sammanträde "
                 f"den {day_month_year(docs.meeting.datum)}")
        rendered = render_utdrag(docs, [p.arende_id], certified_by, day)
        # PDF/A when the validator passes, as every stored protokoll document (app/pdf/pdfa.py).
        data = to_archive(rendered.data, level, subject=f"Protokollsutdrag {docs.meeting.datum}").data
        inserted_id(db.table("au_utdrag"), {
            "arende_id": p.arende_id, "justering_id": justering_id, "paragraf": p.label,
            "beslut": docs.beslut(p), "titel": title, "filnamn": _filnamn(p.label, docs.meeting.datum),
            "pdf": data, "sha256": hashlib.sha256(data).hexdigest(), "sidor": rendered.pages,
            "registrerad": clock.now_iso()})
        au_forslag.carry_to_copies(db, p.arende_id)
        made.append(p.arende_id)
    return made
