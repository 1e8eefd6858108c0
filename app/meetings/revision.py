"""What has changed in a meeting since its kallelse was last sent
(docs/domain/documents.md, "Sent versions and revised kallelser").

Each sent version stores a fingerprint of what it printed (:func:`fingerprint`): the
meeting's time and place and, per ärende, its key (``arende_identitet``: ids are
reused after a delete, keys never), number and title and a SHA-256 of each part a
reader would see change — rubrik, Dnr, förslag till beslut, the rest of the
tjänsteskrivelse, the bilagor (their titles, dates and files). :func:`compare` sets
the meeting as it is now against the last sent fingerprint: ärenden added, changed
(and which parts) and removed, and a new time or place. Renumbering alone is not a
change: the revised kallelse prints the new numbers anyway.

Pure functions over the meeting's records, besides :func:`arende_keys` and
:func:`since_sent`, which read the keys and the last sent fingerprint.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlite_utils import Database

from app.dates import meeting_time
from app.meetings.model import Arende, ArendeAndring, Bilaga, Revision, Sammantrade

#: The parts of an ärende whose change is reported, with the words the kallelse uses.
PARTS = {
    "rubrik": "rubrik",
    "dnr": "diarienummer",
    "forslag": "förslag till beslut",
    "tjansteskrivelse": "tjänsteskrivelse",
    "bilagor": "bilagor",
}


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def arende_parts(a: Arende, bilagor: list[Bilaga]) -> dict[str, str]:
    """A SHA-256 per part of the ärende as printed in the kallelse and handlingar."""
    return {
        "rubrik": _digest([a.rubrik, a.typ, bool(a.extra)]),
        "dnr": _digest(a.dnr),
        "forslag": _digest([a.forslag_kalla, a.forslag_till_beslut]),
        "tjansteskrivelse": _digest([
            a.foredragande, a.forvaltning_id, a.handlaggare, a.datum, a.beskrivning_rubrik, a.beskrivning,
            a.ekonomiska_konsekvenser, list(a.beslutsunderlag), list(a.skickas_till),
            [[u.namn, u.titel] for u in a.undertecknare]]),
        "bilagor": _digest([[b.titel, b.datum, b.sha256] for b in bilagor]),
    }


def fingerprint(meeting: Sammantrade, arenden: list[Arende], bilagor: dict[int, list[Bilaga]],
                keys: dict[int, str]) -> dict:
    """What a sent version stores to be compared with later (JSON-ready); ``keys`` are
    the ärenden's keys by id (:func:`arende_keys`)."""
    return {
        "motet": {"datum": meeting.datum, "starttid": meeting.starttid, "plats": meeting.plats},
        "arenden": [{"id": a.id, "nyckel": keys.get(a.id or 0, f"id-{a.id}"), "nummer": a.nummer,
                     "rubrik": a.rubrik,
                     "delar": arende_parts(a, bilagor.get(a.id, []) if a.id is not None else [])}
                    for a in arenden],
    }


def _meeting_lines(sent: dict, now: dict) -> tuple[str, ...]:
    lines = []
    if (sent["datum"], sent["starttid"]) != (now["datum"], now["starttid"]):
        lines.append(f"Ny tid: {meeting_time(now['datum'], now['starttid'])} "
                     f"(tidigare {meeting_time(sent['datum'], sent['starttid'])})")
    if sent["plats"] != now["plats"]:
        lines.append(f"Ny plats: {now['plats'] or 'ingen angiven'} "
                     f"(tidigare {sent['plats'] or 'ingen angiven'})")
    return tuple(lines)


def compare(sent: dict, version: int, skickad: str, now: dict) -> Revision:
    """The changes from the ``sent`` fingerprint (``version``, sent at ``skickad``) to
    ``now``: new and changed ärenden in agenda order, then those removed."""
    before = {item["nyckel"]: item for item in sent["arenden"]}
    current = {item["nyckel"] for item in now["arenden"]}
    changes = []
    for item in now["arenden"]:
        old = before.get(item["nyckel"])
        if old is None:
            changes.append(ArendeAndring("nytt", item["id"], item["nummer"], item["rubrik"]))
            continue
        parts = tuple(label for key, label in PARTS.items() if old["delar"].get(key) != item["delar"][key])
        if parts:
            changes.append(ArendeAndring("ändrat", item["id"], item["nummer"], item["rubrik"], parts))
    for item in sent["arenden"]:
        if item["nyckel"] not in current:
            changes.append(ArendeAndring("utgår", item["id"], item["nummer"], item["rubrik"]))
    return Revision(version, skickad, tuple(changes), _meeting_lines(sent["motet"], now["motet"]))


def arende_keys(db: Database, meeting_id: int) -> dict[int, str]:
    """The keys of the meeting's ärenden by id."""
    return dict(db.execute("SELECT k.arende_id, k.nyckel FROM arende_identitet k JOIN arende a "
                           "ON a.id = k.arende_id WHERE a.sammantrade_id = ?", [meeting_id]).fetchall())


def last_sent(db: Database, meeting_id: int) -> tuple[int, str, dict] | None:
    """(version, sent at, fingerprint) of the meeting's last sent kallelse, or None."""
    row = db.execute("SELECT version, skickad, innehall FROM kallelse_utskick WHERE sammantrade_id = ? "
                     "ORDER BY version DESC LIMIT 1", [meeting_id]).fetchone()
    return (row[0], row[1], json.loads(row[2])) if row else None


def since_sent(db: Database, meeting: Sammantrade, arenden: list[Arende],
               bilagor: dict[int, list[Bilaga]]) -> Revision | None:
    """The changes since the last sent version (possibly none), or None when the
    kallelse has never been sent."""
    if meeting.id is None:
        return None
    sent = last_sent(db, meeting.id)
    if sent is None:
        return None
    version, skickad, fingerprint_then = sent
    now = fingerprint(meeting, arenden, bilagor, arende_keys(db, meeting.id))
    return compare(fingerprint_then, version, skickad, now)
