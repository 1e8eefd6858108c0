"""Reporting register entries at a meeting (docs/domain/registers.md).

Entries not yet reported are tied to a meeting (``anmald_sammantrade_id``) and listed in
its "Redovisning av delegationsbeslut" and "Redovisning av meddelanden" ärenden, grouped
and ordered as a real kallelse prints them; the lists go into the ärenden's text and
so into the tjänsteskrivelser of the handlingar. An entry counts as reported once that meeting's
protokoll is justerat; until then it can be moved to another meeting or released.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from app import clock, richtext
from app.changes import AnnouncingService
from app.meetings import Arende, ArendeService, MeetingService, Sammantrade
from app.records import id_of
from app.registers.arenden import Arendetext, delegationsbeslut_arende, meddelanden_arende
from app.registers.delegation import BeslutFilter, DelegationService
from app.registers.meddelanden import MeddelandeFilter, MeddelandeService
from app.validation import FieldError, ValidationError

#: Meeting statuses before the protokoll is justerat: entries tied to such a meeting can
#: still move. Any later status (justerat, anslaget …) makes them reported for good.
OPEN_STATUSES = ("planerat", "kallat", "genomfört")
DELEGATION_TITLE = "Redovisning av delegationsbeslut"
MEDDELANDEN_TITLE = "Redovisning av meddelanden"
_TABLES = {"delegationsbeslut": ("delegationsbeslut", "datum"), "meddelanden": ("meddelande", "inkom")}
#: Key in the ``installning`` table (nyckel/varde) under which the fingerprint of the
#: text last written into a "Redovisning av …" ärende is kept, per ärende id.
GENERATED_KEY = "register.redovisning.{arende_id}"


@dataclass(frozen=True)
class Filled:
    delegationsbeslut: int
    meddelanden: int
    #: the ärenden whose lists were written
    arenden: tuple[int, ...]
    #: titles of ärenden edited by hand since the program wrote them, left as they were
    kept: tuple[str, ...] = ()


def fingerprint(a: Arende) -> str:
    """What identifies the text the program writes into an ärende (the three fields
    :meth:`ReportingService._write` sets), to notice later hand edits."""
    text = "\x1f".join((a.forslag_till_beslut or "", a.beskrivning or "", a.ekonomiska_konsekvenser or ""))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ReportingService(AnnouncingService, kinds=("registers", "arenden")):
    def __init__(self, db: Database):
        self.db = db
        self.meetings = MeetingService(db)
        self.arenden = ArendeService(db)

    # -- meetings -------------------------------------------------------------------------
    def namnd_of(self, meeting_id: int) -> tuple[int, Sammantrade]:
        m = self.meetings.get_meeting(meeting_id)
        namnd_id = self.db.execute("SELECT namnd_id FROM organ WHERE id = ?", [m.organ_id]).fetchone()[0]
        return namnd_id, m

    def is_final(self, meeting_id: int) -> bool:
        row = self.db.execute("SELECT status FROM sammantrade WHERE id = ?", [meeting_id]).fetchone()
        return row is not None and row[0] not in OPEN_STATUSES

    def labels(self, meeting_ids: set[int]) -> dict[int, str]:
        """"VONAU 2022-02-14", with " (justerat)" once reported for good."""
        if not meeting_ids:
            return {}
        marks = ",".join("?" * len(meeting_ids))
        rows = self.db.execute(
            f"SELECT s.id, s.datum, s.status, COALESCE(NULLIF(o.kortnamn, ''), o.namn) FROM sammantrade s "
            f"JOIN organ o ON o.id = s.organ_id WHERE s.id IN ({marks})", list(meeting_ids)).fetchall()
        return {i: f"{organ} {datum}" + ("" if status in OPEN_STATUSES else " (justerat)")
                for i, datum, status, organ in rows}

    def namnd_labels(self, namnd_id: int) -> dict[int, str]:
        """:meth:`labels` of every meeting of the nämnd's organs (a handful of rows; far
        cheaper than collecting the meeting ids of 100 000 entries)."""
        ids = {r[0] for r in self.db.execute(
            "SELECT s.id FROM sammantrade s JOIN organ o ON o.id = s.organ_id WHERE o.namnd_id = ?",
            [namnd_id])}
        return self.labels(ids)

    def upcoming(self, namnd_id: int, today: date | None = None) -> list[Sammantrade]:
        """The nämnd's meetings not yet justerat, next first (where entries can go)."""
        today = today or clock.today()
        organs = [r[0] for r in self.db.execute("SELECT id FROM organ WHERE namnd_id = ?", [namnd_id])]
        found = [m for o in organs for m in self.meetings.meetings(o) if m.status in OPEN_STATUSES]
        return sorted(found, key=lambda m: (m.datum < today.isoformat(), m.datum))

    # -- tying entries to a meeting ---------------------------------------------------------
    def waiting(self, meeting_id: int, until: date | str | None = None) -> tuple[int, int]:
        """How many entries :meth:`assign` would tie to the meeting."""
        namnd_id, m = self.namnd_of(meeting_id)
        cutoff = str(until or m.datum)
        return tuple(self.db.execute(
            f"SELECT COUNT(*) FROM {table} WHERE namnd_id = ? AND anmald_sammantrade_id IS NULL "
            f"AND anmald_vid IS NULL AND ({column} IS NULL OR {column} <= ?)",
            [namnd_id, cutoff]).fetchone()[0]
            for table, column in _TABLES.values())

    def tied(self, meeting_id: int) -> tuple[int, int]:
        return tuple(self.db.execute(f"SELECT COUNT(*) FROM {table} WHERE anmald_sammantrade_id = ?",
                                     [meeting_id]).fetchone()[0] for table, _c in _TABLES.values())

    def assign(self, meeting_id: int, until: date | str | None = None) -> tuple[int, int]:
        """Tie every entry of the meeting's nämnd that is not tied to a meeting and is
        dated on or before ``until`` (default: the meeting day) to the meeting; entries
        without a date go along. Returns (delegationsbeslut, meddelanden)."""
        namnd_id, m = self.namnd_of(meeting_id)
        self._refuse_final(meeting_id, m)
        cutoff = str(until or m.datum)
        counts = []
        with self.db.atomic():
            for table, column in _TABLES.values():
                cur = self.db.execute(
                    # An entry reported at a meeting outside the database (anmald_vid)
                    # was reported already.
                    f"UPDATE {table} SET anmald_sammantrade_id = ? WHERE namnd_id = ? AND "
                    f"anmald_sammantrade_id IS NULL AND anmald_vid IS NULL "
                    f"AND ({column} IS NULL OR {column} <= ?)",
                    [meeting_id, namnd_id, cutoff])
                counts.append(cur.rowcount)
        return counts[0], counts[1]

    def move(self, kind: str, ids: list[int], meeting_id: int | None) -> None:
        """Tie entries to another meeting (None: release them). Entries already reported
        at a justerat meeting stay where they are; that is refused with a message."""
        table, _column = _TABLES[kind]
        if meeting_id is not None:
            namnd_id, m = self.namnd_of(meeting_id)
            self._refuse_final(meeting_id, m)
        problems = []
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(
            f"SELECT id, anmald_sammantrade_id, namnd_id FROM {table} WHERE id IN ({marks})", ids).fetchall()
        labels = self.labels({r[1] for r in rows if r[1] is not None})
        for _id, current, owner in rows:
            if current is not None and self.is_final(current):
                problems.append(f"En post är redan anmäld vid {labels[current].replace(' (justerat)', '')}, "
                                "vars protokoll är justerat; den kan inte flyttas.")
            if meeting_id is not None and owner != namnd_id:
                problems.append("En post hör till en annan nämnd än sammanträdet.")
        if problems:
            raise ValidationError([FieldError("anmald_sammantrade_id", p) for p in dict.fromkeys(problems)])
        with self.db.atomic():
            # Tied or released by the user: no longer the meeting an import named.
            self.db.execute(f"UPDATE {table} SET anmald_sammantrade_id = ?, anmald_vid = NULL "
                            f"WHERE id IN ({marks})",
                            [meeting_id, *ids])

    def _refuse_final(self, meeting_id: int, m: Sammantrade) -> None:
        if self.is_final(meeting_id):
            raise ValidationError([FieldError("sammantrade_id", f"Protokollet från sammanträdet {m.datum} är "
                                              "justerat; listorna kan inte längre ändras.")])

    # -- the ärenden -----------------------------------------------------------------------
    def texts(self, meeting_id: int) -> tuple[Arendetext, Arendetext]:
        """The two lists for the entries tied to the meeting."""
        namnd_id, m = self.namnd_of(meeting_id)
        delegation, medd = DelegationService(self.db), MeddelandeService(self.db)
        beslut = delegation.beslut(delegation.beslut_ids(BeslutFilter(namnd_id, sammantrade_id=meeting_id)))
        meddelanden = medd.meddelanden(medd.ids(MeddelandeFilter(namnd_id, sammantrade_id=meeting_id)))
        return (delegationsbeslut_arende(self.db, namnd_id, beslut),
                meddelanden_arende(self.db, namnd_id, meddelanden, m.datum))

    def fill(self, meeting_id: int, *, assign: bool = True, overwrite: bool = False) -> Filled:
        """Tie unreported entries to the meeting (unless ``assign`` is False) and write
        the two lists into its "Redovisning av …" ärenden, adding an ärende that is
        missing at the end of the agenda. Running it again rewrites the lists.

        Hand edits are not destroyed silently: an ärende whose text differs from what
        this method last wrote into it (see :meth:`hand_edited`) is left as it is and
        named in ``Filled.kept``, unless ``overwrite`` is True. A careful secretary who
        polished the wording (or removed an entry from the list by hand) expects that
        work to survive a second click; the entries are still tied to the meeting, so
        the UI asks first and says that the kept text does not show new entries. An
        ärende the program has not yet written (the meeting template's text) is simply
        filled: that is what the first click is for."""
        _namnd_id, m = self.namnd_of(meeting_id)
        self._refuse_final(meeting_id, m)
        edited = set() if overwrite else set(self.hand_edited(meeting_id))
        written, kept = [], []
        with self.db.atomic():
            if assign:
                self.assign(meeting_id)
            delegation_text, medd_text = self.texts(meeting_id)
            for title, text in ((DELEGATION_TITLE, delegation_text), (MEDDELANDEN_TITLE, medd_text)):
                current = self.find_arende(meeting_id, title)
                if current is not None and current.rubrik in edited:
                    kept.append(current.rubrik)
                else:
                    written.append(self._write(meeting_id, title, text))
        n_beslut, n_medd = self.tied(meeting_id)
        return Filled(n_beslut, n_medd, tuple(written), tuple(kept))

    def hand_edited(self, meeting_id: int) -> list[str]:
        """Titles of the meeting's "Redovisning av …" ärenden changed since the program
        last wrote their lists (an ärende never written by it does not count)."""
        edited = []
        for title in (DELEGATION_TITLE, MEDDELANDEN_TITLE):
            a = self.find_arende(meeting_id, title)
            if a is None:
                continue
            row = self.db.execute("SELECT varde FROM installning WHERE nyckel = ?",
                                  [GENERATED_KEY.format(arende_id=a.id)]).fetchone()
            if row is not None and row[0] != fingerprint(a):
                edited.append(a.rubrik)
        return edited

    def find_arende(self, meeting_id: int, title: str) -> Arende | None:
        for a in self.arenden.arenden(meeting_id):
            if a.rubrik.casefold().startswith(title.casefold()):
                return a
        return None

    def _write(self, meeting_id: int, title: str, text: Arendetext) -> int:
        a = self.find_arende(meeting_id, title) or Arende(
            sammantrade_id=meeting_id, rubrik=title, typ="beslut", mallplacering="efter")
        a.forslag_till_beslut = richtext.from_plain_text(text.forslag)
        a.beskrivning = richtext.render(description_blocks(text))
        a.ekonomiska_konsekvenser = richtext.from_plain_text(text.ekonomi)
        if not a.skickas_till:
            a.skickas_till = ["Akt"]
        if a.id is None:  # missing from the agenda: it closes the agenda, as in a real kallelse
            arende_id = id_of(self.arenden.add(a, position=len(self.arenden.arenden(meeting_id)) + 1))
        else:
            arende_id = id_of(self.arenden.save(a))
        # The stored text, as saving may tidy the HTML: what hand_edited compares with.
        self.db.execute("INSERT OR REPLACE INTO installning (nyckel, varde) VALUES (?, ?)",
                        [GENERATED_KEY.format(arende_id=arende_id), fingerprint(self.arenden.get(arende_id))])
        return arende_id


def evb_to_meeting(db: Database, meeting_id: int, datum: date | str) -> int:
    """The report on ej verkställda beslut at ``datum`` as an ärende of the meeting, with
    the statistics as its PDF bilaga (PDF/A-2b). An ärende for the same report date is
    rewritten, not repeated. Returns the ärende id."""
    from app.meetings.agenda_documents import AgendaPdf, put_pdf_on_agenda
    from app.registers.arenden import evb_arende
    from app.registers.ej_verkstallda import EjVerkstalldaService
    from app.registers.pdf.evb import render_statistik

    service = ReportingService(db)
    namnd_id, m = service.namnd_of(meeting_id)
    service._refuse_final(meeting_id, m)
    rapport = EjVerkstalldaService(db).rapport(namnd_id, datum)
    text = evb_arende(db, namnd_id, rapport)
    bilaga = render_statistik(db, namnd_id, rapport)
    pdf = AgendaPdf(text.rubrik, text.forslag, bilaga, f"statistikrapport-{rapport.datum.isoformat()}.pdf",
                    rapport.rubrik, rapport.datum, beskrivning=tuple(text.beskrivning),
                    ekonomiska_konsekvenser="Rapporten medför inte några kostnader.",
                    beslutsunderlag=(f"{rapport.rubrik} (bilaga)",),
                    skickas_till=("Kommunfullmäktige", "Akt"), keep=("skickas_till",))
    arende_id = id_of(put_pdf_on_agenda(db, meeting_id, pdf, update=True).arende)
    # Which decisions were reported: they stay identifiable once the protokoll is justerat.
    EjVerkstalldaService(db).record_report(arende_id, namnd_id, rapport.datum)
    return arende_id


def description_blocks(text: Arendetext) -> list:
    """The ärende's description as rich-text blocks: the paragraphs, then the numbered
    categories with their entries (as a real kallelse prints them), or the numbered meddelanden."""
    blocks: list = [richtext.Para([richtext.Run(p)]) for p in text.beskrivning]
    if text.kategorier:
        # An empty category is its heading alone, as the recorded lists have it; a dash
        # under it printed as a bullet and a dash ("– –").
        blocks.append(richtext.ListBlock(True, [
            richtext.Item([richtext.Run(k.namn, bold=True)], [richtext.ListBlock(False, [
                richtext.Item([richtext.Run(post)]) for post in k.poster])] if k.poster else [])
            for k in text.kategorier]))
    if text.meddelanden:
        blocks.append(richtext.ListBlock(True, [
            richtext.Item([richtext.Run(dnr, bold=True), richtext.Run("\n" + titel)] if dnr
                          else [richtext.Run(titel)]) for dnr, titel in text.meddelanden]))
    return blocks
