"""Digital signatures on a sent protokollsutdrag and on the anslag (docs/domain/
justering.md, "Digital justering"), a collaborator of
:class:`app.protokoll.service.ProtokollService`.

The same chain as the protokoll's (:mod:`app.protokoll.signaturkedja`): signed here with
a PKCS#12 file or a card (PKCS#11), or sent to an e-signing service and imported back;
every signed state a new version in ``dokument_version`` (migration 23), the signatures
in ``dokument_signatur``.

* **Utdrag.** A sent utdrag (``utskick``) has one signature line, the
  utdragsbestyrkande ("Rätt utdraget intygar"), signed by the one who certified it.
* **Anslag**, when the municipality wants it signed (Inställningar). The anslag is kept
  as version 0 when it is registered as posted (:mod:`app.protokoll.anslag_sparat`), or
  before that when it is to be signed, and from then on the kept (and signed) anslag is
  the anslag (``DokumentService.anslag_pdf``). While the protokoll's own digital
  justering is begun but not finished the anslag is not kept: it is to say that the
  protokoll is justerat digitalt. An anslag kept before the wet-ink justering of §§
  under sekretess is registered keeps saying "justeras på papper" (it is a public
  record); :func:`anslag_fore_papper` says so, and the new anslag
  (``DokumentService.nytt_anslag_pdf``, kept in ``nytt_anslag``) names the one it replaces.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from app.changes import AnnouncingService
from app.pdf import pades
from app.protokoll.anslag_sparat import nytt_anslag_sparat, unfinished_digital_justering
from app.protokoll.common import refuse
from app.protokoll.huvud import HuvudService
from app.protokoll.justering import IntegritetsFel, JusteringService
from app.protokoll.sekretess_papper import pappersdel
from app.protokoll.signaturkedja import (
    Kedja,
    RegistreradSignatur,
    Signaturplats,
    Signeringsstatus,
    insert_version,
    recorded_signatures,
)


def _checked(row: dict, what: str) -> bytes:
    data = bytes(row["pdf"])
    if hashlib.sha256(data).hexdigest() != row["sha256"]:
        raise IntegritetsFel(f"{what} stämmer inte med sin kontrollsumma (SHA-256); det har ändrats efter "
                             "att det sparades. Använd en säkerhetskopia.")
    return data


class _DokumentKedja(Kedja):
    """Versions in ``dokument_version`` of one document (``dokument`` and its owner)."""

    dokument = ""
    owner = ""  # utskick_id | justering_id
    signatur_tabell = "dokument_signatur"

    def __init__(self, db: Database, owner_id: int):
        super().__init__(db)
        self.owner_id = owner_id

    def _rows(self, where: str = "version >= 1") -> list[dict]:
        if not self.db.table("dokument_version").exists():
            return []
        return list(self.db.query(
            f"SELECT id, version, kalla, pdf, sha256 FROM dokument_version WHERE dokument = ? "
            f"AND {self.owner} = ? AND {where} ORDER BY version", [self.dokument, self.owner_id]))

    def versioner(self) -> list[dict]:
        return self._rows()

    def registrerade(self) -> list[RegistreradSignatur]:
        if not self.db.table("dokument_version").exists():
            return []
        return recorded_signatures(self.db, "dokument_version", "dokument_signatur",
                                   f"v.dokument = ? AND v.{self.owner} = ?", [self.dokument, self.owner_id])

    def meeting_id(self) -> int:
        raise NotImplementedError

    def _spara(self, kalla: str, data: bytes, version: int) -> int:
        return insert_version(self.db, "dokument_version", {
            "dokument": self.dokument, self.owner: self.owner_id, "sammantrade_id": self.meeting_id()},
            kalla, data, version)


class UtdragKedja(_DokumentKedja):
    """A sent protokollsutdrag: the row in ``utskick`` is the original."""

    vad, vads = "protokollsutdraget", "protokollsutdragets"
    dokument, owner = "utdrag", "utskick_id"

    def _utskick(self) -> dict:
        rows = list(self.db.query("SELECT sammantrade_id, bestyrkt_av, pdf, sha256 FROM utskick WHERE id = ?",
                                  [self.owner_id]))
        if not rows:
            raise refuse("utskick_id", f"Utskick {self.owner_id} finns inte.")
        return rows[0]

    def grund(self) -> bytes:
        return _checked(self._utskick(), "Det skickade protokollsutdraget")

    def meeting_id(self) -> int:
        return int(self._utskick()["sammantrade_id"])

    def namn(self) -> dict[str, str]:
        return {"bestyrkande": self._utskick()["bestyrkt_av"]}

    def stampel(self, plats: Signaturplats) -> tuple[list[str], str]:
        return ["Rätt utdraget intygar", plats.namn], "Utdragsbestyrkande"


class AnslagKedja(_DokumentKedja):
    """The anslag of a justering: kept as version 0 before it is signed."""

    vad, vads = "anslaget", "anslagets"
    dokument, owner = "anslag", "justering_id"

    def __init__(self, db: Database, huvud: HuvudService, justering: JusteringService, justering_id: int,
                 render: Callable[[int, int], bytes]):
        super().__init__(db, justering_id)
        self.huvud = huvud
        self.justering = justering
        self.render = render

    def kept(self) -> bytes | None:
        rows = self._rows("version = 0")
        return _checked(rows[0], "Det sparade anslaget") if rows else None

    def platser(self, ordning: tuple[str, ...] | list[str] | None = None) -> list[Signaturplats]:
        """Before the anslag is kept: the secretary's line every anslag has (read without
        laying the anslag out, which the window's status would otherwise wait for)."""
        if self.kept() is None:
            name = self.namn()["sekreterare"]
            return [Signaturplats("sekreterare", "sekreterare", name)] if name else []
        return super().platser(ordning)

    def grund(self) -> bytes:
        """The kept anslag; before it is kept, the anslag as it would be kept now."""
        kept = self.kept()
        return kept if kept is not None else self.render(self.meeting_id(), self.owner_id)

    def meeting_id(self) -> int:
        return self.justering.justering(self.owner_id).sammantrade_id

    def namn(self) -> dict[str, str]:
        return {"sekreterare": self.huvud.sekreterare_namn(self.meeting_id())}

    def stampel(self, plats: Signaturplats) -> tuple[list[str], str]:
        return ["Underskrift", f"{plats.namn}, sekreterare"], "Tillkännagivande av justerat protokoll"

    def keep(self) -> bytes:
        """Keep the anslag as version 0 (once); the kept bytes."""
        kept = self.kept()
        if kept is not None:
            return kept
        missing = unfinished_digital_justering(self.db, self.huvud, self.owner_id)
        if missing is not None:
            raise refuse("justering_id", f"Protokollet är inte färdigsignerat digitalt (saknas: {missing}). "
                                         "Anslaget signeras när alla har signerat protokollet, så att det "
                                         "säger att protokollet är justerat digitalt.")
        data = self.render(self.meeting_id(), self.owner_id)
        with self.db.atomic():
            self._spara("original", data, 0)
        return data


@dataclass(frozen=True)
class AnslagForePapper:
    """A kept anslag that says the full protokoll "justeras på papper" while its wet-ink
    justering is registered after it was kept (or not yet): the kept anslag is a public
    record and stays as it is; a new anslag is to be put up (and is kept once saved)."""

    sparat: str  # when the anslag was kept, "2022-03-05 10:15"
    papper_datum: str  # '' while the paper justering is not registered
    paragrafer: tuple[str, ...]
    uppsatt: str = ""  # the day the kept anslag went up, '' while it is not registered as posted
    nytt: str = ""  # when the new anslag was saved, '' before

    @property
    def _det_sparade(self) -> str:
        if self.uppsatt:
            return f"Anslaget som sattes upp {self.uppsatt} sparades {self.sparat}"
        return f"Anslaget sparades {self.sparat} för signering"

    @property
    def text(self) -> str:
        kept = (f"{self._det_sparade}, innan pappersjusteringen registrerades, och säger att det "
                "fullständiga protokollet justeras på papper. Det sparade anslaget är en allmän handling och "
                "ändras inte")
        if not self.papper_datum:
            return kept + "; när pappersjusteringen är registrerad sätts ett nytt anslag upp som säger det."
        if self.nytt:
            return (kept + f"; det nya anslaget, som säger att det justerades på papper {self.papper_datum}, "
                    f"sparades {self.nytt} (Spara nytt anslag… ger det igen). Det gamla finns kvar.")
        return (kept + "; sätt upp ett nytt anslag som säger att det justerades på papper "
                f"{self.papper_datum} (Spara nytt anslag…). Det gamla finns kvar.")

    @property
    def ersatter(self) -> str:
        """The sentence the new anslag says of the one it replaces."""
        which = f"sattes upp {self.uppsatt}" if self.uppsatt else f"sparades {self.sparat}"
        return (f"Detta anslag ersätter anslaget som {which}, innan pappersjusteringen "
                "registrerades; det finns kvar oförändrat.")


def anslag_fore_papper(db: Database, justering_id: int) -> AnslagForePapper | None:
    """The kept anslag of a justering with §§ left to wet ink when it was kept before
    the paper justering was registered; None otherwise (no § on paper, no kept anslag,
    or kept after the registration, so it says so itself)."""
    if not db.table("dokument_version").exists():
        return None
    papper = pappersdel(db, justering_id)
    if papper is None:
        return None
    kept = db.execute("SELECT registrerad FROM dokument_version WHERE dokument = 'anslag' AND "
                      "justering_id = ? AND version = 0", [justering_id]).fetchone()
    if kept is None:
        return None
    registered = db.execute("SELECT papper_registrerad FROM justering_offentlig WHERE justering_id = ?",
                            [justering_id]).fetchone()[0]
    if registered is not None and kept[0] >= registered:
        return None
    uppsatt = db.execute("SELECT anslag_uppsatt FROM justering WHERE id = ?", [justering_id]).fetchone()[0]
    return AnslagForePapper(kept[0][:16].replace("T", " "), papper.papper_datum, papper.paragrafer,
                            uppsatt or "", nytt_anslag_sparat(db, justering_id) or "")


class DokumentSigneringService(AnnouncingService, kinds=("protokoll",)):
    def __init__(self, db: Database, huvud: HuvudService, justering: JusteringService,
                 render_anslag: Callable[[int, int], bytes]):
        self.db = db
        self.huvud = huvud
        self.justering = justering
        self.render_anslag = render_anslag

    def utdrag_kedja(self, utskick_id: int) -> UtdragKedja:
        return UtdragKedja(self.db, utskick_id)

    def anslag_kedja(self, justering_id: int) -> AnslagKedja:
        return AnslagKedja(self.db, self.huvud, self.justering, justering_id, self.render_anslag)

    # -- utdrag -------------------------------------------------------------------------
    def utdrag_signeringsstatus(self, utskick_id: int) -> Signeringsstatus:
        return self.utdrag_kedja(utskick_id).status()

    def utdrag_for_signering(self, utskick_id: int) -> bytes:
        """The newest signed version of a sent utdrag, else the utdrag as sent."""
        return self.utdrag_kedja(utskick_id).senaste()

    def signera_utdrag(self, utskick_id: int, nyckel: pades.Key, *,
                       tidsstampel_url: str | None = None) -> RegistreradSignatur:
        """The one who certified the utdrag signs its utdragsbestyrkande."""
        return self.utdrag_kedja(utskick_id).signera(nyckel, tidsstampel_url=tidsstampel_url)

    def importera_utdrag(self, utskick_id: int, data: bytes, *, fil: str = "filen"
                         ) -> list[RegistreradSignatur]:
        return self.utdrag_kedja(utskick_id).importera(data, fil=fil)

    def importera_utdrag_fil(self, utskick_id: int, path: Path) -> list[RegistreradSignatur]:
        return self.importera_utdrag(utskick_id, _read(path), fil=f"Filen {Path(path).name}")

    # -- anslag -------------------------------------------------------------------------
    def anslag_signeringsstatus(self, justering_id: int) -> Signeringsstatus:
        return self.anslag_kedja(justering_id).status()

    def anslag_for_signering(self, justering_id: int) -> bytes:
        """The anslag to send to an e-signing service: kept first (once), then the newest
        signed version."""
        chain = self.anslag_kedja(justering_id)
        chain.keep()
        return chain.senaste()

    def signera_anslag(self, justering_id: int, nyckel: pades.Key, *,
                       tidsstampel_url: str | None = None) -> RegistreradSignatur:
        """The secretary signs the anslag (kept first, once)."""
        chain = self.anslag_kedja(justering_id)
        chain.keep()
        return chain.signera(nyckel, tidsstampel_url=tidsstampel_url)

    def importera_anslag(self, justering_id: int, data: bytes, *, fil: str = "filen"
                         ) -> list[RegistreradSignatur]:
        chain = self.anslag_kedja(justering_id)
        if chain.kept() is None:
            raise refuse("fil", "Anslaget har inte sparats för signering; exportera det för signering först.")
        return chain.importera(data, fil=fil)

    def importera_anslag_fil(self, justering_id: int, path: Path) -> list[RegistreradSignatur]:
        return self.importera_anslag(justering_id, _read(path), fil=f"Filen {Path(path).name}")

    def anslag_fore_papper(self, justering_id: int) -> AnslagForePapper | None:
        return anslag_fore_papper(self.db, justering_id)


def _read(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise refuse("fil", f"Filen {path} kan inte läsas: {exc.strerror or exc}.") from None
