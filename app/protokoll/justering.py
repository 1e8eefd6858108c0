"""Justering and the anslag's posting date: a collaborator of
:class:`app.protokoll.service.ProtokollService` (see :mod:`app.protokoll`).

A justering stores the PDF as it was justerat (PDF/A) with its SHA-256 and locks the
content: the services refuse edits with a Swedish message and database triggers refuse
them too. Paragraphs justerade omedelbart at the meeting get a justering of their own
(printed and locked on their own, with their own anslag). Corrections afterwards are
rättelser (:mod:`app.protokoll.rattelser`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import date

from sqlite_utils import Database

from app import clock
from app.changes import AnnouncingService
from app.pdf.pdfa import archive_status, to_archive
from app.protokoll import frister as frist
from app.protokoll.au_utdrag import store_au_utdrag
from app.protokoll.common import meeting_row, parse_date, refuse, refuse_if_locked
from app.protokoll.dokument import DocsLoader
from app.protokoll.hooks import justering_from_row, justeringar, run_hooks
from app.protokoll.huvud import HuvudService
from app.protokoll.kontroll import KontrollService
from app.protokoll.model import Justering
from app.protokoll.paragrafer import ParagrafService
from app.protokoll.pdf.protokoll import JusteringText, render_protokoll
from app.protokoll.rattelser import RattelseService
from app.records import inserted_id
from app.validation import FieldError, ValidationError, clean_text


class IntegritetsFel(Exception):
    """A stored PDF no longer matches its recorded SHA-256."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pdfa(data: bytes, level: str | None, subject: str = "") -> bytes:
    """PDF/A at ``level`` when the validator passes on the bytes, else an ordinary PDF
    (app/pdf/pdfa.py): text the archive format cannot hold never stops a justering or a
    printout. What a document is announced as is read from the bytes
    (:func:`app.pdf.pdfa.archive_status`), never from the level asked for."""
    return to_archive(data, level, subject=subject).data


class JusteringService(AnnouncingService, kinds=("protokoll", "meetings", "arenden")):
    def __init__(
        self,
        db: Database,
        huvud: HuvudService,
        paragrafer: ParagrafService,
        kontroll: KontrollService,
        rattelser: RattelseService,
        docs: DocsLoader,
    ):
        self.db = db
        self.huvud = huvud
        self.paragrafer = paragrafer
        self.kontroll = kontroll
        self.rattelser = rattelser
        self.docs = docs

    # -- reading ------------------------------------------------------------------------
    def justeringar(self, meeting_id: int) -> list[Justering]:
        return justeringar(self.db, meeting_id)

    def justering(self, justering_id: int) -> Justering:
        rows = list(
            self.db.query(
                "SELECT id, sammantrade_id, slag, datum, justerat_av, anslag_datum, anslag_uppsatt, "
                "sha256, registrerad FROM justering WHERE id = ?",
                [justering_id],
            )
        )
        if not rows:
            raise refuse("justering_id", f"Justering {justering_id} finns inte.")
        return justering_from_row(self.db, rows[0])

    def stored_pdf(self, justering_id: int) -> bytes:
        """The PDF as it was justerat, checked against its SHA-256."""
        row = self.db.execute("SELECT pdf, sha256 FROM justering WHERE id = ?", [justering_id]).fetchone()
        if row is None:
            raise refuse("justering_id", f"Justering {justering_id} finns inte.")
        if sha256(row[0]) != row[1]:
            raise IntegritetsFel(
                "Det sparade protokollet stämmer inte med sin kontrollsumma (SHA-256); filen har "
                "ändrats efter justeringen. Använd en säkerhetskopia."
            )
        return row[0]

    def arkivformat(self, justering_id: int) -> str:
        """What the stored PDF is, in Swedish: "PDF/A-2b", or "vanlig PDF (inte PDF/A):
        …" with why (the validator runs on the stored bytes)."""
        j = self.justering(justering_id)
        return archive_status(self.stored_pdf(justering_id), subject=f"Justering {j.datum}").description

    def _signers(self, meeting_id: int, justerat_av: list[str] | None) -> list[str]:
        names = [" ".join(clean_text(x).split()) for x in (justerat_av or [])]
        names = [x for x in names if x]
        if not names:
            chosen = [self.huvud.ordforande_namn(meeting_id), *self.huvud.justerare_namn(meeting_id)]
            names = [x for x in chosen if x]
        if not names:
            raise refuse("justerat_av", "Ange vem som har justerat protokollet.")
        return names

    def _check_dates(self, meeting_id: int, datum, anslag_datum, today: date | None) -> tuple[date, date]:
        m = meeting_row(self.db, meeting_id)
        today = today or clock.today()
        day = parse_date(datum or today, "Justeringsdatumet", "datum")
        head = self.huvud.get(meeting_id)
        anslag = parse_date(anslag_datum or head.anslag_datum or day, "Anslagsdatumet", "anslag_datum")
        errors = []
        if day.isoformat() < m["datum"]:
            errors.append(
                FieldError(
                    "datum",
                    f"Justeringen ({day.isoformat()}) kan inte vara före sammanträdet ({m['datum']}).",
                )
            )
        if day > today:
            errors.append(FieldError("datum", f"Justeringsdatumet {day.isoformat()} har inte kommit än."))
        if anslag < day:
            errors.append(
                FieldError(
                    "anslag_datum",
                    f"Anslaget ({anslag.isoformat()}) kan inte sättas upp före "
                    f"justeringen ({day.isoformat()}).",
                )
            )
        if errors:
            raise ValidationError(errors)
        return day, anslag

    def _refuse_problems(
        self, meeting_id: int, today: date | None, arende_ids: list[int] | None = None
    ) -> None:
        problems = self.kontroll.check_before_print(meeting_id, today, arende_ids)
        errors = [p for p in problems if p.severity == "fel"]
        if errors:
            raise ValidationError([FieldError("kontroll", p.message) for p in errors])

    def _store(
        self, meeting_id: int, slag: str, day: date, signers: list[str], anslag: date, pdf: bytes
    ) -> int:
        return inserted_id(
            self.db.table("justering"),
            {
                "sammantrade_id": meeting_id,
                "slag": slag,
                "datum": day.isoformat(),
                "justerat_av": json.dumps(signers, ensure_ascii=False),
                "anslag_datum": anslag.isoformat(),
                "anslag_uppsatt": None,
                "pdf": pdf,
                "sha256": sha256(pdf),
                "registrerad": clock.now_iso(),
            },
        )

    def _freeze_numbers(self, meeting_id: int, arende_ids: list[int] | None = None) -> None:
        numbers = self.paragrafer.numrering(meeting_id)
        for arende_id, nr in numbers.nummer.items():
            if arende_ids is None or arende_id in arende_ids:
                self.db.execute(
                    "UPDATE paragraf SET nummer = ? WHERE arende_id = ? AND justering_id IS NULL",
                    [nr, arende_id],
                )

    # -- justering ----------------------------------------------------------------------
    def _prepare(self, meeting_id, datum, justerat_av, anslag_datum, today, arende_ids=None):
        """The checks both kinds of justering make: begun, dates, no errors, signers."""
        if not self.huvud.is_started(meeting_id):
            raise refuse("sammantrade_id", "Protokollet är inte påbörjat; för in närvaron först.")
        day, anslag = self._check_dates(meeting_id, datum, anslag_datum, today)
        self._refuse_problems(meeting_id, today, arende_ids)
        return day, anslag, self._signers(meeting_id, justerat_av)

    def _record(
        self,
        meeting_id: int,
        arende_ids: list[int] | None,
        day: date,
        anslag: date,
        signers: list[str],
        level: str | None,
        today: date | None,
    ) -> int:
        """Inside the caller's transaction: store the paragraphs' texts and numbers,
        lay out and store the PDF, and tie the paragraphs to the new justering (all
        not yet justerade, or ``arende_ids`` for an omedelbar justering)."""
        self.paragrafer.materialize(meeting_id, arende_ids)
        self._freeze_numbers(meeting_id, arende_ids)
        if arende_ids is None:
            self.db.execute(
                "UPDATE protokoll SET justering_datum = ?, anslag_datum = ? WHERE sammantrade_id = ?",
                [day.isoformat(), anslag.isoformat(), meeting_id],
            )
            which, args = "sammantrade_id = ? AND justering_id IS NULL", [meeting_id]
        else:
            which, args = f"arende_id IN ({','.join('?' * len(arende_ids))})", list(arende_ids)
            self.db.execute(f"UPDATE paragraf SET justeras_omedelbart = 1 WHERE {which}", args)
        docs = self.docs.load(meeting_id, today)
        title = "" if arende_ids is None else "Omedelbart justerade paragrafer"
        rendered = render_protokoll(
            docs, arende_ids, JusteringText(day.isoformat(), tuple(signers)), title, anslag
        )
        slag = "protokoll" if arende_ids is None else "omedelbar"
        justering_id = self._store(meeting_id, slag, day, signers, anslag,
                                   pdfa(rendered.data, level, f"Justerat protokoll {docs.meeting.datum}"))
        self.db.execute(f"UPDATE paragraf SET justering_id = ? WHERE {which}", [justering_id, *args])
        # An arbetsutskott's beslut is its förslag to the nämnd: its utdrag goes there.
        store_au_utdrag(self.db, self.docs, meeting_id, justering_id, day, level, today)
        return justering_id

    def justera(
        self,
        meeting_id: int,
        datum: date | str | None = None,
        justerat_av: list[str] | None = None,
        anslag_datum: date | str | None = None,
        *,
        level: str | None = "2b",
        today: date | None = None,
    ) -> Justering:
        """Mark the protokoll justerat on ``datum`` (default today) by ``justerat_av``
        (default: the ordförande and the justerare), to be posted ``anslag_datum``
        (default: the planned date, else the justering day). Refused while the
        pre-print check finds errors. Stores the PDF, locks the content, sets the
        meeting's status to "justerat" and runs the hooks of :mod:`app.protokoll.hooks`."""
        m = meeting_row(self.db, meeting_id)
        if m["status"] in ("justerat", "anslaget"):
            raise refuse("sammantrade_id", f"Protokollet från sammanträdet {m['datum']} är redan justerat.")
        day, anslag, signers = self._prepare(meeting_id, datum, justerat_av, anslag_datum, today)
        with self.db.atomic():
            justering_id = self._record(meeting_id, None, day, anslag, signers, level, today)
            self.db.execute("UPDATE sammantrade SET status = 'justerat' WHERE id = ?", [meeting_id])
            result = self.justering(justering_id)
            run_hooks(self.db, result)
        return result

    def justera_omedelbart(
        self,
        meeting_id: int,
        arende_ids: list[int],
        datum: date | str | None = None,
        justerat_av: list[str] | None = None,
        anslag_datum: date | str | None = None,
        *,
        level: str | None = "2b",
        today: date | None = None,
    ) -> Justering:
        """Justera the paragraphs of ``arende_ids`` at the meeting: they are printed
        with a first page of their own, stored and locked, and get their own anslag
        (``anslag_datum``, default the justering day)."""
        refuse_if_locked(self.db, meeting_id)
        paragrafer = {p.arende_id: p for p in self.paragrafer.paragrafer(meeting_id)}
        ids = list(dict.fromkeys(arende_ids))
        errors = []
        for arende_id in ids:
            p = paragrafer.get(arende_id)
            if p is None:
                errors.append(FieldError("arende_ids", "Ett valt ärende hör inte till sammanträdet."))
            elif p.justerad:
                errors.append(FieldError("arende_ids", f"{p.label} är redan justerad."))
            elif p.nummer is None:
                errors.append(
                    FieldError(
                        "arende_ids", f"Ärende {p.position} ”{p.rubrik}” utgår och har ingen paragraf."
                    )
                )
        if not ids:
            errors.append(FieldError("arende_ids", "Välj minst en paragraf att justera omedelbart."))
        if errors:
            raise ValidationError(errors)
        # The protokoll's planned posting date is not this justering's: default to its day.
        day, anslag, signers = self._prepare(
            meeting_id, datum, justerat_av, anslag_datum or datum or today or clock.today(), today, ids
        )
        with self.db.atomic():
            justering_id = self._record(meeting_id, ids, day, anslag, signers, level, today)
        return self.justering(justering_id)

    def mark_anslaget(
        self,
        justering_id: int,
        datum: date | str | None = None,
        gjord_av: str = "",
        today: date | None = None,
        *,
        keep_anslag: Callable[[Justering], None],
    ) -> list[str]:
        """Record the day the notice actually went up on the anslagstavla (once). The
        appeal period counts from it. When it differs from the date printed in the
        anslagsbevis, a rättelse saying so is added. Returns warnings (Swedish).
        ``keep_anslag(justering)`` keeps the anslag that went up, in the same transaction
        (``ProtokollService.mark_anslaget`` is
        :meth:`app.protokoll.dokumentservice.DokumentService.mark_anslaget`, which lays
        it out)."""
        j = self.justering(justering_id)
        if j.anslag_uppsatt is not None:
            raise refuse(
                "anslag_uppsatt", f"Anslaget är redan registrerat som uppsatt {j.anslag_uppsatt.isoformat()}."
            )
        now = today or clock.today()
        day = parse_date(datum or now, "Anslagsdatumet", "anslag_uppsatt")
        if day > now:
            # Registered when it went up, never ahead: the appeal period counts from it.
            raise refuse(
                "anslag_uppsatt",
                f"Anslaget kan inte registreras som uppsatt {day.isoformat()}: den dagen har inte kommit än "
                f"(i dag är det {now.isoformat()}). Registrera det när det har satts upp.",
            )
        if day < j.datum:
            raise refuse(
                "anslag_uppsatt",
                f"Anslaget ({day.isoformat()}) kan inte sättas upp före justeringen ({j.datum.isoformat()}).",
            )
        warnings = []
        senast = frist.tillkannagivande_senast(j.datum)
        if day > senast:
            warnings.append(
                f"Justeringen tillkännages {day.isoformat()}, men skulle ha tillkännagivits senast "
                f"{senast.isoformat()} (KL 8 kap 12 §)."
            )
        with self.db.atomic():
            keep_anslag(j)
            self.db.execute(
                "UPDATE justering SET anslag_uppsatt = ? WHERE id = ?", [day.isoformat(), justering_id]
            )
            if j.slag == "protokoll":
                self.db.execute("UPDATE sammantrade SET status = 'anslaget' WHERE id = ?", [j.sammantrade_id])
            if day != j.anslag_datum:
                text = (
                    f"Anslaget sattes upp {day.isoformat()}, inte {j.anslag_datum.isoformat()} som anges i "
                    f"anslagsbeviset. Anslaget tas ned {frist.anslag_nedtas(day).isoformat()}; sista dag för "
                    f"överklagande är {frist.overklagande_sista_dag(day).isoformat()}."
                )
                self.rattelser.add_rattelse(
                    j.sammantrade_id,
                    text,
                    gjord_av or self.huvud.sekreterare_namn(j.sammantrade_id),
                    datum=day,
                    arende_id=j.arende_ids[0] if j.slag == "omedelbar" and len(j.arende_ids) == 1 else None,
                    today=max(day, today or clock.today()),
                )
                warnings.append(text)
        return warnings
