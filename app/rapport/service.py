"""Reports and their outlines: create a report from its template, edit the title and
period, add, change, remove and reorder chapters (a written chapter optionally with one
text per förvaltning of the nämnd), adopt it. An adopted report is a
public record: every change is refused here with the decision that adopted it, and by
the triggers of migration 17 in the database itself; its PDF is kept at adoption
(app/rapport/kept.py, migration 25)."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from app import clock, richtext
from app.changes import AnnouncingService
from app.plan.adoption import adopting_paragraph
from app.rapport.model import (
    INNEHALL,
    SLAG,
    TEXT,
    ForvaltningsText,
    Kapitel,
    Rapport,
    default_title,
    has_text,
    outline,
    without_text,
)
from app.records import id_of, inserted_id, row_to
from app.validation import Checker, FieldError, ValidationError, clean_text
from db.textsort import swedish_key

MAX_TITLE = 200

_SELECT = """
SELECT r.*, n.namn AS namnd_namn, n.kortnamn AS namnd_kortnamn
FROM rapport r JOIN namnd n ON n.id = r.namnd_id
"""
_KAPITEL = """
SELECT k.*, (SELECT COUNT(*) FROM rapport_kapitel_forvaltning t
             WHERE t.kapitel_id = k.id AND t.att_granska = 1) AS forvaltning_att_granska
FROM rapport_kapitel k
"""


def _iso_day(check: Checker, field: str, value: str | None, label: str) -> str:
    try:
        return date.fromisoformat((value or "").strip()).isoformat()
    except ValueError:
        check.add(field, f"{label} måste vara ett datum som ÅÅÅÅ-MM-DD (nu: ”{value or ''}”).")
        return ""


def adopted_message(r: Rapport, *, deleting: bool = False) -> str:
    what = "tas bort" if deleting else "ändras"
    return (f"{r.titel} är antagen av {r.adopted_by()} och är en allmän handling; den kan inte {what}. "
            "Skriv en ny rapport om något ska läggas till.")


class RapportService(AnnouncingService, kinds=("plan",)):
    def __init__(self, db: Database):
        self.db = db

    # -- reports -------------------------------------------------------------------------
    def rapporter(self, namnd_id: int | None = None) -> list[Rapport]:
        where, args = ("WHERE r.namnd_id = ?", [namnd_id]) if namnd_id is not None else ("", [])
        return [row_to(Rapport, r) for r in self.db.query(
            f"{_SELECT} {where} ORDER BY r.period_slut DESC, n.namn, r.slag", args)]

    def get(self, rapport_id: int) -> Rapport:
        rows = list(self.db.query(f"{_SELECT} WHERE r.id = ?", [rapport_id]))
        if not rows:
            raise LookupError(f"Det finns ingen rapport med id {rapport_id}.")
        return row_to(Rapport, rows[0])

    def find(self, ident: str) -> Rapport:
        """A report by id or by a unique part of its title (for the command line)."""
        text = ident.strip()
        if text.isdigit():
            return self.get(int(text))
        hits = [r for r in self.rapporter() if text.casefold() in r.titel.casefold()]
        if len(hits) == 1:
            return hits[0]
        if not hits:
            raise LookupError(f"Ingen rapport heter något med ”{ident}”; se listan med ”rapporter”.")
        names = "; ".join(f"{r.id}: {r.titel} ({r.namnd_kortnamn})" for r in hits)
        raise LookupError(f"Flera rapporter passar ”{ident}”: {names}. Ange id.")

    def create(self, namnd_id: int, slag: str, period_start: str, period_slut: str, titel: str = "",
               undertitel: str = "") -> Rapport:
        """A new report with the outline template of its kind, in one transaction."""
        r = Rapport(namnd_id=namnd_id, slag=slag, period_start=period_start, period_slut=period_slut,
                    titel=titel, undertitel=undertitel)
        self._check(r)
        namnd = self.db.execute("SELECT namn FROM namnd WHERE id = ?", [namnd_id]).fetchone()[0]
        r.titel = r.titel or default_title(slag, r.ar)
        data = self._record(r)
        data["skapad"] = clock.now_iso()
        with self.db.atomic():
            rapport_id = inserted_id(self.db.table("rapport"), data)
            for k in outline(slag, r.ar, namnd):
                k.rapport_id = rapport_id
                self.db.table("rapport_kapitel").insert(self._kapitel_record(k))
        return self.get(rapport_id)

    def save(self, r: Rapport) -> Rapport:
        """Title, subtitle and period of a draft."""
        self._refuse_if_adopted(id_of(r))
        r.titel = " ".join(clean_text(r.titel or "").split())
        r.undertitel = " ".join(clean_text(r.undertitel or "").split())
        check = Checker()
        check.required("titel", r.titel, "Rapportens titel")
        self._check(r, check)
        with self.db.atomic():
            self.db.table("rapport").update(id_of(r), self._record(r))
        return self.get(id_of(r))

    def delete(self, rapport_id: int) -> None:
        self._refuse_if_adopted(rapport_id, deleting=True)
        with self.db.atomic():
            self.db.table("rapport").delete(rapport_id)

    def adopt(self, rapport_id: int, *, arende_id: int | None = None, datum: str | None = None,
              paragraf: str = "") -> Rapport:
        """Adopt the report: linked to the nämnd's justerade paragraph ``arende_id`` (date
        and § taken from there), or with the date and § typed when the protokoll is not
        kept in the program. From then on the report cannot be changed, and its PDF is
        made and kept in the same transaction (app/rapport/kept.py): printing it later
        gives that document, whatever data its generated chapters came from changes."""
        from app.rapport.kept import keep_at_adoption

        r = self.get(rapport_id)
        self._refuse_if_adopted(rapport_id)
        check = Checker()
        if arende_id is not None:
            linked = adopting_paragraph(self.db, arende_id)
            if linked is None or linked.namnd_id != r.namnd_id:
                check.add("antagen_paragraf", "Den valda paragrafen finns inte bland nämndens justerade "
                          "protokoll; välj en annan paragraf eller skriv datum och paragraf själv.")
            else:
                datum, paragraf = linked.datum, linked.label
        else:
            datum = _iso_day(check, "antagen_datum", datum, "Datum för antagandet")
            paragraf = " ".join(clean_text(paragraf or "").split())
            check.required("antagen_paragraf", paragraf, "Paragrafen som antog rapporten")
        check.raise_if_any()
        with self.db.atomic():
            self.db.table("rapport").update(rapport_id, {
                "status": "antagen", "antagen_datum": datum, "antagen_paragraf": paragraf,
                "antagen_paragraf_id": arende_id})
            keep_at_adoption(self.db, rapport_id)
        return self.get(rapport_id)

    def printed(self, rapport_id: int, *, leave_out_empty: bool | None = None, keep: bool = True):
        """The report as printed (app/rapport/kept.py ``PrintedRapport``): an adopted
        report's kept PDF, a draft made from the data as now."""
        from app.rapport.kept import rapport_pdf

        return rapport_pdf(self.db, rapport_id, leave_out_empty=leave_out_empty, keep=keep)

    # -- the outline -----------------------------------------------------------------------
    def kapitel(self, rapport_id: int) -> list[Kapitel]:
        return [row_to(Kapitel, r) for r in self.db.query(
            f"{_KAPITEL} WHERE k.rapport_id = ? ORDER BY k.ordning, k.id", [rapport_id])]

    def get_kapitel(self, kapitel_id: int) -> Kapitel:
        row = self.db.execute("SELECT rapport_id FROM rapport_kapitel WHERE id = ?", [kapitel_id]).fetchone()
        if row is None:
            raise LookupError(f"Det finns inget kapitel med id {kapitel_id}.")
        return next(k for k in self.kapitel(row[0]) if k.id == kapitel_id)

    def add_kapitel(self, rapport_id: int, rubrik: str, innehall: str = "text", niva: int = 1, text: str = "",
                    after_id: int | None = None) -> Kapitel:
        """A new chapter after ``after_id`` (at the end when None)."""
        self._refuse_if_adopted(rapport_id)
        k = self._checked(Kapitel(rapport_id=rapport_id, rubrik=rubrik, innehall=innehall, niva=niva,
                                  text=text))
        chapters = self.kapitel(rapport_id)
        position = len(chapters)
        if after_id is not None:
            position = next((i + 1 for i, c in enumerate(chapters) if c.id == after_id), position)
        with self.db.atomic():
            k.id = inserted_id(self.db.table("rapport_kapitel"), self._kapitel_record(k))
            chapters.insert(position, k)
            self._renumber(chapters)
        return self.get_kapitel(id_of(k))

    def save_kapitel(self, k: Kapitel, texter: list[ForvaltningsText] | None = None) -> Kapitel:
        """Heading, level, content and text of a chapter, and for a per-förvaltning
        chapter the förvaltningar's ``texter`` given, in one transaction. A text copied
        from the last period stops being "att granska" once it is saved changed."""
        stored = self.get_kapitel(id_of(k))
        self._refuse_if_adopted(stored.rapport_id)
        k.rapport_id = stored.rapport_id
        k = self._checked(k)
        current = self.forvaltningstexter(id_of(k)) if stored.per_forvaltning or k.per_forvaltning else []
        self._check_per_forvaltning(k, current, texter or [])
        if k.text != stored.text:
            k.att_granska = False
        record = self._kapitel_record(k)
        record.pop("ordning")
        with self.db.atomic():
            self.db.table("rapport_kapitel").update(id_of(k), record)
            for t in texter or []:
                self._save_text(k, t, current)
        return self.get_kapitel(id_of(k))

    def forvaltningstexter(self, kapitel_id: int) -> list[ForvaltningsText]:
        """A per-förvaltning chapter's texts: for a draft one per förvaltning of the
        nämnd under its name now (``id`` None where nothing is written yet), then any
        text whose förvaltning was removed; for an adopted report the texts as adopted."""
        k = self.get_kapitel(kapitel_id)
        r = self.get(k.rapport_id)
        rows = [row_to(ForvaltningsText, row) for row in self.db.query(
            "SELECT * FROM rapport_kapitel_forvaltning WHERE kapitel_id = ? ORDER BY rubrik, id",
            [kapitel_id])]
        rows.sort(key=lambda t: swedish_key(t.rubrik))
        if r.adopted:
            return rows
        by_forvaltning = {t.forvaltning_id: t for t in rows if t.forvaltning_id is not None}
        out = []
        for f in self._forvaltningar(r.namnd_id):
            t = by_forvaltning.pop(f["id"], None) or ForvaltningsText(kapitel_id, f["id"])
            t.rubrik = f["namn"]
            out.append(t)
        return out + [t for t in rows if t.forvaltning_id is None] + list(by_forvaltning.values())

    def texts_by_kapitel(self, rapport_id: int) -> dict[int, list[ForvaltningsText]]:
        """Every per-förvaltning chapter's texts (forvaltningstexter) by chapter id."""
        return {id_of(k): self.forvaltningstexter(id_of(k))
                for k in self.kapitel(rapport_id) if k.per_forvaltning}

    def missing_texts(self, rapport_id: int) -> list[str]:
        """The chapters (and förvaltningar) that have no text: printed as a bare heading
        they would say nothing, so printing names them first (model.without_text)."""
        return without_text(self.kapitel(rapport_id), self.texts_by_kapitel(rapport_id))

    def mark_reviewed(self, kapitel_id: int, text_id: int | None = None) -> Kapitel:
        """The copied chapter (or its förvaltning's text ``text_id``) was read and still
        holds for the new period."""
        k = self.get_kapitel(kapitel_id)
        self._refuse_if_adopted(k.rapport_id)
        with self.db.atomic():
            if text_id is None:
                self.db.execute("UPDATE rapport_kapitel SET att_granska = 0 WHERE id = ?", [kapitel_id])
            else:
                self.db.execute("UPDATE rapport_kapitel_forvaltning SET att_granska = 0 WHERE id = ? "
                                "AND kapitel_id = ?", [text_id, kapitel_id])
        return self.get_kapitel(kapitel_id)

    def remove_kapitel(self, kapitel_id: int) -> None:
        k = self.get_kapitel(kapitel_id)
        self._refuse_if_adopted(k.rapport_id)
        with self.db.atomic():
            self.db.table("rapport_kapitel").delete(kapitel_id)
            self._renumber(self.kapitel(k.rapport_id))

    def move_kapitel(self, kapitel_id: int, delta: int) -> bool:
        """Move a chapter up (negative) or down; False when it is already first or last."""
        k = self.get_kapitel(kapitel_id)
        self._refuse_if_adopted(k.rapport_id)
        chapters = self.kapitel(k.rapport_id)
        i = next(n for n, c in enumerate(chapters) if c.id == kapitel_id)
        j = i + delta
        if delta == 0 or not 0 <= j < len(chapters):
            return False
        chapters.insert(j, chapters.pop(i))
        with self.db.atomic():
            self._renumber(chapters)
        return True

    def check_period(self, r: Rapport) -> None:
        """ValidationError when ``r``'s nämnd, kind or period cannot be stored, or the
        nämnd already has a report of that kind for the period."""
        self._check(r)

    # -- helpers ---------------------------------------------------------------------------
    def _forvaltningar(self, namnd_id: int) -> list[dict]:
        rows = list(self.db.query("SELECT id, namn FROM forvaltning WHERE namnd_id = ?", [namnd_id]))
        return sorted(rows, key=lambda f: swedish_key(f["namn"]))

    def _check_per_forvaltning(self, k: Kapitel, current: list[ForvaltningsText],
                               texter: list[ForvaltningsText]) -> None:
        check = Checker()
        # The förvaltningar that would have text once this is saved.
        after = {(t.id, t.forvaltning_id): t for t in current} | {(t.id, t.forvaltning_id): t for t in texter}
        written = [t.rubrik for t in after.values() if has_text(t.text)]
        if k.per_forvaltning:
            if k.innehall != TEXT:
                check.add("innehall", "Ett kapitel som skrivs per förvaltning har text som innehåll; "
                          "välj Text eller skriv kapitlet för hela nämnden.")
            elif not current:
                check.add("per_forvaltning", "Nämnden har inga förvaltningar att skriva kapitlet för; "
                          "lägg till dem under Organisation → Nämnder och organ.")
        elif written:
            # The förvaltningar's texts would no longer be printed: nothing is dropped silently.
            check.add("per_forvaltning", f"Kapitlet ”{k.rubrik}” har text för {', '.join(written)}. "
                      "Flytta texten till kapitlets egen text och töm förvaltningarnas texter först.")
        known = {(t.id, t.forvaltning_id) for t in current}
        for t in texter:
            if (t.id, t.forvaltning_id) not in known:
                check.add("text", f"Texten för ”{t.rubrik}” hör inte till kapitlet ”{k.rubrik}”; läs in "
                          "rapporten igen.")
        check.raise_if_any()

    def _save_text(self, k: Kapitel, t: ForvaltningsText, current: list[ForvaltningsText]) -> None:
        text = richtext.from_html(t.text) if not richtext.is_empty(t.text) else ""
        stored = next(c for c in current if (c.id, c.forvaltning_id) == (t.id, t.forvaltning_id))
        if t.id is None:
            if text:
                self.db.table("rapport_kapitel_forvaltning").insert({
                    "kapitel_id": k.id, "forvaltning_id": t.forvaltning_id, "rubrik": stored.rubrik,
                    "text": text, "att_granska": 0})
        else:  # the heading follows the förvaltning's name as it is now
            self.db.execute(
                "UPDATE rapport_kapitel_forvaltning SET text = ?, rubrik = ?, att_granska = ? WHERE id = ?",
                [text, stored.rubrik, int(stored.att_granska and text == stored.text), t.id])

    def _renumber(self, chapters: list[Kapitel]) -> None:
        for n, c in enumerate(chapters):
            if c.ordning != n:
                self.db.execute("UPDATE rapport_kapitel SET ordning = ? WHERE id = ?", [n, c.id])
                c.ordning = n

    def _refuse_if_adopted(self, rapport_id: int, *, deleting: bool = False) -> None:
        r = self.get(rapport_id)
        if r.adopted:
            raise ValidationError([FieldError("status", adopted_message(r, deleting=deleting))])

    def _check(self, r: Rapport, check: Checker | None = None) -> None:
        check = check or Checker()
        if not self.db.execute("SELECT 1 FROM namnd WHERE id = ?", [r.namnd_id]).fetchone():
            check.add("namnd_id", "Välj vilken nämnd rapporten gäller.")
        if r.slag not in SLAG:
            check.add("slag", f"Okänd sorts rapport ”{r.slag}”; välj delårsrapport, bokslut eller "
                      "verksamhetsberättelse.")
        r.period_start = _iso_day(check, "period_start", r.period_start, "Periodens första dag")
        r.period_slut = _iso_day(check, "period_slut", r.period_slut, "Periodens sista dag")
        if r.period_start and r.period_slut:
            if r.period_start > r.period_slut:
                check.add("period_slut", "Periodens sista dag ligger före dess första dag.")
            elif r.period_start[:4] != r.period_slut[:4]:
                check.add("period_slut", "En rapport gäller en period inom ett år (budgeten och "
                          "uppföljningen är årsvisa).")
        check.max_length("titel", r.titel, "Rapportens titel", MAX_TITLE)
        if not check.errors:
            twin = self.db.execute(
                "SELECT titel FROM rapport WHERE namnd_id = ? AND slag = ? AND period_start = ? "
                "AND period_slut = ? AND id IS NOT ?",
                [r.namnd_id, r.slag, r.period_start, r.period_slut, r.id]).fetchone()
            if twin:
                check.add("period_start", f"Nämnden har redan en {r.slag} för perioden {r.period_text()} "
                          f"(”{twin[0]}”); öppna den i stället.")
        check.raise_if_any()

    def _checked(self, k: Kapitel) -> Kapitel:
        k.rubrik = " ".join(clean_text(k.rubrik or "").split())
        k.text = richtext.from_html(k.text) if not richtext.is_empty(k.text) else ""
        check = Checker()
        check.required("rubrik", k.rubrik, "Kapitlets rubrik")
        check.max_length("rubrik", k.rubrik, "Kapitlets rubrik", MAX_TITLE)
        if k.niva not in (1, 2):
            check.add("niva", "Rubriknivå måste vara 1 eller 2.")
        if k.innehall not in INNEHALL:
            check.add("innehall", f"Okänt innehåll ”{k.innehall}”.")
        check.raise_if_any()
        return k

    @staticmethod
    def _record(r: Rapport) -> dict:
        return {"namnd_id": r.namnd_id, "slag": r.slag, "period_start": r.period_start,
                "period_slut": r.period_slut, "titel": r.titel, "undertitel": r.undertitel}

    @staticmethod
    def _kapitel_record(k: Kapitel) -> dict:
        return {"rapport_id": k.rapport_id, "rubrik": k.rubrik, "innehall": k.innehall, "niva": k.niva,
                "text": k.text, "ordning": k.ordning, "att_granska": int(k.att_granska),
                "per_forvaltning": int(k.per_forvaltning)}
