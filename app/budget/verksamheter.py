"""Verksamheter per nämnd (docs/domain/economy.md) and the nämnd's economy settings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlite_utils import Database

from app.budget.belopp import ENHETER, Teckenkonvention
from app.changes import AnnouncingService
from app.records import id_of, row_to
from app.validation import Checker, FieldError, ValidationError, clean_text
from db.textsort import swedish_key

MANADER = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december")
_BENAMNING = re.compile(r"^\s*(\d[\w.]*)\s+(\S.*)$")


def next_ordning(db: Database, table: str, where: str, args: list) -> int:
    """One more than the highest ``ordning`` among the rows ``where`` selects."""
    top = db.execute(f"SELECT MAX(ordning) FROM {table} WHERE {where}", args).fetchone()[0]
    return (top or 0) + 1


def manadsnamn(manad: int) -> str:
    return MANADER[manad - 1]


#: What a nämnd's budget document is called when nothing else is said.
BUDGETDOKUMENT = "Budget"


@dataclass
class Ekonomiinstallning:
    namnd_id: int
    teckenkonvention: Teckenkonvention = Teckenkonvention.KOSTNADER_NEGATIVA
    enhet: str = "tkr"
    #: The name of fullmäktige's budget document as the nämnd's tables head the year's
    #: budget column: "Budget 2023", or "M & B 2023" for Mål och budget.
    budgetdokument: str = BUDGETDOKUMENT


def _budgetdokument_nyckel(namnd_id: int) -> str:
    # Kept in the key-value table ``installning``: ekonomi_installning has no column for it.
    return f"ekonomi_budgetdokument:{namnd_id}"


@dataclass
class Verksamhet:
    namnd_id: int = 0
    kod: str = ""
    namn: str = ""
    grupp: str = ""
    ordning: int = 0
    id: int | None = None

    @property
    def benamning(self) -> str:
        """As printed: ”54 Individ och familjeomsorg”."""
        return f"{self.kod} {self.namn}".strip()


def dela_benamning(text: str) -> tuple[str, str]:
    """``"54 Individ och familjeomsorg"`` → ``("54", "Individ och familjeomsorg")``; a
    text without a leading code is all name."""
    text = clean_text(text)
    m = _BENAMNING.match(text)
    if m:
        return m.group(1), m.group(2).strip()
    return "", text


def _kod_key(kod: str) -> tuple:
    """Codes in numeric order (9 before 11), other codes after, in Swedish order."""
    return (0, int(kod), "") if kod.isdigit() else (1, 0, swedish_key(kod))


class VerksamhetService(AnnouncingService, kinds=("budget",)):
    def __init__(self, db: Database):
        self.db = db

    # -- settings -------------------------------------------------------------------
    def installning(self, namnd_id: int) -> Ekonomiinstallning:
        row = self.db.execute(
            "SELECT teckenkonvention, enhet FROM ekonomi_installning WHERE namnd_id = ?",
            [namnd_id]).fetchone()
        namn = self.db.execute("SELECT varde FROM installning WHERE nyckel = ?",
                               [_budgetdokument_nyckel(namnd_id)]).fetchone()
        dokument = namn[0] if namn else BUDGETDOKUMENT
        if row is None:
            return Ekonomiinstallning(namnd_id, budgetdokument=dokument)
        return Ekonomiinstallning(namnd_id, Teckenkonvention(row[0]), row[1], dokument)

    def save_installning(self, inst: Ekonomiinstallning) -> None:
        check = Checker()
        try:
            inst.teckenkonvention = Teckenkonvention(inst.teckenkonvention)
        except ValueError:
            check.add("teckenkonvention", f"Okänd teckenkonvention ”{inst.teckenkonvention}”.")
        if inst.enhet not in ("kr", "tkr"):
            check.add("enhet", f"Enheten måste vara kr eller tkr (nu ”{inst.enhet}”).")
        inst.budgetdokument = " ".join(clean_text(inst.budgetdokument).split()) or BUDGETDOKUMENT
        check.max_length("budgetdokument", inst.budgetdokument, "Budgetdokumentets namn", 30)
        check.raise_if_any()
        with self.db.atomic():
            self.db.table("ekonomi_installning").upsert(
                {"namnd_id": inst.namnd_id, "teckenkonvention": str(inst.teckenkonvention),
                 "enhet": inst.enhet}, pk="namnd_id")
            key = _budgetdokument_nyckel(inst.namnd_id)
            if inst.budgetdokument == BUDGETDOKUMENT:
                self.db.execute("DELETE FROM installning WHERE nyckel = ?", [key])
            else:
                self.db.execute("INSERT OR REPLACE INTO installning (nyckel, varde) VALUES (?, ?)",
                                [key, inst.budgetdokument])

    # -- verksamheter ---------------------------------------------------------------
    def verksamheter(self, namnd_id: int) -> list[Verksamhet]:
        items = [row_to(Verksamhet, r)
                 for r in self.db.table("verksamhet").rows_where("namnd_id = ?", [namnd_id])]
        return sorted(items, key=lambda v: (v.ordning, _kod_key(v.kod), swedish_key(v.namn)))

    def get(self, verksamhet_id: int) -> Verksamhet:
        return row_to(Verksamhet, self.db.table("verksamhet").get(verksamhet_id))

    def grupper(self, namnd_id: int) -> list[str]:
        """Groups already used, for suggestions in forms."""
        rows = self.db.execute("SELECT DISTINCT grupp FROM verksamhet WHERE namnd_id = ? "
                               "AND grupp != ''", [namnd_id])
        return sorted((r[0] for r in rows), key=swedish_key)

    def save(self, v: Verksamhet) -> Verksamhet:
        v.kod, v.namn, v.grupp = clean_text(v.kod), clean_text(v.namn), clean_text(v.grupp)
        check = Checker()
        check.required("namn", v.namn, "Verksamhetens namn")
        check.max_length("namn", v.namn, "Verksamhetens namn", 200)
        check.max_length("kod", v.kod, "Koden", 20)
        check.max_length("grupp", v.grupp, "Gruppen", 100)
        if " " in v.kod:
            check.add("kod", f"Koden får inte innehålla mellanslag (nu ”{v.kod}”).")
        clash = self.db.execute(
            "SELECT 1 FROM verksamhet WHERE namnd_id = ? AND kod = ? AND namn = ? AND id IS NOT ?",
            [v.namnd_id, v.kod, v.namn, v.id]).fetchone()
        if clash:
            check.add("namn", f"Nämnden har redan verksamheten ”{v.benamning}”.")
        check.raise_if_any()
        record = {"namnd_id": v.namnd_id, "kod": v.kod, "namn": v.namn, "grupp": v.grupp,
                  "ordning": v.ordning}
        with self.db.atomic():
            if v.id is None:
                if not v.ordning:
                    v.ordning = record["ordning"] = next_ordning(self.db, "verksamhet", "namnd_id = ?",
                                                                 [v.namnd_id])
                v.id = self.db.table("verksamhet").insert(record).last_pk
            else:
                self.db.table("verksamhet").update(v.id, record)
        return v

    def hitta_eller_skapa(self, namnd_id: int, kod: str, namn: str, grupp: str = "") -> Verksamhet:
        """The verksamhet with this code and name, created when missing (imports, demo)."""
        kod, namn = clean_text(kod), clean_text(namn)
        row = self.db.execute("SELECT id FROM verksamhet WHERE namnd_id = ? AND kod = ? AND namn = ?",
                              [namnd_id, kod, namn]).fetchone()
        if row:
            return self.get(row[0])
        if kod:
            # The same code under a slightly different name in an export is the same row.
            row = self.db.execute("SELECT id FROM verksamhet WHERE namnd_id = ? AND kod = ?",
                                  [namnd_id, kod]).fetchall()
            if len(row) == 1:
                return self.get(row[0][0])
        return self.save(Verksamhet(namnd_id=namnd_id, kod=kod, namn=namn, grupp=grupp))

    def usage(self, verksamhet_id: int) -> dict[str, int]:
        q = self.db.execute
        return {
            "internbudgetar": q("SELECT COUNT(*) FROM internbudget_rad WHERE verksamhet_id = ?",
                                [verksamhet_id]).fetchone()[0],
            "budgetuppföljningar": q("SELECT COUNT(*) FROM budgetuppfoljning_rad "
                                     "WHERE verksamhet_id = ?", [verksamhet_id]).fetchone()[0],
        }

    def delete(self, verksamhet_id: int) -> None:
        used = {k: n for k, n in self.usage(verksamhet_id).items() if n}
        if used:
            what = " och ".join(f"{n} {k}" for k, n in used.items())
            name = self.get(verksamhet_id).benamning
            raise ValidationError([FieldError("id", f"Verksamheten ”{name}” används i {what} och "
                                                    "kan inte tas bort. Ta först bort raden där.")])
        with self.db.atomic():
            self.db.table("verksamhet").delete(verksamhet_id)

    def flytta(self, namnd_id: int, verksamhet_id: int, steg: int) -> None:
        """Move a verksamhet up (−1) or down (+1) in the printed order."""
        items = self.verksamheter(namnd_id)
        ids = [id_of(v) for v in items]
        i = ids.index(verksamhet_id)
        j = max(0, min(len(ids) - 1, i + steg))
        ids.insert(j, ids.pop(i))
        with self.db.atomic():
            for order, vid in enumerate(ids, start=1):
                self.db.table("verksamhet").update(vid, {"ordning": order})


def check_enhet(check: Checker, enhet: str) -> None:
    if enhet not in ENHETER:
        check.add("enhet", f"Okänd enhet ”{enhet}”; använd kr eller tkr.")
