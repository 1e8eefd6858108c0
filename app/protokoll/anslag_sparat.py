"""The anslag that went up, kept as it went up (docs/domain/justering.md, "Digital
justering", "The anslag that went up is kept"), for
:class:`app.protokoll.dokumentservice.DokumentService`.

The anslag is laid out from the program's data, so printed anew it would show what has
changed since it went up: a sekreterare's name, "justeras på papper" become
"justerades på papper <datum>". What went up is a public record, so:

* **Registered as posted** (``mark_anslaget``): the anslag as it is laid out at that
  moment, PDF/A, is kept in the registration's transaction as version 0 of its
  justering in ``dokument_version`` (:func:`keep_posted`), the version the anslag's
  digital signatures then build on. An anslag already kept for signing is the anslag
  that went up and stays. Posting is refused while the protokoll's digital justering
  is begun but unfinished (:func:`unfinished_digital_justering`): the anslag announces
  the justering (KL 8 kap 12 §), which a digital justering is only once everyone has
  signed, and the anslag kept then would for ever lack the signers and the signed
  file's SHA-256.
* **Registered as posted before the program kept it**: kept the first time it is
  printed afterwards, from the data as it is then, and the print says so
  (:func:`kept_now_note`), as app/rapport/kept.py does for reports adopted before their
  PDF was kept. Where nothing can be written it is printed as before and the note says
  it is not kept yet (:data:`NOT_KEPT`).
* **A new anslag** in place of one kept before the wet-ink justering of §§ under
  sekretess was registered is kept once in ``nytt_anslag`` (migration 26) and from then
  on printed from there (:func:`nytt_anslag`, :func:`keep_nytt_anslag`).
"""

from __future__ import annotations

import hashlib
import sqlite3
from typing import NamedTuple

from sqlite_utils import Database

from app import clock
from app.protokoll.common import refuse
from app.protokoll.huvud import HuvudService
from app.protokoll.justering import IntegritetsFel
from app.protokoll.model import Justering
from app.protokoll.sekretess_papper import pappersdel
from app.protokoll.signering import JusteringKedja
from app.records import inserted_id


class PrintedAnslag(NamedTuple):
    """A printed anslag: its bytes, whether they are the kept anslag (False: laid out
    now) and what the secretary should know ('')."""

    data: bytes
    kept: bool
    note: str


class NyttAnslag(NamedTuple):
    data: bytes
    registrerad: str  # ISO, the program clock

    @property
    def sparat(self) -> str:
        """"2022-03-07 09:10"."""
        return self.registrerad[:16].replace("T", " ")



def _checked(data: bytes, digest: str, what: str) -> bytes:
    if hashlib.sha256(data).hexdigest() != digest:
        raise IntegritetsFel(f"{what} stämmer inte med sin kontrollsumma (SHA-256); det har ändrats efter "
                             "att det sparades. Använd en säkerhetskopia.")
    return data


def is_kept(db: Database, justering_id: int) -> bool:
    """Whether the justering's anslag is kept (version 0 in ``dokument_version``)."""
    return db.table("dokument_version").exists() and db.execute(
        "SELECT 1 FROM dokument_version WHERE dokument = 'anslag' AND justering_id = ? AND version = 0",
        [justering_id]).fetchone() is not None


def kept_anslag(db: Database, justering_id: int) -> bytes | None:
    """The newest kept (and signed) version of a justering's anslag, or None when the
    anslag is not kept."""
    if not db.table("dokument_version").exists():
        return None
    row = db.execute("SELECT version, pdf, sha256 FROM dokument_version WHERE dokument = 'anslag' "
                     "AND justering_id = ? ORDER BY version DESC LIMIT 1", [justering_id]).fetchone()
    if row is None:
        return None
    return _checked(bytes(row[1]), row[2], f"Version {row[0]} av det sparade anslaget")


def _insert_original(db: Database, justering: Justering, data: bytes) -> str:
    now = clock.now_iso()
    inserted_id(db.table("dokument_version"), {
        "dokument": "anslag", "justering_id": justering.id, "sammantrade_id": justering.sammantrade_id,
        "version": 0, "kalla": "original", "pdf": data, "sha256": hashlib.sha256(data).hexdigest(),
        "registrerad": now})
    return now


def unfinished_digital_justering(db: Database, huvud: HuvudService, justering_id: int) -> str | None:
    """Who is still to sign ("Eva Ek (justerare), …") when the protokoll's digital
    justering is begun – someone has signed, or §§ under sekretess are left to paper so
    that the public version is signed – but not finished; None otherwise."""
    chain = JusteringKedja(db, huvud, justering_id)
    if not chain.versioner() and pappersdel(db, justering_id) is None:
        return None
    status = chain.status()
    if status.digitalt_justerat:
        return None
    return ", ".join(p.text for p in status.saknas) or "signaturraderna"


def refuse_posting_before_digital_justering(db: Database, huvud: HuvudService, justering_id: int) -> None:
    missing = unfinished_digital_justering(db, huvud, justering_id)
    if missing is not None:
        raise refuse("anslag_uppsatt", f"Protokollet är inte färdigsignerat digitalt (saknas: {missing}). "
                                       "Vid digital justering är protokollet justerat när alla har signerat, "
                                       "och först då tillkännages justeringen med anslaget; registrera "
                                       "anslaget som uppsatt när alla har signerat.")


def keep_posted(db: Database, justering: Justering, data: bytes | None) -> None:
    """Inside the transaction that registers the anslag as posted: keep ``data``, the
    anslag laid out just before, unless the anslag is kept already (for signing)."""
    if is_kept(db, justering.id):
        return
    if data is None:
        raise refuse("anslag_uppsatt", "Anslaget som sattes upp har inte gjorts; det sparas när det "
                                       "registreras som uppsatt.")
    _insert_original(db, justering, data)


NOT_KEPT = ("Anslaget registrerades som uppsatt innan programmet sparade uppsatta anslag, och det är inte "
            "sparat än: utskriften är gjord av uppgifterna som de är i dag. Det sparas första gången "
            "anslaget skrivs ut i programmet med databasen öppen för ändringar.")


def not_kept_unsigned_note(missing: str) -> str:
    return ("Anslaget registrerades som uppsatt innan programmet sparade uppsatta anslag, och det är inte "
            f"sparat än: protokollet är inte färdigsignerat digitalt (saknas: {missing}). Utskriften är "
            "gjord av uppgifterna som de är i dag; anslaget sparas vid första utskriften när alla har "
            "signerat.")


def kept_now_note(justering: Justering, at: str) -> str:
    uppsatt = justering.anslag_uppsatt.isoformat() if justering.anslag_uppsatt else ""
    return (f"Anslaget registrerades som uppsatt {uppsatt} innan programmet sparade uppsatta anslag. Det "
            f"sparades nu, {at[:10]} kl. {at[11:16]}, av uppgifterna som de är i dag; hädanefter skrivs "
            "anslaget ut exakt så.")


def read_only(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF == sqlite3.SQLITE_READONLY


def keep_at_first_print(db: Database, justering: Justering, data: bytes) -> PrintedAnslag:
    """An anslag registered as posted before the program kept it: keep ``data`` (laid
    out now, PDF/A) unless another print kept it meanwhile (that one holds)."""
    try:
        with db.atomic():
            already = kept_anslag(db, justering.id)
            if already is not None:
                return PrintedAnslag(already, True, "")
            at = _insert_original(db, justering, data)
    except sqlite3.OperationalError as exc:
        if not read_only(exc):
            raise
        return PrintedAnslag(data, False, NOT_KEPT)
    return PrintedAnslag(data, True, kept_now_note(justering, at))


# -- the new anslag ---------------------------------------------------------------------
def nytt_anslag(db: Database, justering_id: int) -> NyttAnslag | None:
    """The new anslag kept for a justering, checked against its SHA-256; None when none is."""
    if not db.table("nytt_anslag").exists():
        return None
    row = db.execute("SELECT pdf, sha256, registrerad FROM nytt_anslag WHERE justering_id = ?",
                     [justering_id]).fetchone()
    if row is None:
        return None
    return NyttAnslag(_checked(bytes(row[0]), row[1], "Det sparade nya anslaget"), row[2])


def nytt_anslag_sparat(db: Database, justering_id: int) -> str | None:
    """When the new anslag was kept ("2022-03-07 09:10"), without reading it; None before."""
    if not db.table("nytt_anslag").exists():
        return None
    row = db.execute("SELECT registrerad FROM nytt_anslag WHERE justering_id = ?", [justering_id]).fetchone()
    return row[0][:16].replace("T", " ") if row is not None else None


def keep_nytt_anslag(db: Database, justering: Justering, data: bytes) -> NyttAnslag:
    """Keep the new anslag (once: one kept meanwhile is the one)."""
    with db.atomic():
        already = nytt_anslag(db, justering.id)
        if already is not None:
            return already
        now = clock.now_iso()
        inserted_id(db.table("nytt_anslag"), {
            "justering_id": justering.id, "sammantrade_id": justering.sammantrade_id, "pdf": data,
            "sha256": hashlib.sha256(data).hexdigest(), "registrerad": now})
    return NyttAnslag(data, now)
