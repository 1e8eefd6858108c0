"""A report copied to the next period: the same kind, months and outline a year later,
every chapter's heading, level, content and text brought along. Last period's words
rarely fit the new one, so each chapter that carries text is marked "att granska" until
its text is saved changed or marked as reviewed (the mark is never printed); a chapter
written per förvaltning brings each förvaltning's text along, marked the same way. A period
the nämnd already has a report of that kind for is refused, naming the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from app import clock
from app.rapport.model import TEXT, Kapitel, Rapport, default_title, has_text
from app.rapport.service import RapportService
from app.records import inserted_id


def in_year(iso: str, year: int) -> str:
    """The same month and day in ``year``."""
    day = date.fromisoformat(iso)
    try:
        return day.replace(year=year).isoformat()
    except ValueError:  # 29 February: the last day of February in a common year
        return date(year, 2, 28).isoformat()


def _a_year_later(iso: str) -> str:
    return in_year(iso, int(iso[:4]) + 1)


def period_from(r: Rapport, period_start: str) -> tuple[str, str]:
    """The period starting ``period_start`` that ends on the report's last month and day
    in that year (January–August 2024 from 2025-01-01: 2025-01-01–2025-08-31). A day
    that cannot be read is handed on for the service to name."""
    try:
        return period_start, in_year(r.period_slut, date.fromisoformat(period_start).year)
    except ValueError:
        return period_start, period_start


def next_period(r: Rapport) -> tuple[str, str]:
    """The same months a year later (a delårsrapport January–August 2024 gives
    January–August 2025; the bokslut 2023 gives 2024)."""
    return _a_year_later(r.period_start), _a_year_later(r.period_slut)


def next_title(r: Rapport, new_year: int) -> str:
    """The title with its year moved ("Delårsrapport 2024" → "Delårsrapport 2025")."""
    if r.titel == default_title(r.slag, r.ar) or str(r.ar) not in r.titel:
        return default_title(r.slag, new_year)
    return r.titel.replace(str(r.ar), str(new_year))


def needs_review(k: Kapitel) -> bool:
    """A written chapter is always looked at again; a generated one, or one written per
    förvaltning, when text of its own is printed (the förvaltningar's texts are marked
    one by one)."""
    return (k.innehall == TEXT and not k.per_forvaltning) or bool(k.text)


@dataclass(frozen=True)
class CopiedRapport:
    rapport: Rapport
    from_titel: str
    att_granska: int  # chapters marked for review

    def message(self) -> str:
        r = self.rapport
        return (f"”{r.titel}” för perioden {r.period_text()} skapades som utkast från ”{self.from_titel}”. "
                f"{self.att_granska} kapitel är markerade ”att granska” i dispositionen tills texten har "
                "ändrats och sparats eller markerats som granskad.")


def copy_forward(db: Database, rapport_id: int, period_start: str | None = None,
                 period_slut: str | None = None) -> CopiedRapport:
    """A new draft from report ``rapport_id`` for the next period (or the one given),
    in one transaction. The source is only read: an adopted report may be copied."""
    service = RapportService(db)
    source = service.get(rapport_id)
    start, slut = next_period(source)
    new = Rapport(namnd_id=source.namnd_id, slag=source.slag, period_start=period_start or start,
                  period_slut=period_slut or slut, undertitel=source.undertitel)
    # The period's form, and no second report of the kind for it (the source's own period too).
    service.check_period(new)
    new.titel = next_title(source, new.ar)
    chapters = service.kapitel(rapport_id)
    texts = {k.id: db.execute("SELECT forvaltning_id, rubrik, text FROM rapport_kapitel_forvaltning "
                              "WHERE kapitel_id = ? ORDER BY id", [k.id]).fetchall()
             for k in chapters if k.per_forvaltning}
    marked = 0
    with db.atomic():
        new_id = inserted_id(db.table("rapport"), {
            "namnd_id": new.namnd_id, "slag": new.slag, "period_start": new.period_start,
            "period_slut": new.period_slut, "titel": new.titel, "undertitel": new.undertitel,
            "skapad": clock.now_iso()})
        for k in chapters:
            review = needs_review(k)
            kapitel_id = inserted_id(db.table("rapport_kapitel"), {
                "rapport_id": new_id, "ordning": k.ordning, "niva": k.niva, "rubrik": k.rubrik,
                "innehall": k.innehall, "text": k.text, "att_granska": int(review),
                "per_forvaltning": int(k.per_forvaltning)})
            for forvaltning_id, rubrik, text in texts.get(k.id, []):
                written = has_text(text)
                review = review or written
                db.table("rapport_kapitel_forvaltning").insert({
                    "kapitel_id": kapitel_id, "forvaltning_id": forvaltning_id, "rubrik": rubrik,
                    "text": text, "att_granska": int(written)})
            marked += review
    copied = service.get(new_id)
    return CopiedRapport(copied, source.titel, marked)
