"""Paragraphs: the protokoll's text per ärende.

Service API (:class:`ParagrafService`, also ``ProtokollService.paragrafer``):

* ``paragrafer(meeting_id) -> list[Paragraf]``: every ärende of the agenda in order,
  with its § number and label ("§ 15"), stored text or defaults taken from the ärende
  (beslut = förslag till beslut, beskrivning, beslutsunderlag = the tjänsteskrivelse
  and the bilagor, beslut skickas till), yrkanden, voteringar, reservationer,
  särskilda yttranden, protokollsanteckningar and jäv. ``get(arende_id)``.
* ``save(Paragraf) -> Paragraf``: writes the paragraph and all its lists in one
  transaction (rich text through :func:`app.richtext.from_html`) and returns it as
  stored (the lists' rows get new ids: keep the returned object). Cheap enough to
  autosave on every change. Refused with a Swedish message once the paragraph or the
  protokoll is justerat.
* ``numrering(meeting_id) -> Numrering`` (:mod:`app.protokoll.numrering`).
* ``open_arenden(meeting_id) -> list[OppetArende]``: ärenden the organ bordlade or
  återremitterade at an earlier meeting and has not taken up again, to offer on this
  meeting's agenda; ``take_up(arende_id, meeting_id, position=None) -> Arende`` copies
  one onto the agenda (with Dnr, texts and bilagor; it is then no longer open).
* ``effective_beslut(Paragraf, organ_namn, justerare_text="") -> str``: the decision
  text to print (NK-HTML): the stored one, or for a bordlagt/återremitterat ärende and
  for "Val av justerare" the sentence the program writes when none was typed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from app import richtext
from app.changes import AnnouncingService
from app.dates import day_month_year
from app.meetings import Arende, ArendeService, BilagaService
from app.meetings.pdf.tjansteskrivelse import bilaga_line
from app.protokoll.common import PARAGRAPH_LOCKED, meeting_row, refuse, refuse_if_locked
from app.protokoll.model import ANFORANDESLAG, ROSTER, UTFALL, Anforande, Paragraf, Rost, Votering
from app.protokoll.numrering import Numrering, numrering
from app.records import id_of
from app.validation import Checker, clean_text

_LISTS = {
    "yrkande": "yrkanden",
    "reservation": "reservationer",
    "särskilt yttrande": "sarskilda_yttranden",
    "protokollsanteckning": "protokollsanteckningar",
}
INFORMATION_BESLUT = "Informationen noteras."
VAL_AV_JUSTERARE = "val av justerare"
ANMALAN_EXTRA = "anmälan om extra ärenden"


@dataclass(frozen=True)
class OppetArende:
    """A bordlagt or återremitterat ärende not yet taken up again."""

    arende_id: int
    rubrik: str
    dnr: str
    utfall: str
    sammantrade_id: int
    datum: str
    label: str  # its § at that meeting


def _plain(text: str | None) -> str:
    return clean_text(text).replace("\r\n", "\n")


def _line(text: str | None) -> str:
    return " ".join(clean_text(text).split())


def default_beslutsunderlag(a: Arende, bilagor: list) -> list[str]:
    lines = list(a.beslutsunderlag)
    if a.datum and a.typ == "beslut" and not any(x.lower().startswith("tjänsteskrivelse") for x in lines):
        lines.insert(0, f"Tjänsteskrivelse daterad den {day_month_year(a.datum)}.")
    known = {x.rstrip(". ").lower() for x in lines}
    for b in bilagor:
        line = bilaga_line(b)
        if line.rstrip(". ").lower() not in known and b.titel.rstrip(". ").lower() not in known:
            lines.append(line)
    return lines


def extra_arenden_beslut(organ_namn: str, extra: list[str]) -> str:
    """The decision of "Anmälan om extra ärenden" when extra ärenden were taken up."""
    subject = organ_namn or "Organet"
    what = "följande extra ärende" if len(extra) == 1 else "följande extra ärenden"
    listed = extra[0] if len(extra) == 1 else ", ".join(extra[:-1]) + " och " + extra[-1]
    return richtext.from_plain_text(f"{subject} beslutar att ta upp {what}: {listed}.")


def effective_beslut(p: Paragraf, organ_namn: str, justerare_text: str = "",
                     extra: list[str] | None = None) -> str:
    """``extra``: the rubriker of the meeting's extra ärenden, for the § "Anmälan om
    extra ärenden" (None: not known, the § keeps what was typed)."""
    if not richtext.is_empty(p.beslut):
        return p.beslut
    subject = organ_namn or "Organet"
    if extra and p.rubrik.strip().lower().startswith(ANMALAN_EXTRA):
        return extra_arenden_beslut(organ_namn, extra)
    if p.utfall == "bordlagt":
        return richtext.from_plain_text(f"{subject} beslutar att bordlägga ärendet.")
    if p.utfall == "återremitterat":
        return richtext.from_plain_text(f"{subject} beslutar att återremittera ärendet till förvaltningen.")
    if p.rubrik.strip().lower().startswith(VAL_AV_JUSTERARE) and justerare_text:
        return richtext.from_plain_text(f"{justerare_text} utses att jämte ordföranden justera protokollet.")
    return p.beslut


class ParagrafService(AnnouncingService, kinds=("protokoll",)):
    def __init__(self, db: Database):
        self.db = db
        self.arenden = ArendeService(db)
        self.bilagor = BilagaService(db)

    def numrering(self, meeting_id: int) -> Numrering:
        return numrering(self.db, meeting_id)

    # -- reading ------------------------------------------------------------------------
    def _extra_default(self, meeting_id: int) -> str:
        """The default decision of "Anmälan om extra ärenden": the extra ärenden taken
        up, or nothing when there are none."""
        extra = [r[0] for r in self.db.execute(
            "SELECT rubrik FROM arende WHERE sammantrade_id = ? AND extra = 1 ORDER BY position",
            [meeting_id])]
        if not extra:
            return ""
        organ = self.db.execute("SELECT o.namn FROM sammantrade s JOIN organ o ON o.id = s.organ_id "
                                "WHERE s.id = ?", [meeting_id]).fetchone()[0]
        return extra_arenden_beslut(organ, extra)

    def paragrafer(self, meeting_id: int) -> list[Paragraf]:
        meeting_row(self.db, meeting_id)
        return self._load(meeting_id, self.arenden.arenden(meeting_id))

    def get(self, arende_id: int) -> Paragraf:
        a = self.arenden.get(arende_id)
        return self._load(a.sammantrade_id, [a])[0]

    def _load(self, meeting_id: int, arenden: list[Arende]) -> list[Paragraf]:
        if not arenden:
            return []
        ids = [a.id for a in arenden]
        marks = ",".join("?" * len(ids))
        stored = {
            r["arende_id"]: r
            for r in self.db.query(f"SELECT * FROM paragraf WHERE arende_id IN ({marks})", ids)
        }
        numbers = self.numrering(meeting_id)
        names = {
            r[0]: (f"{r[1]} ({r[2]})" if r[2] else r[1])
            for r in self.db.execute(
                "SELECT id, namn, parti FROM narvaro WHERE sammantrade_id = ?", [meeting_id]
            )
        }
        bilagor = self.bilagor.for_meeting(meeting_id)
        # An ärende marked sekretess on the agenda gives its paragraf the same marking.
        arende_sekretess = {
            r[0]: r[1] for r in self.db.execute(
                f"SELECT id, sekretess_grund FROM arende WHERE id IN ({marks}) AND sekretess = 1", ids)
        }
        result = []
        for a in arenden:
            aid = id_of(a)
            row = stored.get(aid)
            if row is None:
                p = Paragraf(
                    aid,
                    meeting_id,
                    beslut=a.forslag_till_beslut if a.typ == "beslut" else "",
                    beskrivning=a.beskrivning,
                    skickas_till=list(a.skickas_till),
                    beslutsunderlag=default_beslutsunderlag(a, bilagor.get(aid, [])),
                )
                if aid in arende_sekretess:
                    p.sekretess, p.sekretess_grund = True, arende_sekretess[aid]
                if a.typ == "information":
                    p.beslut = richtext.from_plain_text(INFORMATION_BESLUT)
                elif a.rubrik.strip().lower().startswith(ANMALAN_EXTRA):
                    p.beslut = self._extra_default(meeting_id)
            else:
                p = Paragraf(
                    aid,
                    meeting_id,
                    utfall=row["utfall"],
                    beslut=row["beslut"],
                    beskrivning=row["beskrivning"],
                    beslutsunderlag=json.loads(row["beslutsunderlag"]),
                    propositionsordning=row["propositionsordning"],
                    skickas_till=json.loads(row["skickas_till"]),
                    justeras_omedelbart=bool(row["justeras_omedelbart"]),
                    justering_id=row["justering_id"],
                    sekretess=bool(row["sekretess"]),
                    sekretess_grund=row["sekretess_grund"],
                    sparad=True,
                )
            p.rubrik, p.dnr, p.typ, p.extra, p.position = a.rubrik, a.dnr, a.typ, a.extra, a.position
            p.nummer = numbers.nummer.get(aid)
            p.label = numbers.label(aid)
            p.preliminar = numbers.is_preliminary(aid)
            result.append(p)
        by_id = {p.arende_id: p for p in result}
        for r in self.db.query(
            f"SELECT * FROM anforande WHERE arende_id IN ({marks}) ORDER BY arende_id, slag, position", ids
        ):
            namn = names.get(r["narvaro_id"], r["namn"]) if r["narvaro_id"] else r["namn"]
            getattr(by_id[r["arende_id"]], _LISTS[r["slag"]]).append(
                Anforande(r["slag"], namn, r["text"], r["narvaro_id"], bool(r["skriftlig"]), r["id"])
            )
        votes: dict[int, Votering] = {}
        for r in self.db.query(
            f"SELECT * FROM votering WHERE arende_id IN ({marks}) ORDER BY arende_id, position", ids
        ):
            v = Votering(r["fraga"], r["ja_innebar"], r["nej_innebar"], [], r["id"])
            votes[r["id"]] = v
            by_id[r["arende_id"]].voteringar.append(v)
        if votes:
            vmarks = ",".join("?" * len(votes))
            order = {
                r[0]: r[1]
                for r in self.db.execute(
                    "SELECT id, grupp || '-' || printf('%06d', ordning) FROM narvaro "
                    "WHERE sammantrade_id = ?",
                    [meeting_id],
                )
            }
            rows = self.db.execute(
                f"SELECT votering_id, narvaro_id, rost FROM rost WHERE votering_id IN ({vmarks})", list(votes)
            ).fetchall()
            for votering_id, narvaro_id, rost in sorted(rows, key=lambda r: order.get(r[1], "")):
                votes[votering_id].roster.append(Rost(narvaro_id, rost))
        for arende_id, narvaro_id in self.db.execute(
            f"SELECT arende_id, narvaro_id FROM jav WHERE arende_id IN ({marks}) ORDER BY rowid", ids
        ):
            by_id[arende_id].jav.append(narvaro_id)
        return result

    # -- writing ------------------------------------------------------------------------
    def _clean(self, p: Paragraf, meeting_id: int) -> Checker:
        p.beslut = richtext.from_html(p.beslut)
        p.beskrivning = richtext.from_html(p.beskrivning)
        p.propositionsordning = richtext.from_html(p.propositionsordning)
        p.beslutsunderlag = [t for t in (_line(x) for x in p.beslutsunderlag) if t]
        p.skickas_till = [t for t in (_line(x) for x in p.skickas_till) if t]
        p.sekretess_grund = _line(p.sekretess_grund)
        check = Checker()
        if p.sekretess and not p.sekretess_grund:
            check.add("sekretess_grund", "Ange sekretessgrunden, t.ex. ”OSL 26 kap. 1 §”.")
        if p.utfall not in UTFALL:
            check.add("utfall", f"Okänt utfall ”{p.utfall}”; välj en av {', '.join(UTFALL)}.")
        people = {
            r[0]: (r[1], r[2])
            for r in self.db.execute(
                "SELECT id, namn, parti FROM narvaro WHERE sammantrade_id = ?", [meeting_id]
            )
        }
        for slag, attr in _LISTS.items():
            items = getattr(p, attr)
            for n, item in enumerate(items, start=1):
                item.slag = slag
                item.text = _plain(item.text)
                if item.narvaro_id is not None:
                    if item.narvaro_id not in people:
                        check.add(attr, f"{slag.capitalize()} {n}: personen finns inte i närvarolistan.")
                        continue
                    namn, parti = people[item.narvaro_id]
                    item.namn = f"{namn} ({parti})" if parti else namn
                item.namn = _line(item.namn)
                if not item.namn:
                    check.add(attr, f"{slag.capitalize()} {n}: välj vem den gäller.")
                if slag == "yrkande" and not item.text:
                    check.add(attr, f"Yrkande {n} ({item.namn}) saknar text.")
        for n, v in enumerate(p.voteringar, start=1):
            v.fraga, v.ja_innebar, v.nej_innebar = _line(v.fraga), _line(v.ja_innebar), _line(v.nej_innebar)
            seen = set()
            for r in v.roster:
                if r.narvaro_id not in people:
                    check.add("voteringar", f"Omröstning {n}: en röstande finns inte i närvarolistan.")
                elif r.narvaro_id in seen:
                    check.add(
                        "voteringar", f"Omröstning {n}: {people[r.narvaro_id][0]} har röstat två gånger."
                    )
                if r.rost not in ROSTER:
                    check.add(
                        "voteringar", f"Omröstning {n}: rösten ”{r.rost}” är inte ja, nej eller avstår."
                    )
                seen.add(r.narvaro_id)
        p.jav = list(dict.fromkeys(p.jav))
        for narvaro_id in p.jav:
            if narvaro_id not in people:
                check.add("jav", "Jäv: personen finns inte i närvarolistan.")
        return check

    def save(self, p: Paragraf) -> Paragraf:
        a = self.arenden.get(p.arende_id)
        meeting_id = a.sammantrade_id
        refuse_if_locked(self.db, meeting_id)
        row = self.db.execute(
            "SELECT justering_id FROM paragraf WHERE arende_id = ?", [p.arende_id]
        ).fetchone()
        if row is not None and row[0] is not None:
            label = self.numrering(meeting_id).label(p.arende_id) or "Paragrafen"
            raise refuse("arende_id", PARAGRAPH_LOCKED.format(label=label))
        check = self._clean(p, meeting_id)
        check.raise_if_any()
        record = {
            "arende_id": p.arende_id,
            "sammantrade_id": meeting_id,
            "utfall": p.utfall,
            "beslut": p.beslut,
            "beskrivning": p.beskrivning,
            "beslutsunderlag": json.dumps(p.beslutsunderlag, ensure_ascii=False),
            "propositionsordning": p.propositionsordning,
            "skickas_till": json.dumps(p.skickas_till, ensure_ascii=False),
            "justeras_omedelbart": int(bool(p.justeras_omedelbart)),
            "sekretess": int(bool(p.sekretess)),
            "sekretess_grund": p.sekretess_grund,
        }
        with self.db.atomic():
            self.db.table("paragraf").upsert(record, pk="arende_id")
            for table in ("anforande", "votering", "jav"):
                self.db.execute(f"DELETE FROM {table} WHERE arende_id = ?", [p.arende_id])
            for slag, attr in _LISTS.items():
                for pos, item in enumerate(getattr(p, attr), start=1):
                    item.id = (
                        self.db.table("anforande")
                        .insert(
                            {
                                "arende_id": p.arende_id,
                                "slag": slag,
                                "position": pos,
                                "narvaro_id": item.narvaro_id,
                                "namn": item.namn,
                                "text": item.text,
                                "skriftlig": int(bool(item.skriftlig)),
                            }
                        )
                        .last_pk
                    )
            for pos, v in enumerate(p.voteringar, start=1):
                v.id = (
                    self.db.table("votering")
                    .insert(
                        {
                            "arende_id": p.arende_id,
                            "position": pos,
                            "fraga": v.fraga,
                            "ja_innebar": v.ja_innebar,
                            "nej_innebar": v.nej_innebar,
                        }
                    )
                    .last_pk
                )
                self.db.table("rost").insert_all(
                    [{"votering_id": v.id, "narvaro_id": r.narvaro_id, "rost": r.rost} for r in v.roster]
                )
            self.db.table("jav").insert_all([{"arende_id": p.arende_id, "narvaro_id": n} for n in p.jav])
        return self.get(p.arende_id)

    def materialize(self, meeting_id: int, arende_ids: list[int] | None = None) -> None:
        """Store the defaults of paragraphs never saved (before justering: the record
        must not depend on ärende texts that may change later). Inside the caller's
        transaction."""
        for p in self.paragrafer(meeting_id):
            if p.sparad or (arende_ids is not None and p.arende_id not in arende_ids):
                continue
            self.save(p)

    # -- bordlagda and återremitterade ---------------------------------------------------
    def open_arenden(self, meeting_id: int) -> list[OppetArende]:
        m = meeting_row(self.db, meeting_id)
        rows = self.db.execute(
            "SELECT a.id, a.rubrik, a.dnr, p.utfall, s.id, s.datum FROM paragraf p "
            "JOIN arende a ON a.id = p.arende_id JOIN sammantrade s ON s.id = a.sammantrade_id "
            "WHERE s.organ_id = ? AND p.utfall IN ('bordlagt', 'återremitterat') "
            "AND (s.datum < ? OR (s.datum = ? AND s.id < ?)) "
            "AND NOT EXISTS (SELECT 1 FROM arende b JOIN sammantrade t ON t.id = b.sammantrade_id "
            "                WHERE b.kopierad_fran = a.id AND t.organ_id = s.organ_id) "
            "ORDER BY s.datum, s.id, a.position",
            [m["organ_id"], m["datum"], m["datum"], meeting_id],
        ).fetchall()
        labels: dict[int, Numrering] = {}
        result = []
        for arende_id, rubrik, dnr, utfall, sid, datum in rows:
            numbers = labels.setdefault(sid, self.numrering(sid))
            result.append(OppetArende(arende_id, rubrik, dnr, utfall, sid, datum, numbers.label(arende_id)))
        return result

    def take_up(self, arende_id: int, meeting_id: int, position: int | None = None) -> Arende:
        refuse_if_locked(self.db, meeting_id)
        if arende_id not in {o.arende_id for o in self.open_arenden(meeting_id)}:
            raise refuse(
                "arende_id",
                "Ärendet är inte bordlagt eller återremitterat vid ett tidigare "
                "sammanträde med samma organ, eller är redan upptaget igen.",
            )
        return self.arenden.copy_to(arende_id, meeting_id, position)


__all__ = ["ANFORANDESLAG", "OppetArende", "ParagrafService", "default_beslutsunderlag", "effective_beslut"]
