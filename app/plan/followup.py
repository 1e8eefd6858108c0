"""Uppföljning per occasion: outcomes per mått, assessments per goal, activity status,
proposals and the share of planned activities done."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from app.changes import AnnouncingService
from app.plan import store
from app.plan.assess import Judgement, Proposal, Share, activity_share, judge, propose_goal, propose_parent
from app.plan.goals import GoalService
from app.plan.model import (
    AKTIVITET_STATUSAR,
    BEDOMNINGAR,
    SLAG,
    Aktivitet,
    AktivitetStatus,
    Bedomning,
    GoalTree,
    KfMal,
    Malomrade,
    Matt,
    Namndmal,
    Plan,
    Tillfalle,
    Utfall,
)
from app.plan.service import PlanService
from app.plan.values import NUMBER, Value, due_month, parse_value
from app.records import id_of, row_to
from app.validation import Checker


@dataclass
class MattRow:
    matt: Matt
    target: Value
    utfall: Utfall
    judgement: Judgement


@dataclass
class GoalRow:
    """One nämndmål at one occasion."""

    goal: Namndmal
    matt: list[MattRow]
    bedomning: Bedomning
    proposal: Proposal
    share: Share
    aktiviteter: list[tuple[Aktivitet, AktivitetStatus]]


@dataclass
class KfRow:
    kf: KfMal
    goals: list[GoalRow]
    bedomning: Bedomning
    proposal: Proposal
    share: Share


@dataclass
class AreaRow:
    omrade: Malomrade
    kf: list[KfRow]
    goals: list[GoalRow]  # nämndmål with no KF-mål


@dataclass
class FollowupReport:
    plan: Plan
    tillfalle: Tillfalle
    areas: list[AreaRow]
    ovriga: list[GoalRow]
    share: Share
    counts: dict[str, int] = field(default_factory=dict)

    def all_goals(self) -> list[GoalRow]:
        rows = []
        for a in self.areas:
            for k in a.kf:
                rows += k.goals
            rows += a.goals
        return rows + self.ovriga


class FollowupService(AnnouncingService, kinds=("plan",)):
    def __init__(self, db: Database):
        self.db = db
        self.goals = GoalService(db)
        self.plans = PlanService(db)

    # -- occasions ---------------------------------------------------------------------
    def tillfallen(self, plan_id: int) -> list[Tillfalle]:
        return [row_to(Tillfalle, r) for r in self.db.query(
            "SELECT * FROM plan_tillfalle WHERE plan_id = ? ORDER BY ar, manad, ordning, id",
            [plan_id])]

    def get_tillfalle(self, tillfalle_id: int) -> Tillfalle:
        return row_to(Tillfalle, self.db.table("plan_tillfalle").get(tillfalle_id))

    def find_tillfalle(self, plan_id: int, name: str) -> Tillfalle:
        """"delår", "Delår 2023" or an id (command line)."""
        wanted = " ".join(name.casefold().split())
        items = self.tillfallen(plan_id)
        for t in items:
            if wanted in (str(t.id), t.namn.casefold(), t.label.casefold()):
                hits = [u for u in items if u.namn.casefold() == t.namn.casefold()]
                if wanted == t.namn.casefold() and len(hits) > 1:
                    names = ", ".join(u.label for u in hits)
                    raise LookupError(f"Flera uppföljningstillfällen heter ”{name}”: {names}. "
                                      "Ange även året.")
                return t
        names = ", ".join(t.label for t in items) or "inga"
        raise LookupError(f"Planen har inget uppföljningstillfälle ”{name}” (det finns: {names}).")

    def save_tillfalle(self, t: Tillfalle) -> Tillfalle:
        store.clean_strings(t)
        check = Checker()
        check.required("namn", t.namn, "Tillfällets namn")
        if not isinstance(t.manad, int) or not 1 <= t.manad <= 12:
            check.add("manad", f"Månaden ska vara 1–12 (nu: ”{t.manad}”).")
        if t.slag not in SLAG:
            check.add("slag", f"Okänt slag ”{t.slag}”; välj delår, bokslut eller övrigt.")
        if not isinstance(t.ar, int) or not 1990 <= t.ar <= 2200:
            check.add("ar", f"Året ska vara ett årtal (nu: ”{t.ar}”).")
        clash = self.db.execute(
            "SELECT 1 FROM plan_tillfalle WHERE plan_id = ? AND namn = ? AND ar = ? AND id IS NOT ?",
            [t.plan_id, t.namn, t.ar, t.id]).fetchone()
        if clash:
            check.add("namn", f"Planen har redan ett tillfälle ”{t.namn} {t.ar}”.")
        check.raise_if_any()
        with self.db.atomic():
            store.save(self.db, "plan_tillfalle", t, {"plan_id": t.plan_id})
        return t

    def delete_tillfalle(self, tillfalle_id: int) -> None:
        with self.db.atomic():
            self.db.table("plan_tillfalle").delete(tillfalle_id)

    # -- recording ---------------------------------------------------------------------
    def utfall(self, tillfalle_id: int) -> dict[int, Utfall]:
        return {r["matt_id"]: row_to(Utfall, r) for r in self.db.query(
            "SELECT * FROM matt_utfall WHERE tillfalle_id = ?", [tillfalle_id])}

    def set_utfall(self, tillfalle_id: int, matt_id: int, utfall: str,
                   kommentar: str | None = None) -> Utfall:
        utfall = " ".join((utfall or "").replace("\u00ad", "").split())
        check = Checker()
        check.max_length("utfall", utfall, "Utfallet", 200)
        check.raise_if_any()
        current = self.utfall_for(tillfalle_id, matt_id)
        kommentar = current.kommentar if kommentar is None else store.clean_text(kommentar)
        with self.db.atomic():
            self.db.table("matt_utfall").upsert({"tillfalle_id": tillfalle_id, "matt_id": matt_id,
                                                 "utfall": utfall, "kommentar": kommentar},
                                                pk=("tillfalle_id", "matt_id"))
        return Utfall(tillfalle_id, matt_id, utfall, kommentar)

    def utfall_for(self, tillfalle_id: int, matt_id: int) -> Utfall:
        rows = list(self.db.query("SELECT * FROM matt_utfall WHERE tillfalle_id = ? AND matt_id = ?",
                                  [tillfalle_id, matt_id]))
        return row_to(Utfall, rows[0]) if rows else Utfall(tillfalle_id, matt_id)

    def bedomningar(self, tillfalle_id: int) -> dict[tuple[str, int], Bedomning]:
        out = {}
        for r in self.db.query("SELECT * FROM mal_bedomning WHERE tillfalle_id = ?", [tillfalle_id]):
            b = row_to(Bedomning, r)
            key = ("kf", b.kf_mal_id) if b.kf_mal_id is not None else ("namnd", b.namndmal_id)
            out[key] = b
        return out

    def save_bedomning(self, b: Bedomning) -> Bedomning:
        b.kommentar = (b.kommentar or "").replace("\u00ad", "").replace("\x00", "").strip()
        b.bedomning = b.bedomning or None
        check = Checker()
        if b.bedomning is not None and b.bedomning not in BEDOMNINGAR:
            check.add("bedomning", f"Okänd bedömning ”{b.bedomning}”; välj en av {', '.join(BEDOMNINGAR)}.")
        if (b.kf_mal_id is None) == (b.namndmal_id is None):
            check.add("namndmal_id", "En bedömning gäller antingen ett KF-mål eller ett nämndmål.")
        check.max_length("kommentar", b.kommentar, "Kommentaren", 20000)
        check.raise_if_any()
        goal_id: int | None
        if b.kf_mal_id is not None:
            column, goal_id = "kf_mal_id", b.kf_mal_id
        else:
            column, goal_id = "namndmal_id", b.namndmal_id
        with self.db.atomic():
            existing = self.db.execute(
                f"SELECT id FROM mal_bedomning WHERE tillfalle_id = ? AND {column} = ?",
                [b.tillfalle_id, goal_id]).fetchone()
            data = {"tillfalle_id": b.tillfalle_id, "kf_mal_id": b.kf_mal_id,
                    "namndmal_id": b.namndmal_id, "bedomning": b.bedomning, "kommentar": b.kommentar}
            if existing:
                b.id = existing[0]
                self.db.table("mal_bedomning").update(b.id, data)
            else:
                b.id = self.db.table("mal_bedomning").insert(data).last_pk
        return b

    def aktivitet_status(self, tillfalle_id: int) -> dict[int, AktivitetStatus]:
        return {r["aktivitet_id"]: row_to(AktivitetStatus, r) for r in self.db.query(
            "SELECT * FROM plan_aktivitet_status WHERE tillfalle_id = ?", [tillfalle_id])}

    def save_aktivitet_status(self, s: AktivitetStatus) -> AktivitetStatus:
        s.kommentar = store.clean_text(s.kommentar)
        check = Checker()
        if s.status not in AKTIVITET_STATUSAR:
            check.add("status", f"Okänd status ”{s.status}”; välj en av {', '.join(AKTIVITET_STATUSAR)}.")
        if s.andel_klar is not None and not (isinstance(s.andel_klar, int) and 0 <= s.andel_klar <= 100):
            check.add("andel_klar", f"Andel klar ska vara 0–100 % (nu: ”{s.andel_klar}”).")
        check.raise_if_any()
        if s.status == "genomförd" and s.andel_klar is None:
            s.andel_klar = 100
        with self.db.atomic():
            self.db.table("plan_aktivitet_status").upsert(
                {"tillfalle_id": s.tillfalle_id, "aktivitet_id": s.aktivitet_id, "status": s.status,
                 "andel_klar": s.andel_klar, "kommentar": s.kommentar}, pk=("tillfalle_id", "aktivitet_id"))
        return s

    # -- reading everything for one occasion -------------------------------------------
    def resolver(self, plan: Plan, matt: Matt):
        """A function year → the outcome recorded for that year: a bokslut of this
        plan, the ingångsvärde if it is that year's, or the plan it was copied from."""
        def resolve(year: int) -> Value | None:
            return self._outcome_of_year(plan, matt, year, depth=0)
        return resolve

    def _outcome_of_year(self, plan: Plan, matt: Matt, year: int, depth: int) -> Value | None:
        row = self.db.execute(
            "SELECT u.utfall FROM matt_utfall u JOIN plan_tillfalle t ON t.id = u.tillfalle_id "
            "WHERE u.matt_id = ? AND t.ar = ? AND t.slag = 'bokslut' AND u.utfall <> '' "
            "ORDER BY t.manad DESC LIMIT 1", [matt.id, year]).fetchone()
        if row:
            return parse_value(row[0])
        ingang = matt.ingang
        if ingang.kind == NUMBER and (ingang.year or plan.ingangsar) == year:
            return ingang
        if matt.kopierad_fran_id is not None and depth < 10:
            source = self.db.execute("SELECT id FROM matt WHERE id = ?", [matt.kopierad_fran_id]).fetchone()
            if source:
                src = self.goals.get_matt(source[0])
                src_plan = self.plans.get_plan(self.goals.plan_of_matt(id_of(src)))
                return self._outcome_of_year(src_plan, src, year, depth + 1)
        return None

    def report(self, tillfalle_id: int) -> FollowupReport:
        t = self.get_tillfalle(tillfalle_id)
        tid = id_of(t)
        plan = self.plans.get_plan(t.plan_id)
        tree: GoalTree = self.goals.tree(t.plan_id)
        utfall = self.utfall(tid)
        bedomningar = self.bedomningar(tid)
        statuses = self.aktivitet_status(tid)
        activities: dict[int, list[Aktivitet]] = {}
        for a in self.plans.aktiviteter(plan_id=t.plan_id):
            activities.setdefault(a.namndmal_id, []).append(a)

        def goal_row(n: Namndmal) -> GoalRow:
            rows = []
            for m in n.matt:
                u = utfall.get(id_of(m)) or Utfall(tid, id_of(m))
                target = m.target(t.ar)
                rows.append(MattRow(m, target, u, judge(u.value, target, m.ingang, self.resolver(plan, m))))
            proposal = propose_goal((r.matt.text, r.judgement) for r in rows)
            acts = [(a, statuses.get(id_of(a)) or AktivitetStatus(tid, id_of(a)))
                    for a in activities.get(id_of(n), [])]
            share = activity_share(((due_month(a.nar), s.status) for a, s in acts), t.manad)
            b = bedomningar.get(("namnd", id_of(n))) or Bedomning(tid, namndmal_id=n.id)
            return GoalRow(n, rows, b, proposal, share, acts)

        areas = []
        for omrade in tree.malomraden:
            kf_rows = []
            for k in omrade.kf_mal:
                goals = [goal_row(n) for n in k.namndmal]
                decided = [(g.goal.text, g.bedomning.bedomning or g.proposal.bedomning) for g in goals]
                b = bedomningar.get(("kf", id_of(k))) or Bedomning(tid, kf_mal_id=k.id)
                kf_rows.append(KfRow(k, goals, b, propose_parent(decided),
                                     _sum_shares(g.share for g in goals)))
            areas.append(AreaRow(omrade, kf_rows, [goal_row(n) for n in omrade.namndmal]))
        ovriga = [goal_row(n) for n in tree.ovriga]
        report = FollowupReport(plan, t, areas, ovriga, Share(0, 0))
        goals = report.all_goals()
        report.share = _sum_shares(g.share for g in goals)
        counts = {b: 0 for b in BEDOMNINGAR}
        for g in goals:
            if g.bedomning.bedomning:
                counts[g.bedomning.bedomning] += 1
        report.counts = counts
        return report

    def accept_proposals(self, tillfalle_id: int, *, overwrite: bool = False) -> int:
        """Store the proposals as assessments where none is set yet (or everywhere with
        ``overwrite``); nämndmål first so KF-mål proposals follow them. Returns how many
        assessments were set."""
        changed = 0
        with self.db.atomic():
            report = self.report(tillfalle_id)
            for g in report.all_goals():
                if g.proposal.bedomning and (overwrite or not g.bedomning.bedomning):
                    g.bedomning.bedomning = g.proposal.bedomning
                    self.save_bedomning(g.bedomning)
                    changed += 1
            report = self.report(tillfalle_id)
            for area in report.areas:
                for k in area.kf:
                    if k.proposal.bedomning and (overwrite or not k.bedomning.bedomning):
                        k.bedomning.bedomning = k.proposal.bedomning
                        self.save_bedomning(k.bedomning)
                        changed += 1
        return changed


def _sum_shares(shares) -> Share:
    done = planned = 0
    for s in shares:
        done += s.done
        planned += s.planned
    return Share(done, planned)
