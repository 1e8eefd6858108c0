"""A report copied to the next period: the same kind, months and outline a year later,
every chapter's heading, level, content and text brought along. Last period's words
rarely fit the new one, so each chapter that carries text is marked "att granska" until
its text is saved changed or marked as reviewed (the mark is never printed). A period
the nämnd already has a report of that kind for is refused, naming the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from app import clock
from app.rapport.model import TEXT, Kapitel, Rapport, default_title
from app.rapport.service import RapportService
from app.records import inserted_id


def _a_year_later(iso: str) -> str:
    day = date.fromisoformat(iso)
    try:
        return day.replace(year=day.year + 1).isoformat()
    except ValueError:  # 29 February: the last day of February the year after
        return date(day.year + 1, 2, 28).isoformat()


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
    """A written chapter is always looked at again; a generated one when text is printed under it."""
    return k.innehall == TEXT or bool(k.text)


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
    marked = 0
    with db.atomic():
        new_id = inserted_id(db.table("rapport"), {
            "namnd_id": new.namnd_id, "slag": new.slag, "period_start": new.period_start,
            "period_slut": new.period_slut, "titel": new.titel, "undertitel": new.undertitel,
            "skapad": clock.now_iso()})
        for k in chapters:
            review = needs_review(k)
            marked += review
            db.table("rapport_kapitel").insert({
                "rapport_id": new_id, "ordning": k.ordning, "niva": k.niva, "rubrik": k.rubrik,
                "innehall": k.innehall, "text": k.text, "att_granska": int(review)})
    copied = service.get(new_id)
    return CopiedRapport(copied, source.titel, marked)
