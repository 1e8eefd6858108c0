"""The protokoll's documents, a collaborator of
:class:`app.protokoll.service.ProtokollService`: the protokoll (once justerat: the
stored PDF, with the rättelser after it), utdrag of justerade paragraphs, the batch of
utdrag per recipient with what was sent to whom, and the anslag. All PDF/A-2b by
default when the validator passes, otherwise ordinary PDFs (app/pdf/pdfa.py
``archive``; callers announce what :func:`app.pdf.pdfa.archive_status` says); laid out
by :mod:`app.protokoll.pdf`. The anslag that went up is kept as it went up, and printed
from there (:mod:`app.protokoll.anslag_sparat`).
"""

from __future__ import annotations

import io
import json
from datetime import date

import pikepdf
from sqlite_utils import Database

from app import clock
from app.changes import AnnouncingService
from app.pdf.pdfa import archive
from app.protokoll import anslag_sparat
from app.protokoll.anslag_sparat import PrintedAnslag, kept_anslag
from app.protokoll.common import meeting_row, parse_date, refuse
from app.protokoll.dokument import DocsLoader
from app.protokoll.dokumentsignering import anslag_fore_papper
from app.protokoll.huvud import HuvudService
from app.protokoll.justering import JusteringService, pdfa, sha256
from app.protokoll.model import Utskick
from app.protokoll.paragrafer import ParagrafService
from app.protokoll.pdf.anslag import DigitalText, render_anslag
from app.protokoll.pdf.protokoll import render_protokoll, render_rattelser
from app.protokoll.pdf.utdrag import render_utdrag
from app.protokoll.rattelser import RattelseService
from app.protokoll.sekretess import covered, for_others, sekretess_rubrik
from app.protokoll.signering import digital_justering
from app.validation import FieldError, ValidationError, clean_text


class DokumentService(AnnouncingService, kinds=("protokoll",)):
    def __init__(
        self,
        db: Database,
        huvud: HuvudService,
        paragrafer: ParagrafService,
        justering: JusteringService,
        rattelser: RattelseService,
        docs: DocsLoader,
    ):
        self.db = db
        self.huvud = huvud
        self.paragrafer = paragrafer
        self.justering = justering
        self.rattelser = rattelser
        self.docs = docs

    def protokoll_pdf(self, meeting_id: int, *, level: str | None = "2b", today: date | None = None) -> bytes:
        """The protokoll: once justerat, the stored PDF with the rättelser appended
        on pages of their own; before that, freshly laid out for printing and signing."""
        done = next((j for j in self.justering.justeringar(meeting_id) if j.slag == "protokoll"), None)
        if done is None:
            return pdfa(render_protokoll(self.docs.load(meeting_id, today)).data, level, "Protokoll")
        stored = self.justering.stored_pdf(done.id)
        if not self.rattelser.rattelser(meeting_id):
            return stored
        extra = render_rattelser(self.docs.load(meeting_id, today)).data
        with pikepdf.open(io.BytesIO(stored)) as pdf, pikepdf.open(io.BytesIO(extra)) as more:
            first_extra = len(pdf.pages)
            pdf.pages.extend(more.pages)
            with pdf.open_outline() as outline:  # the appended pages' own bookmarks do not come along
                outline.root.append(pikepdf.OutlineItem("Rättelser efter justering", first_extra))
            return archive(pdf, level, subject="Protokoll med rättelser").data

    def original_pdf(self, meeting_id: int, justering_id: int | None = None) -> bytes:
        """The PDF exactly as justerat (the protokoll's justering, or ``justering_id``),
        checked against its SHA-256 and without the rättelser made after it: the
        document whose SHA-256 the anslag prints."""
        done = self.justering.justeringar(meeting_id)
        chosen = next((j for j in done if (j.id == justering_id if justering_id is not None
                                           else j.slag == "protokoll")), None)
        if chosen is None:
            m = meeting_row(self.db, meeting_id)
            if justering_id is not None:
                raise refuse("justering_id",
                             f"Justering {justering_id} hör inte till sammanträdet {m['datum']}.")
            raise refuse(
                "justering_id",
                f"Protokollet från {m['datum']} är inte justerat; det finns inget original sparat ännu.",
            )
        return self.justering.stored_pdf(chosen.id)

    def utdrag_pdf(
        self,
        meeting_id: int,
        arende_ids: list[int],
        bestyrkt_av: str = "",
        datum: date | str | None = None,
        mottagare: str = "",
        *,
        level: str | None = "2b",
        today: date | None = None,
        sekretess_dold: bool = False,
    ) -> bytes:
        """A protokollsutdrag of justerade paragraphs, certified by ``bestyrkt_av``
        (default: the secretary) on ``datum`` (default: today). ``sekretess_dold``: for a
        recipient outside the organ, a § under sekretess shows only its number, the public
        rubrik and "Sekretess enligt …"."""
        docs = self.docs.load(meeting_id, today)
        if sekretess_dold:
            docs = for_others(docs, covered(self.db, meeting_id), sekretess_rubrik(self.db))
        by_id = {p.arende_id: p for p in docs.tryckta}
        errors = []
        for arende_id in arende_ids:
            p = by_id.get(arende_id)
            if p is None:
                errors.append(FieldError("arende_ids", "Ett valt ärende är ingen paragraf i protokollet."))
            elif not p.justerad:
                errors.append(
                    FieldError(
                        "arende_ids",
                        f"{p.label} är inte justerad; ett utdrag kan bara göras ur ett justerat protokoll.",
                    )
                )
        if not arende_ids:
            errors.append(FieldError("arende_ids", "Välj minst en paragraf."))
        if errors:
            raise ValidationError(errors)
        day = parse_date(datum or today or clock.today(), "Datumet för utdragsbestyrkandet", "datum")
        who = " ".join(clean_text(bestyrkt_av).split()) or self.huvud.sekreterare_namn(meeting_id)
        return pdfa(render_utdrag(docs, list(arende_ids), who, day, mottagare).data, level,
                    f"Protokollsutdrag {docs.meeting.datum}")

    def skicka_utdrag(
        self,
        meeting_id: int,
        bestyrkt_av: str = "",
        datum: date | str | None = None,
        mottagare: list[str] | None = None,
        *,
        level: str | None = "2b",
        today: date | None = None,
        sekretess_dold: bool = False,
    ) -> list[Utskick]:
        """One utdrag per recipient in "beslut skickas till" of the justerade
        paragraphs (or only ``mottagare``), each with the §§ that go to that
        recipient; what was sent to whom is recorded with the PDF."""
        paragrafer = [
            p for p in self.paragrafer.paragrafer(meeting_id) if p.justerad and p.nummer is not None
        ]
        recipients: dict[str, list[int]] = {}
        for p in paragrafer:
            for name in p.skickas_till:
                recipients.setdefault(name, []).append(p.arende_id)
        if mottagare is not None:
            unknown = [x for x in mottagare if x not in recipients]
            if unknown:
                raise refuse(
                    "mottagare",
                    f"{', '.join(unknown)} finns inte bland mottagarna av de justerade paragraferna.",
                )
            recipients = {k: v for k, v in recipients.items() if k in mottagare}
        if not recipients:
            raise refuse("mottagare", "Inga justerade paragrafer har mottagare under ”Beslut skickas till”.")
        day = parse_date(datum or today or clock.today(), "Datumet för utdragsbestyrkandet", "datum")
        who = " ".join(clean_text(bestyrkt_av).split()) or self.huvud.sekreterare_namn(meeting_id)
        labels = {p.arende_id: p.label for p in paragrafer}
        made = []
        for name, ids in recipients.items():
            # Each is validated: the recipient's name and §§ differ, and either could hold a
            # character the archive format cannot (the utdrag is then an ordinary PDF).
            pdf = self.utdrag_pdf(meeting_id, ids, who, day, name, level=level, today=today,
                                  sekretess_dold=sekretess_dold)
            made.append((name, ids, pdf))
        now = clock.now_iso()
        new_ids = []
        with self.db.atomic():
            for name, ids, pdf in made:
                new_ids.append(
                    self.db.table("utskick")
                    .insert(
                        {
                            "sammantrade_id": meeting_id,
                            "mottagare": name,
                            "arende_ids": json.dumps(ids),
                            "paragrafer": ", ".join(labels[i] for i in ids),
                            "datum": day.isoformat(),
                            "bestyrkt_av": who,
                            "pdf": pdf,
                            "sha256": sha256(pdf),
                            "skapad": now,
                        }
                    )
                    .last_pk
                )
        return [u for u in self.utskick(meeting_id) if u.id in new_ids]

    def utskick(self, meeting_id: int) -> list[Utskick]:
        return [
            Utskick(
                r["id"],
                r["sammantrade_id"],
                r["mottagare"],
                tuple(json.loads(r["arende_ids"])),
                r["paragrafer"],
                date.fromisoformat(r["datum"]),
                r["bestyrkt_av"],
                r["sha256"],
                r["skapad"],
            )
            for r in self.db.query(
                "SELECT id, sammantrade_id, mottagare, arende_ids, paragrafer, datum, "
                "bestyrkt_av, sha256, skapad FROM utskick WHERE sammantrade_id = ? ORDER BY id",
                [meeting_id],
            )
        ]

    def utskick_pdf(self, utskick_id: int) -> bytes:
        row = self.db.execute("SELECT pdf FROM utskick WHERE id = ?", [utskick_id]).fetchone()
        if row is None:
            raise refuse("utskick_id", f"Utskick {utskick_id} finns inte.")
        return row[0]

    def anslag_pdf(
        self,
        meeting_id: int,
        justering_id: int | None = None,
        *,
        level: str | None = "2b",
        today: date | None = None,
    ) -> bytes:
        """The notice for the anslagstavla of the protokoll's justering (or of a
        justering of paragraphs justerade omedelbart): :meth:`anslag_utskrift`'s bytes."""
        return self.anslag_utskrift(meeting_id, justering_id, level=level, today=today).data

    def anslag_utskrift(self, meeting_id: int, justering_id: int | None = None, *, level: str | None = "2b",
                        today: date | None = None, keep: bool = True) -> PrintedAnslag:
        """The anslag as printed: once kept (registered as posted, or kept for signing)
        the kept anslag with its signatures; before it went up, laid out now. One
        registered as posted before the program kept it is kept now (when ``keep`` and
        the file can be written) and the note says so (app/protokoll/anslag_sparat.py)."""
        chosen = self._anslag_justering(meeting_id, justering_id)
        kept = kept_anslag(self.db, chosen.id)
        if kept is not None:
            return PrintedAnslag(kept, True, "")
        if chosen.anslag_uppsatt is None:  # not up yet: laid out now
            data = self.rendered_anslag(meeting_id, chosen.id, level=level, today=today)
            return PrintedAnslag(data, False, "")
        if not keep or not self.db.table("dokument_version").exists():
            data = self.rendered_anslag(meeting_id, chosen.id, level=level, today=today)
            return PrintedAnslag(data, False, anslag_sparat.NOT_KEPT)
        missing = anslag_sparat.unfinished_digital_justering(self.db, self.huvud, chosen.id)
        if missing is not None:
            data = self.rendered_anslag(meeting_id, chosen.id, level=level, today=today)
            return PrintedAnslag(data, False, anslag_sparat.not_kept_unsigned_note(missing))
        # Kept as the other kept documents are, whatever level this print asked for.
        data = self.rendered_anslag(meeting_id, chosen.id, today=today)
        return anslag_sparat.keep_at_first_print(self.db, chosen, data)

    def mark_anslaget(self, justering_id: int, datum: date | str | None = None, gjord_av: str = "",
                      today: date | None = None) -> list[str]:
        """Register the day the anslag went up
        (:meth:`app.protokoll.justering.JusteringService.mark_anslaget`) and keep the
        anslag that went up, laid out now (before the registration changes its posting
        date), in the same transaction. Refused while the protokoll's digital justering
        is begun but unfinished (app/protokoll/anslag_sparat.py says why)."""
        j = self.justering.justering(justering_id)
        posted = None
        if j.anslag_uppsatt is None:  # else the registration refuses: it is made once
            anslag_sparat.refuse_posting_before_digital_justering(self.db, self.huvud, justering_id)
            if not anslag_sparat.is_kept(self.db, justering_id):
                posted = self.rendered_anslag(j.sammantrade_id, justering_id, today=today)
        return self.justering.mark_anslaget(
            justering_id, datum, gjord_av, today,
            keep_anslag=lambda current: anslag_sparat.keep_posted(self.db, current, posted))

    def rendered_anslag(self, meeting_id: int, justering_id: int, *, level: str | None = "2b",
                        today: date | None = None) -> bytes:
        """The anslag laid out now (what is kept when it goes up or is to be signed)."""
        chosen = self._anslag_justering(meeting_id, justering_id)
        return pdfa(render_anslag(self.docs.load(meeting_id, today), chosen, self._digitalt(chosen.id)).data,
                    level, "Anslag")

    def nytt_anslag_pdf(self, meeting_id: int, justering_id: int | None = None, *,
                        today: date | None = None) -> bytes:
        """A new anslag for one kept before the wet-ink justering of §§ under sekretess
        was registered (:func:`app.protokoll.dokumentsignering.anslag_fore_papper`),
        saying when the full protokoll was justerat on paper and that it replaces the
        kept one, which stays as it is. Laid out and kept (PDF/A, table ``nytt_anslag``)
        the first time, the kept bytes every time after. Refused when there is no such
        anslag."""
        chosen = self._anslag_justering(meeting_id, justering_id)
        kept = anslag_sparat.nytt_anslag(self.db, chosen.id)
        if kept is not None:
            return kept.data
        stale = anslag_fore_papper(self.db, chosen.id)
        if stale is None:
            raise refuse("justering_id", "Det sparade anslaget behöver inget nytt anslag: det finns inget "
                                         "anslag sparat innan pappersjusteringen registrerades.")
        if not stale.papper_datum:
            raise refuse("papper_datum", "Registrera pappersjusteringen först; det nya anslaget ska säga när "
                                         "det fullständiga protokollet justerades på papper.")
        data = self.rendered_anslag(meeting_id, chosen.id, today=today)
        return anslag_sparat.keep_nytt_anslag(self.db, chosen, data).data

    def _anslag_justering(self, meeting_id: int, justering_id: int | None):
        done = self.justering.justeringar(meeting_id)
        chosen = (
            next((j for j in done if j.id == justering_id), None)
            if justering_id is not None
            else next((j for j in done if j.slag == "protokoll"), None)
        )
        if chosen is None:
            m = meeting_row(self.db, meeting_id)
            raise refuse(
                "justering_id",
                f"Protokollet från {m['datum']} är inte justerat; anslaget görs efter justeringen.",
            )
        return chosen

    def _digitalt(self, justering_id: int) -> DigitalText | None:
        """What the anslag says of a digital justering: only once everyone has signed."""
        status = digital_justering(self.db, self.huvud, justering_id)
        if status is None or not status.digitalt_justerat:
            return None
        newest = self.db.execute("SELECT sha256 FROM justering_version WHERE justering_id = ? "
                                 "ORDER BY version DESC LIMIT 1", [justering_id]).fetchone()[0]
        papper = ""
        if status.papper is not None:
            which = " och ".join(status.papper.paragrafer)
            done = (f"justerades på papper {status.papper.papper_datum}." if status.papper.registrerad
                    else "justeras på papper.")
            papper = (f"{which} omfattas av sekretess och ingår inte i den digitala justeringen; det "
                      f"fullständiga protokollet {done}")
            stale = anslag_fore_papper(self.db, justering_id)
            if stale is not None and status.papper.registrerad:
                papper += f" {stale.ersatter}"
        return DigitalText(tuple(p.text for p in status.platser), newest, papper)
