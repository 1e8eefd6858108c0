"""Plans, their rich-text sections and their plain tables: nyckeltal,
förändringsbeskrivning, handlingsplan activities, särskilda uppdrag, risks and
footnotes. Every write is one transaction; errors are Swedish and say where."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from sqlite_utils import Database

from app import clock
from app.changes import AnnouncingService
from app.plan import store
from app.plan.adoption import adopting_paragraph
from app.plan.frozen import refuse_change, refuse_if_adopted, refuse_row_if_adopted
from app.plan.model import (
    PLACERINGAR,
    STANDARD_TILLFALLEN,
    STATUSAR,
    UPPDRAG_STATUSAR,
    Aktivitet,
    Avsnitt,
    Forandring,
    Fotnot,
    Nyckeltal,
    Plan,
    Risk,
    SarskiltUppdrag,
    period_text,
)
from app.records import id_of, row_to
from app.validation import Checker, ValidationError, clean_text

if TYPE_CHECKING:
    from app.plan.revision import Revision

MAX_TITLE = 300
MAX_CELL = 4000


def check_iso_date(check: Checker, name: str, value: str | None, label: str) -> None:
    if not value:
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        check.add(name, f"{label} måste vara ett datum som ÅÅÅÅ-MM-DD (nu: ”{value}”).")


def default_title(namnd_namn: str, forsta_ar: int, antal_ar: int) -> str:
    """"Vård- och omsorgsnämndens verksamhetsplan 2023–2025"."""
    genitive = namnd_namn if namnd_namn.endswith("s") else f"{namnd_namn}s"
    return f"{genitive} verksamhetsplan {period_text(forsta_ar, antal_ar)}"


def shift_title(titel: str, old_first: int, antal_ar: int, years: int = 1) -> str:
    """Move the period in a title along: "… 2022–2024" → "… 2023–2025"."""
    old_last = old_first + antal_ar - 1

    def bump(m: re.Match) -> str:
        y = int(m.group(0))
        return str(y + years) if old_first <= y <= old_last else m.group(0)

    return re.sub(r"(?<!\d)(?:19|20)\d{2}(?!\d)", bump, titel)


class PlanService(AnnouncingService, kinds=("plan",)):
    def __init__(self, db: Database):
        self.db = db

    # -- plans -------------------------------------------------------------------------
    _PLAN_SQL = ("SELECT p.*, n.namn AS namnd_namn, n.kortnamn AS namnd_kortnamn "
                 "FROM verksamhetsplan p JOIN namnd n ON n.id = p.namnd_id")

    def plans(self, namnd_id: int | None = None) -> list[Plan]:
        sql, args = self._PLAN_SQL, []
        if namnd_id is not None:
            sql += " WHERE p.namnd_id = ?"
            args.append(namnd_id)
        sql += " ORDER BY n.namn COLLATE sv, p.forsta_ar DESC, p.id DESC"
        return [row_to(Plan, r) for r in self.db.query(sql, args)]

    def get_plan(self, plan_id: int) -> Plan:
        rows = list(self.db.query(self._PLAN_SQL + " WHERE p.id = ?", [plan_id]))
        if not rows:
            raise LookupError(f"Verksamhetsplanen med id {plan_id} finns inte.")
        return row_to(Plan, rows[0])

    def find_plan(self, ident: str) -> Plan:
        """A plan by id or by a unique part of its title (for the command line)."""
        ident = ident.strip()
        if ident.isdigit():
            return self.get_plan(int(ident))
        hits = [p for p in self.plans() if ident.casefold() in p.titel.casefold()]
        if len(hits) == 1:
            return hits[0]
        if not hits:
            raise LookupError(f"Ingen verksamhetsplan har ”{ident}” i titeln.")
        names = "; ".join(f"{p.id}: {p.titel}" for p in hits)
        raise LookupError(f"Flera planer passar ”{ident}”: {names}. Ange id.")

    def new_plan(self, namnd_id: int, forsta_ar: int, antal_ar: int = 3, titel: str = "") -> Plan:
        namnd = self.db.execute("SELECT namn FROM namnd WHERE id = ?", [namnd_id]).fetchone()
        plan = Plan(namnd_id=namnd_id, forsta_ar=forsta_ar, antal_ar=antal_ar,
                    titel=titel or default_title(namnd[0] if namnd else "Nämnden", forsta_ar, antal_ar))
        return self.save_plan(plan)

    def save_plan(self, plan: Plan) -> Plan:
        """Create or update a plan. A new plan gets the standard follow-up occasions
        of its first year; an adopted plan is not changed (app/plan/frozen.py)."""
        if plan.id is not None:
            refuse_if_adopted(self.db, plan.id)
        store.clean_strings(plan, ("titel", "antagen_paragraf"))
        plan.titel = " ".join(plan.titel.split())
        plan.antagen_datum = (plan.antagen_datum or "").strip() or None
        check = Checker()
        check.required("titel", plan.titel, "Planens titel")
        check.max_length("titel", plan.titel, "Planens titel", MAX_TITLE)
        if not self.db.execute("SELECT 1 FROM namnd WHERE id = ?", [plan.namnd_id]).fetchone():
            check.add("namnd_id", "Välj vilken nämnd planen gäller.")
        if not isinstance(plan.forsta_ar, int) or not 1990 <= plan.forsta_ar <= 2200:
            check.add("forsta_ar", f"Första året måste vara ett årtal (nu: ”{plan.forsta_ar}”).")
        if not isinstance(plan.antal_ar, int) or not 1 <= plan.antal_ar <= 6:
            check.add("antal_ar", f"En plan omfattar 1–6 år (nu: {plan.antal_ar}).")
        if plan.status not in STATUSAR:
            check.add("status", f"Okänd status ”{plan.status}”; välj utkast eller antagen.")
        self._take_linked_adoption(check, plan)
        check_iso_date(check, "antagen_datum", plan.antagen_datum, "Datum för antagande")
        if plan.status == "antagen" and not plan.antagen_datum:
            check.add("antagen_datum", "En antagen plan behöver datum för antagandet.")
        if plan.id is not None and not check.errors:
            self._check_years_still_fit(check, plan)
        check.raise_if_any()
        data = store.record(plan, {"ordning"})
        with self.db.atomic():
            if plan.id is None:
                plan.skapad = data["skapad"] = clock.now_iso()
                plan.id = self.db.table("verksamhetsplan").insert(data).last_pk
                for i, (namn, manad, slag) in enumerate(STANDARD_TILLFALLEN):
                    self.db.table("plan_tillfalle").insert({
                        "plan_id": plan.id, "ordning": i, "namn": namn, "ar": plan.forsta_ar,
                        "manad": manad, "slag": slag})
            else:
                # A plan's version and what it revises are set when the revision is made.
                for fixed in ("skapad", "version", "revidering_av_id"):
                    data.pop(fixed, None)
                self.db.table("verksamhetsplan").update(plan.id, data)
        return self.get_plan(id_of(plan))

    def _take_linked_adoption(self, check: Checker, plan: Plan) -> None:
        """A plan linked to the paragraph that adopted it takes date and § from there."""
        if plan.antagen_paragraf_id is None:
            return
        linked = adopting_paragraph(self.db, plan.antagen_paragraf_id)
        if linked is None or linked.namnd_id != plan.namnd_id:
            check.add("antagen_paragraf", "Den valda paragrafen finns inte bland nämndens justerade "
                      "protokoll; välj en annan paragraf eller skriv datum och paragraf själv.")
            return
        plan.status, plan.antagen_datum, plan.antagen_paragraf = "antagen", linked.datum, linked.label

    def _check_years_still_fit(self, check: Checker, plan: Plan) -> None:
        """Changing the period must not orphan typed målvärden."""
        outside = self.db.execute(
            "SELECT COUNT(*), MIN(v.ar), MAX(v.ar) FROM malvarde v JOIN matt m ON m.id = v.matt_id "
            "JOIN namndmal n ON n.id = m.namndmal_id WHERE n.plan_id = ? AND v.varde <> '' "
            "AND (v.ar < ? OR v.ar > ?)",
            [plan.id, plan.forsta_ar, plan.forsta_ar + plan.antal_ar - 1]).fetchone()
        if outside[0]:
            check.add("forsta_ar", f"{outside[0]} målvärden gäller år utanför perioden {plan.period} "
                      f"({outside[1]}–{outside[2]}). Flytta eller töm dem först, eller kopiera "
                      "planen framåt i stället.")

    def delete_plan(self, plan_id: int) -> None:
        refuse_if_adopted(self.db, plan_id, deleting=True)
        with self.db.atomic():
            self.db.table("verksamhetsplan").delete(plan_id)

    def revise(self, plan_id: int) -> Revision:
        """Copy the adopted plan into its next version, an utkast (app/plan/revision.py);
        returns the :class:`~app.plan.revision.Revision`."""
        from app.plan.revision import revise  # revision.py builds on this module

        return revise(self.db, plan_id)

    def check_revisable(self, plan_id: int) -> None:
        """Raise the ValidationError that :meth:`revise` would, before the user is asked."""
        from app.plan.revision import check_revisable

        check_revisable(self.db, self.get_plan(plan_id))

    def version_line(self, plan: Plan) -> str:
        """"Version 2, revidering av version 1 antagen av …" (app/plan/revision.py)."""
        from app.plan.revision import version_line

        return version_line(self.db, plan)

    def plan_usage(self, plan_id: int) -> dict[str, int]:
        """What deleting a plan would take with it, for the confirmation question."""
        q = self.db.execute
        return {
            "nämndmål": q("SELECT COUNT(*) FROM namndmal WHERE plan_id = ?", [plan_id]).fetchone()[0],
            "mått": q("SELECT COUNT(*) FROM matt m JOIN namndmal n ON n.id = m.namndmal_id "
                      "WHERE n.plan_id = ?", [plan_id]).fetchone()[0],
            "utfall": q("SELECT COUNT(*) FROM matt_utfall u JOIN plan_tillfalle t "
                        "ON t.id = u.tillfalle_id WHERE t.plan_id = ? AND u.utfall <> ''",
                        [plan_id]).fetchone()[0],
        }

    # -- sections ----------------------------------------------------------------------
    def avsnitt(self, plan_id: int, placering: str | None = None) -> list[Avsnitt]:
        sql = "SELECT * FROM plan_avsnitt WHERE plan_id = ?"
        args: list[int | str] = [plan_id]
        if placering is not None:
            sql += " AND placering = ?"
            args.append(placering)
        order = {p: i for i, p in enumerate(PLACERINGAR)}
        rows = [row_to(Avsnitt, r) for r in self.db.query(sql + " ORDER BY ordning, id", args)]
        return sorted(rows, key=lambda a: (order[a.placering], a.ordning, a.id))

    def save_avsnitt(self, a: Avsnitt) -> Avsnitt:
        refuse_change(self.db, "plan_avsnitt", a.id, a.plan_id)
        a.rubrik = " ".join(clean_text(a.rubrik).split()) if a.rubrik else ""
        a.text = (a.text or "").replace("\u00ad", "").replace("\x00", "").strip()
        check = Checker()
        if a.placering not in PLACERINGAR:
            check.add("placering", f"Okänd placering ”{a.placering}”.")
        if a.niva not in (1, 2):
            check.add("niva", "Rubriknivå måste vara 1 eller 2.")
        if a.placering in ("inledning", "avslutning") and not a.rubrik and not a.text:
            check.add("rubrik", "Avsnittet behöver en rubrik eller en text.")
        check.max_length("rubrik", a.rubrik, "Rubriken", MAX_TITLE)
        check.raise_if_any()
        if a.id is not None:
            # A copied text stays "att granska" until it is saved changed.
            row = self.db.execute("SELECT text, att_granska FROM plan_avsnitt WHERE id = ?",
                                  [a.id]).fetchone()
            a.att_granska = bool(row and row[1] and row[0] == a.text)
        with self.db.atomic():
            store.save(self.db, "plan_avsnitt", a, {"plan_id": a.plan_id, "placering": a.placering})
        return a

    def mark_avsnitt_reviewed(self, avsnitt_id: int) -> None:
        """The copied avsnitt was read and its text still holds for the new period."""
        refuse_row_if_adopted(self.db, "plan_avsnitt", avsnitt_id)
        with self.db.atomic():
            self.db.execute("UPDATE plan_avsnitt SET att_granska = 0 WHERE id = ?", [avsnitt_id])

    def delete_avsnitt(self, avsnitt_id: int) -> None:
        refuse_row_if_adopted(self.db, "plan_avsnitt", avsnitt_id)
        with self.db.atomic():
            self.db.table("plan_avsnitt").delete(avsnitt_id)

    def move_avsnitt(self, avsnitt_id: int, delta: int) -> bool:
        refuse_row_if_adopted(self.db, "plan_avsnitt", avsnitt_id)
        return store.move(self.db, "plan_avsnitt", avsnitt_id, delta, ("plan_id", "placering"))

    # -- plain tables ------------------------------------------------------------------
    def _rows(self, cls, table: str, where: str, args: list) -> list:
        return [row_to(cls, r) for r in self.db.query(
            f"SELECT * FROM {table} WHERE {where} ORDER BY ordning, id", args)]

    def nyckeltal(self, plan_id: int) -> list[Nyckeltal]:
        return self._rows(Nyckeltal, "plan_nyckeltal", "plan_id = ?", [plan_id])

    def save_nyckeltal(self, n: Nyckeltal) -> Nyckeltal:
        refuse_change(self.db, "plan_nyckeltal", n.id, n.plan_id)
        store.clean_strings(n)
        check = Checker()
        check.required("matt", n.matt, "Nyckeltalets mått")
        _check_lengths(check, n, {"matt": "Mått", "syfte": "Syfte", "datakalla": "Datakälla",
                                  "jamforelsevarde": "Jämförelsevärde",
                                  "uppfoljningstillfalle": "Uppföljningstillfälle",
                                  "ansvarig": "Ansvarig"}, "Nyckeltalet")
        check.raise_if_any()
        with self.db.atomic():
            store.save(self.db, "plan_nyckeltal", n, {"plan_id": n.plan_id})
        return n

    def forandringar(self, plan_id: int) -> list[Forandring]:
        return self._rows(Forandring, "plan_forandring", "plan_id = ?", [plan_id])

    def save_forandring(self, f: Forandring) -> Forandring:
        refuse_change(self.db, "plan_forandring", f.id, f.plan_id)
        store.clean_strings(f)
        check = Checker()
        check.required("vad", f.vad, "Förändringens ”Vad”")
        _check_lengths(check, f, {"vad": "Vad", "syfte": "Syfte/mål", "effekt": "Effekt",
                                  "tidplan": "Tidplan", "forvaltning": "Förvaltning"},
                       "Förändringsbeskrivningen")
        check.raise_if_any()
        with self.db.atomic():
            store.save(self.db, "plan_forandring", f, {"plan_id": f.plan_id})
        return f

    def aktiviteter(self, *, namndmal_id: int | None = None, plan_id: int | None = None) -> list[Aktivitet]:
        if namndmal_id is not None:
            return self._rows(Aktivitet, "plan_aktivitet", "namndmal_id = ?", [namndmal_id])
        if plan_id is None:  # neither given: no plan, no activities
            return []
        # A whole plan's activities in goal-tree order.
        from app.plan.goals import GoalService

        tree = GoalService(self.db).tree(plan_id)
        order = {n.id: i for i, n in enumerate(tree.all_namndmal())}
        rows = [row_to(Aktivitet, r) for r in self.db.query(
            "SELECT a.* FROM plan_aktivitet a JOIN namndmal n ON n.id = a.namndmal_id "
            "WHERE n.plan_id = ?", [plan_id])]
        return sorted(rows, key=lambda a: (order.get(a.namndmal_id, 10**9), a.ordning, a.id))

    def save_aktivitet(self, a: Aktivitet) -> Aktivitet:
        refuse_row_if_adopted(self.db, "plan_aktivitet", a.id)
        refuse_row_if_adopted(self.db, "namndmal", a.namndmal_id)
        store.clean_strings(a)
        check = Checker()
        check.required("vad", a.vad, "Aktivitetens ”Vad”")
        if not self.db.execute("SELECT 1 FROM namndmal WHERE id = ?", [a.namndmal_id]).fetchone():
            check.add("namndmal_id", "Välj vilket nämndmål aktiviteten hör till.")
        _check_lengths(check, a, {"vad": "Vad", "varfor": "Varför", "vem": "Vem", "nar": "När",
                                  "uppfoljning": "Hur följs upp"}, "Aktiviteten")
        check.raise_if_any()
        with self.db.atomic():
            store.save(self.db, "plan_aktivitet", a, {"namndmal_id": a.namndmal_id})
        return a

    def uppdrag(self, plan_id: int) -> list[SarskiltUppdrag]:
        return self._rows(SarskiltUppdrag, "sarskilt_uppdrag", "plan_id = ?", [plan_id])

    def save_uppdrag(self, u: SarskiltUppdrag) -> SarskiltUppdrag:
        refuse_change(self.db, "sarskilt_uppdrag", u.id, u.plan_id)
        store.clean_strings(u)
        u.slutdatum = u.slutdatum or None
        check = Checker()
        check.required("rubrik", u.rubrik, "Uppdragets rubrik")
        check_iso_date(check, "slutdatum", u.slutdatum, "Slutdatum")
        if u.status not in UPPDRAG_STATUSAR:
            check.add("status", f"Okänd status ”{u.status}”; välj en av {', '.join(UPPDRAG_STATUSAR)}.")
        _check_lengths(check, u, {"rubrik": "Rubrik", "text": "Text", "kommentar": "Kommentar"},
                       "Uppdraget")
        check.raise_if_any()
        with self.db.atomic():
            store.save(self.db, "sarskilt_uppdrag", u, {"plan_id": u.plan_id})
        return u

    def risker(self, plan_id: int) -> list[Risk]:
        return self._rows(Risk, "plan_risk", "plan_id = ?", [plan_id])

    def save_risk(self, r: Risk) -> Risk:
        refuse_change(self.db, "plan_risk", r.id, r.plan_id)
        store.clean_strings(r)
        check = Checker()
        check.required("risk", r.risk, "Risken")
        for name, label in (("sannolikhet", "Sannolikhet (S)"), ("konsekvens", "Konsekvens (K)")):
            value = getattr(r, name)
            if not isinstance(value, int) or not 1 <= value <= 5:
                check.add(name, f"{label} ska vara en siffra 1–5 (nu: ”{value}”).")
        _check_lengths(check, r, {"risk": "Risk", "atgard": "Åtgärd", "ansvarig": "Ansvarig"}, "Risken")
        check.raise_if_any()
        with self.db.atomic():
            store.save(self.db, "plan_risk", r, {"plan_id": r.plan_id})
        return r

    def fotnoter(self, plan_id: int) -> list[Fotnot]:
        return self._rows(Fotnot, "plan_fotnot", "plan_id = ?", [plan_id])

    def save_fotnot(self, f: Fotnot) -> Fotnot:
        refuse_change(self.db, "plan_fotnot", f.id, f.plan_id)
        store.clean_strings(f)
        f.markering = f.markering.replace(" ", "")
        check = Checker()
        if not re.fullmatch(r"\*{1,4}", f.markering):
            check.add("markering", "Fotnotens markering ska vara *, **, *** eller **** "
                      f"(nu: ”{f.markering}”).")
        check.required("text", f.text, "Fotnotens text")
        if (f.tabell == "mal") != (f.malomrade_id is not None):
            check.add("malomrade_id", "En fotnot i en måltabell behöver sitt målområde.")
        if not check.errors:
            clash = self.db.execute(
                "SELECT 1 FROM plan_fotnot WHERE plan_id = ? AND tabell = ? AND malomrade_id IS ? "
                "AND markering = ? AND id IS NOT ?",
                [f.plan_id, f.tabell, f.malomrade_id, f.markering, f.id]).fetchone()
            if clash:
                check.add("markering", f"Tabellen har redan en fotnot {f.markering}.")
        check.raise_if_any()
        with self.db.atomic():
            store.save(self.db, "plan_fotnot", f,
                       {"plan_id": f.plan_id, "tabell": f.tabell, "malomrade_id": f.malomrade_id})
        return f

    # -- shared by all the tables ------------------------------------------------------
    TABLES: ClassVar[dict[str, tuple[str, tuple[str, ...]]]] = {
              "nyckeltal": ("plan_nyckeltal", ("plan_id",)),
              "forandring": ("plan_forandring", ("plan_id",)),
              "aktivitet": ("plan_aktivitet", ("namndmal_id",)),
              "uppdrag": ("sarskilt_uppdrag", ("plan_id",)),
              "risk": ("plan_risk", ("plan_id",)),
              "fotnot": ("plan_fotnot", ("plan_id", "tabell", "malomrade_id"))}

    def delete_row(self, kind: str, row_id: int) -> None:
        table, _scope = self.TABLES[kind]
        refuse_row_if_adopted(self.db, table, row_id)
        with self.db.atomic():
            self.db.table(table).delete(row_id)

    def move_row(self, kind: str, row_id: int, delta: int) -> bool:
        table, scope = self.TABLES[kind]
        refuse_row_if_adopted(self.db, table, row_id)
        return store.move(self.db, table, row_id, delta, scope)


def _check_lengths(check: Checker, obj, labels: dict[str, str], what: str) -> None:
    for name, label in labels.items():
        value = getattr(obj, name) or ""
        if len(value) > MAX_CELL:
            check.add(name, f"{what}: ”{label}” får vara högst {MAX_CELL} tecken (nu {len(value)}).")


__all__ = ["PlanService", "ValidationError", "default_title", "shift_title"]
