"""Sekretess (offentlighets- och sekretesslagen): which paragrafer and ärenden of a
meeting are covered, and how a copy for others shows them.

A paragraf is marked in the protokoll (``Paragraf.sekretess``/``sekretess_grund``, saved
with the paragraf); a whole ärende on the agenda (:meth:`SekretessService.mark_arende`),
which its paragraf takes as its default and which the kallelse's web copy follows. A
§ is covered when either is marked. The full protokoll keeps everything; a copy for
others shows the § number, the municipality's public rubrik (:meth:`rubrik`, one per
database, in ``installning``) and "Sekretess enligt <grund>".

The marking may change until justering; after it the database refuses (migration 20).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlite_utils import Database

from app import richtext
from app.changes import AnnouncingService
from app.protokoll.common import PARAGRAPH_LOCKED, refuse
from app.protokoll.dokument import ProtokollDocs
from app.public_copies import DEFAULT_SEKRETESS_RUBRIK, sekretess_rubrik, store_sekretess_rubrik
from app.public_records import refuse_if_justerat
from app.validation import Checker, clean_text

DEFAULT_RUBRIK = DEFAULT_SEKRETESS_RUBRIK


@dataclass(frozen=True)
class Sekretess:
    """Why one ärende's text stays out of copies for others."""

    arende_id: int
    grund: str  # "OSL 26 kap. 1 §"

    @property
    def text(self) -> str:
        return f"Sekretess enligt {self.grund}" if self.grund else "Sekretess"


def _line(text: str | None) -> str:
    return " ".join(clean_text(text).split())


def covered(db: Database, meeting_id: int) -> dict[int, Sekretess]:
    """The meeting's ärenden covered by sekretess (marked on the ärende or its paragraf)."""
    rows = db.execute(
        "SELECT a.id, a.sekretess, a.sekretess_grund, p.sekretess, p.sekretess_grund FROM arende a "
        "LEFT JOIN paragraf p ON p.arende_id = a.id WHERE a.sammantrade_id = ?", [meeting_id]).fetchall()
    out = {}
    for arende_id, on_arende, arende_grund, on_paragraf, paragraf_grund in rows:
        if on_arende or on_paragraf:
            grund = (paragraf_grund if on_paragraf else "") or arende_grund or paragraf_grund or ""
            out[arende_id] = Sekretess(arende_id, grund)
    return out


def for_others(docs: ProtokollDocs, secret: dict[int, Sekretess], rubrik: str,
               note: str = "") -> ProtokollDocs:
    """``docs`` as a copy for others shows them: each covered § with its number, the
    public ``rubrik`` and "Sekretess enligt …" (and ``note``) as its only text; its
    rättelser likewise."""
    if not secret:
        return docs

    def hidden(p):
        if p.arende_id not in secret:
            return p
        text = " ".join(x for x in (f"{secret[p.arende_id].text}.", note) if x)
        return replace(p, rubrik=rubrik, dnr="", extra=False, utfall="beslut",
                       beslut=richtext.from_plain_text(text), beskrivning="",
                       beslutsunderlag=[], propositionsordning="", skickas_till=[], jav=[], yrkanden=[],
                       reservationer=[], sarskilda_yttranden=[], protokollsanteckningar=[], voteringar=[])

    rattelser = [replace(r, text=f"{secret[r.arende_id].text}.") if r.arende_id in secret else r
                 for r in docs.rattelser]
    return replace(docs, paragrafer=[hidden(p) for p in docs.paragrafer], rattelser=rattelser)


class SekretessService(AnnouncingService, kinds=("arenden", "protokoll", "settings")):
    def __init__(self, db: Database):
        self.db = db

    def rubrik(self) -> str:
        return sekretess_rubrik(self.db)

    def set_rubrik(self, text: str) -> str:
        """Store the public rubrik; empty goes back to the default."""
        with self.db.atomic():
            return store_sekretess_rubrik(self.db, text)

    def covered(self, meeting_id: int) -> dict[int, Sekretess]:
        return covered(self.db, meeting_id)

    def arende(self, arende_id: int) -> Sekretess | None:
        row = self.db.execute("SELECT sekretess, sekretess_grund FROM arende WHERE id = ?",
                              [arende_id]).fetchone()
        if row is None:
            raise refuse("arende_id", "Ärendet finns inte.")
        return Sekretess(arende_id, row[1]) if row[0] else None

    def mark_arende(self, arende_id: int, sekretess: bool, grund: str = "") -> Sekretess | None:
        """Mark (or unmark) a whole ärende. Refused once its protokoll or its paragraf is
        justerat: the marking is then part of the public record."""
        row = self.db.execute("SELECT sammantrade_id FROM arende WHERE id = ?", [arende_id]).fetchone()
        if row is None:
            raise refuse("arende_id", "Ärendet finns inte.")
        refuse_if_justerat(self.db, row[0], "ärendets sekretess")
        justerad = self.db.execute("SELECT 1 FROM paragraf WHERE arende_id = ? AND justering_id IS NOT NULL",
                                   [arende_id]).fetchone()
        if justerad:
            raise refuse("arende_id", PARAGRAPH_LOCKED.format(label="Paragrafen"))
        grund = _line(grund)
        check = Checker()
        if sekretess and not grund:
            check.add("sekretess_grund", "Ange sekretessgrunden, t.ex. ”OSL 26 kap. 1 §”.")
        check.raise_if_any()
        with self.db.atomic():
            self.db.execute("UPDATE arende SET sekretess = ?, sekretess_grund = ? WHERE id = ?",
                            [int(bool(sekretess)), grund if sekretess else "", arende_id])
        return self.arende(arende_id)


__all__ = ["DEFAULT_RUBRIK", "Sekretess", "SekretessService", "covered", "for_others", "sekretess_rubrik"]
