"""The arbetsutskott's förslag carried to the nämnd (docs/domain/au-till-namnd.md).

An ärende the AU prepares is copied to the nämnd's agenda
(:meth:`app.meetings.arenden.ArendeService.copy_to`, ``kopierad_fran``). Until the AU's
paragraph is justerat the nämnd's handlingar print the förvaltning's förslag under its
own heading; from the justering on, the nämnd ärende carries the AU's beslut as
"Arbetsutskottets förslag till beslut" and the AU's protokollsutdrag as its first
bilaga, so that it is in the beslutsunderlag and in the printed handlingar.

The utdrag itself is made by the protokoll when it justerar the AU's paragraph
(:mod:`app.protokoll.au_utdrag`) and kept in ``au_utdrag`` (migration 13); this module
only reads it, so the meetings feature does not depend on the protokoll's code.

* ``utdrag_of(db, au_arende_id) -> AuUtdrag | None``
* ``carry(db, arende_id) -> bool``: bring the nämnd ärende up to date with its AU
  paragraph (inside the caller's transaction); False when there is nothing to carry
  or the nämnd's own protokoll is justerat (then nothing public is changed).
* ``carry_to_copies(db, au_arende_id) -> list[int]``: the same for every copy.
* ``problems(db, meeting_id) -> list[Problem]``: for the pre-print check: AU förslag
  not yet justerat, a carried förslag or utdrag changed or removed since, and a
  rättelse of the AU's paragraph made after the utdrag.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app import clock, richtext
from app.meetings.bilagor import BilagaService, inspect_pdf
from app.problems import Problem
from app.public_records import LOCKED_STATUSES
from app.records import inserted_id


@dataclass(frozen=True)
class AuUtdrag:
    id: int
    arende_id: int  # the AU's ärende
    paragraf: str  # "§ 17"
    beslut: str  # NK-HTML, as justerat
    titel: str
    filnamn: str
    sha256: str
    registrerad: str


def utdrag_of(db: Database, au_arende_id: int) -> AuUtdrag | None:
    row = db.execute("SELECT id, arende_id, paragraf, beslut, titel, filnamn, sha256, registrerad "
                     "FROM au_utdrag WHERE arende_id = ?", [au_arende_id]).fetchone()
    return AuUtdrag(*row) if row else None


def _source(db: Database, arende_id: int) -> tuple[int | None, str, str]:
    """(the AU ärende it was copied from or None, the nämnd meeting's status, the
    target organ's type)."""
    row = db.execute(
        "SELECT a.kopierad_fran, s.status, o.typ, so.typ FROM arende a "
        "JOIN sammantrade s ON s.id = a.sammantrade_id JOIN organ o ON o.id = s.organ_id "
        "LEFT JOIN arende src ON src.id = a.kopierad_fran "
        "LEFT JOIN sammantrade ss ON ss.id = src.sammantrade_id LEFT JOIN organ so ON so.id = ss.organ_id "
        "WHERE a.id = ?", [arende_id]).fetchone()
    if row is None or row[0] is None or row[3] != "arbetsutskott" or row[2] == "arbetsutskott":
        return None, row[1] if row else "", row[2] if row else ""
    return row[0], row[1], row[2]


def _has_file(db: Database, arende_id: int, sha256: str) -> bool:
    return db.execute("SELECT 1 FROM bilaga b JOIN bilagefil f ON f.id = b.fil_id "
                      "WHERE b.arende_id = ? AND f.sha256 = ?", [arende_id, sha256]).fetchone() is not None


def carry(db: Database, arende_id: int) -> bool:
    """See the module docstring. Runs inside the caller's transaction (or its own)."""
    au_arende_id, status, _typ = _source(db, arende_id)
    if au_arende_id is None or status in LOCKED_STATUSES:
        return False
    utdrag = utdrag_of(db, au_arende_id)
    if utdrag is None:
        return False
    with db.atomic():
        db.execute("UPDATE arende SET forslag_kalla = 'arbetsutskott', forslag_till_beslut = ? WHERE id = ?",
                   [utdrag.beslut, arende_id])
        if not _has_file(db, arende_id, utdrag.sha256):
            data = bytes(db.execute("SELECT pdf FROM au_utdrag WHERE id = ?", [utdrag.id]).fetchone()[0])
            info = inspect_pdf(data, utdrag.filnamn)
            # First among the bilagor: the nämnd reads the AU's utdrag before the
            # förvaltning's documents, as in the handlingar of docs/domain/au-till-namnd.md.
            db.execute("UPDATE bilaga SET position = position + 1 WHERE arende_id = ?", [arende_id])
            inserted_id(db.table("bilaga"), {
                "arende_id": arende_id, "position": 1, "titel": utdrag.titel, "datum": None,
                "filnamn": utdrag.filnamn, "sidor": info.sidor,
                "fil_id": BilagaService(db)._store_file(data), "pdfa_niva": info.pdfa_niva,
                "pdfa_ok": int(info.pdfa_ok), "pdfa_problem": info.pdfa_problem, "tillagd": clock.now_iso()})
    return True


def carry_to_copies(db: Database, au_arende_id: int) -> list[int]:
    """Carry the AU's justerat beslut to every nämnd ärende copied from ``au_arende_id``;
    returns the ids of those brought up to date."""
    copies = [r[0] for r in db.execute("SELECT id FROM arende WHERE kopierad_fran = ?", [au_arende_id])]
    return [a for a in copies if carry(db, a)]


def problems(db: Database, meeting_id: int) -> list[Problem]:
    found: list[Problem] = []
    rows = db.execute(
        "SELECT a.id, a.position, a.rubrik, a.forslag_kalla, a.forslag_till_beslut, src.id, ss.datum "
        "FROM arende a JOIN arende src ON src.id = a.kopierad_fran "
        "JOIN sammantrade ss ON ss.id = src.sammantrade_id JOIN organ so ON so.id = ss.organ_id "
        "JOIN sammantrade s ON s.id = a.sammantrade_id JOIN organ o ON o.id = s.organ_id "
        "WHERE a.sammantrade_id = ? AND so.typ = 'arbetsutskott' AND o.typ != 'arbetsutskott' "
        "ORDER BY a.position", [meeting_id]).fetchall()
    for arende_id, nummer, rubrik, kalla, forslag, au_id, au_datum in rows:
        label = f"Ärende {nummer} ”{rubrik}”"
        utdrag = utdrag_of(db, au_id)
        if utdrag is None:
            found.append(Problem("varning", f"{label}: arbetsutskottets beslut från {au_datum} är inte "
                                 "justerat än, så handlingarna visar förvaltningens förslag till beslut "
                                 "och inget protokollsutdrag.", arende_id))
            continue
        where = f"arbetsutskottets {utdrag.paragraf} {au_datum}"
        same = richtext.to_plain_text(forslag) == richtext.to_plain_text(utdrag.beslut)
        if kalla != "arbetsutskott" or not same:
            found.append(Problem("varning", f"{label}: förslaget till beslut är inte {where} som justerat; "
                                 "kontrollera att ändringen är avsiktlig.", arende_id))
        if not _has_file(db, arende_id, utdrag.sha256):
            found.append(Problem("fel", f"{label}: protokollsutdraget ur {where} finns inte bland "
                                 "bilagorna.", arende_id))
        # A rättelse needs the justering, so every one of the AU's § came after its utdrag.
        for datum, text in db.execute(
                "SELECT datum, text FROM rattelse WHERE arende_id = ? ORDER BY datum, id", [au_id]):
            found.append(Problem("varning", f"{label}: {where} rättades {datum}, efter att utdraget "
                                 f"gjordes: ”{text}”. Kontrollera förslaget och ta med rättelsen i "
                                 "handlingarna.", arende_id))
    return found
