"""Digital justering: a collaborator of :class:`app.protokoll.service.ProtokollService`
(docs/domain/justering.md, "Digital justering").

The justerat PDF (table ``justering``) stays as it was stored. Signatures are added to
it as PAdES incremental updates (:mod:`app.pdf.pades`), one per person on the signature
page, in a configurable order (default sekreterare → justerare → ordförande), each in a
visible field on that person's signature line. Every signed state is stored as a new
version (``justering_version``, db/migrations/m0019_signaturer.py): the complete bytes,
which begin with the bytes of the version before. Two ways in:

* :meth:`SigneringService.signera`: the next person in the order signs here, with a
  PKCS#12 file or a card or token (PKCS#11), optionally time-stamped. The certificate
  must name the person of that signature line.
* :meth:`SigneringService.importera`: a file signed elsewhere (an e-signing service) is
  accepted only when it begins with the stored bytes and nothing but signatures was
  added after them; its signatures are recorded with their signers and times.

Each version is checked before it is stored: the bytes of the version before are an
exact prefix, the signatures are intact, and a PDF/A original stays PDF/A
(:mod:`app.pdf.pdfa_signed`; the chain itself is :mod:`app.protokoll.signaturkedja`).
The protokoll is "justerat digitalt" once every signature line has a signature
(:func:`digital_justering`; the anslag says so).

A § under sekretess can be left to wet ink (:mod:`app.protokoll.sekretess_papper`):
the chain then begins with the public version stored for it, not with the original.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from app.changes import AnnouncingService
from app.pdf import pades
from app.protokoll.common import refuse
from app.protokoll.huvud import HuvudService
from app.protokoll.justering import IntegritetsFel as IntegritetsFel
from app.protokoll.justering import JusteringService, sha256
from app.protokoll.sekretess_papper import pappersdel, public_version
from app.protokoll.signaturkedja import (
    DEFAULT_ORDER,
    FIELD_PREFIX,
    ROLE,
    Kedja,
    Pappersdel,
    RegistreradSignatur,
    Signaturplats,
    Signeringsstatus,
    insert_version,
    name_tokens,
    names_match,
    recorded_signatures,
)

__all__ = [
    "DEFAULT_ORDER",
    "FIELD_PREFIX",
    "ROLE",
    "JusteringKedja",
    "Pappersdel",
    "RegistreradSignatur",
    "Signaturplats",
    "SigneringService",
    "Signeringsstatus",
    "digital_justering",
    "name_tokens",
    "names_match",
]



class JusteringKedja(Kedja):
    """The signed versions of a justering (``justering_version``, migration 19). They
    begin with the justerat original, or with its public version when §§ under
    sekretess are left to wet ink."""

    def __init__(self, db: Database, huvud: HuvudService, justering_id: int,
                 stored_pdf: Callable[[int], bytes] | None = None):
        super().__init__(db)
        self.huvud = huvud
        self.justering_id = justering_id
        self._stored_pdf = stored_pdf

    def _original(self) -> bytes:
        if self._stored_pdf is not None:
            return self._stored_pdf(self.justering_id)
        row = self.db.execute("SELECT pdf, sha256 FROM justering WHERE id = ?",
                              [self.justering_id]).fetchone()
        if row is None:
            raise refuse("justering_id", f"Justering {self.justering_id} finns inte.")
        if sha256(row[0]) != row[1]:
            raise IntegritetsFel("Det sparade protokollet stämmer inte med sin kontrollsumma (SHA-256); "
                                 "filen har ändrats efter justeringen. Använd en säkerhetskopia.")
        return bytes(row[0])

    def grund(self) -> bytes:
        public = public_version(self.db, self.justering_id)
        return public if public is not None else self._original()

    def meeting_id(self) -> int:
        row = self.db.execute("SELECT sammantrade_id FROM justering WHERE id = ?",
                              [self.justering_id]).fetchone()
        if row is None:
            raise refuse("justering_id", f"Justering {self.justering_id} finns inte.")
        return int(row[0])

    def namn(self) -> dict[str, str]:
        meeting_id = self.meeting_id()
        names = {"sekreterare": self.huvud.sekreterare_namn(meeting_id),
                 "ordforande": self.huvud.ordforande_namn(meeting_id)}
        names |= {f"justerare-{n}": name
                  for n, name in enumerate(self.huvud.justerare_namn(meeting_id), start=1)}
        return names

    def versioner(self) -> list[dict]:
        if not self.db.table("justering_version").exists():
            return []
        return list(self.db.query("SELECT id, version, kalla, pdf, sha256 FROM justering_version "
                                  "WHERE justering_id = ? ORDER BY version", [self.justering_id]))

    def registrerade(self) -> list[RegistreradSignatur]:
        if not self.db.table("justering_version").exists():
            return []
        return recorded_signatures(self.db, "justering_version", "justering_signatur", "v.justering_id = ?",
                                   [self.justering_id])

    def papper(self) -> Pappersdel | None:
        return pappersdel(self.db, self.justering_id)

    def _spara(self, kalla: str, data: bytes, version: int) -> int:
        return insert_version(self.db, "justering_version", {
            "justering_id": self.justering_id, "sammantrade_id": self.meeting_id()}, kalla, data, version)


def digital_justering(db: Database, huvud: HuvudService, justering_id: int,
                      ordning: tuple[str, ...] | list[str] | None = None) -> Signeringsstatus | None:
    """The signatures of a justering, or None when it has none (justerat on paper)."""
    chain = JusteringKedja(db, huvud, justering_id)
    if not chain.versioner():
        return None
    return chain.status(ordning)


class SigneringService(AnnouncingService, kinds=("protokoll",)):
    def __init__(self, db: Database, justering: JusteringService, huvud: HuvudService):
        self.db = db
        self.justering = justering
        self.huvud = huvud

    def kedja(self, justering_id: int) -> JusteringKedja:
        return JusteringKedja(self.db, self.huvud, justering_id, self.justering.stored_pdf)

    # -- reading ------------------------------------------------------------------------
    def signaturplatser(self, justering_id: int, ordning: tuple[str, ...] | list[str] | None = None
                        ) -> list[Signaturplats]:
        """The signature lines of the document to sign, in signing order."""
        return self.kedja(justering_id).platser(ordning)

    def signeringsstatus(self, justering_id: int, ordning: tuple[str, ...] | list[str] | None = None
                         ) -> Signeringsstatus:
        return self.kedja(justering_id).status(ordning)

    def signerad_pdf(self, justering_id: int) -> bytes:
        """The newest signed version (checked against its SHA-256 and the document it
        must begin with), else the document to sign (the stored original, or its public
        version when §§ under sekretess are left to paper): the file to send for signing."""
        return self.kedja(justering_id).senaste()

    # -- signing ------------------------------------------------------------------------
    def signera(self, justering_id: int, nyckel: pades.Key, *,
                ordning: tuple[str, ...] | list[str] | None = None,
                tidsstampel_url: str | None = None) -> RegistreradSignatur:
        """The next person in ``ordning`` signs with ``nyckel`` (the time: the program's
        clock); the signed bytes are stored as a new version. Refused (Swedish) when
        everyone has signed, when the certificate names someone else, or when the result
        would not be stored intact."""
        return self.kedja(justering_id).signera(nyckel, ordning=ordning, tidsstampel_url=tidsstampel_url)

    def importera(self, justering_id: int, data: bytes, *, fil: str = "filen") -> list[RegistreradSignatur]:
        """A file signed outside the program, sent from :meth:`signerad_pdf`: accepted
        when it is those bytes with only signatures added; its new signatures are
        matched by name to the signature lines still unsigned."""
        return self.kedja(justering_id).importera(data, fil=fil)

    def importera_fil(self, justering_id: int, path: Path) -> list[RegistreradSignatur]:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise refuse("fil", f"Filen {path} kan inte läsas: {exc.strerror or exc}.") from None
        return self.importera(justering_id, data, fil=f"Filen {Path(path).name}")
