"""The goal tree: målområde → KF-mål → nämndmål → mått with ingångsvärde and a
målvärde per plan year. Nämndmål may sit directly under a målområde (no
KF-mål) or outside every målområde ("Övriga nämndmål")."""

from __future__ import annotations

import re
from typing import ClassVar

from sqlite_utils import Database

from app.changes import AnnouncingService
from app.plan import store
from app.plan.frozen import refuse_change, refuse_row_if_adopted
from app.plan.model import (
    AGENDA2030,
    UPPFOLJNING_KF,
    GoalTree,
    KfMal,
    Malomrade,
    Matt,
    Namndmal,
    agenda_numbers,
    agenda_text,
)
from app.records import row_to
from app.validation import Checker

MAX_GOAL_TEXT = 2000
MAX_VALUE = 200
_KOLADA = re.compile(r"^[A-ZÅÄÖ]\d{5}$")


def split_kf_text(text: str) -> tuple[str, str, str]:
    """Split a KF-mål as printed into (text, ansvariga, uppföljning):
    ``"(VON) Andelen … bibehållas. (D/B)"`` and ``"Bruk av … år (KS, KFN, UN, VON). (B)"``."""
    s = " ".join((text or "").split())
    uppf = ""
    m = re.search(r"\s*Redovisas i delårsrapport \(D\) och bokslut \(B\)\.?$", s)
    if m:
        uppf, s = "D/B", s[:m.start()].rstrip()
        s = s if s.endswith(".") else s + "."
    else:
        m = re.search(r"\s*\((D/B|B|D)\)\.?$", s)
        if m:
            uppf, s = m.group(1), s[:m.start()].rstrip()
    ansvariga = ""
    m = re.match(r"^-?\s*\(([A-ZÅÄÖ][\w/]*(?:,\s*[A-ZÅÄÖ][\w/]*)*)\)\s*", s)
    if m:
        ansvariga, s = m.group(1), s[m.end():]
    else:
        m = re.search(r"\s*\(([A-ZÅÄÖ][\w/]*(?:,\s*[A-ZÅÄÖ][\w/]*)*)\)(\.?)$", s)
        if m:
            ansvariga, s = m.group(1), s[:m.start()] + m.group(2)
    return s.strip(), ansvariga, uppf


def split_ansvarig(text: str) -> tuple[str, str]:
    """``"Öka frisknärvaron … (SOF/ÄF)"`` → (text, ``"SOF/ÄF"``)."""
    s = " ".join((text or "").split())
    m = re.search(r"\s*\(([A-ZÅÄÖ]{2,6}(?:/[A-ZÅÄÖ]{2,6})*)\)$", s)
    if m:
        return s[:m.start()].strip(), m.group(1)
    return s, ""


class GoalService(AnnouncingService, kinds=("plan",)):
    def __init__(self, db: Database):
        self.db = db

    # -- reading -----------------------------------------------------------------------
    def tree(self, plan_id: int) -> GoalTree:
        q = self.db.query
        omraden = [row_to(Malomrade, r) for r in q(
            "SELECT * FROM malomrade WHERE plan_id = ? ORDER BY ordning, id", [plan_id])]
        by_omrade = {m.id: m for m in omraden}
        kf = [row_to(KfMal, r) for r in q(
            "SELECT k.* FROM kf_mal k JOIN malomrade m ON m.id = k.malomrade_id "
            "WHERE m.plan_id = ? ORDER BY k.ordning, k.id", [plan_id])]
        by_kf = {k.id: k for k in kf}
        for k in kf:
            by_omrade[k.malomrade_id].kf_mal.append(k)
        goals = [row_to(Namndmal, r) for r in q(
            "SELECT * FROM namndmal WHERE plan_id = ? ORDER BY ordning, id", [plan_id])]
        by_goal = {n.id: n for n in goals}
        ovriga = []
        for n in goals:
            if n.kf_mal_id is not None:
                by_kf[n.kf_mal_id].namndmal.append(n)
            elif n.malomrade_id is not None:
                by_omrade[n.malomrade_id].namndmal.append(n)
            else:
                ovriga.append(n)
        matt = [row_to(Matt, r) for r in q(
            "SELECT m.* FROM matt m JOIN namndmal n ON n.id = m.namndmal_id "
            "WHERE n.plan_id = ? ORDER BY m.ordning, m.id", [plan_id])]
        by_matt = {m.id: m for m in matt}
        for m in matt:
            by_goal[m.namndmal_id].matt.append(m)
        for r in q("SELECT v.* FROM malvarde v JOIN matt m ON m.id = v.matt_id "
                   "JOIN namndmal n ON n.id = m.namndmal_id WHERE n.plan_id = ?", [plan_id]):
            by_matt[r["matt_id"]].malvarden[r["ar"]] = r["varde"]
        return GoalTree(plan_id, omraden, ovriga)

    def get_matt(self, matt_id: int) -> Matt:
        m = row_to(Matt, self.db.table("matt").get(matt_id))
        for r in self.db.query("SELECT ar, varde FROM malvarde WHERE matt_id = ?", [matt_id]):
            m.malvarden[r["ar"]] = r["varde"]
        return m

    def get_namndmal(self, namndmal_id: int) -> Namndmal:
        return row_to(Namndmal, self.db.table("namndmal").get(namndmal_id))

    def get_kf_mal(self, kf_mal_id: int) -> KfMal:
        return row_to(KfMal, self.db.table("kf_mal").get(kf_mal_id))

    def get_malomrade(self, malomrade_id: int) -> Malomrade:
        return row_to(Malomrade, self.db.table("malomrade").get(malomrade_id))

    def plan_of_matt(self, matt_id: int) -> int:
        return self.db.execute("SELECT n.plan_id FROM matt m JOIN namndmal n ON n.id = m.namndmal_id "
                               "WHERE m.id = ?", [matt_id]).fetchone()[0]

    def _plan_years(self, plan_id: int) -> list[int]:
        row = self.db.execute("SELECT forsta_ar, antal_ar FROM verksamhetsplan WHERE id = ?",
                              [plan_id]).fetchone()
        return list(range(row[0], row[0] + row[1])) if row else []

    # -- writing -----------------------------------------------------------------------
    def save_malomrade(self, m: Malomrade) -> Malomrade:
        refuse_change(self.db, "malomrade", m.id, m.plan_id)
        store.clean_strings(m)
        m.namn = " ".join(m.namn.split())
        check = Checker()
        check.required("namn", m.namn, "Målområdets namn")
        check.max_length("namn", m.namn, "Målområdets namn", 300)
        check.max_length("betyder", m.betyder, "Texten ”I kommunen betyder det …”", 20000)
        check.raise_if_any()
        with self.db.atomic():
            store.save(self.db, "malomrade", m, {"plan_id": m.plan_id})
        return m

    def save_kf_mal(self, k: KfMal) -> KfMal:
        refuse_row_if_adopted(self.db, "kf_mal", k.id)
        refuse_row_if_adopted(self.db, "malomrade", k.malomrade_id)
        store.clean_strings(k)
        k.text = " ".join(k.text.split())
        k.agenda2030 = _normal_agenda(k.agenda2030)
        check = Checker()
        check.required("text", k.text, "KF-målets text")
        check.max_length("text", k.text, "KF-målets text", MAX_GOAL_TEXT)
        if k.uppfoljning not in UPPFOLJNING_KF:
            check.add("uppfoljning", f"Uppföljning ska vara D/B, B eller D (nu: ”{k.uppfoljning}”).")
        _check_agenda(check, k.agenda2030)
        check.raise_if_any()
        with self.db.atomic():
            store.save(self.db, "kf_mal", k, {"malomrade_id": k.malomrade_id})
        return k

    def save_namndmal(self, n: Namndmal) -> Namndmal:
        refuse_change(self.db, "namndmal", n.id, n.plan_id)
        store.clean_strings(n)
        n.text = " ".join(n.text.split())
        n.agenda2030 = _normal_agenda(n.agenda2030)
        check = Checker()
        check.required("text", n.text, "Nämndmålets text")
        check.max_length("text", n.text, "Nämndmålets text", MAX_GOAL_TEXT)
        check.max_length("ansvarig", n.ansvarig, "Ansvarig förvaltning", 100)
        _check_agenda(check, n.agenda2030)
        if n.kf_mal_id is not None:
            row = self.db.execute(
                "SELECT k.malomrade_id, m.plan_id FROM kf_mal k JOIN malomrade m ON m.id = k.malomrade_id "
                "WHERE k.id = ?", [n.kf_mal_id]).fetchone()
            if row is None or row[1] != n.plan_id:
                check.add("kf_mal_id", "Det valda KF-målet hör inte till den här planen.")
            else:
                n.malomrade_id = row[0]
        elif n.malomrade_id is not None:
            row = self.db.execute("SELECT plan_id FROM malomrade WHERE id = ?", [n.malomrade_id]).fetchone()
            if row is None or row[0] != n.plan_id:
                check.add("malomrade_id", "Det valda målområdet hör inte till den här planen.")
        check.raise_if_any()
        scope = {"plan_id": n.plan_id, "malomrade_id": n.malomrade_id, "kf_mal_id": n.kf_mal_id}
        with self.db.atomic():
            if n.id is not None:
                old = self.db.execute("SELECT malomrade_id, kf_mal_id FROM namndmal WHERE id = ?",
                                      [n.id]).fetchone()
                if old is not None and tuple(old) != (n.malomrade_id, n.kf_mal_id):
                    # Moved to another parent: append it there.
                    self.db.table("namndmal").update(n.id, {
                        "malomrade_id": n.malomrade_id, "kf_mal_id": n.kf_mal_id,
                        "ordning": store.next_ordning(self.db, "namndmal", scope)})
            store.save(self.db, "namndmal", n, scope)
        return n

    def save_matt(self, m: Matt) -> Matt:
        """Save a mått with its målvärden (a missing or empty year removes that value)."""
        refuse_row_if_adopted(self.db, "matt", m.id)
        refuse_row_if_adopted(self.db, "namndmal", m.namndmal_id)
        store.clean_strings(m)
        m.text = " ".join(m.text.split())
        m.kolada_id = m.kolada_id.replace(" ", "").upper()
        m.ingangsvarde = " ".join(m.ingangsvarde.split())
        m.malvarden = {int(y): " ".join(str(v or "").replace("\u00ad", "").split())
                       for y, v in m.malvarden.items()}
        check = Checker()
        check.required("text", m.text, "Måttets text")
        check.max_length("text", m.text, "Måttets text", MAX_GOAL_TEXT)
        check.max_length("ingangsvarde", m.ingangsvarde, "Ingångsvärdet", MAX_VALUE)
        if m.kolada_id and not _KOLADA.match(m.kolada_id):
            check.add("kolada_id", f"Kolada-id ska vara en bokstav och fem siffror, t.ex. U21477 "
                      f"(nu: ”{m.kolada_id}”).")
        row = self.db.execute("SELECT plan_id FROM namndmal WHERE id = ?", [m.namndmal_id]).fetchone()
        if row is None:
            check.add("namndmal_id", "Välj vilket nämndmål måttet hör till.")
        else:
            years = self._plan_years(row[0])
            for year, value in sorted(m.malvarden.items()):
                if value and year not in years:
                    check.add(f"malvarde_{year}", f"Målvärdet för {year} ligger utanför planens år "
                              f"({years[0]}–{years[-1]}).")
                if len(value) > MAX_VALUE:
                    check.add(f"malvarde_{year}",
                              f"Målvärdet för {year} får vara högst {MAX_VALUE} tecken (nu {len(value)}).")
        check.raise_if_any()
        with self.db.atomic():
            store.save(self.db, "matt", m, {"namndmal_id": m.namndmal_id})
            self.db.execute("DELETE FROM malvarde WHERE matt_id = ?", [m.id])
            for year, value in sorted(m.malvarden.items()):
                if value:
                    self.db.table("malvarde").insert({"matt_id": m.id, "ar": year, "varde": value})
        m.malvarden = {y: v for y, v in m.malvarden.items() if v}
        return m

    def set_value(self, matt_id: int, year: int | None, text: str) -> Matt:
        """Change one value of a mått: the ingångsvärde (``year`` None) or one målvärde."""
        m = self.get_matt(matt_id)
        if year is None:
            m.ingangsvarde = text
        else:
            m.malvarden[year] = text
        return self.save_matt(m)

    def set_agenda2030(self, kind: str, goal_id: int, text: str) -> str:
        """Tag a KF-mål (``kind`` "kf_mal") or nämndmål ("namndmal") with Agenda 2030 goals at
        the follow-up: printed in the follow-up only, so possible on an adopted plan
        too. Returns the tags as stored ("03,11")."""
        table = {"kf_mal": "kf_mal", "namndmal": "namndmal"}[kind]
        text = _normal_agenda(text or "")
        check = Checker()
        _check_agenda(check, text)
        check.raise_if_any()
        with self.db.atomic():
            cursor = self.db.execute(f"UPDATE {table} SET agenda2030 = ? WHERE id = ?", [text, goal_id])
            if cursor.rowcount != 1:
                raise LookupError(f"Målet {goal_id} finns inte längre (borttaget av någon annan?).")
        return text

    # -- deleting and moving -----------------------------------------------------------
    _KINDS: ClassVar[dict[str, tuple[str, tuple[str, ...]]]] = {
        "malomrade": ("malomrade", ("plan_id",)),
        "kf_mal": ("kf_mal", ("malomrade_id",)),
        "namndmal": ("namndmal", ("plan_id", "malomrade_id", "kf_mal_id")),
        "matt": ("matt", ("namndmal_id",)),
    }

    def delete(self, kind: str, row_id: int) -> None:
        table, _scope = self._KINDS[kind]
        refuse_row_if_adopted(self.db, table, row_id)
        with self.db.atomic():
            self.db.table(table).delete(row_id)

    def move(self, kind: str, row_id: int, delta: int) -> bool:
        table, scope = self._KINDS[kind]
        refuse_row_if_adopted(self.db, table, row_id)
        return store.move(self.db, table, row_id, delta, scope)

    def usage(self, kind: str, row_id: int) -> dict[str, int]:
        """What deleting this goal takes with it (for the confirmation question)."""
        goal_filter = {
            "malomrade": "n.malomrade_id = ?", "kf_mal": "n.kf_mal_id = ?",
            "namndmal": "n.id = ?", "matt": None,
        }[kind]
        q = self.db.execute
        if goal_filter is None:
            return {"utfall": q("SELECT COUNT(*) FROM matt_utfall WHERE matt_id = ? AND utfall <> ''",
                                [row_id]).fetchone()[0]}
        counts = {
            "nämndmål": q(f"SELECT COUNT(*) FROM namndmal n WHERE {goal_filter}", [row_id]).fetchone()[0],
            "mått": q(f"SELECT COUNT(*) FROM matt m JOIN namndmal n ON n.id = m.namndmal_id "
                      f"WHERE {goal_filter}", [row_id]).fetchone()[0],
            "aktiviteter": q(f"SELECT COUNT(*) FROM plan_aktivitet a JOIN namndmal n ON n.id = a.namndmal_id "
                             f"WHERE {goal_filter}", [row_id]).fetchone()[0],
        }
        if kind == "malomrade":
            counts["KF-mål"] = q("SELECT COUNT(*) FROM kf_mal WHERE malomrade_id = ?", [row_id]).fetchone()[0]
        return counts


def _normal_agenda(text: str) -> str:
    numbers = agenda_numbers(text)
    return agenda_text(numbers) if all(n in AGENDA2030 for n in numbers) else text


def _check_agenda(check: Checker, text: str) -> None:
    bad = [n for n in agenda_numbers(text) if n not in AGENDA2030]
    junk = [p for p in (text or "").split(",") if p.strip() and not p.strip().isdigit()]
    if bad or junk:
        check.add("agenda2030", "Agenda 2030-målen är numrerade 1–17 (nu: "
                  f"”{', '.join([str(b) for b in bad] + junk)}”).")
