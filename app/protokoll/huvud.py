"""The protokoll's own record (its "head"): the settings per organ, the first page's
fields with the justerare, the names printed on it (ordförande, justerare, secretary)
and the deadlines. A collaborator of :class:`app.protokoll.service.ProtokollService`.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from app import clock
from app.changes import AnnouncingService
from app.dates import as_date, hhmm
from app.meetings import MeetingService
from app.protokoll import frister as frist
from app.protokoll.common import meeting_row, refuse_if_locked
from app.protokoll.hooks import justeringar
from app.protokoll.model import Protokoll, Protokollinstallning
from app.protokoll.narvaro import NarvaroService
from app.records import row_to
from app.validation import Checker, clean_text


def _line(text: str | None) -> str:
    return " ".join(clean_text(text).split())


class HuvudService(AnnouncingService, kinds=("protokoll", "meetings")):
    def __init__(self, db: Database, meetings: MeetingService, narvaro: NarvaroService):
        self.db = db
        self.meetings = meetings
        self.narvaro = narvaro

    # -- settings per organ ---------------------------------------------------------------
    def installning(self, organ_id: int) -> Protokollinstallning:
        rows = list(self.db.query("SELECT * FROM protokollinstallning WHERE organ_id = ?", [organ_id]))
        return row_to(Protokollinstallning, rows[0]) if rows else Protokollinstallning(organ_id)

    def save_installning(self, s: Protokollinstallning) -> Protokollinstallning:
        s.forvaringsplats = _line(s.forvaringsplats)
        check = Checker()
        if not isinstance(s.justering_dagar, int) or not 1 <= s.justering_dagar <= 90:
            check.add(
                "justering_dagar",
                f"Antal dagar för justering måste vara ett heltal 1–90 (nu: ”{s.justering_dagar}”).",
            )
        if not self.db.execute("SELECT 1 FROM organ WHERE id = ?", [s.organ_id]).fetchone():
            check.add("organ_id", "Välj ett organ (nämnd eller utskott).")
        check.raise_if_any()
        with self.db.atomic():
            self.db.table("protokollinstallning").upsert(
                {
                    "organ_id": s.organ_id,
                    "justering_dagar": s.justering_dagar,
                    "forvaringsplats": s.forvaringsplats,
                },
                pk="organ_id",
            )
        return s

    # -- the protokoll's own fields -----------------------------------------------------
    def is_started(self, meeting_id: int) -> bool:
        return (
            self.db.execute("SELECT 1 FROM protokoll WHERE sammantrade_id = ?", [meeting_id]).fetchone()
            is not None
        )

    def get(self, meeting_id: int) -> Protokoll:
        m = meeting_row(self.db, meeting_id)
        rows = list(self.db.query("SELECT * FROM protokoll WHERE sammantrade_id = ?", [meeting_id]))
        if rows:
            p = row_to(Protokoll, rows[0])
        else:
            p = Protokoll(meeting_id, forvaringsplats=self.installning(m["organ_id"]).forvaringsplats)
        p.justerare = [
            r[0]
            for r in self.db.execute(
                "SELECT narvaro_id FROM justerare WHERE sammantrade_id = ? ORDER BY position", [meeting_id]
            )
        ]
        p.status, p.datum, p.organ_id, p.organ_namn = m["status"], m["datum"], m["organ_id"], m["organ_namn"]
        return p

    def start(self, meeting_id: int) -> Protokoll:
        """Begin the protokoll (idempotent): its row and the närvaro from the register."""
        m = meeting_row(self.db, meeting_id)
        if not self.is_started(meeting_id):
            refuse_if_locked(self.db, meeting_id)
            with self.db.atomic():
                self.db.table("protokoll").insert(
                    {
                        "sammantrade_id": meeting_id,
                        "forvaringsplats": self.installning(m["organ_id"]).forvaringsplats,
                        "skapad": clock.now_iso(),
                    }
                )
                self.narvaro.ensure(meeting_id)
        elif m["status"] not in ("justerat", "anslaget"):
            self.narvaro.ensure(meeting_id)
        return self.get(meeting_id)

    def save(self, p: Protokoll) -> Protokoll:
        """The first page's fields and the justerare (one or two, present members
        taking part in the decisions; not the ordförande, who signs anyway)."""
        m = meeting_row(self.db, p.sammantrade_id)
        refuse_if_locked(self.db, p.sammantrade_id)
        p.ajournering, p.justering_plats = _line(p.ajournering), _line(p.justering_plats)
        p.forvaringsplats = _line(p.forvaringsplats)
        check = Checker()
        for name, label in (("justering_datum", "Justeringsdatumet"), ("anslag_datum", "Anslagsdatumet")):
            value = getattr(p, name)
            if value in (None, ""):
                setattr(p, name, None)
                continue
            try:
                setattr(p, name, as_date(value).isoformat())
            except (TypeError, ValueError):
                check.add(name, f"{label} måste skrivas ÅÅÅÅ-MM-DD (nu: ”{value}”).")
        if p.justering_datum and p.justering_datum < m["datum"]:
            check.add(
                "justering_datum",
                f"Justeringen ({p.justering_datum}) kan inte vara före sammanträdet ({m['datum']}).",
            )
        if p.anslag_datum and p.justering_datum and p.anslag_datum < p.justering_datum:
            check.add(
                "anslag_datum",
                f"Anslaget ({p.anslag_datum}) kan inte sättas upp före justeringen ({p.justering_datum}).",
            )
        tid = clean_text(p.justering_tid)
        p.justering_tid = hhmm(tid) if tid else ""
        if tid and not p.justering_tid:
            check.add("justering_tid", f"Tiden för justeringen skrivs TT:MM, t.ex. 10:00 (nu: ”{tid}”).")
        if p.startnummer is not None and (not isinstance(p.startnummer, int) or p.startnummer < 1):
            check.add("startnummer", "Första paragrafnumret måste vara 1 eller större.")
        if (
            p.ordforande_id is not None
            and not self.db.execute(
                "SELECT 1 FROM narvaro WHERE sammantrade_id = ? AND person_id = ? AND grupp = 'ledamot'",
                [p.sammantrade_id, p.ordforande_id],
            ).fetchone()
        ):
            check.add("ordforande_id", "Ordföranden ska vara en ledamot i närvarolistan.")
        self._check_justerare(check, p)
        check.raise_if_any()
        record = {
            "sammantrade_id": p.sammantrade_id,
            "startnummer": p.startnummer,
            "ordforande_id": p.ordforande_id,
            "ajournering": p.ajournering,
            "justering_plats": p.justering_plats,
            "justering_datum": p.justering_datum,
            "justering_tid": p.justering_tid,
            "forvaringsplats": p.forvaringsplats,
            "anslag_datum": p.anslag_datum,
        }
        with self.db.atomic():
            if self.is_started(p.sammantrade_id):
                self.db.table("protokoll").update(p.sammantrade_id, record)
            else:
                self.db.table("protokoll").insert(
                    {**record, "skapad": clock.now_iso()}
                )
                self.narvaro.ensure(p.sammantrade_id)
            self.db.execute("DELETE FROM justerare WHERE sammantrade_id = ?", [p.sammantrade_id])
            self.db.table("justerare").insert_all(
                [
                    {"sammantrade_id": p.sammantrade_id, "position": n, "narvaro_id": i}
                    for n, i in enumerate(p.justerare, start=1)
                ]
            )
        return self.get(p.sammantrade_id)

    def _check_justerare(self, check: Checker, p: Protokoll) -> None:
        p.justerare = list(dict.fromkeys(p.justerare))
        if len(p.justerare) > 2:
            check.add("justerare", "Välj en eller två justerare.")
        people = {n.id: n for n in self.narvaro.narvaro(p.sammantrade_id)}
        serving = {t.ersattare_id for t in self.narvaro.tjanstgoringar(p.sammantrade_id)}
        for i in p.justerare:
            n = people.get(i)
            if n is None:
                check.add("justerare", "Justeraren finns inte i närvarolistan.")
            elif not n.narvarande or (n.grupp != "ledamot" and n.id not in serving):
                check.add(
                    "justerare",
                    f"{n.namn_parti} är inte närvarande ledamot eller tjänstgörande ersättare "
                    "och kan inte justera.",
                )
            elif (p.ordforande_id is not None and n.person_id == p.ordforande_id) or (
                p.ordforande_id is None and n.roll == "ordförande"
            ):
                check.add(
                    "justerare", f"{n.namn_parti} är ordförande och justerar redan; välj en annan ledamot."
                )

    # -- the names on the first page ------------------------------------------------------
    def justerare_namn(self, meeting_id: int) -> list[str]:
        head = self.get(meeting_id)
        names = {n.id: n.namn_parti for n in self.narvaro.narvaro(meeting_id)}
        return [names[i] for i in head.justerare if i in names]

    def ordforande_namn(self, meeting_id: int) -> str:
        """The one chairing the meeting: the chosen ordförande, else the first of
        ordförande / vice ordförande present at the first paragraph."""
        head = self.get(meeting_id)
        people = self.narvaro.narvaro(meeting_id)
        if head.ordforande_id is not None:
            found = next((n for n in people if n.person_id == head.ordforande_id), None)
            if found:
                return found.namn
        for b in self.narvaro.beslutande(meeting_id, head.ordforande_id).values():
            if b.ordforande is not None:
                return b.ordforande.namn
        ordf = next((n for n in people if n.roll == "ordförande"), None)
        return ordf.namn if ordf else ""

    def sekreterare_namn(self, meeting_id: int) -> str:
        """The meeting's secretary, who certifies utdrag and signs rättelser by default."""
        p = self.meetings.secretary(self.meetings.get_meeting(meeting_id))
        return p.namn if p else "nämndsekreteraren"

    # -- deadlines ------------------------------------------------------------------------
    def frister(self, meeting_id: int, today: date | None = None) -> frist.Frister:
        """Deadlines with warnings: from the justering once made, before that from the
        planned justering and posting dates."""
        m = meeting_row(self.db, meeting_id)
        head = self.get(meeting_id)
        done = next((j for j in justeringar(self.db, meeting_id) if j.slag == "protokoll"), None)
        justerat = done.datum if done else (as_date(head.justering_datum) if head.justering_datum else None)
        anslag = done.anslag if done else (as_date(head.anslag_datum) if head.anslag_datum else None)
        result = frist.berakna(
            as_date(m["datum"]),
            self.installning(m["organ_id"]).justering_dagar,
            justerat=justerat,
            anslag=anslag,
            today=today,
        )
        if done is None and justerat is not None and anslag is None:
            # Planned justering without a posting date: the earliest possible posting.
            result = frist.berakna(
                as_date(m["datum"]), result.justering_dagar, justerat=justerat, anslag=justerat, today=today
            )
        return result
