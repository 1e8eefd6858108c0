"""§§ under sekretess left to wet ink while the rest is justerat digitally
(docs/domain/justering.md, "Digital justering"), a collaborator of
:class:`app.protokoll.service.ProtokollService`.

Municipalities that justera digitally do not send a § under sekretess through an
e-signing service: the public protokoll is signed digitally with such a § replaced by a
note, and the full protokoll is justerat with wet ink. :meth:`SekretessPapperService.
lamna_till_papper` stores that public version (``justering_offentlig``, migration 23)
before anyone has signed; the digital signatures then go on it
(:class:`app.protokoll.signering.JusteringKedja`). The stored original, the full
version, is unchanged; :meth:`SekretessPapperService.registrera_pappersjustering`
records when it was justerat on paper and by whom (once).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from sqlite_utils import Database

from app import clock
from app.changes import AnnouncingService
from app.pdf.pdfa import claimed_level
from app.protokoll.common import parse_date, refuse
from app.protokoll.dokument import DocsLoader
from app.protokoll.justering import IntegritetsFel, JusteringService, pdfa
from app.protokoll.paragrafer import ParagrafService
from app.protokoll.pdf.protokoll import JusteringText, render_protokoll
from app.protokoll.sekretess import covered, for_others, sekretess_rubrik
from app.protokoll.signaturkedja import Pappersdel
from app.records import inserted_id
from app.validation import clean_text

#: The note at a § left to wet ink, in the digitally signed public version.
NOTE = ("Paragrafen justeras på papper i det fullständiga protokollet och ingår inte i den digitala "
        "justeringen.")



def _row(db: Database, justering_id: int) -> dict | None:
    if not db.table("justering_offentlig").exists():
        return None
    rows = list(db.query("SELECT * FROM justering_offentlig WHERE justering_id = ?", [justering_id]))
    return rows[0] if rows else None


def public_version(db: Database, justering_id: int) -> bytes | None:
    """The stored public version of a justering (checked against its SHA-256), or None
    when no § is left to paper."""
    row = _row(db, justering_id)
    if row is None:
        return None
    data = bytes(row["pdf"])
    if hashlib.sha256(data).hexdigest() != row["sha256"]:
        raise IntegritetsFel("Den offentliga versionen av protokollet stämmer inte med sin kontrollsumma "
                             "(SHA-256); den har ändrats efter att den sparades. Använd en säkerhetskopia.")
    return data


def _labels(db: Database, arende_ids: list[int]) -> tuple[str, ...]:
    if not arende_ids:
        return ()
    marks = ",".join("?" * len(arende_ids))
    rows = db.execute(f"SELECT arende_id, nummer FROM paragraf WHERE arende_id IN ({marks})", arende_ids)
    numbers = dict(rows.fetchall())
    return tuple(f"§ {numbers[a]}" for a in arende_ids if numbers.get(a) is not None)


def pappersdel(db: Database, justering_id: int) -> Pappersdel | None:
    """The §§ of a justering left to wet ink and whether that justering is registered."""
    row = _row(db, justering_id)
    if row is None:
        return None
    return Pappersdel(_labels(db, json.loads(row["arende_ids"])), row["papper_datum"] or "", row["papper_av"])


class SekretessPapperService(AnnouncingService, kinds=("protokoll",)):
    def __init__(self, db: Database, justering: JusteringService, paragrafer: ParagrafService,
                 docs: DocsLoader):
        self.db = db
        self.justering = justering
        self.paragrafer = paragrafer
        self.docs = docs

    def sekretess_paragrafer(self, justering_id: int) -> list[int]:
        """The ärenden of a justering covered by sekretess, in protokoll order."""
        j = self.justering.justering(justering_id)
        secret = covered(self.db, j.sammantrade_id)
        return [p.arende_id for p in self.paragrafer.paragrafer(j.sammantrade_id)
                if p.arende_id in j.arende_ids and p.arende_id in secret and p.nummer is not None]

    def pappersdel(self, justering_id: int) -> Pappersdel | None:
        return pappersdel(self.db, justering_id)

    def lamna_till_papper(self, justering_id: int, *, today: date | None = None) -> Pappersdel:
        """Store the public version to sign digitally: the justerat protokoll with every
        § under sekretess replaced by its number, the public rubrik and a note that it is
        justerat on paper. Refused once anyone has signed digitally, when it is already
        stored, or when no § is under sekretess."""
        j = self.justering.justering(justering_id)
        if _row(self.db, justering_id) is not None:
            raise refuse("justering_id", "Sekretessparagraferna är redan lämnade till pappersjustering.")
        signed = self.db.execute("SELECT 1 FROM justering_version WHERE justering_id = ?",
                                 [justering_id]).fetchone()
        if signed:
            raise refuse("justering_id", "Protokollet har redan börjat signeras digitalt i sin helhet; "
                                         "sekretessparagraferna kan inte längre lämnas till "
                                         "pappersjustering.")
        ids = self.sekretess_paragrafer(justering_id)
        if not ids:
            raise refuse("justering_id", "Ingen paragraf i det justerade protokollet omfattas av sekretess.")
        secret = covered(self.db, j.sammantrade_id)
        docs = for_others(self.docs.load(j.sammantrade_id, today), {a: secret[a] for a in ids},
                          sekretess_rubrik(self.db), NOTE)
        omedelbar = j.slag == "omedelbar"
        rendered = render_protokoll(docs, list(j.arende_ids) if omedelbar else None,
                                    JusteringText(j.datum.isoformat(), tuple(j.justerat_av)),
                                    "Omedelbart justerade paragrafer" if omedelbar else "", j.anslag_datum)
        level = claimed_level(self.justering.stored_pdf(justering_id))
        data = pdfa(rendered.data, level, f"Justerat protokoll {docs.meeting.datum}, offentlig version")
        with self.db.atomic():
            inserted_id(self.db.table("justering_offentlig"), {
                "justering_id": justering_id, "sammantrade_id": j.sammantrade_id,
                "arende_ids": json.dumps(ids),
                "pdf": data, "sha256": hashlib.sha256(data).hexdigest(), "registrerad": clock.now_iso()})
        result = pappersdel(self.db, justering_id)
        assert result is not None
        return result

    def registrera_pappersjustering(self, justering_id: int, datum: date | str | None = None,
                                    av: str = "") -> Pappersdel:
        """Record that the full protokoll, with the §§ under sekretess, is justerat on
        paper on ``datum`` (default today) by ``av`` (default: those who justerade).
        Once; refused before the §§ are left to paper."""
        j = self.justering.justering(justering_id)
        row = _row(self.db, justering_id)
        if row is None:
            raise refuse("justering_id", "Inga paragrafer är lämnade till pappersjustering.")
        if row["papper_datum"]:
            raise refuse("papper_datum", f"Pappersjusteringen är redan registrerad ({row['papper_datum']}).")
        day = parse_date(datum or clock.today(), "Datumet för pappersjusteringen", "papper_datum")
        if day < j.datum:
            raise refuse("papper_datum", f"Pappersjusteringen ({day.isoformat()}) kan inte vara före "
                                         f"justeringen ({j.datum.isoformat()}).")
        if day > clock.today():
            raise refuse("papper_datum", f"Datumet {day.isoformat()} har inte kommit än.")
        who = " ".join(clean_text(av).split()) or " och ".join(j.justerat_av)
        with self.db.atomic():
            self.db.execute("UPDATE justering_offentlig SET papper_datum = ?, papper_av = ?, "
                            "papper_registrerad = ? WHERE justering_id = ?",
                            [day.isoformat(), who, clock.now_iso(), justering_id])
        result = pappersdel(self.db, justering_id)
        assert result is not None
        return result
