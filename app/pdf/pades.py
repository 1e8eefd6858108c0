"""PAdES signatures on finished PDFs, with pyHanko (docs/domain/justering.md).

* :func:`sign` adds one signature as an incremental update: the bytes before it are
  kept exactly, a visible signature field is added at a place on a page, its appearance
  drawn in the program's embedded font (pyHanko's default, an unembedded Courier,
  would make the file no longer PDF/A). The key is a PKCS#12 file with its password
  (:class:`Pkcs12Key`) or a smart card or token through its PKCS#11 module
  (:class:`Pkcs11Key`); an RFC 3161 time stamp is added when a server is given.
* :func:`signature_places` reads where a document's signature lines are (the
  ``/NkSignatur`` marked-content points the protokoll prints, app/protokoll/pdf).
* :func:`signatures` reports each signature of a file: signer, time, intact, trusted
  against the given trust roots, what was changed after it.
* :func:`only_signatures_added` tells whether a file is the stored bytes with nothing
  but signatures added after them (an e-signing service's returned file).
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pikepdf

from app import clock
from app.pdf.fonts import font_path

log = logging.getLogger(__name__)
# pyHanko logs a traceback for every certificate it cannot chain to a trust root; that a
# signature is not trusted is part of its report (SignatureReport.trusted) instead.
logging.getLogger("pyhanko.sign.validation.generic_cms").setLevel(logging.ERROR)

#: The font of the signatures' visible text, embedded (PDF/A).
STAMP_FONT = "LiberationSans-Regular.ttf"
#: The height of a visible signature field above its line, in points.
FIELD_HEIGHT = 28


class SigneringsFel(Exception):
    """Signing could not be done; the message says why, in Swedish."""


@dataclass(frozen=True)
class Pkcs12Key:
    path: Path
    password: str


@dataclass(frozen=True)
class Pkcs11Key:
    """A token through its PKCS#11 module (the municipality's card middleware): the
    module's path, the token's label and the PIN; ``key_label`` picks a key when the
    token holds several."""

    module: Path
    token_label: str
    pin: str
    key_label: str | None = None


Key = Pkcs12Key | Pkcs11Key


@dataclass(frozen=True)
class Place:
    """Where a signature line begins: page index (0-based) and its left end."""

    slot: str
    page: int
    x: float
    y: float
    width: float


def signature_places(data: bytes, width: float) -> dict[str, Place]:
    """The signature lines of the document by slot ("sekreterare", "ordforande",
    "justerare-1" …), each ``width`` points wide; {} when it has none."""
    found: dict[str, Place] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for index, page in enumerate(pdf.pages):
            for instruction in pikepdf.parse_content_stream(page, "DP"):
                operands: list = list(getattr(instruction, "operands", ()))
                if len(operands) == 2 and operands[0] == pikepdf.Name("/NkSignatur"):
                    props = operands[1]
                    slot = str(props.get("/Slot", ""))
                    if slot and slot not in found:
                        found[slot] = Place(slot, index, float(props.X), float(props.Y), width)
    return found


@functools.cache
def _stamp_font() -> bytes:
    """The stamp font scaled to 1000 units per em: pyHanko writes glyph widths in the
    font's own units, which PDF reads as thousandths of an em and PDF/A checks against
    the font program (ISO 19005-2 6.2.11.5)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
    from fontTools.ttLib.scaleUpem import scale_upem  # type: ignore[import-untyped]

    font = TTFont(str(font_path(STAMP_FONT)))
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _stamp_font_factory(size: int):
    """pyHanko's font factory, reading the font from memory (its own opens a file it
    never closes)."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    class InMemoryFont(GlyphAccumulatorFactory):
        def create_font_engine(self, writer, obj_stream=None):
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(writer=writer, font_handle=io.BytesIO(_stamp_font()),
                                    font_size=self.font_size, obj_stream=obj_stream)

    return InMemoryFont(font_file=STAMP_FONT, font_size=size)


def _cn(cert) -> str:
    """The certificate subject's common name (else the whole subject)."""
    subject = cert.subject.native
    return str(subject.get("common_name") or cert.subject.human_friendly)


@contextmanager
def _signer(key: Key) -> Iterator:
    from pyhanko.sign import signers

    if isinstance(key, Pkcs12Key):
        try:
            loaded = signers.SimpleSigner.load_pkcs12(str(key.path), passphrase=key.password.encode())
        except OSError as exc:
            raise SigneringsFel(f"Nyckelfilen {key.path} kan inte läsas: {exc.strerror or exc}.") from exc
        if loaded is None:  # pyHanko logs the reason and returns None
            raise SigneringsFel(f"Nyckelfilen {key.path.name} kunde inte öppnas: fel lösenord, eller "
                                "så är filen ingen PKCS#12-fil (.p12/.pfx).")
        yield loaded
        return
    from pkcs11.exceptions import PKCS11Error
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    try:
        session = open_pkcs11_session(str(key.module), token_criteria=TokenCriteria(label=key.token_label),
                                      user_pin=key.pin)
    except (PKCS11Error, OSError, RuntimeError) as exc:
        raise SigneringsFel(f"Kortet eller token ”{key.token_label}” kunde inte öppnas med modulen "
                            f"{key.module}: {type(exc).__name__} {exc}. Kontrollera modulens sökväg, "
                            "tokens namn och PIN-koden.") from exc
    try:
        label = key.key_label or _only_key_label(session)
        yield PKCS11Signer(session, cert_label=label, key_label=label)
    finally:
        session.close()


def _only_key_label(session) -> str:
    from pkcs11 import ObjectClass
    from pkcs11.constants import Attribute

    labels = sorted({obj[Attribute.LABEL] for obj in session.get_objects({Attribute.CLASS:
                                                                         ObjectClass.PRIVATE_KEY})})
    if len(labels) != 1:
        found = ", ".join(labels) or "inga"
        raise SigneringsFel(f"Välj vilken nyckel på kortet som ska användas (nycklar: {found}).")
    return str(labels[0])


def signer_name(key: Key) -> str:
    """The common name of the key's certificate: who will sign."""
    with _signer(key) as signer:
        return _cn(signer.signing_cert)


def signing_moment(at: datetime | None = None) -> datetime:
    """The signing time: ``at`` or the program's clock (app/clock.py), to the second,
    with the local time zone (a naive time is local, as the clock gives it)."""
    moment = (at or clock.now()).replace(microsecond=0)
    return moment if moment.tzinfo is not None else moment.astimezone()


def _clocked_signer(signing_time: datetime):
    """pyHanko's PdfSigner with the signing time given: its signing session otherwise
    reads the system clock (``PdfSigningSession.system_time``), which the signature's
    /M, the CMS signing-time attribute and the visible stamp all take."""
    from pyhanko.sign import signers

    class ClockedPdfSigner(signers.PdfSigner):
        def init_signing_session(self, pdf_out, existing_fields_only=False):
            session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
            session.system_time = signing_time
            return session

    return ClockedPdfSigner


def sign(data: bytes, key: Key, *, field: str, place: Place, lines: list[str],
         timestamp_url: str | None = None, reason: str = "Justering",
         signing_time: datetime | None = None) -> bytes:
    """``data`` with one more signature in a new visible field ``field`` at ``place``:
    ``lines`` of text, the last followed by the signing time (``signing_time``, default
    now by the program's clock). Returns the original bytes followed by the incremental
    update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers, timestamps
    from pyhanko.stamp import TextStampStyle

    style = TextStampStyle(
        stamp_text="\n".join([*(line.replace("%", "%%") for line in lines), "%(ts)s"]),
        text_box_style=TextBoxStyle(font=_stamp_font_factory(7), font_size=7, leading=8,
                                    box_layout_rule=SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MIN,
                                                                        y_align=AxisAlignment.ALIGN_MIN)),
        # On the line from its left end, as a hand signature would be; shrunk only when
        # a long name does not fit.
        inner_content_layout=SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MIN,
                                                 y_align=AxisAlignment.ALIGN_MID, margins=Margins(left=2)),
        border_width=0, background=None, timestamp_format="%Y-%m-%d %H:%M:%S %z")
    # pyHanko lays out in whole points.
    box = (round(place.x), round(place.y) + 1, round(place.x + place.width), round(place.y + FIELD_HEIGHT))
    moment = signing_moment(signing_time)
    with _signer(key) as signer:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        # The document's ModDate (information and XMP alike) is the signing time too.
        writer.document_meta.last_modified = moment
        fields.append_signature_field(writer, fields.SigFieldSpec(field, on_page=place.page, box=box))
        meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES,
                                            md_algorithm="sha256", reason=reason)
        stamper = timestamps.HTTPTimeStamper(timestamp_url) if timestamp_url else None
        try:
            out = _clocked_signer(moment)(meta, signer=signer, timestamper=stamper,
                                          stamp_style=style).sign_pdf(writer)
        except Exception as exc:  # a token, a time-stamp server: the message says which
            log.exception("Signeringen misslyckades")
            where = f" (tidsstämpelservern {timestamp_url})" if timestamp_url else ""
            raise SigneringsFel(f"Signeringen misslyckades{where}: {type(exc).__name__} {exc}") from exc
    signed = out.getvalue()
    if not signed.startswith(data):  # pyHanko appends; anything else would alter the record
        raise SigneringsFel("Signeringen ändrade dokumentets tidigare innehåll; inget sparades.")
    return signed


@dataclass(frozen=True)
class SignatureReport:
    """One signature of a file, as checked: ``intact`` (the signed bytes are unchanged
    and the cryptography holds), ``trusted`` (its certificate chains to a configured
    trust root), ``covers_document`` (nothing but later signatures came after it),
    ``changes`` (what came after it, in Swedish; "" when nothing or signatures only)."""

    field: str
    signer: str
    certificate: str
    time: datetime | None
    timestamped: bool
    intact: bool
    trusted: bool
    covers_document: bool
    changes: str
    revision_end: int

    @property
    def time_text(self) -> str:
        return self.time.strftime("%Y-%m-%d %H:%M:%S %z") if self.time else "okänd tid"

    def line(self) -> str:
        state = "intakt" if self.intact else "BRUTEN (innehållet har ändrats efter signeringen)"
        trust = ("betrodd" if self.trusted
                 else "inte betrodd (certifikatet leder inte till en betrodd utfärdare)")
        text = f"{self.signer}, {self.time_text}: {state}, {trust}; certifikat: {self.certificate}"
        if self.changes:
            text += f"; {self.changes}"
        return text


def _trust_context(trust_roots: list):
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(trust_roots=trust_roots, allow_fetching=False)


def load_trust_roots(where: Path | None) -> list:
    """The CA certificates in a file (PEM or DER, several PEM blocks allowed) or every
    .pem/.crt/.cer/.der file of a folder; [] when nothing is configured."""
    from asn1crypto import pem, x509  # type: ignore[import-untyped]

    if where is None or not str(where):
        return []
    files = sorted(p for p in where.iterdir() if p.suffix.lower() in (".pem", ".crt", ".cer", ".der")) \
        if where.is_dir() else [where]
    roots = []
    for path in files:
        raw = path.read_bytes()
        if pem.detect(raw):
            roots += [x509.Certificate.load(der) for _name, _headers, der in pem.unarmor(raw, multiple=True)]
        else:
            roots.append(x509.Certificate.load(raw))
    return roots


def signatures(data: bytes, trust_roots: list) -> list[SignatureReport]:
    """Every signature of ``data``, oldest first; [] for an unsigned or unreadable file."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:  # a damaged file has no signatures to report; the log says why
        log.exception("Signaturerna kunde inte läsas")
        return []
    reports = []
    for sig in embedded:
        try:
            status = validate_pdf_signature(sig, _trust_context(trust_roots))
        except (SignatureValidationError, ValueError) as exc:
            log.warning("Signaturen %s kunde inte kontrolleras: %s", sig.field_name, exc)
            reports.append(SignatureReport(sig.field_name, "okänd", "", None, False, False, False, False,
                                           "signaturen kunde inte kontrolleras", 0))
            continue
        level = status.modification_level
        after_only_signatures = level is not None and level <= ModificationLevel.FORM_FILLING
        changes = "" if status.docmdp_ok is not False and after_only_signatures else (
            "dokumentet har ändrats på annat sätt än med signaturer efter denna signatur")
        cert = status.signing_cert
        reports.append(SignatureReport(
            field=sig.field_name, signer=_cn(cert), certificate=cert.subject.human_friendly,
            time=(status.timestamp_validity.timestamp if status.timestamp_validity
                  else status.signer_reported_dt),
            timestamped=status.timestamp_validity is not None,
            intact=bool(status.intact and status.valid), trusted=bool(status.trusted),
            covers_document=not changes, changes=changes,
            revision_end=sig.byte_range[2] + sig.byte_range[3]))
    return reports


def _u(value) -> object:
    """Comparable form of a PDF value (pikepdf gives numbers and booleans as Python's)."""
    return value.unparse() if isinstance(value, pikepdf.Object) else repr(value)


def _same(old: pikepdf.Object, new: pikepdf.Object) -> bool:
    if isinstance(old, pikepdf.Stream):
        return (isinstance(new, pikepdf.Stream) and old.read_raw_bytes() == new.read_raw_bytes()
                and _same_dict(old.stream_dict, new.stream_dict, ()))
    return _u(old) == _u(new)


def _same_dict(old: pikepdf.Object, new: pikepdf.Object, free: tuple[str, ...]) -> bool:
    keys = (set(old.keys()) | set(new.keys())) - set(free)
    return all(k in old and k in new and _u(old[k]) == _u(new[k]) for k in keys)


def _annots_kept(old: pikepdf.Object, new: pikepdf.Object) -> bool:
    before = [_u(a) for a in old.get("/Annots", [])]
    after = [_u(a) for a in new.get("/Annots", [])]
    return after[:len(before)] == before


def _changed_before_signing(original: bytes, signed_revision: bytes) -> list[str]:
    """The objects of ``original`` that ``signed_revision`` changed beyond what adding
    signature fields takes (the catalog's form, extensions and PDF version, the pages' /Annots) and
    what signing software updates (the document information and XMP metadata: the
    producer and the time modified)."""
    changed = []
    with pikepdf.open(io.BytesIO(original)) as old, pikepdf.open(io.BytesIO(signed_revision)) as new:
        catalog = old.Root.objgen
        pages = {page.obj.objgen for page in old.pages}
        metadata = {x.objgen for x in (old.Root.get("/Metadata"), old.trailer.get("/Info"))
                    if x is not None and x.is_indirect}
        for obj in old.objects:
            if obj is None or not obj.is_indirect or obj.objgen in metadata:
                continue
            try:
                counterpart = new.get_object(obj.objgen)
            except (pikepdf.PdfError, ValueError):
                changed.append(f"objekt {obj.objgen[0]} saknas")
                continue
            if obj.objgen == catalog:
                ok = _same_dict(obj, counterpart, ("/AcroForm", "/Extensions", "/Perms", "/Version"))
            elif obj.objgen in pages:
                ok = _same_dict(obj, counterpart, ("/Annots",)) and _annots_kept(obj, counterpart)
            else:
                ok = _same(obj, counterpart)
            if not ok:
                changed.append(f"objekt {obj.objgen[0]}")
    return changed


def only_signatures_added(original: bytes, data: bytes, trust_roots: list | None = None, *,
                          what: str = "det sparade protokollets") -> str:
    """"" when ``data`` is ``original`` followed only by incremental updates that add
    and fill signature fields; otherwise why not, in Swedish (``what``: the document,
    as a genitive)."""
    if not data.startswith(original):
        return (f"filen börjar inte med {what} byte: den har sparats om eller ändrats "
                "innan den signerades")
    found = [r for r in signatures(data, trust_roots or []) if r.revision_end > len(original)]
    if not found:
        return f"filen har inga signaturer efter {what.removesuffix('s')}"
    first = min(found, key=lambda r: r.revision_end)
    changed = _changed_before_signing(original, data[:first.revision_end])
    if changed:
        log.warning("Ändrat före signeringen: %s", ", ".join(changed))
        return ("innehållet ändrades innan den första signaturen sattes (" + ", ".join(changed[:5])
                + (" …" if len(changed) > 5 else "") + ")")
    if not first.covers_document:
        return "efter signaturerna har annat än signaturer lagts till (innehållet har ändrats)"
    broken = [r.signer for r in found if not r.intact]
    if broken:
        return f"signaturen av {', '.join(broken)} är bruten"
    return ""
