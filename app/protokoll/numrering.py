"""Paragraph numbers: one series per organ and calendar year.

The §§ of a meeting continue from the organ's previous protokoll of the same year
(the last justerat one, or one still being written that comes before it); the first
protokoll of a year starts at 1 or at the organ's set start number
(``organ.paragraf_startnummer``), and a protokoll can be given its own start number
(when the program is taken into use in the middle of a year). Every ärende of a meeting
with a protokoll is a §, in agenda order, except those that "utgår".

Numbers are computed until a paragraph is justerat (with the protokoll or omedelbart);
then the number is stored and never changes. An ärende placed before a justerad
paragraph after the fact would collide with it: that is reported, not renumbered.

The series is guarded: a held meeting before this one without a protokoll is reported
(``luckor``), and while any earlier meeting of the series is not justerat the numbers
not yet stored are preliminary (``preliminara``), shown so in the Protokoll area.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from app.organisation import Organ, format_paragraf
from app.protokoll.common import meeting_row
from app.records import row_to


@dataclass(frozen=True)
class Numrering:
    sammantrade_id: int
    year: int
    organ: Organ
    nummer: dict[int, int]  # arende_id -> § number (numbered §§ only, agenda order)
    kollisioner: tuple[str, ...] = field(default=())  # Swedish, for the pre-print check
    #: Held meetings before this one in the series without a protokoll (Swedish, for the
    #: pre-print check and the Protokoll area): their §§ are missing from the count.
    luckor: tuple[str, ...] = field(default=())
    #: The §§ whose numbers may still move: not stored, and an earlier meeting of the
    #: series is not justerat yet (docs/domain/paragraf-numbering.md, "A guarded series").
    preliminara: frozenset[int] = field(default=frozenset())

    def is_preliminary(self, arende_id: int) -> bool:
        return arende_id in self.preliminara

    def label(self, arende_id: int) -> str:
        nr = self.nummer.get(arende_id)
        return (
            ""
            if nr is None
            else format_paragraf(self.organ.paragraf_format, nr, self.year, self.organ.kortnamn)
        )

    @property
    def first(self) -> int | None:
        return min(self.nummer.values()) if self.nummer else None

    @property
    def last(self) -> int | None:
        return max(self.nummer.values()) if self.nummer else None

    def range_text(self, arende_ids: list[int] | None = None) -> str:
        """ "1–13" (or "VON.2022.1–VON.2022.13"): the paragraphs covered, as in
        "Paragrafer 1–13"; a single number when there is one."""
        numbers = sorted(
            self.nummer[a]
            for a in (arende_ids if arende_ids is not None else self.nummer)
            if a in self.nummer
        )
        if not numbers:
            return ""

        def short(nr: int) -> str:
            text = format_paragraf(self.organ.paragraf_format, nr, self.year, self.organ.kortnamn)
            return text.removeprefix("§").strip()

        # Separate runs: "1–5, 9" when omedelbart justerade §§ are left out.
        runs: list[list[int]] = []
        for nr in numbers:
            if runs and nr == runs[-1][-1] + 1:
                runs[-1].append(nr)
            else:
                runs.append([nr])
        return ", ".join(short(r[0]) if len(r) == 1 else f"{short(r[0])}–{short(r[-1])}" for r in runs)


def _series_meetings(db: Database, organ_id: int, year: int, include: int) -> list[dict]:
    return list(
        db.query(
            "SELECT s.id, s.datum, s.starttid, p.startnummer FROM sammantrade s "
            "LEFT JOIN protokoll p ON p.sammantrade_id = s.id "
            "WHERE s.organ_id = ? AND s.datum >= ? AND s.datum < ? "
            "AND (p.sammantrade_id IS NOT NULL OR s.id = ? "
            "     OR EXISTS (SELECT 1 FROM paragraf g WHERE g.sammantrade_id = s.id)) "
            "ORDER BY s.datum, s.starttid, s.id",
            [organ_id, f"{year:04d}-01-01", f"{year + 1:04d}-01-01", include],
        )
    )


#: An earlier meeting in one of these statuses took place: its §§ belong to the series.
_HELD = ("kallat", "genomfört", "justerat", "anslaget")
_SETTLED = ("justerat", "anslaget")


def _unsettled_before(db: Database, organ: Organ, year: int, m: dict) -> tuple[list[str], bool]:
    """(messages about held meetings without a protokoll, whether any earlier meeting
    the count runs through is still open) for the meetings of the series before ``m``.
    A protokoll with its own start number does not depend on the meetings before it."""
    own = db.execute("SELECT startnummer FROM protokoll WHERE sammantrade_id = ?", [m["id"]]).fetchone()
    if own is not None and own[0] is not None:
        return [], False
    rows = list(db.query(
        "SELECT s.id, s.datum, s.starttid, s.status, p.sammantrade_id IS NOT NULL AS har_protokoll, "
        "p.startnummer, EXISTS (SELECT 1 FROM paragraf g WHERE g.sammantrade_id = s.id) AS har_paragrafer "
        "FROM sammantrade s LEFT JOIN protokoll p ON p.sammantrade_id = s.id "
        "WHERE s.organ_id = ? AND s.datum >= ? AND s.datum < ? AND s.id != ? "
        "ORDER BY s.datum, s.starttid, s.id",
        [organ.id, f"{year:04d}-01-01", f"{year + 1:04d}-01-01", m["id"]]))
    key = (m["datum"], m["starttid"] or "", m["id"])
    earlier = [r for r in rows if (r["datum"], r["starttid"] or "", r["id"]) < key and r["status"] in _HELD]
    starts = [i for i, r in enumerate(earlier) if r["startnummer"] is not None]
    earlier = earlier[starts[-1]:] if starts else earlier
    gaps = [
        f"Sammanträdet {r['datum']} har hållits men saknar protokoll; dess paragrafer ingår inte i "
        f"numreringen, så paragrafnumren här är preliminära och flyttas när det protokollet skrivs."
        for r in earlier if not r["har_protokoll"] and not r["har_paragrafer"]
    ]
    return gaps, any(r["status"] not in _SETTLED for r in earlier)


def numrering(db: Database, meeting_id: int) -> Numrering:
    """The § numbers of the meeting's ärenden (see module docstring)."""
    m = meeting_row(db, meeting_id)
    organ = row_to(Organ, db.table("organ").get(m["organ_id"]))
    year = int(m["datum"][:4])
    running = organ.paragraf_startnummer
    seen: dict[int, list[tuple[int, int]]] = {}  # number -> [(meeting id, arende id)]
    result: dict[int, int] = {}
    for meeting in _series_meetings(db, organ.id, year, meeting_id):
        if meeting["startnummer"] is not None:
            running = meeting["startnummer"]
        rows = db.execute(
            "SELECT a.id, p.utfall, p.nummer FROM arende a LEFT JOIN paragraf p ON p.arende_id = a.id "
            "WHERE a.sammantrade_id = ? ORDER BY a.position",
            [meeting["id"]],
        ).fetchall()
        for arende_id, utfall, stored in rows:
            if stored is None and utfall == "utgår":
                continue
            nr = stored if stored is not None else running
            running = nr + 1
            seen.setdefault(nr, []).append((meeting["id"], arende_id))
            if meeting["id"] == meeting_id:
                result[arende_id] = nr
    kollisioner = []
    for nr, where in sorted(seen.items()):
        if len(where) > 1 and any(mid == meeting_id for mid, _a in where):
            label = format_paragraf(organ.paragraf_format, nr, year, organ.kortnamn)
            kollisioner.append(
                f"Paragrafnumret {label} används två gånger: ett ärende har lagts före en paragraf som "
                "redan är justerad. Flytta ärendet efter den justerade paragrafen."
            )
    gaps, open_before = _unsettled_before(db, organ, year, m)
    stored = {r[0] for r in db.execute(
        "SELECT p.arende_id FROM paragraf p JOIN arende a ON a.id = p.arende_id "
        "WHERE a.sammantrade_id = ? AND p.nummer IS NOT NULL", [meeting_id])}
    preliminary = frozenset(a for a in result if a not in stored) if open_before else frozenset()
    return Numrering(meeting_id, year, organ, result, tuple(kollisioner), tuple(gaps), preliminary)
