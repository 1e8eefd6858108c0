"""Stored documents anyone can check (docs/domain/justering.md, "Checking a stored
document").

The program stores the public documents it produced, each with the SHA-256 of its
bytes: the justerat protokoll and paragraphs justerade omedelbart (table ``justering``),
the protokollsutdrag sent (``utskick``), every sent version of a kallelse with its
handlingar (``kallelse_utskick``, when the database has it) and an adopted report's PDF
(``rapport_pdf``, which belongs to a meeting only through the § that adopted it), the anslag as it
went up and its signed versions (``dokument_version``) and a new anslag put up after the wet-ink
justering of §§ under sekretess (``nytt_anslag``). The anslag prints the
protokoll's SHA-256, so a copy published on the web can be checked with any sha256
tool; this module answers the same question inside the program:

* :func:`identify`: is a file byte-identical to a stored document, and which
  (meeting, kind, stored when)? ``namndkansli verifiera FIL.pdf`` and "Verifiera PDF…"
  in the Arkiv menu.
* :func:`altered`: the stored documents whose bytes no longer match their recorded
  SHA-256 (``namndkansli check``).
* :func:`missing_triggers`: the protecting triggers (:data:`REQUIRED_TRIGGERS`) a
  database at a schema version must have but lacks (``namndkansli check``).

The functions take a plain ``sqlite3.Connection`` (``check`` reads the file with a
read-only one); the UI reaches them through :class:`VerificationService`
(``session.verification``).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.changes import AnnouncingService

if TYPE_CHECKING:
    from sqlite_utils import Database


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class StoredDocument:
    """One stored PDF: what it is (``kind``, in Swedish), the meeting it belongs to
    (None: none kept in the program), when it was stored (ISO, from the program clock)
    and its recorded SHA-256."""

    kind: str
    meeting_id: int | None
    organ: str
    meeting_date: str
    stored_at: str
    sha256: str
    table: str
    row_id: int

    @property
    def meeting(self) -> str:
        if self.meeting_id is None:
            return ""
        return f"{self.organ or 'okänt organ'}, sammanträdet {self.meeting_date or '(okänt datum)'}"

    @property
    def what(self) -> str:
        """The kind and, when it belongs to one, the meeting."""
        return f"{self.kind} – {self.meeting}" if self.meeting else self.kind

    @property
    def stored_text(self) -> str:
        """"2026-11-16 kl. 10:05"."""
        at = self.stored_at
        return f"{at[:10]} kl. {at[11:16]}" if len(at) >= 16 and at[10] in "T " else at

    @property
    def description(self) -> str:
        return f"{self.what}; sparat {self.stored_text}"


@dataclass(frozen=True)
class _Source:
    """Where one kind of stored PDF lives: its table, the columns of the bytes, the
    recorded SHA-256 and the time stored, the extra columns ``kind`` reads (a column of
    the table, or ``alias.column`` of a table in ``joins``), and ``kind(row)`` naming
    the document in Swedish; ``key`` is the table's primary key and ``meeting`` the SQL
    giving the meeting the document belongs to."""

    table: str
    pdf: str
    digest: str
    stored: str
    details: tuple[str, ...]
    kind: Callable[[dict], str]
    key: str = "id"
    meeting: str = "t.sammantrade_id"
    joins: str = ""

    def columns(self) -> set[str]:
        """The columns of its own table the source reads."""
        own = {c for c in self.details if "." not in c}
        meeting = {"sammantrade_id"} if self.meeting == "t.sammantrade_id" else set()
        return {self.pdf, self.digest, self.stored, self.key, *own, *meeting}


def _justering_kind(row: dict) -> str:
    if row["slag"] == "omedelbar":
        return f"Omedelbart justerade paragrafer (justerade {row['datum']})"
    return f"Justerat protokoll (justerat {row['datum']})"


def _utskick_kind(row: dict) -> str:
    return f"Protokollsutdrag till {row['mottagare']} ({row['paragrafer']}), bestyrkt {row['datum']}"


def _kallelse_kind(row: dict) -> str:
    name = "Reviderad kallelse" if row["slag"] == "reviderad" else "Kallelse"
    return f"{name}, version {row['version']}"


def _handlingar_kind(row: dict) -> str:
    name = "Tilläggshandlingar" if row["slag"] == "reviderad" else "Handlingar"
    return f"{name} till kallelsen, version {row['version']}"


def _signed_how(row: dict) -> str:
    return "importerad från signeringstjänst" if row["kalla"] == "importerad" else "signerad i programmet"


def _signed_kind(row: dict) -> str:
    return f"Digitalt signerat protokoll, version {row['version']} ({_signed_how(row)})"


def _public_kind(row: dict) -> str:
    return "Offentlig version av justerat protokoll (sekretessparagraferna justeras på papper)"


def _signed_document_kind(row: dict) -> str:
    what = "Protokollsutdrag" if row["dokument"] == "utdrag" else "Anslag"
    if row["kalla"] == "original":
        # An anslag is kept when it goes up (or, before that, to be signed).
        uppsatt = row.get("anslag_uppsatt")
        return f"{what}, uppsatt {uppsatt}" if uppsatt else f"{what}, sparat för signering"
    return f"Digitalt signerat {what.lower()}, version {row['version']} ({_signed_how(row)})"


def _nytt_anslag_kind(row: dict) -> str:
    return "Nytt anslag efter pappersjusteringen av sekretessparagraferna (ersätter det sparade anslaget)"


def _rapport_kind(row: dict) -> str:
    when = "vid antagandet" if row["tillfalle"] == "antagande" else "vid första utskriften efter antagandet"
    return (f"{row['titel']}, {row['namn']}, antagen {row['antagen_datum']} {row['antagen_paragraf']} "
            f"(sparad {when})")


#: The meeting of the § that adopted the report, when that protokoll is kept in the program.
_RAPPORT_MEETING = "(SELECT a.sammantrade_id FROM arende a WHERE a.id = r.antagen_paragraf_id)"

SOURCES = (
    _Source("justering", "pdf", "sha256", "registrerad", ("slag", "datum"), _justering_kind),
    _Source("justering_version", "pdf", "sha256", "registrerad", ("version", "kalla"), _signed_kind),
    _Source("justering_offentlig", "pdf", "sha256", "registrerad", ("arende_ids",), _public_kind),
    _Source("dokument_version", "pdf", "sha256", "registrerad", ("dokument", "version", "kalla",
                                                                 "j.anslag_uppsatt"),
            _signed_document_kind, joins="LEFT JOIN justering j ON j.id = t.justering_id"),
    _Source("nytt_anslag", "pdf", "sha256", "registrerad", ("justering_id",), _nytt_anslag_kind),
    _Source("utskick", "pdf", "sha256", "skapad", ("mottagare", "paragrafer", "datum"), _utskick_kind),
    _Source("kallelse_utskick", "kallelse_pdf", "kallelse_sha256", "skickad", ("version", "slag"),
            _kallelse_kind),
    _Source("kallelse_utskick", "handlingar_pdf", "handlingar_sha256", "skickad", ("version", "slag"),
            _handlingar_kind),
    _Source("rapport_pdf", "pdf", "sha256", "skapad",
            ("tillfalle", "r.titel", "n.namn", "r.antagen_datum", "r.antagen_paragraf"), _rapport_kind,
            key="rapport_id", meeting=_RAPPORT_MEETING,
            joins="JOIN rapport r ON r.id = t.rapport_id JOIN namnd n ON n.id = r.namnd_id"),
)


def _present(conn: sqlite3.Connection) -> list[_Source]:
    """The sources this database has (an older schema lacks the later tables)."""
    found = []
    for source in SOURCES:
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info({source.table})")}
        if source.columns() <= columns:
            found.append(source)
    return found


def _documents(conn: sqlite3.Connection, source: _Source, where: str = "",
               args: tuple = ()) -> list[StoredDocument]:
    details = ", ".join(c if "." in c else f"t.{c}" for c in source.details)
    names = [c.rsplit(".", 1)[-1] for c in source.details]
    cursor = conn.execute(
        f"SELECT t.{source.key}, m.id, o.namn, m.datum, t.{source.stored}, t.{source.digest}, {details} "
        f"FROM {source.table} t {source.joins} LEFT JOIN sammantrade m ON m.id = {source.meeting} "
        f"LEFT JOIN organ o ON o.id = m.organ_id {where} ORDER BY m.datum, t.{source.key}", args)
    out = []
    for values in cursor.fetchall():
        row = dict(zip(("id", "sammantrade_id", "organ", "datum_mote", "stored", "digest", *names),
                       values, strict=True))
        out.append(StoredDocument(source.kind(row), row["sammantrade_id"], row["organ"] or "",
                                  row["datum_mote"] or "", row["stored"] or "", row["digest"],
                                  source.table, row["id"]))
    return out


def stored_documents(conn: sqlite3.Connection) -> list[StoredDocument]:
    return [doc for source in _present(conn) for doc in _documents(conn, source)]


@dataclass(frozen=True)
class Match:
    """A stored document the file is identical to; ``intact`` is False when the
    database's own copy no longer matches the recorded SHA-256 (the file is then the
    original and the stored copy was altered)."""

    document: StoredDocument
    intact: bool


@dataclass(frozen=True)
class Identification:
    sha256: str
    matches: tuple[Match, ...]

    @property
    def identical(self) -> bool:
        return bool(self.matches)

    def lines(self, name: str) -> list[str]:
        """What the check found about the file ``name``, in Swedish, for the command
        line and the window alike."""
        if not self.matches:
            return [
                f"{name} är INTE identisk med något dokument som är sparat i databasen.",
                f"Filens SHA-256: {self.sha256}",
                "Antingen har filen ändrats (en enda ändrad byte räcker), eller så är den en utskrift "
                "som inte sparas, till exempel ett protokoll med rättelser, som görs på nytt varje gång. "
                "Det som sparas är det justerade protokollet (”Spara original”), de skickade "
                "protokollsutdragen, de skickade kallelserna med handlingar, anslagen som har satts upp och "
                "de antagna rapporterna.",
            ]
        lines = [f"{name} är identisk, byte för byte, med "
                 + ("ett dokument" if len(self.matches) == 1 else "dokument") + " som är sparat i databasen:"]
        lines += [f"• {m.document.description}" for m in self.matches]
        lines.append(f"SHA-256: {self.sha256}")
        if not all(m.intact for m in self.matches):
            lines.append("Observera: databasens egen kopia av dokumentet stämmer inte längre med sin "
                         "kontrollsumma; den har ändrats efter att den sparades. Filen du kontrollerar är "
                         "originalet. Återställ en säkerhetskopia av databasen.")
        return lines


def identify(conn: sqlite3.Connection, data: bytes) -> Identification:
    """Is ``data`` byte-identical to a stored document (by its recorded SHA-256)?"""
    digest = sha256(data)
    matches = []
    for source in _present(conn):
        for doc in _documents(conn, source, f"WHERE t.{source.digest} = ?", (digest,)):
            stored = conn.execute(f"SELECT {source.pdf} FROM {source.table} WHERE {source.key} = ?",
                                  [doc.row_id]).fetchone()[0]
            matches.append(Match(doc, bytes(stored) == data))
    return Identification(digest, tuple(matches))


@dataclass(frozen=True)
class Altered:
    """A stored document whose bytes no longer have its recorded SHA-256."""

    document: StoredDocument
    actual_sha256: str

    @property
    def line(self) -> str:
        return (f"Ändrat efter att det sparades: {self.document.what} "
                f"(sparad kontrollsumma {self.document.sha256[:16]}…, innehållet har "
                f"{self.actual_sha256[:16]}…).")


def altered(conn: sqlite3.Connection) -> list[Altered]:
    """Every stored document whose bytes differ from its recorded SHA-256. The PDFs
    are read one at a time."""
    found = []
    for source in _present(conn):
        by_id = {doc.row_id: doc for doc in _documents(conn, source)}
        for row_id in by_id:
            sql = f"SELECT {source.pdf} FROM {source.table} WHERE {source.key} = ?"
            (data,) = conn.execute(sql, [row_id]).fetchone()
            actual = sha256(bytes(data or b""))
            if actual != by_id[row_id].sha256:
                found.append(Altered(by_id[row_id], actual))
    return found


# -- signatures --------------------------------------------------------------------------
@dataclass(frozen=True)
class SignatureCheck:
    """The signatures of a file (:func:`app.pdf.pades.signatures`) and what precedes
    the last one: ``stored_before_last`` is the stored document the bytes up to the last
    signature are identical to (None: none), ``appended`` the bytes after it."""

    reports: tuple
    stored_before_last: StoredDocument | None
    appended: int

    @property
    def ok(self) -> bool:
        return (bool(self.reports) and all(r.intact and r.covers_document for r in self.reports)
                and self.appended == 0)

    def lines(self) -> list[str]:
        if not self.reports:
            return ["Filen har inga digitala signaturer."]
        out = [f"Digitala signaturer ({len(self.reports)}):"]
        out += [f"• {r.line()}" for r in self.reports]
        if self.stored_before_last is not None:
            out.append("Dokumentet fram till den sista signaturen är det sparade: "
                       f"{self.stored_before_last.description}.")
        else:
            out.append("Dokumentet fram till den sista signaturen är INTE något dokument som är sparat i "
                       "databasen.")
        if self.appended:
            out.append(f"Efter den sista signaturen har filen {self.appended} byte som ingen signatur "
                       "omfattar: den har ändrats efter signeringen.")
        return out


def check_signatures(conn: sqlite3.Connection, data: bytes, trust_roots: list) -> SignatureCheck:
    """Each signature of ``data`` against ``trust_roots``, and whether the bytes up to
    the last signature are a stored document."""
    from app.pdf import pades

    reports = tuple(pades.signatures(data, trust_roots))
    if not reports:
        return SignatureCheck((), None, 0)
    end = max(r.revision_end for r in reports)
    head = identify(conn, data[:end])
    # A signed file ends with its last revision's %%EOF and at most a line break.
    tail = data[end:]
    appended = len(tail) if tail.strip(b"\r\n") else 0
    return SignatureCheck(reports, head.matches[0].document if head.matches else None, appended)


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone() \
        is not None


def _signed_chains(conn: sqlite3.Connection):
    """(what, version, bytes, the bytes it must begin with when it is its chain's first)
    of every stored signed version, each chain oldest first."""
    if _has_table(conn, "justering_version"):
        public = "(SELECT o.pdf FROM justering_offentlig o WHERE o.justering_id = j.id)" \
            if _has_table(conn, "justering_offentlig") else "NULL"
        rows = conn.execute(f"SELECT v.justering_id, v.version, v.pdf, COALESCE({public}, j.pdf) "
                            "FROM justering_version v JOIN justering j ON j.id = v.justering_id "
                            "ORDER BY v.justering_id, v.version")
        for justering_id, version, pdf, base in rows.fetchall():
            yield f"justering {justering_id}", version, bytes(pdf), bytes(base)
    if _has_table(conn, "dokument_version"):
        rows = conn.execute("SELECT d.dokument, COALESCE(d.utskick_id, d.justering_id), d.version, d.pdf, "
                            "u.pdf FROM dokument_version d LEFT JOIN utskick u ON u.id = d.utskick_id "
                            "ORDER BY d.dokument, COALESCE(d.utskick_id, d.justering_id), d.version")
        for dokument, owner, version, pdf, sent in rows.fetchall():
            what = f"utdrag (utskick {owner})" if dokument == "utdrag" else f"anslaget till justering {owner}"
            yield what, version, bytes(pdf), bytes(sent) if sent is not None else b""


def stored_signature_problems(conn: sqlite3.Connection, trust_roots: list) -> tuple[int, list[str]]:
    """Every stored signed version checked: it begins with the version before (the
    document signed first: the original, a protokoll's public version, an utdrag as sent,
    an anslag as kept) and its signatures are intact. (number of versions, problems in
    Swedish)."""
    from app.pdf import pades

    problems = []
    previous: dict[str, bytes] = {}
    count = 0
    for what, version, data, base in _signed_chains(conn):
        if version == 0:  # an anslag as kept for signing: the base of its chain
            previous[what] = data
            continue
        count += 1
        if not data.startswith(previous.get(what, base)):
            problems.append(f"Signerad version {version} av {what} börjar inte med versionen före; den har "
                            "ändrats efter att den sparades.")
        broken = [r.signer for r in pades.signatures(data, trust_roots) if not r.intact]
        if broken:
            problems.append(f"Signerad version {version} av {what}: signaturen av {', '.join(broken)} "
                            "är bruten.")
        previous[what] = data
    return count, problems


# -- the protecting triggers ------------------------------------------------------------
_LOCKED = ("las_insert", "las_update", "las_delete")
_ADOPTED = ("antagen_insert", "antagen_update", "antagen_delete")


def _each(tables: tuple[str, ...], suffixes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{table}_{suffix}" for table in tables for suffix in suffixes)


#: The triggers that keep public records (justerade protokoll, sent kallelser and
#: utdrag, adopted plans and reports, reported register entries) from being changed or deleted, by
#: the schema version that installs them. Written out here rather than read from the
#: migrations, so that a trigger a migration forgot, or that was dropped from a file,
#: is noticed. Each migration's docstring and docs/domain/justering.md say what they refuse.
REQUIRED_TRIGGERS: dict[int, tuple[str, ...]] = {
    8: ("justering_oforanderlig", "justering_kvar", "rattelse_oforanderlig", "rattelse_kvar",
        "sammantrade_justerat", "arende_las_paragraf", "arende_las_paragraf_delete",
        "paragraf_las_omedelbar", "paragraf_las_omedelbar_delete",
        *_each(("arende", "protokoll", "narvaro", "tjanstgoring", "justerare", "paragraf", "anforande",
                "votering", "jav", "rost"), _LOCKED)),
    9: (*_each(("sammantrade", "organ", "namnd", "person", "forvaltning", "delegationskategori",
                "delegationspunkt"), ("offentlig_delete",)),
        *_each(("undertecknare", "bilaga", "delegationsbeslut", "meddelande", "ej_verkstallt_anmalan"),
               _LOCKED),
        "bilagefil_las_update", "ej_verkstallt_beslut_las_update", "ej_verkstallt_beslut_las_delete"),
    10: ("kallelse_utskick_oforanderlig", "kallelse_utskick_kvar"),
    11: ("verksamhetsplan_antagen_update", "verksamhetsplan_antagen_delete",
         *_each(("plan_avsnitt", "malomrade", "kf_mal", "namndmal", "matt", "malvarde", "plan_fotnot",
                 "plan_nyckeltal", "plan_forandring", "plan_aktivitet", "sarskilt_uppdrag", "plan_risk"),
                _ADOPTED)),
    12: ("utskick_oforanderlig", "utskick_kvar"),
    17: ("rapport_antagen_update", "rapport_antagen_delete",
         *_each(("rapport_kapitel",), _ADOPTED)),
    19: ("justering_version_oforanderlig", "justering_version_kvar", "justering_signatur_oforanderlig",
         "justering_signatur_kvar"),
    20: ("paragraf_sekretess_las_meeting", "paragraf_sekretess_las_omedelbar", "arende_sekretess_las"),
    22: ("forvaltning_rapport_delete", *_each(("rapport_kapitel_forvaltning",), _ADOPTED)),
    23: ("justering_offentlig_oforanderlig", "justering_offentlig_kvar", "dokument_version_oforanderlig",
         "dokument_version_kvar", "dokument_signatur_oforanderlig", "dokument_signatur_kvar"),
    # m0024 makes verksamhetsplan_antagen_update again (listed under 11) to guard the layout.
    24: _each(("plan_nyckeltal_status",), _ADOPTED),
    25: ("rapport_pdf_antagen_insert", "rapport_pdf_oforanderlig", "rapport_pdf_kvar"),
    26: ("nytt_anslag_ersatter", "nytt_anslag_oforanderlig", "nytt_anslag_kvar"),
}


def required_triggers(schema_version: int) -> list[str]:
    return [name for version, names in sorted(REQUIRED_TRIGGERS.items()) if version <= schema_version
            for name in names]


def missing_triggers(conn: sqlite3.Connection, schema_version: int) -> list[str]:
    """The protecting triggers a database at ``schema_version`` must have but lacks."""
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return [name for name in required_triggers(schema_version) if name not in present]


class VerificationService(AnnouncingService, kinds=("protokoll",)):
    """The checks for the window (``session.verification``); it only reads, so it never
    announces (every service names kinds, docs/ARCHITECTURE.md "Jobs and changes")."""

    def __init__(self, db: Database):
        self.db = db

    def identify(self, data: bytes) -> Identification:
        return identify(self.db.conn, data)

    def identify_file(self, path: Path) -> Identification:
        """:func:`identify` on the file at ``path`` (OSError when it cannot be read)."""
        return identify(self.db.conn, Path(path).read_bytes())

    def altered(self) -> list[Altered]:
        return altered(self.db.conn)

    def stored_documents(self) -> list[StoredDocument]:
        return stored_documents(self.db.conn)
