"""Ärenden on a meeting's agenda and their tjänsteskrivelse fields (the types are in
:mod:`app.meetings.model`).

Service API (``session.arenden``, an :class:`ArendeService`):

* ``arenden(meeting_id) -> list[Arende]`` in agenda order (``Arende.nummer`` is the
  printed number = position), with signers; ``get(arende_id)``.
* ``add(Arende, position=None) -> Arende``: insert at ``position`` (1-based) or, by
  default, before the template items that close the agenda (Information från …,
  Redovisning av …). Numbers of the following ärenden move up.
* ``save(Arende)``: update the fields and signers (not the position).
* ``delete(arende_id)``, ``move(arende_id, new_position)``,
  ``reorder(meeting_id, ordered_ids)``: numbers always run 1…n, each change is one
  transaction.
* ``copy_to(arende_id, target_meeting_id, position=None) -> Arende``: copies the
  ärende with Dnr, texts, signers and bilagor (the files are shared, not duplicated).
  From an arbetsutskott to another organ the tjänsteskrivelse is added to the
  beslutsunderlag; the förslag stays the förvaltning's until the AU's paragraph is
  justerat, then the AU's beslut and protokollsutdrag are carried
  (:mod:`app.meetings.au_forslag`).
* ``signer(person_id) -> Undertecknare`` (name + title snapshot from the people
  register), ``handlaggare_text(person_id)`` ("Åsa Engberg, 0240-866 85").
* ``by_dnr(year=None) -> list[ArendeRef]``: every ärende of every meeting, sorted by
  Dnr (year, then serial as a number: 2022/9 before 2022/10).

Long text fields (``forslag_till_beslut``, ``beskrivning``, ``ekonomiska_konsekvenser``)
hold NK-HTML (see :mod:`app.richtext`); the service sanitizes whatever it is given with
:func:`app.richtext.from_html`, so pass ``QTextEdit.toHtml()`` or
``richtext.from_plain_text(text)``.
"""

from __future__ import annotations

import json
from dataclasses import fields, replace

from sqlite_utils import Database

from app import richtext
from app.changes import AnnouncingService
from app.dates import as_date, day_month_year
from app.meetings import au_forslag
from app.meetings.model import (
    ARENDETYPER,
    BESKRIVNING_RUBRIKER,
    FORSLAG_RUBRIK,
    Arende,
    ArendeRef,
    Undertecknare,
)
from app.public_records import refuse_if_justerat
from app.records import id_of, inserted_id
from app.validation import Checker, FieldError, ValidationError, clean_text

_RICH = ("forslag_till_beslut", "beskrivning", "ekonomiska_konsekvenser")
_PLAIN = ("rubrik", "dnr", "foredragande", "handlaggare")
_PARK = 1_000_000  # positions are parked above this while renumbering (UNIQUE position)


def _not_found(what: str) -> ValidationError:
    return ValidationError([FieldError("id", what)])


class ArendeService(AnnouncingService, kinds=("arenden", "meetings")):
    def __init__(self, db: Database):
        self.db = db

    # -- reading --------------------------------------------------------------------
    def _from_rows(self, rows: list[dict]) -> list[Arende]:
        if not rows:
            return []
        names = {f.name for f in fields(Arende)}
        items = []
        for r in rows:
            a = Arende(**{k: v for k, v in r.items() if k in names and k != "undertecknare"})
            a.extra = bool(a.extra)
            a.beslutsunderlag = json.loads(r["beslutsunderlag"])
            a.skickas_till = json.loads(r["skickas_till"])
            items.append(a)
        by_id = {a.id: a for a in items}
        marks = ",".join("?" * len(by_id))
        for s in self.db.query(f"SELECT * FROM undertecknare WHERE arende_id IN ({marks}) "
                               "ORDER BY arende_id, position", list(by_id)):
            by_id[s["arende_id"]].undertecknare.append(
                Undertecknare(s["namn"], s["titel"], s["person_id"]))
        return items

    def arenden(self, meeting_id: int) -> list[Arende]:
        return self._from_rows(list(self.db.query(
            "SELECT * FROM arende WHERE sammantrade_id = ? ORDER BY position", [meeting_id])))

    def get(self, arende_id: int) -> Arende:
        found = self._from_rows(list(self.db.query("SELECT * FROM arende WHERE id = ?", [arende_id])))
        if not found:
            raise _not_found(f"Ärende {arende_id} finns inte.")
        return found[0]

    def by_dnr(self, year: int | None = None) -> list[ArendeRef]:
        sql = ("SELECT a.id, a.dnr, a.rubrik, a.sammantrade_id, s.datum, o.namn AS organ_namn, "
               "a.position AS nummer FROM arende a JOIN sammantrade s ON s.id = a.sammantrade_id "
               "JOIN organ o ON o.id = s.organ_id WHERE a.dnr != ''")
        args = []
        if year is not None:
            sql += " AND a.dnr_ar = ?"
            args.append(year)
        # Parsed Dnr by year and serial as numbers; unparsed ones after, by text.
        sql += (" ORDER BY a.dnr_ar IS NULL, a.dnr_ar, a.dnr_lopnr, a.dnr_prefix COLLATE sv, "
                "CAST(a.dnr_suffix AS INTEGER), a.dnr COLLATE sv, s.datum, a.position")
        return [ArendeRef(**r) for r in self.db.query(sql, args)]

    # -- people snapshots -------------------------------------------------------------
    def signer(self, person_id: int) -> Undertecknare:
        row = self.db.execute("SELECT fornamn, efternamn, titel FROM person WHERE id = ?",
                              [person_id]).fetchone()
        if row is None:
            raise _not_found("Personen finns inte längre i personregistret.")
        return Undertecknare(f"{row[0]} {row[1]}".strip(), row[2], person_id)

    def handlaggare_text(self, person_id: int) -> str:
        row = self.db.execute("SELECT fornamn, efternamn, telefon FROM person WHERE id = ?",
                              [person_id]).fetchone()
        if row is None:
            raise _not_found("Personen finns inte längre i personregistret.")
        name = f"{row[0]} {row[1]}".strip()
        return f"{name}, {row[2]}" if row[2] else name

    # -- validation -----------------------------------------------------------------
    def _clean(self, a: Arende) -> Arende:
        for name in _PLAIN:
            setattr(a, name, " ".join(clean_text(getattr(a, name)).split()))
        for name in _RICH:
            setattr(a, name, richtext.from_html(getattr(a, name)))
        a.beslutsunderlag = [t for t in (" ".join(clean_text(x).split()) for x in a.beslutsunderlag) if t]
        a.skickas_till = [t for t in (" ".join(clean_text(x).split()) for x in a.skickas_till) if t]
        a.undertecknare = [replace(u, namn=" ".join(clean_text(u.namn).split()),
                                   titel=" ".join(clean_text(u.titel).split()))
                           for u in a.undertecknare]
        check = Checker()
        check.required("rubrik", a.rubrik, "Ärendets rubrik")
        check.max_length("rubrik", a.rubrik, "Ärendets rubrik", 1000)
        check.max_length("dnr", a.dnr, "Diarienumret", 100)
        if a.typ not in ARENDETYPER:
            check.add("typ", f"Okänd ärendetyp ”{a.typ}”; välj en av {', '.join(ARENDETYPER)}.")
        if a.forslag_kalla not in FORSLAG_RUBRIK:
            check.add("forslag_kalla", "Förslaget till beslut kommer från förvaltningen eller "
                      f"arbetsutskottet (nu: ”{a.forslag_kalla}”).")
        if a.beskrivning_rubrik not in BESKRIVNING_RUBRIKER:
            check.add("beskrivning_rubrik", f"Rubriken ”{a.beskrivning_rubrik}” går inte att välja; "
                      f"välj {' eller '.join(BESKRIVNING_RUBRIKER)}.")
        if a.datum:
            try:
                a.datum = as_date(a.datum).isoformat()
            except (TypeError, ValueError):
                check.add("datum", f"Tjänsteskrivelsens datum måste skrivas ÅÅÅÅ-MM-DD (nu: ”{a.datum}”).")
        else:
            a.datum = None
        for n, u in enumerate(a.undertecknare, start=1):
            if not u.namn:
                check.add("undertecknare", f"Undertecknare {n} saknar namn.")
        if not self.db.execute("SELECT 1 FROM sammantrade WHERE id = ?", [a.sammantrade_id]).fetchone():
            check.add("sammantrade_id", "Välj ett sammanträde.")
        for name, table in (("forvaltning_id", "forvaltning"), ("handlaggare_id", "person")):
            value = getattr(a, name)
            if value is not None and not self.db.execute(
                    f"SELECT 1 FROM {table} WHERE id = ?", [value]).fetchone():
                check.add(name, "Det valda värdet finns inte längre; välj igen.")
        check.raise_if_any()
        return a

    def _record(self, a: Arende) -> dict:
        d = a.dnr_delar
        return {
            "sammantrade_id": a.sammantrade_id, "rubrik": a.rubrik, "dnr": a.dnr,
            "dnr_prefix": d.prefix, "dnr_ar": d.year, "dnr_lopnr": d.serial, "dnr_suffix": d.suffix,
            "typ": a.typ, "extra": int(bool(a.extra)), "mallplacering": a.mallplacering,
            "foredragande": a.foredragande, "forvaltning_id": a.forvaltning_id,
            "handlaggare_id": a.handlaggare_id, "handlaggare": a.handlaggare, "datum": a.datum,
            "forslag_kalla": a.forslag_kalla, "forslag_till_beslut": a.forslag_till_beslut,
            "beskrivning_rubrik": a.beskrivning_rubrik, "beskrivning": a.beskrivning,
            "ekonomiska_konsekvenser": a.ekonomiska_konsekvenser,
            "beslutsunderlag": json.dumps(a.beslutsunderlag, ensure_ascii=False),
            "skickas_till": json.dumps(a.skickas_till, ensure_ascii=False),
            "kopierad_fran": a.kopierad_fran,
        }

    def _write_signers(self, a: Arende) -> None:
        self.db.execute("DELETE FROM undertecknare WHERE arende_id = ?", [a.id])
        for pos, u in enumerate(a.undertecknare, start=1):
            self.db.table("undertecknare").insert({"arende_id": a.id, "position": pos,
                                                   "person_id": u.person_id,
                                                   "namn": u.namn, "titel": u.titel})

    # -- order ------------------------------------------------------------------------
    def _ids(self, meeting_id: int) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT id FROM arende WHERE sammantrade_id = ? ORDER BY position", [meeting_id])]

    def _renumber(self, meeting_id: int, ordered_ids: list[int]) -> None:
        """Positions 1…n in the given order (inside the caller's transaction)."""
        self.db.execute("UPDATE arende SET position = position + ? WHERE sammantrade_id = ?",
                        [_PARK, meeting_id])
        self.db.conn.executemany("UPDATE arende SET position = ? WHERE id = ?",
                                 [(pos, i) for pos, i in enumerate(ordered_ids, start=1)])

    def default_position(self, meeting_id: int) -> int:
        """Before the run of template items that closes the agenda, else at the end."""
        rows = list(self.db.execute("SELECT mallplacering FROM arende WHERE sammantrade_id = ? "
                                    "ORDER BY position", [meeting_id]))
        pos = len(rows) + 1
        while pos > 1 and rows[pos - 2][0] == "efter":
            pos -= 1
        return pos

    def add(self, a: Arende, position: int | None = None) -> Arende:
        refuse_if_justerat(self.db, a.sammantrade_id, "dagordningen")
        a = self._clean(a)
        with self.db.atomic():
            ids = self._ids(a.sammantrade_id)
            if position is None:
                position = self.default_position(a.sammantrade_id)
            position = max(1, min(position, len(ids) + 1))
            a.position = _PARK * 2 + len(ids)  # placed properly by the renumbering below
            a.id = inserted_id(self.db.table("arende"), {**self._record(a), "position": a.position})
            self._write_signers(a)
            ids.insert(position - 1, a.id)
            self._renumber(a.sammantrade_id, ids)
        a.position = position
        return a

    def save(self, a: Arende) -> Arende:
        if a.id is None:
            return self.add(a)
        current = self.get(a.id)
        a.sammantrade_id = current.sammantrade_id  # moving between meetings: copy_to
        refuse_if_justerat(self.db, a.sammantrade_id, f"ärendet ”{current.rubrik}”")
        a = self._clean(a)
        with self.db.atomic():
            self.db.table("arende").update(id_of(a), self._record(a))
            self._write_signers(a)
        a.position = current.position
        return a

    def delete(self, arende_id: int) -> None:
        meeting_id = self.get(arende_id).sammantrade_id
        refuse_if_justerat(self.db, meeting_id, "dagordningen")
        with self.db.atomic():
            self.db.table("arende").delete(arende_id)
            self._renumber(meeting_id, self._ids(meeting_id))

    def move(self, arende_id: int, new_position: int) -> None:
        meeting_id = self.get(arende_id).sammantrade_id
        refuse_if_justerat(self.db, meeting_id, "dagordningen")
        with self.db.atomic():
            ids = self._ids(meeting_id)
            ids.remove(arende_id)
            new_position = max(1, min(new_position, len(ids) + 1))
            ids.insert(new_position - 1, arende_id)
            self._renumber(meeting_id, ids)

    def reorder(self, meeting_id: int, ordered_ids: list[int]) -> None:
        """Give the meeting's ärenden the order ``ordered_ids`` (all of them, each once)."""
        refuse_if_justerat(self.db, meeting_id, "dagordningen")
        with self.db.atomic():
            current = self._ids(meeting_id)
            if sorted(current) != sorted(ordered_ids) or len(set(ordered_ids)) != len(ordered_ids):
                raise ValidationError([FieldError(
                    "ordning", "Ärendelistan har ändrats under tiden; läs in den igen och försök på nytt.")])
            self._renumber(meeting_id, list(ordered_ids))

    # -- copy ---------------------------------------------------------------------------
    def copy_to(self, arende_id: int, target_meeting_id: int, position: int | None = None) -> Arende:
        src = self.get(arende_id)
        organ_typ = {r[0]: r[1] for r in self.db.execute(
            "SELECT s.id, o.typ FROM sammantrade s JOIN organ o ON o.id = s.organ_id WHERE s.id IN (?, ?)",
            [src.sammantrade_id, target_meeting_id])}
        if target_meeting_id not in organ_typ:
            raise _not_found("Sammanträdet att kopiera till finns inte.")
        copy = replace(src, id=None, sammantrade_id=target_meeting_id, kopierad_fran=src.id,
                       extra=False, mallplacering=None, position=0,
                       beslutsunderlag=list(src.beslutsunderlag), undertecknare=list(src.undertecknare))
        from_au = organ_typ[src.sammantrade_id] == "arbetsutskott"
        to_namnd = from_au and organ_typ[target_meeting_id] != "arbetsutskott"
        if to_namnd:
            # The förvaltning's förslag until the AU's paragraph is justerat; then
            # au_forslag.carry puts the AU's beslut and utdrag in its place.
            copy.forslag_kalla = "förvaltning"
            if src.datum:
                line = f"Tjänsteskrivelse daterad den {day_month_year(src.datum)}."
                if not any(x.lower().startswith("tjänsteskrivelse") for x in copy.beslutsunderlag):
                    copy.beslutsunderlag.insert(0, line)
        with self.db.atomic():
            copy = self.add(copy, position)
            self.db.execute(
                "INSERT INTO bilaga (arende_id, position, titel, datum, filnamn, sidor, fil_id, pdfa_niva, "
                "pdfa_ok, pdfa_problem, tillagd) SELECT ?, position, titel, datum, filnamn, sidor, fil_id, "
                "pdfa_niva, pdfa_ok, pdfa_problem, tillagd FROM bilaga WHERE arende_id = ? ORDER BY position",
                [copy.id, src.id])
            if to_namnd and au_forslag.carry(self.db, id_of(copy)):
                copy = self.get(id_of(copy))
        return copy
