"""Reports and their outlines: create a report from its template, edit the title and
period, add, change, remove and reorder chapters, adopt it. An adopted report is a
public record: every change is refused here with the decision that adopted it, and by
the triggers of migration 17 in the database itself."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from app import clock, richtext
from app.changes import AnnouncingService
from app.plan.adoption import adopting_paragraph
from app.rapport.model import INNEHALL, SLAG, Kapitel, Rapport, default_title, outline
from app.records import id_of, inserted_id, row_to
from app.validation import Checker, FieldError, ValidationError, clean_text

MAX_TITLE = 200

_SELECT = """
SELECT r.*, n.namn AS namnd_namn, n.kortnamn AS namnd_kortnamn
FROM rapport r JOIN namnd n ON n.id = r.namnd_id
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
        kept in the program. From then on the report cannot be changed."""
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
        return self.get(rapport_id)

    # -- the outline -----------------------------------------------------------------------
    def kapitel(self, rapport_id: int) -> list[Kapitel]:
        return [row_to(Kapitel, r) for r in self.db.query(
            "SELECT * FROM rapport_kapitel WHERE rapport_id = ? ORDER BY ordning, id", [rapport_id])]

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

    def save_kapitel(self, k: Kapitel) -> Kapitel:
        """Heading, level, content and text of a chapter. A chapter copied from the last
        period stops being "att granska" once its text is saved changed."""
        stored = self.get_kapitel(id_of(k))
        self._refuse_if_adopted(stored.rapport_id)
        k.rapport_id = stored.rapport_id
        k = self._checked(k)
        if k.text != stored.text:
            k.att_granska = False
        record = self._kapitel_record(k)
        record.pop("ordning")
        with self.db.atomic():
            self.db.table("rapport_kapitel").update(id_of(k), record)
        return self.get_kapitel(id_of(k))

    def mark_reviewed(self, kapitel_id: int) -> Kapitel:
        """The copied chapter was read and its text still holds for the new period."""
        k = self.get_kapitel(kapitel_id)
        self._refuse_if_adopted(k.rapport_id)
        with self.db.atomic():
            self.db.execute("UPDATE rapport_kapitel SET att_granska = 0 WHERE id = ?", [kapitel_id])
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
                "text": k.text, "ordning": k.ordning, "att_granska": int(k.att_granska)}
