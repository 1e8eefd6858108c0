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
(:mod:`app.pdf.pdfa_signed`). The protokoll is "justerat digitalt" once every
signature line has a signature (:func:`digital_justering`; the anslag says so).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from app import clock
from app.changes import AnnouncingService
from app.pdf import pades
from app.pdf.pdfa import claimed_level
from app.pdf.pdfa_signed import signed_findings
from app.protokoll.common import refuse
from app.protokoll.huvud import HuvudService
from app.protokoll.justering import IntegritetsFel, JusteringService
from app.protokoll.pdf.protokoll import SIGNATURE_LINE_WIDTH
from app.records import inserted_id
from app.validation import FieldError, ValidationError

log = logging.getLogger(__name__)

DEFAULT_ORDER = ("sekreterare", "justerare", "ordforande")
ROLE = {"sekreterare": "sekreterare", "ordforande": "ordförande", "justerare": "justerare"}
FIELD_PREFIX = "Signatur-"


@dataclass(frozen=True)
class Signaturplats:
    """A signature line of the stored PDF: ``plats`` ("justerare-1"), the role and
    the person printed under it."""

    plats: str
    roll: str
    namn: str

    @property
    def text(self) -> str:
        return f"{self.namn} ({ROLE[self.roll]})"


@dataclass(frozen=True)
class RegistreradSignatur:
    version: int
    kalla: str  # signerad | importerad
    falt: str
    plats: str  # '' when an imported signature matched no signature line
    namn: str
    certifikat: str
    tidpunkt: str
    tidsstampel: bool


@dataclass(frozen=True)
class Signeringsstatus:
    platser: tuple[Signaturplats, ...]  # in signing order
    signaturer: tuple[RegistreradSignatur, ...]

    @property
    def signerade(self) -> set[str]:
        return {s.plats for s in self.signaturer if s.plats}

    @property
    def saknas(self) -> tuple[Signaturplats, ...]:
        return tuple(p for p in self.platser if p.plats not in self.signerade)

    @property
    def nasta(self) -> Signaturplats | None:
        return self.saknas[0] if self.saknas else None

    @property
    def digitalt_justerat(self) -> bool:
        return bool(self.platser) and not self.saknas


def _role_of(plats: str) -> str:
    return plats.split("-")[0]


def name_tokens(name: str) -> list[str]:
    """A person's name as lower-case words, without a party in parentheses."""
    return re.sub(r"\(.*?\)", " ", name).casefold().split()


def names_match(person: str, certificate_name: str) -> bool:
    """Every word of the person's name is in the certificate's name."""
    wanted, have = name_tokens(person), set(name_tokens(certificate_name))
    return bool(wanted) and all(word in have for word in wanted)


def _ordered(platser: list[Signaturplats], ordning: tuple[str, ...] | list[str] | None
             ) -> list[Signaturplats]:
    order = list(ordning or DEFAULT_ORDER)
    return sorted(platser, key=lambda p: (order.index(p.roll) if p.roll in order else len(order), p.plats))


def _versions(db: Database, justering_id: int) -> list[dict]:
    return list(db.query("SELECT id, version, kalla, pdf, sha256 FROM justering_version "
                         "WHERE justering_id = ? ORDER BY version", [justering_id]))


def _recorded(db: Database, justering_id: int) -> list[RegistreradSignatur]:
    rows = db.execute(
        "SELECT v.version, v.kalla, s.falt, s.plats, s.namn, s.certifikat, s.tidpunkt, s.tidsstampel "
        "FROM justering_signatur s JOIN justering_version v ON v.id = s.version_id "
        "WHERE v.justering_id = ? ORDER BY v.version, s.id", [justering_id]).fetchall()
    return [RegistreradSignatur(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7])) for r in rows]


def _slots(db: Database, huvud: HuvudService, justering_id: int, original: bytes) -> list[Signaturplats]:
    meeting_id = db.execute("SELECT sammantrade_id FROM justering WHERE id = ?", [justering_id]).fetchone()[0]
    justerare = huvud.justerare_namn(meeting_id)
    names = {"sekreterare": huvud.sekreterare_namn(meeting_id),
             "ordforande": huvud.ordforande_namn(meeting_id)}
    names |= {f"justerare-{n}": name for n, name in enumerate(justerare, start=1)}
    places = pades.signature_places(original, SIGNATURE_LINE_WIDTH)
    return [Signaturplats(p, _role_of(p), names[p]) for p in places if names.get(p)]


def digital_justering(db: Database, huvud: HuvudService, justering_id: int,
                      ordning: tuple[str, ...] | list[str] | None = None) -> Signeringsstatus | None:
    """The signatures of a justering, or None when it has none (justerat on paper)."""
    if not _table_exists(db) or not _versions(db, justering_id):
        return None
    original = db.execute("SELECT pdf FROM justering WHERE id = ?", [justering_id]).fetchone()[0]
    return Signeringsstatus(tuple(_ordered(_slots(db, huvud, justering_id, original), ordning)),
                            tuple(_recorded(db, justering_id)))


def _table_exists(db: Database) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'justering_version'"
                      ).fetchone() is not None


class SigneringService(AnnouncingService, kinds=("protokoll",)):
    def __init__(self, db: Database, justering: JusteringService, huvud: HuvudService):
        self.db = db
        self.justering = justering
        self.huvud = huvud

    # -- reading ------------------------------------------------------------------------
    def signaturplatser(self, justering_id: int, ordning: tuple[str, ...] | list[str] | None = None
                        ) -> list[Signaturplats]:
        """The signature lines of the stored PDF in signing order."""
        original = self.justering.stored_pdf(justering_id)
        return _ordered(_slots(self.db, self.huvud, justering_id, original), ordning)

    def signeringsstatus(self, justering_id: int, ordning: tuple[str, ...] | list[str] | None = None
                         ) -> Signeringsstatus:
        return Signeringsstatus(tuple(self.signaturplatser(justering_id, ordning)),
                                tuple(_recorded(self.db, justering_id)))

    def signerad_pdf(self, justering_id: int) -> bytes:
        """The newest signed version (checked against its SHA-256 and the original it
        must begin with), else the stored original: the file to send for signing."""
        original = self.justering.stored_pdf(justering_id)
        versions = _versions(self.db, justering_id)
        if not versions:
            return original
        data = bytes(versions[-1]["pdf"])
        if hashlib.sha256(data).hexdigest() != versions[-1]["sha256"] or not data.startswith(original):
            raise IntegritetsFel(
                f"Den signerade versionen {versions[-1]['version']} av protokollet stämmer inte med sin "
                "kontrollsumma eller börjar inte med det justerade originalet; den har ändrats efter att "
                "den sparades. Använd en säkerhetskopia.")
        return data

    # -- signing ------------------------------------------------------------------------
    def signera(self, justering_id: int, nyckel: pades.Key, *,
                ordning: tuple[str, ...] | list[str] | None = None,
                tidsstampel_url: str | None = None) -> RegistreradSignatur:
        """The next person in ``ordning`` signs with ``nyckel``; the signed bytes are
        stored as a new version. Refused (Swedish) when everyone has signed, when the
        certificate names someone else, or when the result would not be stored intact."""
        status = self.signeringsstatus(justering_id, ordning)
        if not status.platser:
            raise refuse("justering_id", "Det justerade protokollet har inga underskriftsrader att signera "
                                         "digitalt (det justerades med en äldre version av programmet).")
        plats = status.nasta
        if plats is None:
            raise refuse("justering_id", "Alla har redan signerat protokollet digitalt.")
        try:
            signer = pades.signer_name(nyckel)
        except pades.SigneringsFel as exc:
            raise refuse("nyckel", str(exc)) from None
        if not names_match(plats.namn, signer):
            raise refuse("nyckel", f"Nu ska {plats.text} signera, men certifikatet är utfärdat till "
                                   f"{signer}. Välj {plats.namn.split(' (')[0]}s certifikat.")
        before = self.signerad_pdf(justering_id)
        place = pades.signature_places(before, SIGNATURE_LINE_WIDTH)[plats.plats]
        try:
            data = pades.sign(before, nyckel, field=f"{FIELD_PREFIX}{plats.plats}", place=place,
                              lines=["Justerandes signatur", f"{plats.namn}, {ROLE[plats.roll]}"],
                              timestamp_url=tidsstampel_url or None,
                              reason=f"Justering som {ROLE[plats.roll]}")
        except pades.SigneringsFel as exc:
            raise refuse("nyckel", str(exc)) from None
        (added,) = self._check(justering_id, before, data)
        recorded = self._store(justering_id, "signerad", data, [(added, plats.plats, plats.namn)])
        return recorded[0]

    def importera(self, justering_id: int, data: bytes, *, fil: str = "filen") -> list[RegistreradSignatur]:
        """A file signed outside the program, sent from :meth:`signerad_pdf`: accepted
        when it is those bytes with only signatures added; its new signatures are
        matched by name to the signature lines still unsigned."""
        before = self.signerad_pdf(justering_id)
        problem = pades.only_signatures_added(before, data)
        if problem:
            raise refuse("fil", f"{fil} kan inte tas emot som signerat protokoll: {problem}. Det som "
                                "sparades vid justeringen är oförändrat; skicka det sparade protokollet "
                                "(Exportera för signering) till signeringstjänsten igen.")
        added = self._check(justering_id, before, data)
        open_slots = list(self.signeringsstatus(justering_id).saknas)
        rows = []
        for report in added:
            slot = next((p for p in open_slots if report.field == f"{FIELD_PREFIX}{p.plats}"), None) or next(
                (p for p in open_slots if names_match(p.namn, report.signer)), None)
            if slot is not None:
                open_slots.remove(slot)
            rows.append((report, slot.plats if slot else "", slot.namn if slot else report.signer))
        return self._store(justering_id, "importerad", data, rows)

    def _check(self, justering_id: int, before: bytes, data: bytes) -> list[pades.SignatureReport]:
        """The signatures ``data`` adds after ``before``, after checking that the bytes
        before are kept, every signature is intact and a PDF/A original stays PDF/A."""
        errors = []
        if not data.startswith(before):
            errors.append("den signerade filen börjar inte med det sparade protokollets byte")
        reports = pades.signatures(data, [])
        added = [r for r in reports if r.revision_end > len(before)]
        if not added:
            errors.append("filen har ingen ny signatur")
        broken = [r.signer for r in reports if not r.intact]
        if broken:
            errors.append(f"signaturen av {', '.join(broken)} är inte intakt")
        level = claimed_level(self.justering.stored_pdf(justering_id))
        findings = signed_findings(data, level) if level else []
        if findings:
            log.warning("Signerad version är inte PDF/A-%s: %s", level, findings)
            errors.append(f"den signerade filen är inte längre PDF/A-{level} ({findings[0]})")
        if errors:
            raise ValidationError([FieldError("fil", f"Inget sparades: {e}.") for e in errors])
        return added

    def _store(self, justering_id: int, kalla: str, data: bytes,
               added: list[tuple[pades.SignatureReport, str, str]]) -> list[RegistreradSignatur]:
        with self.db.atomic():
            row = self.db.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM justering_version "
                                  "WHERE justering_id = ?", [justering_id]).fetchone()
            version = int(row[0])
            meeting_id = self.db.execute("SELECT sammantrade_id FROM justering WHERE id = ?",
                                         [justering_id]).fetchone()[0]
            version_id = inserted_id(self.db.table("justering_version"), {
                "justering_id": justering_id, "sammantrade_id": meeting_id, "version": version,
                "kalla": kalla, "pdf": data,
                "sha256": hashlib.sha256(data).hexdigest(), "registrerad": clock.now_iso()})
            out = []
            for report, plats, namn in added:
                self.db.table("justering_signatur").insert({
                    "version_id": version_id, "falt": report.field, "plats": plats, "namn": namn,
                    "certifikat": report.certificate, "tidpunkt": report.time_text,
                    "tidsstampel": int(report.timestamped)})
                out.append(RegistreradSignatur(version, kalla, report.field, plats, namn, report.certificate,
                                               report.time_text, report.timestamped))
        return out

    def importera_fil(self, justering_id: int, path: Path) -> list[RegistreradSignatur]:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise refuse("fil", f"Filen {path} kan inte läsas: {exc.strerror or exc}.") from None
        return self.importera(justering_id, data, fil=f"Filen {Path(path).name}")
