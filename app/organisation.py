"""The organisation (docs/domain/organisation-and-formats.md): kommun, nämnder, organ, förvaltningar,
people and
their seats (uppdrag) per organ and mandate period."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from datetime import date

from sqlite_utils import Database

from app.avslut import AvslutService
from app.changes import AnnouncingService, ChangeBus
from app.public_copies import sekretess_rubrik, store_sekretess_rubrik
from app.public_records import (
    forvaltning_holders,
    namnd_holders,
    organ_holders,
    person_holders,
    refuse_delete,
)
from app.records import row_to
from app.validation import Checker, FieldError, ValidationError, clean_text, email_ok, normalize_orgnr
from db import textsort
from db.textsort import swedish_key

ORGAN_TYPER = ("nämnd", "arbetsutskott", "utskott", "beredning")
ROLLER = ("ordförande", "1:e vice ordförande", "2:e vice ordförande", "ledamot", "ersättare")
#: Suggestions in forms; any party text is accepted (local parties exist).
PARTIER = ("S", "M", "SD", "C", "V", "KD", "L", "MP")
PARAGRAF_FALT = {"nr", "år", "kod"}
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
MAX_LOGO_BYTES = 2 * 1024 * 1024
#: Swedish general elections are held every fourth year in September (2022, 2026, …);
#: nämnder's mandate periods run 1 January after the election to 31 December four
#: years later.
FORSTA_MANDATAR = 2023
#: What people lists can be ordered by: the SQL for each (ties fall back to the name).
PERSON_ORDNING = {
    "namn": "p.efternamn COLLATE sv {dir}, p.fornamn COLLATE sv {dir}",
    "parti": "(p.parti = ''), p.parti COLLATE sv {dir}",
    "titel": "(p.titel = ''), p.titel COLLATE sv {dir}",
    "forvaltning": "(f.kortnamn IS NULL), f.kortnamn COLLATE sv {dir}",
    "epost": "(p.epost = ''), p.epost COLLATE sv {dir}",
}


@dataclass
class Kommun:
    namn: str = ""
    postadress: str = ""
    besoksadress: str = ""
    telefon: str = ""
    epost: str = ""
    webb: str = ""
    organisationsnummer: str = ""
    logo: bytes | None = None
    logo_mime: str | None = None

    def contact_lines(self) -> list[str]:
        """The address block as printed in letterhead footers (as on a real kallelse)."""
        parts = [
            ("Postadress", self.postadress), ("Besöksadress", self.besoksadress),
            ("Telefon", self.telefon), ("E-post", self.epost), ("Webb", self.webb),
            ("Organisationsnummer", self.organisationsnummer),
        ]
        return [f"{label}: {value}" for label, value in parts if value]


@dataclass
class Namnd:
    namn: str = ""
    kortnamn: str = ""
    id: int | None = None
    #: The last day the nämnd worked (ÅÅÅÅ-MM-DD), when it has been ended; see
    #: :meth:`OrganisationService.avsluta_namnd`.
    avslutad: str | None = None

    def active_on(self, day: date) -> bool:
        return self.avslutad is None or day.isoformat() <= self.avslutad


@dataclass
class Organ:
    namnd_id: int = 0
    namn: str = ""
    typ: str = "nämnd"
    kortnamn: str = ""
    paragraf_format: str = "§ {nr}"
    paragraf_startnummer: int = 1
    id: int | None = None
    #: The last day the organ met (ÅÅÅÅ-MM-DD), when it has been ended.
    avslutad: str | None = None

    def active_on(self, day: date) -> bool:
        return self.avslutad is None or day.isoformat() <= self.avslutad

    def paragraf_label(self, nr: int, year: int) -> str:
        """The printed number of a paragraph: "§ 15" or "§ VON.2022.55"."""
        return format_paragraf(self.paragraf_format, nr, year, self.kortnamn)


@dataclass
class Forvaltning:
    namnd_id: int = 0
    namn: str = ""
    kortnamn: str = ""
    id: int | None = None


@dataclass
class Person:
    fornamn: str = ""
    efternamn: str = ""
    parti: str = ""
    titel: str = ""
    ar_tjansteman: bool = False
    forvaltning_id: int | None = None
    epost: str = ""
    telefon: str = ""
    id: int | None = None

    @property
    def namn(self) -> str:
        return f"{self.fornamn} {self.efternamn}".strip()

    @property
    def sort_key(self):
        return (swedish_key(self.efternamn), swedish_key(self.fornamn))


@dataclass
class Uppdrag:
    person_id: int = 0
    organ_id: int = 0
    roll: str = "ledamot"
    fran: str = ""
    till: str = ""
    ordning: int | None = None
    id: int | None = None
    #: The last day of the seat when the person left it before ``till``.
    avslutad: str | None = None
    # Filled when read, for tables; not stored.
    person_namn: str = field(default="", compare=False)
    parti: str = field(default="", compare=False)
    organ_namn: str = field(default="", compare=False)

    def active_on(self, day: date) -> bool:
        return self.fran <= day.isoformat() <= self.sista_dag

    @property
    def sista_dag(self) -> str:
        """The seat's last day: ``till``, or the day it was ended before that."""
        return min(self.till, self.avslutad) if self.avslutad else self.till


def mandatperiod(day: date) -> tuple[date, date]:
    """The mandate period that ``day`` falls in: 2023-01-01 – 2026-12-31 for any day of
    2023–2026, and so on every fourth year."""
    start = FORSTA_MANDATAR + 4 * ((day.year - FORSTA_MANDATAR) // 4)
    return date(start, 1, 1), date(start + 3, 12, 31)


def search_fold(text: str | None) -> str:
    """Text as compared in searches: case and accents folded the Swedish way, so that
    ”åke” finds ”Åkesson” and ”ryden” finds ”Rydén”, but ”a” does not find ”å”
    (:func:`db.textsort.search_fold`, in SQL ``sv_fold`` on every connection)."""
    return textsort.search_fold(text)


def format_paragraf(fmt: str, nr: int, year: int, kod: str) -> str:
    return fmt.replace("{nr}", str(nr)).replace("{år}", str(year)).replace("{kod}", kod)


def _check_date(check: Checker, name: str, value: str, label: str) -> None:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        check.add(name, f"{label} måste vara ett datum som ÅÅÅÅ-MM-DD (nu: ”{value}”).")


class OrganisationService(AnnouncingService, kinds=("organisation",)):
    """Reads and writes the organisation. Every write is one transaction, announced on
    on ``changes`` when given, otherwise on the connection's bus (see
    docs/ARCHITECTURE.md, "Jobs and changes")."""

    def __init__(self, db: Database, changes: ChangeBus | None = None):
        self.db = db
        self.changes = changes
        # Ending instead of deleting (app/avslut.py).
        self.avslut = AvslutService(db, self)
        self.avslut.changes = changes
        self.avsluta_namnd = self.avslut.avsluta_namnd
        self.reopen_namnd = self.avslut.reopen_namnd
        self.avsluta_organ = self.avslut.avsluta_organ
        self.reopen_organ = self.avslut.reopen_organ
        self.refuse_if_ended = self.avslut.refuse_if_ended
        self.avsluta_uppdrag = self.avslut.avsluta_uppdrag
        self.reopen_uppdrag = self.avslut.reopen_uppdrag

    # -- kommun ---------------------------------------------------------------------
    def kommun(self) -> Kommun | None:
        rows = list(self.db.query("SELECT * FROM kommun WHERE id = 1"))
        return row_to(Kommun, rows[0]) if rows else None

    def sekretess_rubrik(self) -> str:
        return sekretess_rubrik(self.db)

    def save_kommun(self, k: Kommun, *, sekretess_rubrik: str | None = None) -> Kommun:
        """Store the kommun's details and, when given, the public rubrik of a § under
        sekretess (empty: the default), in one transaction."""
        for f in fields(Kommun):
            if isinstance(getattr(k, f.name), str):
                setattr(k, f.name, clean_text(getattr(k, f.name)))
        check = Checker()
        check.required("namn", k.namn, "Kommunens namn")
        check.max_length("namn", k.namn, "Kommunens namn", 200)
        if k.organisationsnummer:
            normal = normalize_orgnr(k.organisationsnummer)
            if normal is None:
                check.add("organisationsnummer",
                          f"Organisationsnumret ”{k.organisationsnummer}” är inte giltigt "
                          "(tio siffror, NNNNNN-NNNN, med rätt kontrollsiffra).")
            else:
                k.organisationsnummer = normal
        if k.epost and not email_ok(k.epost):
            check.add("epost", f"E-postadressen ”{k.epost}” ser inte ut som en e-postadress.")
        if k.logo is not None:
            check_logo(check, k.logo, k.logo_mime)
        check.raise_if_any()
        with self.db.atomic():
            self.db.table("kommun").upsert({"id": 1, **asdict(k)}, pk="id")
            if sekretess_rubrik is not None:
                store_sekretess_rubrik(self.db, sekretess_rubrik)
        return k

    # -- nämnder ----------------------------------------------------------------------
    def namnder(self, active_on: date | None = None) -> list[Namnd]:
        """Every nämnd, ended ones too (lists and history); with ``active_on`` only those
        not ended before that day (choices for new work)."""
        items = [row_to(Namnd, r) for r in self.db.table("namnd").rows]
        if active_on is not None:
            items = [n for n in items if n.active_on(active_on)]
        return sorted(items, key=lambda n: swedish_key(n.namn))

    def get_namnd(self, namnd_id: int) -> Namnd:
        return row_to(Namnd, self.db.table("namnd").get(namnd_id))

    def save_namnd(self, n: Namnd) -> Namnd:
        n.namn, n.kortnamn = clean_text(n.namn), clean_text(n.kortnamn)
        check = Checker()
        check.required("namn", n.namn, "Nämndens namn")
        check.max_length("namn", n.namn, "Nämndens namn", 200)
        check.required("kortnamn", n.kortnamn, "Kortnamn")
        if n.kortnamn and not re.fullmatch(r"[\wÅÄÖåäö\-]{1,12}", n.kortnamn):
            check.add("kortnamn", "Kortnamn får bestå av högst 12 bokstäver eller siffror "
                      f"utan mellanslag (nu: ”{n.kortnamn}”).")
        clash = self.db.execute(
            "SELECT namn FROM namnd WHERE kortnamn = ? COLLATE NOCASE AND id IS NOT ?",
            [n.kortnamn, n.id]).fetchone()
        if clash:
            check.add("kortnamn", f"Kortnamnet ”{n.kortnamn}” används redan av {clash[0]}.")
        check.raise_if_any()
        with self.db.atomic():
            if n.id is None:
                n.id = self.db.table("namnd").insert({"namn": n.namn, "kortnamn": n.kortnamn}).last_pk
                # Every nämnd is itself an organ that meets and keeps protocols.
                self.db.table("organ").insert({
                    "namnd_id": n.id, "namn": n.namn, "typ": "nämnd",
                    "kortnamn": n.kortnamn, "paragraf_format": "§ {nr}"})
            else:
                before = self.db.table("namnd").get(n.id)
                self.db.table("namnd").update(n.id, {"namn": n.namn, "kortnamn": n.kortnamn})
                # The nämnd's own organ follows a rename unless it was given a name or
                # code of its own.
                self.db.execute(
                    "UPDATE organ SET namn = ? WHERE namnd_id = ? AND typ = 'nämnd' AND namn = ? "
                    "AND NOT EXISTS (SELECT 1 FROM organ WHERE namnd_id = ? AND namn = ?)",
                    [n.namn, n.id, before["namn"], n.id, n.namn])
                self.db.execute("UPDATE organ SET kortnamn = ? WHERE namnd_id = ? AND typ = 'nämnd' "
                                "AND kortnamn = ?", [n.kortnamn, n.id, before["kortnamn"]])
        return n

    def delete_namnd(self, namnd_id: int) -> None:
        """Delete the nämnd with everything that is its own; refused (a ValidationError
        naming what holds it) while public records refer to it: end it instead."""
        refuse_delete("Nämnden", self.namnd_holders(namnd_id),
                      "Avsluta nämnden i stället; då finns allt kvar.")
        with self.db.atomic():
            self.db.table("namnd").delete(namnd_id)

    def namnd_holders(self, namnd_id: int) -> list[str]:
        """The public records that keep the nämnd from being deleted (empty: none)."""
        return namnd_holders(self.db, namnd_id)

    def namnd_usage(self, namnd_id: int) -> dict[str, int]:
        """What a delete would take with it, for the confirmation question."""
        q = self.db.execute
        organs = "(SELECT id FROM organ WHERE namnd_id = ?)"
        counts = {
            "organ": "SELECT COUNT(*) FROM organ WHERE namnd_id = ?",
            "förvaltningar": "SELECT COUNT(*) FROM forvaltning WHERE namnd_id = ?",
            "uppdrag": f"SELECT COUNT(*) FROM uppdrag WHERE organ_id IN {organs}",
            "sammanträden": f"SELECT COUNT(*) FROM sammantrade WHERE organ_id IN {organs}",
            "delegationsbeslut": "SELECT COUNT(*) FROM delegationsbeslut WHERE namnd_id = ?",
            "meddelanden": "SELECT COUNT(*) FROM meddelande WHERE namnd_id = ?",
            "ej verkställda beslut": "SELECT COUNT(*) FROM ej_verkstallt_beslut WHERE namnd_id = ?",
            "verksamhetsplaner": "SELECT COUNT(*) FROM verksamhetsplan WHERE namnd_id = ?",
            "budgetar": "SELECT (SELECT COUNT(*) FROM internbudget WHERE namnd_id = ?1) + (SELECT COUNT(*) "
                        "FROM investeringsbudget WHERE namnd_id = ?1) + (SELECT COUNT(*) FROM "
                        "budgetuppfoljning WHERE namnd_id = ?1)",
        }
        return {name: q(sql, [namnd_id]).fetchone()[0] for name, sql in counts.items()}

    # -- organ --------------------------------------------------------------------------
    def organ(self, namnd_id: int | None = None, active_on: date | None = None) -> list[Organ]:
        """The organs (of one nämnd), ended ones too; with ``active_on`` only those that
        neither they nor their nämnd had ended before that day (choices for new work)."""
        where, args = ("namnd_id = ?", [namnd_id]) if namnd_id is not None else (None, None)
        items = [row_to(Organ, r) for r in self.db.table("organ").rows_where(where, args)]
        if active_on is not None:
            ended = {n.id for n in self.namnder() if not n.active_on(active_on)}
            items = [o for o in items if o.active_on(active_on) and o.namnd_id not in ended]
        order = {t: i for i, t in enumerate(ORGAN_TYPER)}
        return sorted(items, key=lambda o: (order.get(o.typ, 9), swedish_key(o.namn)))

    def get_organ(self, organ_id: int) -> Organ:
        return row_to(Organ, self.db.table("organ").get(organ_id))

    def save_organ(self, o: Organ) -> Organ:
        o.namn, o.kortnamn = clean_text(o.namn), clean_text(o.kortnamn)
        o.paragraf_format = clean_text(o.paragraf_format)
        check = Checker()
        check.required("namn", o.namn, "Organets namn")
        if o.typ not in ORGAN_TYPER:
            check.add("typ", f"Okänd organtyp ”{o.typ}”; välj en av {', '.join(ORGAN_TYPER)}.")
        if "{nr}" not in o.paragraf_format:
            check.add("paragraf_format",
                      "Paragrafformatet måste innehålla {nr}, t.ex. ”§ {nr}” eller ”§ {kod}.{år}.{nr}”.")
        unknown = set(re.findall(r"\{([^}]*)\}", o.paragraf_format)) - PARAGRAF_FALT
        if unknown:
            check.add("paragraf_format",
                      f"Paragrafformatet har okända fält: {', '.join(sorted(unknown))} "
                      "(tillåtna: {nr}, {år}, {kod}).")
        if "{kod}" in o.paragraf_format and not o.kortnamn:
            check.add("kortnamn", "Paragrafformatet använder {kod}; fyll i organets kortnamn "
                      "(t.ex. ”VON”).")
        if not isinstance(o.paragraf_startnummer, int) or o.paragraf_startnummer < 1:
            check.add("paragraf_startnummer", "Första paragrafnumret måste vara 1 eller större.")
        clash = self.db.execute(
            "SELECT 1 FROM organ WHERE namnd_id = ? AND namn = ? AND id IS NOT ?",
            [o.namnd_id, o.namn, o.id]).fetchone()
        if clash:
            check.add("namn", f"Nämnden har redan ett organ som heter ”{o.namn}”.")
        check.raise_if_any()
        # Ending and reopening are their own acts (avsluta_organ, reopen_organ).
        record = {k: v for k, v in asdict(o).items() if k not in ("id", "avslutad")}
        with self.db.atomic():
            if o.id is None:
                o.id = self.db.table("organ").insert(record).last_pk
            else:
                self.db.table("organ").update(o.id, record)
        return o

    def delete_organ(self, organ_id: int) -> None:
        """Delete the organ with its seats and meetings; refused (naming them) while it
        has public records: end it instead."""
        refuse_delete("Organet", self.organ_holders(organ_id),
                      "Avsluta organet i stället; då finns protokollen kvar.")
        with self.db.atomic():
            self.db.table("organ").delete(organ_id)

    def organ_holders(self, organ_id: int) -> list[str]:
        return organ_holders(self.db, organ_id)

    def organ_usage(self, organ_id: int) -> dict[str, int]:
        """What a delete would take with it, for the confirmation question."""
        q = self.db.execute
        return {
            "uppdrag": q("SELECT COUNT(*) FROM uppdrag WHERE organ_id = ?", [organ_id]).fetchone()[0],
            "sammanträden": q("SELECT COUNT(*) FROM sammantrade WHERE organ_id = ?",
                              [organ_id]).fetchone()[0],
        }

    # -- förvaltningar ------------------------------------------------------------------
    def forvaltningar(self, namnd_id: int | None = None) -> list[Forvaltning]:
        where, args = ("namnd_id = ?", [namnd_id]) if namnd_id is not None else (None, None)
        items = [row_to(Forvaltning, r) for r in self.db.table("forvaltning").rows_where(where, args)]
        return sorted(items, key=lambda f: swedish_key(f.namn))

    def save_forvaltning(self, f: Forvaltning) -> Forvaltning:
        f.namn, f.kortnamn = clean_text(f.namn), clean_text(f.kortnamn)
        check = Checker()
        check.required("namn", f.namn, "Förvaltningens namn")
        check.required("kortnamn", f.kortnamn, "Kortnamn")
        clash = self.db.execute(
            "SELECT namn FROM forvaltning WHERE namnd_id = ? AND kortnamn = ? AND id IS NOT ?",
            [f.namnd_id, f.kortnamn, f.id]).fetchone()
        if clash:
            check.add("kortnamn", f"Kortnamnet ”{f.kortnamn}” används redan av {clash[0]}.")
        check.raise_if_any()
        record = {k: v for k, v in asdict(f).items() if k != "id"}
        with self.db.atomic():
            if f.id is None:
                f.id = self.db.table("forvaltning").insert(record).last_pk
            else:
                self.db.table("forvaltning").update(f.id, record)
        return f

    def delete_forvaltning(self, forvaltning_id: int) -> None:
        refuse_delete("Förvaltningen", forvaltning_holders(self.db, forvaltning_id))
        with self.db.atomic():
            self.db.table("forvaltning").delete(forvaltning_id)

    def forvaltning_usage(self, forvaltning_id: int) -> dict[str, int]:
        """People linked to the förvaltning (they stay, without förvaltning)."""
        return {"personer": self.db.execute(
            "SELECT COUNT(*) FROM person WHERE forvaltning_id = ?", [forvaltning_id]).fetchone()[0]}

    # -- personer -----------------------------------------------------------------------
    def person_ids(self, text: str = "", tjansteman: bool | None = None,
                   order: str = "namn", descending: bool = False) -> list[int]:
        """Ids of matching people (cheap: rows load on demand), ordered by ``order``
        (a key of PERSON_ORDNING) in Swedish order. Every word of ``text`` must occur
        in the name, party, title or förvaltning."""
        sql = ("SELECT p.id FROM person p LEFT JOIN forvaltning f ON f.id = p.forvaltning_id "
               "WHERE 1=1")
        args: list = []
        for word in text.split():
            sql += (" AND instr(sv_fold(p.fornamn || ' ' || p.efternamn || ' ' || p.parti || ' ' "
                    "|| p.titel || ' ' || coalesce(f.kortnamn, '') || ' ' || coalesce(f.namn, '')),"
                    " ?) > 0")
            args.append(search_fold(word))
        if tjansteman is not None:
            sql += " AND p.ar_tjansteman = ?"
            args.append(int(tjansteman))
        if order not in PERSON_ORDNING:
            raise ValueError(f"Okänd ordning för personer: {order}")
        direction = "DESC" if descending else "ASC"
        sql += " ORDER BY " + PERSON_ORDNING[order].format(dir=direction)
        if order != "namn":
            sql += ", " + PERSON_ORDNING["namn"].format(dir="ASC")
        sql += ", p.id"
        return [r[0] for r in self.db.execute(sql, args)]

    def person_holders(self, person_id: int) -> list[str]:
        return person_holders(self.db, person_id)

    def person_usage(self, person_id: int) -> dict[str, int]:
        """What a delete would take with it, for the confirmation question."""
        return {"uppdrag": self.db.execute("SELECT COUNT(*) FROM uppdrag WHERE person_id = ?",
                                           [person_id]).fetchone()[0]}

    def partier(self) -> list[str]:
        """Party suggestions: the national parties, then the local ones already used."""
        used = {r[0] for r in self.db.execute("SELECT DISTINCT parti FROM person WHERE parti != ''")}
        return list(PARTIER) + sorted(used - set(PARTIER), key=swedish_key)

    def personer(self, ids: list[int] | None = None) -> list[Person]:
        if ids is None:
            rows = self.db.table("person").rows
            return sorted((self._person(r) for r in rows), key=lambda p: p.sort_key)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        by_id = {r["id"]: self._person(r)
                 for r in self.db.query(f"SELECT * FROM person WHERE id IN ({marks})", ids)}
        return [by_id[i] for i in ids if i in by_id]

    def get_person(self, person_id: int) -> Person:
        return self._person(self.db.table("person").get(person_id))

    @staticmethod
    def _person(row: dict) -> Person:
        p = row_to(Person, row)
        p.ar_tjansteman = bool(p.ar_tjansteman)
        return p

    def save_person(self, p: Person) -> Person:
        for name in ("fornamn", "efternamn", "parti", "titel", "epost", "telefon"):
            setattr(p, name, clean_text(getattr(p, name)))
        check = Checker()
        check.required("fornamn", p.fornamn, "Förnamn")
        check.required("efternamn", p.efternamn, "Efternamn")
        check.max_length("fornamn", p.fornamn, "Förnamn", 100)
        check.max_length("efternamn", p.efternamn, "Efternamn", 100)
        if p.epost and not email_ok(p.epost):
            check.add("epost", f"E-postadressen ”{p.epost}” ser inte ut som en e-postadress.")
        if p.ar_tjansteman and not p.titel:
            check.add("titel", "En tjänsteman behöver en titel (t.ex. ”Förvaltningschef”).")
        check.raise_if_any()
        record = {k: v for k, v in asdict(p).items() if k != "id"}
        record["ar_tjansteman"] = int(bool(p.ar_tjansteman))
        with self.db.atomic():
            if p.id is None:
                p.id = self.db.table("person").insert(record).last_pk
            else:
                self.db.table("person").update(p.id, record)
        return p

    def delete_person(self, person_id: int) -> None:
        """Delete the person with their seats; refused (naming where) while a public record
        names them: end their seats instead."""
        refuse_delete("Personen", self.person_holders(person_id),
                      "Avsluta personens uppdrag i stället; då finns personen kvar i protokollen.")
        with self.db.atomic():
            self.db.table("person").delete(person_id)

    # -- uppdrag ------------------------------------------------------------------------
    def uppdrag(self, organ_id: int | None = None, person_id: int | None = None,
                on_date: date | None = None, include_ended: bool = False) -> list[Uppdrag]:
        """Seats, in role order. With ``on_date`` those held that day: a seat ended
        (``avslutad``) before it is left out unless ``include_ended`` (a list showing it
        marked as ended)."""
        sql = ("SELECT u.*, p.fornamn || ' ' || p.efternamn AS person_namn, p.parti, "
               "o.namn AS organ_namn, p.efternamn, p.fornamn FROM uppdrag u "
               "JOIN person p ON p.id = u.person_id JOIN organ o ON o.id = u.organ_id WHERE 1=1")
        args: list = []
        if organ_id is not None:
            sql += " AND u.organ_id = ?"
            args.append(organ_id)
        if person_id is not None:
            sql += " AND u.person_id = ?"
            args.append(person_id)
        if on_date is not None:
            sql += " AND u.fran <= ? AND u.till >= ?"
            args += [on_date.isoformat(), on_date.isoformat()]
            if not include_ended:
                sql += " AND (u.avslutad IS NULL OR u.avslutad >= ?)"
                args.append(on_date.isoformat())
        rows = list(self.db.query(sql, args))
        role_order = {r: i for i, r in enumerate(ROLLER)}
        rows.sort(key=lambda r: (role_order.get(r["roll"], 9),
                                 r["ordning"] if r["ordning"] is not None else 10**6,
                                 swedish_key(r["efternamn"]), swedish_key(r["fornamn"])))
        return [row_to(Uppdrag, r) for r in rows]

    def save_uppdrag(self, u: Uppdrag) -> Uppdrag:
        check = Checker()
        if u.roll not in ROLLER:
            check.add("roll", f"Okänd roll ”{u.roll}”; välj en av {', '.join(ROLLER)}.")
        _check_date(check, "fran", u.fran, "Från-datum")
        _check_date(check, "till", u.till, "Till-datum")
        if not check.errors and u.fran > u.till:
            check.add("till", f"Mandatperioden slutar ({u.till}) före den börjar ({u.fran}).")
        if not self.db.execute("SELECT 1 FROM person WHERE id = ?", [u.person_id]).fetchone():
            check.add("person_id", "Välj en person.")
        if not self.db.execute("SELECT 1 FROM organ WHERE id = ?", [u.organ_id]).fetchone():
            check.add("organ_id", "Välj ett organ.")
        elif u.id is None and not check.errors:
            try:
                self.refuse_if_ended(u.organ_id, date.fromisoformat(u.fran))
            except ValidationError as ended:
                check.errors += ended.errors
        if not check.errors:
            overlap = self.db.execute(
                "SELECT roll, fran, till FROM uppdrag WHERE person_id = ? AND organ_id = ? "
                "AND id IS NOT ? AND fran <= ? AND till >= ?",
                [u.person_id, u.organ_id, u.id, u.till, u.fran]).fetchone()
            if overlap:
                check.add("fran", f"Personen har redan ett uppdrag i organet som {overlap[0]} "
                          f"{overlap[1]} – {overlap[2]} som överlappar perioden.")
            if u.roll != "ledamot" and u.roll != "ersättare":
                taken = self.db.execute(
                    "SELECT p.fornamn || ' ' || p.efternamn FROM uppdrag u JOIN person p "
                    "ON p.id = u.person_id WHERE u.organ_id = ? AND u.roll = ? AND u.id IS NOT ? "
                    "AND u.fran <= ? AND u.till >= ?",
                    [u.organ_id, u.roll, u.id, u.till, u.fran]).fetchone()
                if taken:
                    check.add("roll", f"Organet har redan en {u.roll} under perioden: {taken[0]}.")
        check.raise_if_any()
        record = {"person_id": u.person_id, "organ_id": u.organ_id, "roll": u.roll,
                  "fran": u.fran, "till": u.till, "ordning": u.ordning}
        with self.db.atomic():
            if u.id is None:
                u.id = self.db.table("uppdrag").insert(record).last_pk
            else:
                self.db.table("uppdrag").update(u.id, record)
        return u

    def delete_uppdrag(self, uppdrag_id: int) -> None:
        with self.db.atomic():
            self.db.table("uppdrag").delete(uppdrag_id)

    def get_uppdrag(self, uppdrag_id: int) -> Uppdrag:
        found = [u for u in self.uppdrag() if u.id == uppdrag_id]
        if not found:
            raise ValidationError([FieldError("id", f"Uppdrag {uppdrag_id} finns inte.")])
        return found[0]



def check_logo(check: Checker, data: bytes, mime: str | None) -> None:
    if len(data) > MAX_LOGO_BYTES:
        check.add("logo", f"Logotypen är för stor ({len(data) // 1024} kB; högst 2 MB).")
        return
    for magic, kind in LOGO_TYPES.items():
        if data.startswith(magic):
            if mime and mime != kind:
                check.add("logo", f"Logotypen är {kind}, inte {mime}.")
            return
    check.add("logo", "Logotypen måste vara en PNG- eller JPEG-bild.")


def logo_mime(data: bytes) -> str | None:
    for magic, kind in LOGO_TYPES.items():
        if data.startswith(magic):
            return kind
    return None
