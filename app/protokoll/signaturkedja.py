"""A stored document's chain of PAdES-signed versions (docs/domain/justering.md,
"Digital justering"): what the justerat protokoll, a sent protokollsutdrag and a kept
anslag share.

A chain begins with the stored, unsigned document (:meth:`Kedja.grund`); every
signature is an incremental update, stored as a new version whose bytes begin with the
bytes of the version before. The signature lines are read from the document
(``/NkSignatur`` points, :func:`app.pdf.pades.signature_places`) and tied to the people
printed under them (:meth:`Kedja.namn`). Two ways in:

* :meth:`Kedja.signera`: the next person in the order signs here, with a PKCS#12 file
  or a card or token (PKCS#11), optionally time-stamped; the certificate must name the
  person of that signature line. The signing time is the program's clock.
* :meth:`Kedja.importera`: a file signed elsewhere (an e-signing service) is accepted
  only when it begins with the stored bytes and nothing but signatures was added.

Each version is checked before it is stored: the version before is an exact prefix,
the signatures are intact, and a PDF/A document stays PDF/A
(:mod:`app.pdf.pdfa_signed`). Where the versions are stored is the subclass's
(:mod:`app.protokoll.signering`, :mod:`app.protokoll.dokumentsignering`).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass

from sqlite_utils import Database

from app import clock
from app.pdf import pades
from app.pdf.pdfa import claimed_level
from app.pdf.pdfa_signed import signed_findings
from app.protokoll.common import refuse
from app.protokoll.justering import IntegritetsFel
from app.protokoll.pdf.protokoll import SIGNATURE_LINE_WIDTH
from app.records import inserted_id
from app.validation import FieldError, ValidationError

log = logging.getLogger(__name__)

DEFAULT_ORDER = ("sekreterare", "justerare", "ordforande")
ROLE = {"sekreterare": "sekreterare", "ordforande": "ordförande", "justerare": "justerare",
        "bestyrkande": "bestyrker utdraget"}
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
        return f"{self.namn} ({ROLE.get(self.roll, self.roll)})"


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
class Pappersdel:
    """The §§ under sekretess left to wet ink: the digitally signed protokoll is the
    public version with a note at each of them, the full version is justerat on paper
    (registered with its date and who justerade once done)."""

    paragrafer: tuple[str, ...]  # "§ 5"
    papper_datum: str  # '' until the wet-ink justering of the full version is registered
    papper_av: str

    @property
    def registrerad(self) -> bool:
        return bool(self.papper_datum)

    @property
    def text(self) -> str:
        which = " och ".join(self.paragrafer) if len(self.paragrafer) < 3 else \
            ", ".join(self.paragrafer[:-1]) + " och " + self.paragrafer[-1]
        if self.registrerad:
            return (f"Det fullständiga protokollet med {which} (sekretess) justerades på papper "
                    f"{self.papper_datum} av {self.papper_av}.")
        return (f"Det fullständiga protokollet med {which} (sekretess) justeras på papper; inte "
                "registrerat ännu.")


@dataclass(frozen=True)
class Signeringsstatus:
    platser: tuple[Signaturplats, ...]  # in signing order
    signaturer: tuple[RegistreradSignatur, ...]
    papper: Pappersdel | None = None

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
        """Every signature line of the signed document has its signature (with §§ left to
        paper: of the public version)."""
        return bool(self.platser) and not self.saknas

    @property
    def helt_justerat(self) -> bool:
        """Digitally, and the §§ left to paper registered as justerade on paper."""
        return self.digitalt_justerat and (self.papper is None or self.papper.registrerad)


def name_tokens(name: str) -> list[str]:
    """A person's name as lower-case words, without a party in parentheses."""
    return re.sub(r"\(.*?\)", " ", name).casefold().split()


def names_match(person: str, certificate_name: str) -> bool:
    """Every word of the person's name is in the certificate's name."""
    wanted, have = name_tokens(person), set(name_tokens(certificate_name))
    return bool(wanted) and all(word in have for word in wanted)


def ordered(platser: list[Signaturplats], ordning: tuple[str, ...] | list[str] | None
            ) -> list[Signaturplats]:
    order = list(ordning or DEFAULT_ORDER)
    return sorted(platser, key=lambda p: (order.index(p.roll) if p.roll in order else len(order), p.plats))


def role_of(plats: str) -> str:
    return plats.split("-")[0]


class Kedja:
    """One stored document's signed versions. A subclass says where they are stored:
    :meth:`grund`, :meth:`namn`, :meth:`versioner`, :meth:`registrerade`, :meth:`_spara`,
    and how a signature reads (:meth:`stampel`)."""

    #: The document in messages: "Alla har redan signerat protokollet digitalt."
    vad = "protokollet"
    #: … and as a genitive: "filen börjar inte med det sparade protokollets byte".
    vads = "protokollets"

    def __init__(self, db: Database):
        self.db = db

    # -- the subclass's -------------------------------------------------------------------
    def grund(self) -> bytes:
        """The stored, unsigned document (checked against its SHA-256)."""
        raise NotImplementedError

    def namn(self) -> dict[str, str]:
        """The person of each signature line ("sekreterare" → name)."""
        raise NotImplementedError

    def versioner(self) -> list[dict]:
        """The signed versions, oldest first: rows with version, pdf, sha256."""
        raise NotImplementedError

    def registrerade(self) -> list[RegistreradSignatur]:
        raise NotImplementedError

    def stampel(self, plats: Signaturplats) -> tuple[list[str], str]:
        """The visible lines of a signature on ``plats`` and its reason."""
        return (["Justerandes signatur", f"{plats.namn}, {ROLE[plats.roll]}"],
                f"Justering som {ROLE[plats.roll]}")

    def papper(self) -> Pappersdel | None:
        return None

    def _spara(self, kalla: str, data: bytes, version: int) -> int:
        """Insert the version row (inside the caller's transaction); its id."""
        raise NotImplementedError

    #: The table the signatures of a version go to and its column naming the version.
    signatur_tabell = "justering_signatur"

    # -- reading ------------------------------------------------------------------------
    def platser(self, ordning: tuple[str, ...] | list[str] | None = None) -> list[Signaturplats]:
        names = self.namn()
        places = pades.signature_places(self.grund(), SIGNATURE_LINE_WIDTH)
        return ordered([Signaturplats(p, role_of(p), names[p]) for p in places if names.get(p)], ordning)

    def status(self, ordning: tuple[str, ...] | list[str] | None = None) -> Signeringsstatus:
        return Signeringsstatus(tuple(self.platser(ordning)), tuple(self.registrerade()), self.papper())

    def senaste(self) -> bytes:
        """The newest signed version (checked against its SHA-256 and the document it
        must begin with), else the stored document: the file to send for signing."""
        original = self.grund()
        versions = self.versioner()
        if not versions:
            return original
        data = bytes(versions[-1]["pdf"])
        if hashlib.sha256(data).hexdigest() != versions[-1]["sha256"] or not data.startswith(original):
            raise IntegritetsFel(
                f"Den signerade versionen {versions[-1]['version']} av {self.vad} stämmer inte med sin "
                f"kontrollsumma eller börjar inte med det sparade originalet; den har ändrats efter att "
                "den sparades. Använd en säkerhetskopia.")
        return data

    # -- signing ------------------------------------------------------------------------
    def signera(self, nyckel: pades.Key, *, ordning: tuple[str, ...] | list[str] | None = None,
                tidsstampel_url: str | None = None) -> RegistreradSignatur:
        """The next person in ``ordning`` signs with ``nyckel`` at the program clock's
        time; the signed bytes are stored as a new version. Refused (Swedish) when
        everyone has signed, when the certificate names someone else, or when the result
        would not be stored intact."""
        status = self.status(ordning)
        if not status.platser:
            raise refuse("justering_id", f"{self.vad.capitalize()} har inga underskriftsrader att signera "
                                         "digitalt (det sparades med en äldre version av programmet).")
        plats = status.nasta
        if plats is None:
            raise refuse("justering_id", f"Alla har redan signerat {self.vad} digitalt.")
        try:
            signer = pades.signer_name(nyckel)
        except pades.SigneringsFel as exc:
            raise refuse("nyckel", str(exc)) from None
        if not names_match(plats.namn, signer):
            raise refuse("nyckel", f"Nu ska {plats.text} signera, men certifikatet är utfärdat till "
                                   f"{signer}. Välj {plats.namn.split(' (')[0]}s certifikat.")
        before = self.senaste()
        place = pades.signature_places(before, SIGNATURE_LINE_WIDTH)[plats.plats]
        lines, reason = self.stampel(plats)
        try:
            data = pades.sign(before, nyckel, field=f"{FIELD_PREFIX}{plats.plats}", place=place,
                              lines=lines, timestamp_url=tidsstampel_url or None, reason=reason,
                              signing_time=clock.now())
        except pades.SigneringsFel as exc:
            raise refuse("nyckel", str(exc)) from None
        (added,) = self._check(before, data)
        return self.spara("signerad", data, [(added, plats.plats, plats.namn)])[0]

    def importera(self, data: bytes, *, fil: str = "filen") -> list[RegistreradSignatur]:
        """A file signed outside the program, sent from :meth:`senaste`: accepted when it
        is those bytes with only signatures added; its new signatures are matched by
        field, else by name, to the signature lines still unsigned."""
        before = self.senaste()
        problem = pades.only_signatures_added(before, data, what=f"det sparade {self.vads}")
        if problem:
            raise refuse("fil", f"{fil} kan inte tas emot som signerat {self.vad.removesuffix('et')}: "
                                f"{problem}. Det som sparades är oförändrat; skicka det sparade dokumentet "
                                "(Exportera för signering) till signeringstjänsten igen.")
        added = self._check(before, data)
        open_slots = list(self.status().saknas)
        rows = []
        for report in added:
            slot = next((p for p in open_slots if report.field == f"{FIELD_PREFIX}{p.plats}"), None) or next(
                (p for p in open_slots if names_match(p.namn, report.signer)), None)
            if slot is not None:
                open_slots.remove(slot)
            rows.append((report, slot.plats if slot else "", slot.namn if slot else report.signer))
        return self.spara("importerad", data, rows)

    def _check(self, before: bytes, data: bytes) -> list[pades.SignatureReport]:
        """The signatures ``data`` adds after ``before``, after checking that the bytes
        before are kept, every signature is intact and a PDF/A original stays PDF/A."""
        errors = []
        if not data.startswith(before):
            errors.append(f"den signerade filen börjar inte med det sparade {self.vads} byte")
        reports = pades.signatures(data, [])
        added = [r for r in reports if r.revision_end > len(before)]
        if not added:
            errors.append("filen har ingen ny signatur")
        broken = [r.signer for r in reports if not r.intact]
        if broken:
            errors.append(f"signaturen av {', '.join(broken)} är inte intakt")
        level = claimed_level(self.grund())
        findings = signed_findings(data, level) if level else []
        if findings:
            log.warning("Signerad version är inte PDF/A-%s: %s", level, findings)
            errors.append(f"den signerade filen är inte längre PDF/A-{level} ({findings[0]})")
        if errors:
            raise ValidationError([FieldError("fil", f"Inget sparades: {e}.") for e in errors])
        return added

    def spara(self, kalla: str, data: bytes,
              added: list[tuple[pades.SignatureReport, str, str]]) -> list[RegistreradSignatur]:
        """A new version with the signatures it added, in one transaction."""
        with self.db.atomic():
            version = max((int(v["version"]) for v in self.versioner()), default=0) + 1
            version_id = self._spara(kalla, data, version)
            out = []
            for report, plats, namn in added:
                self.db.table(self.signatur_tabell).insert({
                    "version_id": version_id, "falt": report.field, "plats": plats, "namn": namn,
                    "certifikat": report.certificate, "tidpunkt": report.time_text,
                    "tidsstampel": int(report.timestamped)})
                out.append(RegistreradSignatur(version, kalla, report.field, plats, namn, report.certificate,
                                               report.time_text, report.timestamped))
        return out


def insert_version(db: Database, table: str, row: dict, kalla: str, data: bytes, version: int) -> int:
    """A version row: ``row``'s owner columns, the bytes, their SHA-256, the time stored."""
    return inserted_id(db.table(table), {
        **row, "version": version, "kalla": kalla, "pdf": data,
        "sha256": hashlib.sha256(data).hexdigest(), "registrerad": clock.now_iso()})


def recorded_signatures(db: Database, version_table: str, signature_table: str, where: str,
                        args: list) -> list[RegistreradSignatur]:
    rows = db.execute(
        f"SELECT v.version, v.kalla, s.falt, s.plats, s.namn, s.certifikat, s.tidpunkt, s.tidsstampel "
        f"FROM {signature_table} s JOIN {version_table} v ON v.id = s.version_id "
        f"WHERE {where} ORDER BY v.version, s.id", args).fetchall()
    return [RegistreradSignatur(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7])) for r in rows]
