"""How a plan's nyckeltal table is laid out, chosen per plan (docs/domain/plans.md):

- ``standard``: Mått, Syfte (varför), Datakälla, Jämförelsevärde (år), Uppföljningstillfälle
  (the plan 2023–2025);
- ``basvarde``: Nyckeltal, Basvärde and a Status/tidpunkt/frekvens per plan year (the plan
  2022–2024). The Basvärde is the row's jämförelsevärde; the statuses are typed per row
  and year.

The choice is the plan's column ``verksamhetsplan.nyckeltal_layout`` and the statuses
are rows of ``plan_nyckeltal_status`` (one per nyckeltal row and year, removed with
their row), both written only while the plan is a draft, like the rest of the plan
(app/plan/frozen.py); migration 24's triggers refuse the same in the database itself.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.changes import AnnouncingService
from app.plan.frozen import refuse_if_adopted
from app.validation import Checker, clean_text

LAYOUTER = {
    "standard": "Mått, syfte, datakälla, jämförelsevärde och uppföljningstillfälle",
    "basvarde": "Basvärde och status per år",
}
STANDARD = "standard"


class NyckeltalLayoutService(AnnouncingService, kinds=("plan",)):
    def __init__(self, db: Database):
        self.db = db

    def layout(self, plan_id: int) -> str:
        row = self.db.execute("SELECT nyckeltal_layout FROM verksamhetsplan WHERE id = ?",
                              [plan_id]).fetchone()
        return row[0] if row and row[0] in LAYOUTER else STANDARD

    def set_layout(self, plan_id: int, layout: str) -> None:
        refuse_if_adopted(self.db, plan_id)
        check = Checker()
        if layout not in LAYOUTER:
            check.add("layout", f"Okänd layout för nyckeltalstabellen ”{layout}”; välj "
                                f"{' eller '.join(LAYOUTER)}.")
        check.raise_if_any()
        with self.db.atomic():
            self.db.execute("UPDATE verksamhetsplan SET nyckeltal_layout = ? WHERE id = ?", [layout, plan_id])

    def status(self, plan_id: int) -> dict[int, dict[int, str]]:
        """Per nyckeltal row (id) the status per year."""
        out: dict[int, dict[int, str]] = {}
        for nid, ar, text in self.db.execute(
                "SELECT s.nyckeltal_id, s.ar, s.text FROM plan_nyckeltal_status s "
                "JOIN plan_nyckeltal n ON n.id = s.nyckeltal_id WHERE n.plan_id = ? "
                "ORDER BY s.nyckeltal_id, s.ar", [plan_id]):
            out.setdefault(nid, {})[ar] = text
        return out

    def set_status(self, nyckeltal_id: int, ar: int, text: str) -> None:
        """Type the status of one row for one of the plan's years ('' removes it)."""
        row = self.db.execute("SELECT p.id, p.forsta_ar, p.antal_ar, n.matt FROM plan_nyckeltal n "
                              "JOIN verksamhetsplan p ON p.id = n.plan_id WHERE n.id = ?",
                              [nyckeltal_id]).fetchone()
        check = Checker()
        if row is None:
            check.add("nyckeltal", f"Nyckeltalet {nyckeltal_id} finns inte.")
            check.raise_if_any()
        plan_id, forsta_ar, antal_ar, matt = row
        refuse_if_adopted(self.db, plan_id)
        text = clean_text(text)
        if not forsta_ar <= ar < forsta_ar + antal_ar:
            check.add("ar", f"{ar} ligger utanför planens år {forsta_ar}–{forsta_ar + antal_ar - 1} "
                            f"(nyckeltalet ”{matt}”).")
        check.max_length("status", text, f"Status {ar}", 200)
        check.raise_if_any()
        with self.db.atomic():
            if text:
                self.db.execute("INSERT OR REPLACE INTO plan_nyckeltal_status (nyckeltal_id, ar, text) "
                                "VALUES (?, ?, ?)", [nyckeltal_id, ar, text])
            else:
                self.db.execute("DELETE FROM plan_nyckeltal_status WHERE nyckeltal_id = ? AND ar = ?",
                                [nyckeltal_id, ar])


def copy_layout(db: Database, old_plan_id: int, new_plan_id: int, rows: dict[int, int],
                years: list[int]) -> int:
    """Give the new plan the old one's layout and the statuses of its copied nyckeltal
    rows (``rows``: old row id → new row id), inside the caller's transaction. A year of
    the new plan keeps that year's status; a year after the old plan's last takes the
    last year's, as the målvärden do (app/plan/copyforward.py). Returns the statuses copied."""
    layout = NyckeltalLayoutService(db).layout(old_plan_id)
    db.execute("UPDATE verksamhetsplan SET nyckeltal_layout = ? WHERE id = ?", [layout, new_plan_id])
    old_years = db.execute("SELECT forsta_ar, antal_ar FROM verksamhetsplan WHERE id = ?",
                           [old_plan_id]).fetchone()
    last = old_years[0] + old_years[1] - 1
    copied = 0
    for old_row, statuses in NyckeltalLayoutService(db).status(old_plan_id).items():
        if old_row not in rows:
            continue
        for year in years:
            text = statuses.get(year) or (statuses.get(last) if year > last else None)
            if text:
                db.execute("INSERT INTO plan_nyckeltal_status (nyckeltal_id, ar, text) VALUES (?, ?, ?)",
                           [rows[old_row], year, text])
                copied += 1
    return copied
