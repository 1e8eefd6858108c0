"""Närvaro: who is at the meeting, who serves for whom, and who takes
part in the decision of each paragraph.

Service API (:class:`NarvaroService`, also ``ProtokollService.narvaro``):

* ``ensure(meeting_id) -> list[Narvaro]``: adds the organ's ledamöter (present) and
  ersättare (not present) on the meeting date, and the nämndsekreterare as övrig
  närvarande, to the list; people already listed stay as they are.
* ``narvaro(meeting_id) -> list[Narvaro]``: ledamöter, ersättare, övriga in printed
  order; ``get(narvaro_id)``.
* ``save(Narvaro) -> Narvaro``: present or not, arrives at / leaves after a paragraph
  (``fran_arende_id`` / ``till_arende_id``), övriga närvarande with their title;
  ``delete(narvaro_id)``.
* ``tjanstgoringar(meeting_id)``, ``save_tjanstgoring(Tjanstgoring)``,
  ``delete_tjanstgoring(id)``: an ersättare serving for a ledamot (from/to a §).
* ``suggest_tjanstgoring(meeting_id) -> list[Tjanstgoring]`` (not saved): for each
  absent ledamot nobody serves for, a present ersättare of the same party if any, else
  the first free one in the ersättare order.
* ``beslutande(meeting_id) -> dict[arende_id, Beslutande]``: per paragraph the members
  taking part (present ledamöter and serving ersättare, minus jäv), the chair, the
  number of seats and whether the organ is beslutför.
* ``platser(meeting_id) -> int``: ledamöter seats on the meeting date.

All writes refuse a justerat protokoll with a Swedish :class:`ValidationError`.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from app.changes import AnnouncingService
from app.organisation import OrganisationService
from app.protokoll.common import (
    check_arende_in_meeting,
    meeting_row,
    position_span,
    positions,
    refuse,
    refuse_if_locked,
)
from app.protokoll.model import GRUPPER, ORDFORANDEORDNING, Beslutande, Deltagare, Narvaro, Tjanstgoring
from app.records import id_of, row_to
from app.validation import Checker, clean_text

_GRUPP_ORDER = {g: i for i, g in enumerate(GRUPPER)}


def _one_line(text: str | None) -> str:
    return " ".join(clean_text(text).split())


class NarvaroService(AnnouncingService, kinds=("protokoll",)):
    def __init__(self, db: Database):
        self.db = db
        self.organisation = OrganisationService(db)

    # -- reading ------------------------------------------------------------------------
    @staticmethod
    def _from_row(row: dict) -> Narvaro:
        n = row_to(Narvaro, row)
        n.narvarande = bool(n.narvarande)
        return n

    def narvaro(self, meeting_id: int) -> list[Narvaro]:
        rows = [
            self._from_row(r)
            for r in self.db.query("SELECT * FROM narvaro WHERE sammantrade_id = ?", [meeting_id])
        ]
        return sorted(rows, key=lambda n: (_GRUPP_ORDER.get(n.grupp, 9), n.ordning, n.id))

    def get(self, narvaro_id: int) -> Narvaro:
        rows = list(self.db.query("SELECT * FROM narvaro WHERE id = ?", [narvaro_id]))
        if not rows:
            raise refuse("id", "Personen finns inte längre i närvarolistan.")
        return self._from_row(rows[0])

    def platser(self, meeting_id: int) -> int:
        m = meeting_row(self.db, meeting_id)
        seats = self.db.execute(
            "SELECT COUNT(*) FROM uppdrag WHERE organ_id = ? AND roll != 'ersättare' "
            "AND fran <= ? AND till >= ?",
            [m["organ_id"], m["datum"], m["datum"]],
        ).fetchone()[0]
        if seats:
            return seats
        # No register data for the date: the ledamöter the secretary listed by hand.
        return self.db.execute(
            "SELECT COUNT(*) FROM narvaro WHERE sammantrade_id = ? AND grupp = 'ledamot'", [meeting_id]
        ).fetchone()[0]

    # -- the list -----------------------------------------------------------------------
    def _next_order(self, meeting_id: int, grupp: str) -> int:
        row = self.db.execute(
            "SELECT MAX(ordning) FROM narvaro WHERE sammantrade_id = ? AND grupp = ?", [meeting_id, grupp]
        ).fetchone()
        return (row[0] or 0) + 1

    def ensure(self, meeting_id: int) -> list[Narvaro]:
        m = meeting_row(self.db, meeting_id)
        refuse_if_locked(self.db, meeting_id)
        listed = {
            r[0]
            for r in self.db.execute(
                "SELECT person_id FROM narvaro WHERE sammantrade_id = ? AND person_id IS NOT NULL",
                [meeting_id],
            )
        }
        day = date.fromisoformat(m["datum"])
        with self.db.atomic():
            for u in self.organisation.uppdrag(organ_id=m["organ_id"], on_date=day):
                if u.person_id in listed:
                    continue
                grupp = "ersättare" if u.roll == "ersättare" else "ledamot"
                self.db.table("narvaro").insert(
                    {
                        "sammantrade_id": meeting_id,
                        "person_id": u.person_id,
                        "grupp": grupp,
                        "roll": u.roll,
                        "namn": u.person_namn.strip(),
                        "parti": u.parti,
                        "ordning": self._next_order(meeting_id, grupp),
                        "narvarande": int(grupp == "ledamot"),
                    }
                )
                listed.add(u.person_id)
            secretary = m["sekreterare_id"]
            if secretary is None:
                row = self.db.execute(
                    "SELECT sekreterare_id FROM kallelseinstallning WHERE organ_id = ?", [m["organ_id"]]
                ).fetchone()
                secretary = row[0] if row else None
            if secretary and secretary not in listed:
                p = self.organisation.get_person(secretary)
                self.db.table("narvaro").insert(
                    {
                        "sammantrade_id": meeting_id,
                        "person_id": p.id,
                        "grupp": "övrig",
                        "roll": p.titel or "Nämndsekreterare",
                        "namn": p.namn,
                        "parti": "",
                        "ordning": self._next_order(meeting_id, "övrig"),
                        "narvarande": 1,
                    }
                )
        return self.narvaro(meeting_id)

    def save(self, n: Narvaro) -> Narvaro:
        n.namn, n.parti, n.roll = _one_line(n.namn), _one_line(n.parti), _one_line(n.roll)
        n.anteckning = clean_text(n.anteckning)
        if n.id is not None:
            n.sammantrade_id = self.get(n.id).sammantrade_id
        meeting_row(self.db, n.sammantrade_id)
        refuse_if_locked(self.db, n.sammantrade_id)
        check = Checker()
        if n.person_id is not None and not n.namn:
            row = self.db.execute(
                "SELECT fornamn || ' ' || efternamn, parti, titel FROM person WHERE id = ?", [n.person_id]
            ).fetchone()
            if row is None:
                check.add("person_id", "Den valda personen finns inte längre i personregistret.")
            else:
                n.namn = row[0].strip()
                n.parti = n.parti or (row[1] if n.grupp != "övrig" else "")
                n.roll = n.roll or (row[2] if n.grupp == "övrig" else "")
        check.required("namn", n.namn, "Namnet")
        check.max_length("namn", n.namn, "Namnet", 200)
        if n.grupp not in GRUPPER:
            check.add("grupp", f"Okänd grupp ”{n.grupp}”; välj ledamot, ersättare eller övrig.")
        if (
            n.person_id is not None
            and self.db.execute(
                "SELECT 1 FROM narvaro WHERE sammantrade_id = ? AND person_id = ? AND id IS NOT ?",
                [n.sammantrade_id, n.person_id, n.id],
            ).fetchone()
        ):
            check.add("person_id", f"{n.namn} finns redan i närvarolistan.")
        self._check_span(check, n.sammantrade_id, n.fran_arende_id, n.till_arende_id, n.namn)
        check.raise_if_any()
        record = {
            "sammantrade_id": n.sammantrade_id,
            "person_id": n.person_id,
            "grupp": n.grupp,
            "roll": n.roll,
            "namn": n.namn,
            "parti": n.parti,
            "narvarande": int(bool(n.narvarande)),
            "fran_arende_id": n.fran_arende_id,
            "till_arende_id": n.till_arende_id,
            "anteckning": n.anteckning,
        }
        with self.db.atomic():
            if n.id is None:
                n.ordning = self._next_order(n.sammantrade_id, n.grupp)
                n.id = self.db.table("narvaro").insert({**record, "ordning": n.ordning}).last_pk
            else:
                self.db.table("narvaro").update(n.id, record)
        return self.get(id_of(n))

    def delete(self, narvaro_id: int) -> None:
        n = self.get(narvaro_id)
        refuse_if_locked(self.db, n.sammantrade_id)
        with self.db.atomic():
            self.db.table("narvaro").delete(narvaro_id)

    def _check_span(
        self, check: Checker, meeting_id: int, fran: int | None, till: int | None, who: str
    ) -> None:
        for value, label, name in (
            (fran, "Från paragraf", "fran_arende_id"),
            (till, "Till paragraf", "till_arende_id"),
        ):
            problem = check_arende_in_meeting(self.db, meeting_id, value, f"{label} för {who}")
            if problem:
                check.add(name, problem)
        if fran is not None and till is not None and not check.errors:
            pos = positions(self.db, meeting_id)
            if pos[fran] > pos[till]:
                check.add("till_arende_id", f"{who}: sista paragrafen kommer före den första.")

    # -- tjänstgöring -------------------------------------------------------------------
    def tjanstgoringar(self, meeting_id: int) -> list[Tjanstgoring]:
        return [
            row_to(Tjanstgoring, r)
            for r in self.db.query(
                "SELECT * FROM tjanstgoring WHERE sammantrade_id = ? ORDER BY id", [meeting_id]
            )
        ]

    def save_tjanstgoring(self, t: Tjanstgoring) -> Tjanstgoring:
        refuse_if_locked(self.db, t.sammantrade_id)
        check = Checker()
        people = {n.id: n for n in self.narvaro(t.sammantrade_id)}
        ersattare, ledamot = people.get(t.ersattare_id), people.get(t.for_id)
        if ersattare is None:
            check.add("ersattare_id", "Välj en ersättare ur närvarolistan.")
        if ledamot is None or ledamot.grupp != "ledamot":
            check.add("for_id", "Välj den ledamot som ersättaren tjänstgör för.")
        if ersattare is not None and ersattare.grupp == "övrig":
            check.add(
                "ersattare_id", f"{ersattare.namn} är inte ledamot eller ersättare och kan inte tjänstgöra."
            )
        if ersattare is not None and ersattare.id == t.for_id:
            check.add("for_id", "En person kan inte tjänstgöra för sig själv.")
        self._check_span(
            check,
            t.sammantrade_id,
            t.fran_arende_id,
            t.till_arende_id,
            ersattare.namn if ersattare else "Tjänstgöringen",
        )
        check.raise_if_any()
        record = {
            "sammantrade_id": t.sammantrade_id,
            "ersattare_id": t.ersattare_id,
            "for_id": t.for_id,
            "fran_arende_id": t.fran_arende_id,
            "till_arende_id": t.till_arende_id,
        }
        with self.db.atomic():
            if t.id is None:
                t.id = self.db.table("tjanstgoring").insert(record).last_pk
            else:
                self.db.table("tjanstgoring").update(t.id, record)
            if ersattare is not None and not ersattare.narvarande:
                # Serving means being there: mark the ersättare present.
                self.db.table("narvaro").update(id_of(ersattare), {"narvarande": 1})
        return t

    def delete_tjanstgoring(self, tjanstgoring_id: int) -> None:
        row = self.db.execute(
            "SELECT sammantrade_id FROM tjanstgoring WHERE id = ?", [tjanstgoring_id]
        ).fetchone()
        if row is None:
            return
        refuse_if_locked(self.db, row[0])
        with self.db.atomic():
            self.db.table("tjanstgoring").delete(tjanstgoring_id)

    def suggest_tjanstgoring(self, meeting_id: int) -> list[Tjanstgoring]:
        people = self.narvaro(meeting_id)
        serving = self.tjanstgoringar(meeting_id)
        covered = {t.for_id for t in serving}
        busy = {t.ersattare_id for t in serving}
        free = [n for n in people if n.grupp == "ersättare" and n.narvarande and n.id not in busy]
        result = []
        for ledamot in people:
            if ledamot.grupp != "ledamot" or ledamot.narvarande or ledamot.id in covered:
                continue
            pick = next((e for e in free if e.parti and e.parti == ledamot.parti), None) or (
                free[0] if free else None
            )
            if pick is None:
                break
            free.remove(pick)
            result.append(Tjanstgoring(meeting_id, id_of(pick), id_of(ledamot)))
        return result

    # -- who decides ----------------------------------------------------------------------
    def beslutande(self, meeting_id: int, chair_person_id: int | None = None) -> dict[int, Beslutande]:
        """Per ärende (every one on the agenda) the members taking part; see module doc.
        ``chair_person_id``: the protokoll's chosen ordförande (default: read it)."""
        if chair_person_id is None:
            row = self.db.execute(
                "SELECT ordforande_id FROM protokoll WHERE sammantrade_id = ?", [meeting_id]
            ).fetchone()
            chair_person_id = row[0] if row else None
        pos = positions(self.db, meeting_id)
        people = self.narvaro(meeting_id)
        by_id = {n.id: n for n in people}
        serving = self.tjanstgoringar(meeting_id)
        jav: dict[int, set[int]] = {}
        for arende_id, narvaro_id in self.db.execute(
            "SELECT j.arende_id, j.narvaro_id FROM jav j JOIN paragraf p ON p.arende_id = j.arende_id "
            "WHERE p.sammantrade_id = ?",
            [meeting_id],
        ):
            jav.setdefault(arende_id, set()).add(narvaro_id)
        seats = self.platser(meeting_id)

        def covers(fran: int | None, till: int | None, p: int) -> bool:
            first, last = position_span(pos, fran, till)
            return first <= p <= last

        result: dict[int, Beslutande] = {}
        for arende_id, p in pos.items():
            javiga = jav.get(arende_id, set())
            present = {n.id for n in people if n.narvarande and covers(n.fran_arende_id, n.till_arende_id, p)}
            members = [n for n in people if n.grupp == "ledamot" and n.id in present and n.id not in javiga]
            taking = {n.id for n in members}
            deputies: dict[int, Narvaro] = {}  # ledamot id -> ersättare
            for t in serving:
                e = by_id.get(t.ersattare_id)
                if (
                    e is None
                    or t.for_id in taking
                    or t.for_id in deputies
                    or e.id in javiga
                    or e.id not in present
                    or e.id in taking
                    or not covers(t.fran_arende_id, t.till_arende_id, p)
                ):
                    continue
                if any(d.id == e.id for d in deputies.values()):
                    continue
                deputies[t.for_id] = e
            ordered: list[tuple[Narvaro, str]] = []
            for n in people:
                if n.id in taking:
                    ordered.append((n, ""))
                elif n.id in deputies:
                    ordered.append((deputies[n.id], by_id[n.id].namn_parti))
            chair = self._chair([n for n, for_whom in ordered if not for_whom], chair_person_id)
            result[arende_id] = Beslutande(
                arende_id,
                tuple(
                    Deltagare(
                        id_of(n),
                        n.namn,
                        n.parti,
                        n.roll if not for_ else "ersättare",
                        for_,
                        chair is not None and n.id == chair.id,
                    )
                    for n, for_ in ordered
                ),
                tuple(sorted(javiga)),
                seats,
            )
        return result

    @staticmethod
    def _chair(members: list[Narvaro], chair_person_id: int | None) -> Narvaro | None:
        if chair_person_id is not None:
            chosen = next((n for n in members if n.person_id == chair_person_id), None)
            if chosen is not None:
                return chosen
        for roll in ORDFORANDEORDNING:
            found = next((n for n in members if n.roll == roll), None)
            if found is not None:
                return found
        return None
