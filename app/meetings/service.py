"""Sammanträden: meetings per organ, how they are called, and the agenda template they
start from (the types are in :mod:`app.meetings.model`).

Service API (``session.meetings``, a :class:`MeetingService`):

Kallelse settings per organ (deadline from the reglemente, nämndsekreterare, defaults):
    ``settings(organ_id) -> Kallelseinstallning`` (defaults when never saved),
    ``save_settings(Kallelseinstallning)``.
Agenda template per organ (standard items that open/close every agenda):
    ``agenda_template(organ_id) -> list[MallPunkt]`` (the stored one, or the standard
    one), ``save_agenda_template(organ_id, items)``,
    ``default_template(organ_id)``.
Meetings:
    ``create_meeting(organ_id, datum, *, starttid=None, plats=None, use_template=True)``
    creates a meeting (defaults from the settings) with the template's items as ärenden;
    ``new_meeting(organ_id, datum)`` gives the unsaved meeting with those defaults (for a
    form) and ``create_from(meeting, use_template=True)`` saves it with the items;
    ``save_meeting(Sammantrade)`` (create or update; validates), ``get_meeting(id)``,
    ``meetings(organ_id=None, year=None)`` (by date), ``meeting_years(organ_id)``,
    ``set_status(id, status, kallelse_skickad=None)``, ``delete_meeting(id)`` (refused once
    a kallelse has been sent). Marking kallat with the kallelse stored as sent is
    :class:`app.meetings.kallelser.KallelseService` (``session.kallelser``).
Deadlines and checks before printing:
    ``kallelse_deadline(meeting_id) -> date``,
    ``check_deadline(meeting_id, sent_on=None) -> DeadlineCheck``,
    ``check_before_print(meeting_id, today=None) -> list[Problem]``.
People for the documents:
    ``ordforande(organ_id, day) -> Person | None``, ``secretary(meeting) -> Person | None``.

Ärenden are handled by :class:`app.meetings.arenden.ArendeService` (``session.arenden``),
bilagor by :class:`app.meetings.bilagor.BilagaService` (``session.bilagor``). Every
method raises :class:`app.validation.ValidationError` with Swedish messages for bad
input and writes in one transaction.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta

from sqlite_utils import Database

from app import clock, richtext
from app.changes import AnnouncingService
from app.dates import as_date, hhmm
from app.meetings import au_forslag
from app.meetings.arenden import ArendeService
from app.meetings.bilagor import BilagaService, underlag_problems
from app.meetings.model import (
    ARENDETYPER,
    PLACERINGAR,
    STATUSAR,
    Arende,
    DeadlineCheck,
    Kallelseinstallning,
    MallPunkt,
    Sammantrade,
)
from app.organisation import OrganisationService, Person
from app.problems import Problem
from app.public_records import LOCKED_STATUSES, meeting_holders, refuse_delete
from app.records import id_of, row_to
from app.validation import Checker, FieldError, ValidationError, clean_text


def _standard_template(organ_namn: str) -> list[MallPunkt]:
    """The standard skeleton: what opens and what closes every agenda."""
    return [
        MallPunkt("Närvaro", "standard", "före"),
        MallPunkt("Val av justerare", "standard", "före"),
        MallPunkt("Anmälan om extra ärenden", "standard", "före"),
        MallPunkt("Information från förvaltningen", "information", "efter"),
        MallPunkt("Information från ordförande", "information", "efter"),
        MallPunkt("Redovisning av delegationsbeslut", "beslut", "efter", richtext.from_plain_text(
            f"{organ_namn} godkänner redovisningen av delegationsbeslut.")),
        MallPunkt("Redovisning av meddelanden", "beslut", "efter", richtext.from_plain_text(
            f"{organ_namn} godkänner redovisningen av inkomna meddelanden.")),
    ]


class MeetingService(AnnouncingService, kinds=("meetings", "arenden")):
    def __init__(self, db: Database):
        self.db = db
        self.organisation = OrganisationService(db)
        self.arenden = ArendeService(db)

    # -- settings -------------------------------------------------------------------
    def settings(self, organ_id: int) -> Kallelseinstallning:
        rows = list(self.db.query("SELECT * FROM kallelseinstallning WHERE organ_id = ?", [organ_id]))
        return row_to(Kallelseinstallning, rows[0]) if rows else Kallelseinstallning(organ_id)

    def save_settings(self, s: Kallelseinstallning) -> Kallelseinstallning:
        for name in ("plats", "gruppmoten", "meddelande"):
            setattr(s, name, clean_text(getattr(s, name)))
        check = Checker()
        if not isinstance(s.kallelse_dagar, int) or not 0 <= s.kallelse_dagar <= 90:
            check.add("kallelse_dagar", "Antal dagar före sammanträdet måste vara ett heltal 0–90 "
                      f"(nu: ”{s.kallelse_dagar}”).")
        s.starttid = self._check_time(check, "starttid", s.starttid, "Starttiden")
        self._check_organ(check, s.organ_id)
        self._check_person(check, "sekreterare_id", s.sekreterare_id)
        check.raise_if_any()
        with self.db.atomic():
            self.db.table("kallelseinstallning").upsert(asdict(s), pk="organ_id")
        return s

    # -- agenda template --------------------------------------------------------------
    def default_template(self, organ_id: int) -> list[MallPunkt]:
        return _standard_template(self.organisation.get_organ(organ_id).namn)

    def agenda_template(self, organ_id: int) -> list[MallPunkt]:
        rows = self.db.query("SELECT * FROM dagordningsmall WHERE organ_id = ? ORDER BY position",
                             [organ_id])
        items = [row_to(MallPunkt, r) for r in rows]
        return items or self.default_template(organ_id)

    def save_agenda_template(self, organ_id: int, items: list[MallPunkt]) -> list[MallPunkt]:
        check = Checker()
        self._check_organ(check, organ_id)
        for n, item in enumerate(items, start=1):
            item.rubrik = clean_text(item.rubrik)
            if not item.rubrik:
                check.add(f"rubrik[{n}]", f"Punkt {n} i mallen saknar rubrik.")
            if item.typ not in ARENDETYPER:
                check.add(f"typ[{n}]", f"Punkt {n} i mallen har okänd typ ”{item.typ}”.")
            if item.placering not in PLACERINGAR:
                check.add(f"placering[{n}]", f"Punkt {n} i mallen: placering måste vara före eller efter.")
            item.forslag_till_beslut = richtext.from_html(item.forslag_till_beslut)
        # 'före' items first, then 'efter': that is how they are placed on an agenda.
        ordered = [i for i in items if i.placering == "före"] + [i for i in items if i.placering == "efter"]
        check.raise_if_any()
        with self.db.atomic():
            self.db.execute("DELETE FROM dagordningsmall WHERE organ_id = ?", [organ_id])
            for pos, item in enumerate(ordered, start=1):
                item.id = self.db.table("dagordningsmall").insert({
                    "organ_id": organ_id, "position": pos, "rubrik": item.rubrik, "typ": item.typ,
                    "placering": item.placering, "forslag_till_beslut": item.forslag_till_beslut,
                }).last_pk
        return ordered

    # -- meetings -----------------------------------------------------------------------
    def _select(self, where: str, args: list) -> list[Sammantrade]:
        sql = ("SELECT s.*, o.namn AS organ_namn, o.typ AS organ_typ, "
               "(SELECT COUNT(*) FROM arende a WHERE a.sammantrade_id = s.id) AS antal_arenden "
               f"FROM sammantrade s JOIN organ o ON o.id = s.organ_id WHERE {where} "
               "ORDER BY s.datum, s.starttid, s.id")
        return [row_to(Sammantrade, r) for r in self.db.query(sql, args)]

    def get_meeting(self, meeting_id: int) -> Sammantrade:
        found = self._select("s.id = ?", [meeting_id])
        if not found:
            raise ValidationError([FieldError("id", f"Sammanträde {meeting_id} finns inte.")])
        return found[0]

    def meetings(self, organ_id: int | None = None, year: int | None = None) -> list[Sammantrade]:
        where = ["1=1"]
        args: list[int | str] = []
        if organ_id is not None:
            where.append("s.organ_id = ?")
            args.append(organ_id)
        if year is not None:
            where.append("s.datum >= ? AND s.datum < ?")
            args += [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"]
        return self._select(" AND ".join(where), args)

    def meeting_years(self, organ_id: int | None = None) -> list[int]:
        sql = "SELECT DISTINCT CAST(substr(datum, 1, 4) AS INTEGER) FROM sammantrade"
        args = []
        if organ_id is not None:
            sql += " WHERE organ_id = ?"
            args.append(organ_id)
        return sorted(r[0] for r in self.db.execute(sql + " ORDER BY 1", args))

    def year_to_show(self, organ_id: int, today: date, *, ahead: bool) -> int:
        """The year a list of the organ's meetings opens on: the year of the next meeting
        on or after ``today`` (``ahead``: the one to prepare) or of the last one on or
        before it (the one to write the protokoll for), so that in December the coming
        January meeting is found, and in January December's protokoll. Without such a
        meeting: this year if it has meetings, else the latest year that has."""
        day = today.isoformat()
        row = self.db.execute(
            "SELECT MIN(datum) FROM sammantrade WHERE organ_id = ? AND datum >= ?" if ahead
            else "SELECT MAX(datum) FROM sammantrade WHERE organ_id = ? AND datum <= ?",
            [organ_id, day]).fetchone()
        if row and row[0]:
            return int(row[0][:4])
        years = self.meeting_years(organ_id)
        return today.year if today.year in years or not years else max(years)

    def create_meeting(self, organ_id: int, datum: date | str, *, starttid: str | None = None,
                       plats: str | None = None, use_template: bool = True) -> Sammantrade:
        """A new meeting with defaults from the organ's settings and, with
        ``use_template``, the agenda template's items as its first ärenden."""
        return self.create_from(self.new_meeting(organ_id, datum, starttid=starttid, plats=plats),
                                use_template=use_template)

    def new_meeting(self, organ_id: int, datum: date | str, *, starttid: str | None = None,
                    plats: str | None = None) -> Sammantrade:
        """An unsaved meeting filled with the organ's defaults (for a form to edit)."""
        s = self.settings(organ_id)
        return Sammantrade(
            organ_id=organ_id, datum=datum.isoformat() if isinstance(datum, date) else datum,
            starttid=s.starttid if starttid is None else starttid,
            plats=s.plats if plats is None else plats, gruppmoten=s.gruppmoten,
            meddelande=s.meddelande or self._default_note(s.sekreterare_id),
            sekreterare_id=s.sekreterare_id)

    def create_from(self, meeting: Sammantrade, *, use_template: bool = True) -> Sammantrade:
        """Save the new ``meeting`` as given (validated) and, with ``use_template``, add
        the organ's template items, all in one transaction."""
        try:
            with self.db.atomic():
                self.save_meeting(meeting)
                if use_template:
                    for number, item in enumerate(self.agenda_template(meeting.organ_id), start=1):
                        self.arenden.add(Arende(
                            sammantrade_id=id_of(meeting), rubrik=item.rubrik, typ=item.typ,
                            mallplacering=item.placering, forslag_till_beslut=item.forslag_till_beslut),
                            position=number)
        except BaseException:
            meeting.id = None  # rolled back: a second attempt must insert again
            raise
        return self.get_meeting(id_of(meeting))

    def _default_note(self, sekreterare_id: int | None) -> str:
        if sekreterare_id is None:
            return ""
        p = self.organisation.get_person(sekreterare_id)
        ways = [w for w in (p.epost and f"på {p.epost}", p.telefon and f"ring {p.telefon}") if w]
        if not ways:
            return ""
        return f"Om ni kan eller inte kan delta vid sammanträdet, meddela mig {' eller '.join(ways)}."

    def save_meeting(self, m: Sammantrade) -> Sammantrade:
        for name in ("plats", "gruppmoten", "meddelande"):
            setattr(m, name, clean_text(getattr(m, name)))
        check = Checker()
        self._check_organ(check, m.organ_id)
        try:
            m.datum = as_date(m.datum).isoformat()
        except (TypeError, ValueError):
            check.add("datum", f"Datumet måste skrivas ÅÅÅÅ-MM-DD (nu: ”{m.datum}”).")
        if not check.errors:
            # An ended organ (app/avslut.py) meets no more after its last day.
            try:
                self.organisation.refuse_if_ended(m.organ_id, as_date(m.datum))
            except ValidationError as ended:
                check.errors += ended.errors
        m.starttid = self._check_time(check, "starttid", m.starttid, "Starttiden")
        m.sluttid = self._check_time(check, "sluttid", m.sluttid, "Sluttiden")
        if m.starttid and m.sluttid and m.sluttid <= m.starttid:
            check.add("sluttid", f"Sluttiden {m.sluttid} är inte efter starttiden {m.starttid}.")
        stored_status = self._stored_status(m.id)
        if stored_status in LOCKED_STATUSES:
            self._check_locked(check, m, stored_status)
        elif m.status not in STATUSAR:
            check.add("status", f"Okänd status ”{m.status}”; välj en av {', '.join(STATUSAR)}.")
        sent = None if m.id is None else self.db.execute(
            "SELECT MIN(skickad) FROM kallelse_utskick WHERE sammantrade_id = ?", [m.id]).fetchone()[0]
        if sent and m.status == "planerat":
            check.add("status", f"Kallelsen skickades {sent[:10]} och är sparad som skickad; "
                      "sammanträdet kan inte bli planerat igen.")
        if m.status == "kallat" and not sent and self._stored_status(m.id) != "kallat":
            # "Kallat" means the kallelse went out as stored (app/meetings/kallelser.py);
            # set by hand, what the members received would be kept nowhere.
            check.add("status", "Ett sammanträde blir kallat när kallelsen markeras som "
                      "skickad (knappen ”Markera som kallad…” i Sammanträden), så att kallelsen "
                      "och handlingarna sparas som de skickades. Välj planerat eller genomfört här.")
        if m.kallelse_skickad:
            try:
                m.kallelse_skickad = as_date(m.kallelse_skickad).isoformat()
            except (TypeError, ValueError):
                check.add("kallelse_skickad", f"Datumet då kallelsen skickades är inte ett datum "
                          f"(”{m.kallelse_skickad}”).")
        self._check_person(check, "sekreterare_id", m.sekreterare_id)
        check.raise_if_any()
        record = {k: getattr(m, k) for k in ("organ_id", "datum", "starttid", "sluttid", "plats",
                                             "gruppmoten", "meddelande", "sekreterare_id", "status",
                                             "kallelse_skickad")}
        with self.db.atomic():
            if m.id is None:
                record["skapad"] = clock.now_iso()
                m.id = self.db.table("sammantrade").insert(record).last_pk
            else:
                self.db.table("sammantrade").update(m.id, record)
        return m

    def _check_locked(self, check: Checker, m: Sammantrade, stored_status: str) -> None:
        """A meeting whose protokoll is justerat keeps its status (set by the protokoll)
        and the fields printed in the protokoll (the database refuses too, migration 8);
        the rest, such as the note to the members, can still be saved."""
        current = self.get_meeting(id_of(m))
        if m.status != stored_status:
            check.add("status", f"Protokollet från {current.datum} är {stored_status}; statusen sätts av "
                      "protokollet och kan inte ändras här.")
        labels = {"organ_id": "organet", "datum": "datumet", "starttid": "starttiden",
                  "sluttid": "sluttiden", "plats": "platsen"}
        for name, label in labels.items():
            if getattr(m, name) != getattr(current, name):
                check.add(name, f"Protokollet från {current.datum} är {stored_status}, och {label} står i "
                          "det justerade protokollet och kan inte ändras. Gör en rättelse under "
                          "Protokoll → Justering i stället.")

    def _stored_status(self, meeting_id: int | None) -> str | None:
        row = None if meeting_id is None else self.db.execute(
            "SELECT status FROM sammantrade WHERE id = ?", [meeting_id]).fetchone()
        return row[0] if row else None

    def set_status(self, meeting_id: int, status: str, kallelse_skickad: date | str | None = None) -> None:
        """Change the status; "kallat" records the day the kallelse went out (today if
        not given)."""
        m = self.get_meeting(meeting_id)
        m.status = status
        if status == "kallat":
            skickad = kallelse_skickad or clock.today()
            m.kallelse_skickad = skickad.isoformat() if isinstance(skickad, date) else skickad
        self.save_meeting(m)

    def delete_meeting(self, meeting_id: int) -> None:
        # A justerat protokoll or an anslag is a public record (docs/domain/justering.md).
        refuse_delete("Sammanträdet", meeting_holders(self.db, meeting_id),
                      "Det är en allmän handling som ska finnas kvar; en rättelse görs i protokollet.")
        sent = self.db.execute("SELECT COUNT(*) FROM kallelse_utskick WHERE sammantrade_id = ?",
                               [meeting_id]).fetchone()[0]
        if sent:
            # Sent kallelser are public records, kept as sent (the database refuses too).
            raise ValidationError([FieldError("id", "Kallelsen till sammanträdet har skickats "
                                              f"({sent} {'version' if sent == 1 else 'versioner'}) och "
                                              "sparas; därför kan sammanträdet inte tas bort.")])
        with self.db.atomic():
            self.db.table("sammantrade").delete(meeting_id)

    # -- deadlines and checks -----------------------------------------------------------
    def kallelse_deadline(self, meeting_id: int) -> date:
        m = self.get_meeting(meeting_id)
        return m.day - timedelta(days=self.settings(m.organ_id).kallelse_dagar)

    def check_deadline(self, meeting_id: int, sent_on: date | str | None = None) -> DeadlineCheck:
        """Is the kallelse (sent ``sent_on``; default: when recorded, else today) in time
        for the organ's deadline?"""
        m = self.get_meeting(meeting_id)
        required = self.settings(m.organ_id).kallelse_dagar
        day = as_date(sent_on or m.kallelse_skickad or clock.today())
        deadline = m.day - timedelta(days=required)
        before = (m.day - day).days
        late = day > deadline
        if late:
            when = "efter sammanträdet" if before < 0 else f"{before} dagar före sammanträdet"
            message = (f"Kallelsen skickas {day.isoformat()}, {when}; reglementet kräver "
                       f"{required} dagar (senast {deadline.isoformat()}).")
        else:
            message = f"Kallelsen är i tid (senast {deadline.isoformat()}, {required} dagar före)."
        return DeadlineCheck(deadline, day, before, required, late, message)

    def check_before_print(self, meeting_id: int, today: date | None = None) -> list[Problem]:
        """What a secretary should fix before sending the kallelse."""
        m = self.get_meeting(meeting_id)
        problems: list[Problem] = []
        if not m.plats:
            problems.append(Problem("varning", "Sammanträdet saknar plats."))
        if not m.starttid:
            problems.append(Problem("varning", "Sammanträdet saknar starttid."))
        if self.ordforande(m.organ_id, m.day) is None:
            problems.append(Problem("varning", f"{m.organ_namn} har ingen ordförande den {m.datum} "
                                    "i personregistret."))
        if self.secretary(m) is None:
            problems.append(Problem("varning", "Ingen nämndsekreterare är vald för sammanträdet."))
        problems += self._late_kallelse(m, today)
        if m.antal_arenden == 0:
            problems.append(Problem("varning", "Sammanträdet har inga ärenden."))
        bilagor = BilagaService(self.db).for_meeting(meeting_id)
        for a in self.arenden.arenden(meeting_id):
            label = f"Ärende {a.nummer} ”{a.rubrik}”"
            if a.typ == "beslut" and richtext.is_empty(a.forslag_till_beslut):
                problems.append(Problem("fel", f"{label} saknar förslag till beslut.", a.id))
            if a.typ == "beslut" and not a.dnr and a.mallplacering is None:
                problems.append(Problem("varning", f"{label} saknar diarienummer.", a.id))
            problems += underlag_problems(a, bilagor.get(id_of(a), []))
        problems.extend(BilagaService(self.db).check_meeting(meeting_id))
        problems.extend(au_forslag.problems(self.db, meeting_id))
        return problems

    def _late_kallelse(self, m: Sammantrade, today: date | None) -> list[Problem]:
        """A kallelse sent, or still to be sent, after the reglemente's deadline; in
        every status, since a late kallelse stays late once the meeting is kallat or held."""
        if m.status == "planerat":
            deadline = self.check_deadline(id_of(m), today or clock.today())
            return [Problem("varning", deadline.message)] if deadline.late else []
        first_sent = self.db.execute("SELECT MIN(skickad) FROM kallelse_utskick WHERE sammantrade_id = ?",
                                     [id_of(m)]).fetchone()[0]
        sent_on = first_sent[:10] if first_sent else m.kallelse_skickad
        if not sent_on:
            return []
        deadline = self.check_deadline(id_of(m), sent_on)
        if not deadline.late:
            return []
        when = ("efter sammanträdet" if deadline.days_before < 0
                else f"{deadline.days_before} dagar före sammanträdet")
        return [Problem("varning", f"Kallelsen skickades {deadline.sent_on.isoformat()}, {when}; reglementet "
                        f"kräver {deadline.required_days} dagar (senast {deadline.deadline.isoformat()}).")]

    # -- people ---------------------------------------------------------------------------
    def ordforande(self, organ_id: int, day: date) -> Person | None:
        for u in self.organisation.uppdrag(organ_id=organ_id, on_date=day):
            if u.roll == "ordförande":
                return self.organisation.get_person(u.person_id)
        return None

    def secretary(self, m: Sammantrade) -> Person | None:
        person_id = m.sekreterare_id or self.settings(m.organ_id).sekreterare_id
        return self.organisation.get_person(person_id) if person_id else None

    # -- helpers --------------------------------------------------------------------------
    def _check_organ(self, check: Checker, organ_id: int) -> None:
        if not self.db.execute("SELECT 1 FROM organ WHERE id = ?", [organ_id]).fetchone():
            check.add("organ_id", "Välj ett organ (nämnd eller utskott).")

    def _check_person(self, check: Checker, name: str, person_id: int | None) -> None:
        if person_id is not None and not self.db.execute(
                "SELECT 1 FROM person WHERE id = ?", [person_id]).fetchone():
            check.add(name, "Den valda personen finns inte längre i personregistret.")

    @staticmethod
    def _check_time(check: Checker, name: str, value: str | None, label: str) -> str:
        value = clean_text(value)
        if not value:
            return ""
        normal = hhmm(value)
        if not normal:
            check.add(name, f"{label} måste skrivas TT:MM, t.ex. 14:15 (nu: ”{value}”).")
            return value
        return normal
