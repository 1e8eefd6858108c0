"""Excel import of the registers and the delegationsordning, on the shared
infrastructure in :mod:`app.excel_import`.

Each target maps headings seen in real exports to fields, checks a row with the same
service rules as the forms (personnummer refused, dates in order, the delegation point
in the version in force), and stores everything in the import's one transaction.
"""

from __future__ import annotations

import copy
import functools
import inspect
import re
from collections.abc import Hashable
from datetime import date
from typing import Any, cast

from sqlite_utils import Database

from app import printable
from app.excel_import import FieldSpec, ImportTarget
from app.records import id_of, iso
from app.registers.common import find_personnummer, justerat_entries, personnummer_message
from app.registers.delegation import (
    FORMER,
    Delegationsbeslut,
    DelegationService,
    Delegationsordning,
    Delegationspunkt,
    Kategori,
)
from app.registers.ej_verkstallda import ORSAKER, EjVerkstalldaService, EjVerkstalltBeslut, insats_key
from app.registers.meddelanden import Meddelande, MeddelandeService
from app.validation import Checker

#: The key under which check_row leaves the checked object for store.
_ITEM = "_objekt"
#: The key under which check_row notes that the row's file has an ”Anmäld vid” column.
_ANMALD_READ = "_anmald_last"


def _field_problems(check: Checker, rename: dict[str, str] | None = None) -> list[tuple[str | None, str]]:
    rename = rename or {}
    return [(rename.get(e.field, e.field), e.message) for e in check.errors]


def _fold(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


class _BoundTarget(ImportTarget):
    def __init__(self, namnd_id: int, db: Database | None = None):
        self.namnd_id = namnd_id
        self.db = db

    #: whether the file has an ”Anmäld vid” column (columns_read); without one the
    #: entries' links to meetings are left as they are
    anmald_read = True

    def bind(self, db: Database) -> ImportTarget:
        bound = copy.copy(self)
        bound.db = db
        bound._prepare()
        return bound

    def columns_read(self, keys: set[str]) -> None:
        self.anmald_read = ANMALD_VID.key in keys

    def _with_anmald(self, values: dict[str, Any], compared: dict[str, Any], entry) -> dict[str, Any]:
        if values.get(_ANMALD_READ):
            compared["anmald"] = entry.anmald_sammantrade_id or entry.anmald_vid
        return compared

    def _prepare(self) -> None:
        """Read what check_row needs once per parse (called after bind)."""

    def _bound_db(self) -> Database:
        """The connection :meth:`bind` gave; check_row and _prepare run only on a bound copy."""
        if self.db is None:
            raise RuntimeError(f"{type(self).__name__} används utan bind()")
        return self.db


# -- what every register's file carries -------------------------------------------------------
#: The entry's id in the database the file was exported from (write.py, ID_COLUMN): the
#: first choice for which stored entry a row is (app/excel_import/parsing.py).
ENTRY_ID = FieldSpec("id", "Id", "int", ("Post-id",))
#: The meeting the entry was reported at, as write.py labels it ("VONAU 2024-05-13",
#: "VON 2023-05-15 (justerat)").
ANMALD_VID = FieldSpec("anmald", "Anmäld vid", "text", ("Anmäld", "Anmält vid", "Anmäld vid sammanträde",
                                                          "Redovisad vid", "Anmälningssammanträde"))
_MEETING_LABEL = re.compile(r"^(?P<organ>.+?)\s+(?P<datum>\d{4}-\d{2}-\d{2})(?:\s*\(justerat\))?$",
                            re.IGNORECASE)
JUSTERAT_MARK = "(justerat)"


class AnmaldVid:
    """Reads ”Anmäld vid” back to the nämnd's meeting it names.

    A label naming no meeting of the nämnd is refused. A nämnd without any meeting in the
    database (a register moved in from an earlier system) keeps the text as it is, marked
    for review: the entry was reported there, and an export writes the same text."""

    def __init__(self, db: Database, namnd_id: int):
        from app.protokoll.hooks import is_justerat

        rows = db.execute("SELECT s.id, s.datum, o.kortnamn, o.namn FROM sammantrade s "
                          "JOIN organ o ON o.id = s.organ_id WHERE o.namnd_id = ?", [namnd_id]).fetchall()
        self.any_meeting = bool(rows)
        self.by_label: dict[tuple[str, str], set[int]] = {}
        for meeting_id, datum, kortnamn, namn in rows:
            for name in {kortnamn, namn} - {""}:
                self.by_label.setdefault((_fold(name), datum), set()).add(meeting_id)
        self._justerat = functools.partial(is_justerat, db)

    def resolve(self, text: str | None) -> tuple[int | None, str | None, str | None, str | None]:
        """(meeting id, text kept for a meeting outside the database, problem, review note)."""
        text = (text or "").strip()
        if not text:
            return None, None, None, None
        m = _MEETING_LABEL.match(text)
        found = self.by_label.get((_fold(m["organ"]), m["datum"]), set()) if m else set()
        if len(found) == 1:
            return next(iter(found)), None, None, None
        if len(found) > 1:
            return None, None, (f"”{text}” kan vara flera sammanträden samma dag; flytta posten till rätt "
                                "sammanträde i registret efter importen och lämna cellen tom"), None
        if self.any_meeting:
            what = "nämnden har inget sådant sammanträde" if m else \
                "skriv organets kortnamn och sammanträdets datum, t.ex. ”VON 2024-05-13”"
            return None, None, f"”{text}” är inget av nämndens sammanträden ({what})", None
        return None, text, None, (f"Anmäld vid ”{text}”: nämnden har inga sammanträden i programmet, så "
                                  "texten sparas som den står och posten räknas som anmäld där.")

    def refusal(self, meeting_id: int | None, before: dict[str, Any] | None) -> str | None:
        """Why a new or changed row may not be tied to the meeting: a justerat protokoll's
        list of reported entries is a public record and gets nothing added afterwards."""
        if meeting_id is None or (before is not None and before.get("anmald") == meeting_id):
            return None
        if self._justerat(meeting_id):
            return ("sammanträdets protokoll är justerat, så posten kan inte anmälas där i efterhand; "
                    "töm cellen Anmäld vid")
        return None


def text_justerat(db: Database, table: str, ids: list[int]) -> dict[int, str]:
    """{id: meeting} of entries reported at a justerat meeting outside the database."""
    found: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for entry_id, text in db.execute(
                f"SELECT id, anmald_vid FROM {table} WHERE anmald_vid LIKE ? AND id IN "
                f"({','.join('?' * len(chunk))})", [f"%{JUSTERAT_MARK}", *chunk]):
            found[entry_id] = text.removesuffix(JUSTERAT_MARK).strip()
    return found


# -- delegationsbeslut ---------------------------------------------------------------------
FORM_CHOICES = {**{k: k for k in FORMER}, **{label: k for k, label in FORMER.items()},
                "Protokoll": "protokoll", "Period": "period", "Beslut": "beslut", "Text": "text"}


class DelegationsbeslutImport(_BoundTarget):
    kind = "delegationsbeslut"
    title = "Delegationsbeslut"
    incremental = True
    fields = (
        ENTRY_ID,
        FieldSpec("datum", "Datum", "date", ("Beslutsdatum", "Beslutsdag", "Datum för beslut", "Från",
                                              "Från och med", "Fr.o.m.", "Fr o m", "Period från",
                                              "Protokollsdatum", "Sammanträdesdatum")),
        FieldSpec("datum_till", "Till", "date", ("Till datum", "Till och med", "T.o.m.", "T o m",
                                                  "Period till", "Tom")),
        FieldSpec("kategori", "Kategori", "text", ("Grupp", "Beslutsgrupp", "Typ av beslut",
                                                    "Beslutstyp", "Avsnitt"), max_length=120),
        FieldSpec("form", "Form", "choice", ("Typ av post",), choices=FORM_CHOICES),
        FieldSpec("dnr", "Dnr", "text", ("Diarienummer", "Diarienr", "Dnr.", "Ärendenummer", "Ärendenr",
                                         "Ärende-nr", "Diarie nr")),
        FieldSpec("beskrivning", "Ärende", "text", ("Rubrik", "Beskrivning", "Beslut", "Ärendemening",
                                                    "Text", "Avser", "Ärendebeskrivning", "Beslutet avser",
                                                    "Ärende/beskrivning", "Ärendetext", "Titel")),
        FieldSpec("delegat", "Delegat", "text", ("Beslutsfattare", "Beslutad av", "Fattat av",
                                                  "Beslutande", "Handläggare", "Delegat/befattning")),
        FieldSpec("punkt", "Punkt", "text", ("Delegationspunkt", "Punkt i delegationsordningen",
                                              "Delegationsnr", "Delegationsnummer", "Nr i delegationsordning",
                                              "Del.punkt", "Delegationsordning"), numbers_ok=True),
        FieldSpec("paragrafer", "Paragrafer", "text", ("Paragraf", "§", "Protokollsparagraf", "Paragrafer §"),
                  numbers_ok=True),
        FieldSpec("antal", "Antal", "int", ("Antal beslut", "St", "Stycken")),
        ANMALD_VID,
    )

    def _prepare(self) -> None:
        svc = DelegationService(self._bound_db())
        # The service method itself, without its announcing and printable-text wrappers:
        # with the lookups it only reads, and every cell's text was checked while parsing
        # (parse_cell); the wrappers' walk over each row's record was most of a row's cost.
        self._check_beslut = functools.partial(inspect.unwrap(DelegationService.check_beslut), svc)
        self._kategorier = {_fold(k.namn): k for k in svc.kategorier(self.namnd_id)}
        self._lookups = svc.lookups(self.namnd_id)
        people = self._bound_db().execute("SELECT id, fornamn, efternamn FROM person")
        self._personer = {_fold(f"{r[1]} {r[2]}"): r[0] for r in people}
        self._delegater = {_fold(r[0]) for r in self._bound_db().execute(
            "SELECT DISTINCT p.delegat FROM delegationspunkt p JOIN delegationsordning o "
            "ON o.id = p.ordning_id WHERE o.namnd_id = ?", [self.namnd_id])}
        self._anmald = AnmaldVid(self._bound_db(), self.namnd_id)

    def _form(self, v: dict[str, Any]) -> str:
        if v.get("form"):
            return v["form"]
        kategori = self._kategorier.get(_fold(v.get("kategori")))
        if v.get("datum_till"):
            return "period"
        if v.get("paragrafer"):
            return "protokoll"
        if v.get("antal") is not None and not v.get("beskrivning") and not v.get("dnr"):
            return "antal"
        if kategori is not None and kategori.standardform != "beslut":
            return kategori.standardform
        if v.get("beskrivning") and not v.get("datum") and not v.get("dnr"):
            return "text"
        return "beslut"

    def check_row(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        b = Delegationsbeslut(
            namnd_id=self.namnd_id, form=self._form(values), datum=iso(values.get("datum")),
            datum_till=iso(values.get("datum_till")), delegat=values.get("delegat") or "",
            punkt=values.get("punkt") or "", beskrivning=values.get("beskrivning") or "",
            dnr=values.get("dnr") or "", paragrafer=values.get("paragrafer") or "",
            antal=values.get("antal"))
        kategori = self._kategorier.get(_fold(values.get("kategori")))
        b.kategori_id = kategori.id if kategori else None
        b.delegat_person_id = self._personer.get(_fold(b.delegat))
        check = Checker()
        self._check_beslut(b, check, self._lookups)
        # A reference the program cannot resolve does not make the decision false: the
        # row is stored marked for review (docs/domain/registers.md, "Warnings").
        notes = [e.message for e in check.errors if e.field == "punkt"]
        check.errors = [e for e in check.errors if e.field != "punkt"]
        if b.delegat and not b.delegat_person_id and _fold(b.delegat) not in self._delegater:
            notes.append(f"Delegaten ”{b.delegat}” finns varken bland personerna eller som delegat i "
                         "delegationsordningen.")
        b.anmald_sammantrade_id, b.anmald_vid, problem, review = self._anmald.resolve(values.get("anmald"))
        values[_ANMALD_READ] = self.anmald_read
        if problem:
            check.add("anmald", problem[0].upper() + problem[1:] + ".")
        if review:
            notes.append(review)
        b.granskas = " ".join(notes) or None
        if b.delegat_person_id:
            b.delegat = ""  # the person is linked; the name is read from the register
        values[_ITEM] = b
        values["form"] = b.form
        return _field_problems(check, {"kategori_id": "kategori", "datum_till": "datum_till"})

    def review_note(self, values: dict[str, Any]) -> str | None:
        return cast(Delegationsbeslut, values[_ITEM]).granskas

    def compared(self, values: dict[str, Any]) -> dict[str, Any]:
        b: Delegationsbeslut = values[_ITEM]
        name = values.get("delegat") or ""
        return self._with_anmald(values, {"delegat": _fold(name), "punkt": b.punkt}, b)

    def refuse_stored(self, values: dict[str, Any], before: dict[str, Any] | None) -> tuple[str, str] | None:
        problem = self._anmald.refusal(cast(Delegationsbeslut, values[_ITEM]).anmald_sammantrade_id, before)
        return ("anmald", problem) if problem else None

    def locked(self, ids: list[int]) -> dict[int, str]:
        db = self._bound_db()
        final = justerat_entries(db, "delegationsbeslut", ids) | text_justerat(db, "delegationsbeslut", ids)
        return {i: f"den anmäldes vid {meeting}, vars protokoll är justerat" for i, meeting in final.items()}

    def update(self, db: Database, changed: list[tuple[int, dict[str, Any]]]) -> int:
        svc = DelegationService(db)
        stored = {b.id: b for start in range(0, len(changed), 500)
                  for b in svc.beslut([i for i, _v in changed[start:start + 500]])}
        items = []
        for beslut_id, values in changed:
            new: Delegationsbeslut = values[_ITEM]
            b = stored[beslut_id]
            b.delegat, b.delegat_person_id = new.delegat, new.delegat_person_id
            b.punkt, b.punkt_id, b.granskas = new.punkt, new.punkt_id, new.granskas
            if values.get(_ANMALD_READ):
                b.anmald_sammantrade_id, b.anmald_vid = new.anmald_sammantrade_id, new.anmald_vid
            items.append(b)
        return svc.update_many(items)

    def row_key(self, v: dict[str, Any]) -> Hashable:
        b: Delegationsbeslut = v[_ITEM]
        return (b.form, b.datum, b.datum_till, _fold(b.dnr), _fold(b.beskrivning), b.antal,
                _fold(b.paragrafer), _fold(v.get("kategori")))

    def existing_keys(self, db: Database) -> dict:
        out: dict[Hashable, list[tuple[int, dict[str, Any]]]] = {}
        for r in db.execute(
                "SELECT d.form, d.datum, d.datum_till, d.dnr, d.beskrivning, d.antal, d.paragrafer, "
                "COALESCE(k.namn, ''), d.id, COALESCE(p.fornamn || ' ' || p.efternamn, d.delegat), d.punkt, "
                "COALESCE(d.anmald_sammantrade_id, d.anmald_vid) "
                "FROM delegationsbeslut d LEFT JOIN delegationskategori k ON k.id = d.kategori_id "
                "LEFT JOIN person p ON p.id = d.delegat_person_id WHERE d.namnd_id = ? ORDER BY d.id",
                [self.namnd_id]):
            key = (r[0], r[1], r[2], _fold(r[3]), _fold(r[4]), r[5], _fold(r[6]), _fold(r[7]))
            out.setdefault(key, []).append((r[8], {"delegat": _fold(r[9]), "punkt": r[10], "anmald": r[11]}))
        return out

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        svc = DelegationService(db)
        created: dict[str, int] = {}
        items = []
        for v in rows:
            b: Delegationsbeslut = v[_ITEM]
            name = (v.get("kategori") or "").strip()
            if name and b.kategori_id is None:
                key = _fold(name)
                if key not in created:
                    # A category the nämnd does not have yet: added at the end of its order.
                    created[key] = id_of(svc.save_kategori(Kategori(namnd_id=self.namnd_id, namn=name,
                                                                    standardform=b.form)))
                b.kategori_id = created[key]
            items.append(b)
        with printable.texts_checked():  # every cell was checked as it was read
            return svc.insert_many(items)


# -- meddelanden -----------------------------------------------------------------------------
class MeddelandeImport(_BoundTarget):
    kind = "meddelanden"
    title = "Meddelanden"
    incremental = True
    fields = (
        ENTRY_ID,
        FieldSpec("dnr", "Dnr", "text", ("Diarienummer", "Diarienr", "Dnr.", "Ärendenummer", "Ärendenr",
                                         "Diarie nr")),
        FieldSpec("rubrik", "Rubrik", "text", ("Ärende", "Titel", "Ärendemening", "Beskrivning", "Meddelande",
                                               "Handling", "Handlingsrubrik", "Innehåll", "Avser"),
                  required=True),
        FieldSpec("inkom", "Inkom", "date", ("Datum", "Inkommen", "Inkommet", "Inkomstdatum", "Ankomstdatum",
                                             "Inkom datum", "Registrerad", "Reg.datum", "Registreringsdatum",
                                             "Handlingsdatum")),
        FieldSpec("avsandare", "Avsändare", "text", ("Från", "Avsändare/mottagare", "Motpart", "Myndighet",
                                                     "Avsändande myndighet", "Inkommit från")),
        ANMALD_VID,
    )

    def _prepare(self) -> None:
        self._anmald = AnmaldVid(self._bound_db(), self.namnd_id)

    def check_row(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        m = Meddelande(namnd_id=self.namnd_id, rubrik=values.get("rubrik") or "", dnr=values.get("dnr") or "",
                       inkom=iso(values.get("inkom")), avsandare=values.get("avsandare") or "")
        check = Checker()
        MeddelandeService(self._bound_db()).check(m, check)
        resolved = self._anmald.resolve(values.get("anmald"))
        m.anmald_sammantrade_id, m.anmald_vid, problem, m.granskas = resolved
        values[_ANMALD_READ] = self.anmald_read
        if problem:
            check.add("anmald", problem[0].upper() + problem[1:] + ".")
        values[_ITEM] = m
        return _field_problems(check)

    def review_note(self, values: dict[str, Any]) -> str | None:
        return cast(Meddelande, values[_ITEM]).granskas

    def refuse_stored(self, values: dict[str, Any], before: dict[str, Any] | None) -> tuple[str, str] | None:
        problem = self._anmald.refusal(cast(Meddelande, values[_ITEM]).anmald_sammantrade_id, before)
        return ("anmald", problem) if problem else None

    def row_key(self, v: dict[str, Any]) -> Hashable:
        m: Meddelande = v[_ITEM]
        return (_fold(m.dnr), _fold(m.rubrik), m.inkom)

    def existing_keys(self, db: Database) -> dict:
        out: dict[Hashable, list[tuple[int, dict[str, Any]]]] = {}
        for r in db.execute("SELECT dnr, rubrik, inkom, id, avsandare, "
                            "COALESCE(anmald_sammantrade_id, anmald_vid) FROM meddelande WHERE namnd_id = ? "
                            "ORDER BY id", [self.namnd_id]):
            out.setdefault((_fold(r[0]), _fold(r[1]), r[2]), []).append(
                (r[3], {"avsandare": r[4], "anmald": r[5]}))
        return out

    def compared(self, values: dict[str, Any]) -> dict[str, Any]:
        m: Meddelande = values[_ITEM]
        return self._with_anmald(values, {"avsandare": m.avsandare}, m)

    def locked(self, ids: list[int]) -> dict[int, str]:
        db = self._bound_db()
        final = justerat_entries(db, "meddelande", ids) | text_justerat(db, "meddelande", ids)
        return {i: f"det anmäldes vid {meeting}, vars protokoll är justerat" for i, meeting in final.items()}

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        with printable.texts_checked():  # every cell was checked as it was read
            return MeddelandeService(db).insert_many([v[_ITEM] for v in rows])

    def update(self, db: Database, changed: list[tuple[int, dict[str, Any]]]) -> int:
        svc = MeddelandeService(db)
        items = []
        for mid, values in changed:
            m, new = svc.get(mid), cast(Meddelande, values[_ITEM])
            m.avsandare, m.granskas = new.avsandare, new.granskas
            if values.get(_ANMALD_READ):
                m.anmald_sammantrade_id, m.anmald_vid = new.anmald_sammantrade_id, new.anmald_vid
            items.append(m)
        return svc.update_many(items)


# -- ej verkställda beslut -------------------------------------------------------------------
LAG_CHOICES = {
    "SoL": "SoL", "Socialtjänstlagen": "SoL", "Socialtjänstlag": "SoL", "SoL 2001:453": "SoL",
    "Socialtjänstlagen (2001:453)": "SoL", "Socialtjänstlagen (2025:400)": "SoL", "Ny SoL": "SoL",
    "LSS": "LSS", "LSS 9 §": "LSS", "Lagen om stöd och service till vissa funktionshindrade": "LSS",
    "Lag om stöd och service till vissa funktionshindrade": "LSS", "LSS (1993:387)": "LSS",
}
KON_CHOICES = {"K": "K", "Kvinna": "K", "Kv": "K", "F": "K", "M": "M", "Man": "M"}
ORSAK_CHOICES = {**{str(k): str(k) for k in ORSAKER}, **{v: str(k) for k, v in ORSAKER.items()},
                 "Tackat nej": "1", "Resursbrist (2)": "2", "Tackat nej till erbjuden plats (1)": "1",
                 "Annat (3)": "3", "Övrigt": "3"}


#: What an update of a matched decision writes (the rest identifies it: FIXED_WHEN_REPORTED).
EVB_COMPARED = ("avbrott", "orsak", "orsak_text", "erbjudanden", "tackat_nej", "verkstallt", "avslutat")


class EjVerkstalldaImport(_BoundTarget):
    kind = "evb"
    title = "Ej verkställda beslut"
    duplicates_within_file = False
    incremental = True
    fields = (
        ENTRY_ID,
        FieldSpec("insats", "Insats", "text", ("Beslut om", "Typ av insats", "Typ av bistånd", "Bistånd",
                                               "Insatstyp", "Beslutstyp", "Bistånd/insats"), required=True),
        FieldSpec("lag", "Lag", "choice", ("Lagrum", "SoL/LSS", "Lagstöd"), choices=LAG_CHOICES),
        FieldSpec("beslutsdatum", "Beslutsdatum", "date", ("Besluts-datum", "Datum för beslut", "Beslutsdag",
                                                           "Datum"), required=True),
        FieldSpec("avbrott", "Avbrott", "date", ("Avbrottsdatum", "Datum för avbrott", "Avbrott datum")),
        FieldSpec("kon", "Kön", "choice", ("Kvinna eller man", "K/M", "Kvinna/man"), required=True,
                  choices=KON_CHOICES),
        FieldSpec("orsak", "Orsak", "choice", (
            "Orsakskod", "Skäl", "Orsak (1-3)",
            "Tackat nej till erbjuden plats (1) Resursbrist (2) Annat (3)"), required=True,
            choices=ORSAK_CHOICES),
        FieldSpec("orsak_text", "Orsak, text", "text", ("Orsaksbeskrivning", "Förklaring", "Kommentar",
                                                        "Annat, ange")),
        FieldSpec("erbjudanden", "Erbjudanden", "int", ("Antal erbjudanden", "Erbjudna platser")),
        FieldSpec("tackat_nej", "Tackat nej", "int", ("Avböjda", "Antal avböjda", "Antal tackat nej",
                                                      "Avböjda erbjudanden")),
        FieldSpec("verkstallt", "Verkställt", "date", ("Verkställt datum", "Verkställighetsdatum",
                                                       "Datum för verkställighet")),
        FieldSpec("avslutat", "Avslutat", "date", ("Avslutsdatum", "Avslutat datum", "Upphört")),
    )

    def _prepare(self) -> None:
        self._known = EjVerkstalldaService(self._bound_db()).known_insatser(self.namnd_id)

    def check_row(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        insats = values.get("insats") or ""
        lag = values.get("lag") or ("LSS" if "lss" in insats.casefold() else "SoL")
        b = EjVerkstalltBeslut(
            namnd_id=self.namnd_id, insats=insats, lag=lag,
            beslutsdatum=iso(values.get("beslutsdatum")), avbrott=iso(values.get("avbrott")),
            kon=values.get("kon") or "", orsak=int(values["orsak"]) if values.get("orsak") else None,
            orsak_text=values.get("orsak_text") or "", erbjudanden=values.get("erbjudanden") or 0,
            tackat_nej=values.get("tackat_nej") or 0, verkstallt=iso(values.get("verkstallt")),
            avslutat=iso(values.get("avslutat")))
        check = Checker()
        EjVerkstalldaService(self._bound_db()).check(b, check, self._known)
        # Later rows of the same file join the spelling of the first one.
        self._known.setdefault(insats_key(b.insats), b.insats)
        values[_ITEM] = b
        return _field_problems(check)

    def row_key(self, v: dict[str, Any]) -> Hashable:
        b: EjVerkstalltBeslut = v[_ITEM]
        return (insats_key(b.insats), b.lag, b.beslutsdatum, b.kon)

    def existing_keys(self, db: Database) -> dict:
        out: dict[Hashable, list[tuple[int, dict[str, Any]]]] = {}
        for r in db.execute(f"SELECT insats, lag, beslutsdatum, kon, id, {', '.join(EVB_COMPARED)} "
                            "FROM ej_verkstallt_beslut WHERE namnd_id = ? ORDER BY id", [self.namnd_id]):
            out.setdefault((insats_key(r[0]), r[1], r[2], r[3]), []).append(
                (r[4], dict(zip(EVB_COMPARED, r[5:], strict=True))))
        return out

    def compared(self, values: dict[str, Any]) -> dict[str, Any]:
        b: EjVerkstalltBeslut = values[_ITEM]
        return {k: getattr(b, k) for k in EVB_COMPARED}

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        with printable.texts_checked():  # every cell was checked as it was read
            return EjVerkstalldaService(db).insert_many([v[_ITEM] for v in rows])

    def update(self, db: Database, changed: list[tuple[int, dict[str, Any]]]) -> int:
        svc = EjVerkstalldaService(db)
        items = []
        for beslut_id, values in changed:
            b = svc.get(beslut_id)
            for k, v in self.compared(values).items():
                setattr(b, k, v)
            items.append(b)
        return svc.update_many(items)


# -- delegationsordning ------------------------------------------------------------------
class DelegationsordningImport(_BoundTarget):
    """The points of one version of the delegationsordning, adopted on ``antagen``.
    Importing again for the same date replaces that version's points."""

    kind = "delegationsordning"
    title = "Delegationsordning"
    fields = (
        FieldSpec("nummer", "Nummer", "text", ("Punkt", "Nr", "Nr.", "Delegationspunkt", "Punktnummer",
                                               "Delegationsnummer", "Nummer i delegationsordningen"),
                  required=True, numbers_ok=True, max_length=20),
        FieldSpec("arendetyp", "Ärendetyp", "text", ("Ärende", "Ärendegrupp", "Beslut", "Beslutstyp",
                                                     "Beskrivning", "Ärendetyp/beslut", "Typ av ärende"),
                  required=True),
        FieldSpec("delegat", "Delegat", "text", ("Delegat/ersättare", "Beslutsfattare", "Delegat (roll)",
                                                 "Befattning"), required=True),
        FieldSpec("lagrum", "Lagrum", "text", ("Lag", "Lagstöd", "Författning", "Lagrum/föreskrift"),
                  numbers_ok=True),
        FieldSpec("anmarkning", "Anmärkning", "text", ("Kommentar", "Not", "Notering", "Övrigt",
                                                       "Anmärkningar", "Villkor")),
    )

    def __init__(self, namnd_id: int, antagen: date | str, paragraf: str = "", db: Database | None = None):
        super().__init__(namnd_id, db)
        self.antagen = antagen if isinstance(antagen, str) else antagen.isoformat()
        self.paragraf = paragraf

    def check_row(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        problems: list[tuple[str | None, str]] = []
        for key in ("arendetyp", "anmarkning", "delegat"):
            found = find_personnummer(values.get(key))
            if found:
                problems.append((key, personnummer_message(found)))
        return problems

    def row_key(self, v: dict[str, Any]) -> Hashable:
        return ("punkt", (v.get("nummer") or "").strip())

    def describe_key(self, key: Hashable) -> str:
        return f"punkt {cast(tuple, key)[1]}"  # a row_key above

    def replaces(self, db: Database) -> str | None:
        existing = next((o for o in DelegationService(db).ordningar(self.namnd_id)
                         if o.antagen == self.antagen), None)
        if existing is None:
            return None
        punkter, beslut = db.execute(
            "SELECT count(DISTINCT p.id), count(b.id) FROM delegationspunkt p "
            "LEFT JOIN delegationsbeslut b ON b.punkt_id = p.id WHERE p.ordning_id = ?",
            [existing.id]).fetchone()
        return (f"delegationsordningen antagen {self.antagen} finns redan med {punkter} "
                f"{'punkt' if punkter == 1 else 'punkter'}; {beslut} delegationsbeslut hänvisar till dem. "
                "Filens punkter ersätter dem, och beslut vars punkt inte finns i filen förlorar "
                "hänvisningen")

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        svc = DelegationService(db)
        existing = next((o for o in svc.ordningar(self.namnd_id) if o.antagen == self.antagen), None)
        ordning = Delegationsordning(namnd_id=self.namnd_id, antagen=self.antagen, paragraf=self.paragraf,
                                     id=existing.id if existing else None,
                                     anteckning=existing.anteckning if existing else "")
        if existing and not self.paragraf:
            ordning.paragraf = existing.paragraf
        ordning.punkter = [Delegationspunkt(
            nummer=v["nummer"], arendetyp=v["arendetyp"], delegat=v["delegat"],
            lagrum=v.get("lagrum") or "", anmarkning=v.get("anmarkning") or "") for v in rows]
        svc.save_ordning(ordning)
        return len(rows)
