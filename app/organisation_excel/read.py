"""Reading the organisation workbook and planning, then applying, its import (see the
package's docstring)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from app.excel_cli import EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE
from app.excel_import import ImportFileError, ImportTarget, Problem, read_sheet
from app.excel_import.parsing import build_preview
from app.organisation import (
    Forvaltning,
    Kommun,
    Namnd,
    Organ,
    OrganisationService,
    Person,
    Uppdrag,
)
from app.organisation_excel.sheets import (
    FORVALTNINGAR,
    KOMMUN,
    NAMNDER,
    ORGAN,
    PERSONER,
    SHEETS,
    UPPDRAG,
    Sheet,
    _fold,
)
from app.validation import ValidationError


# -- import ---------------------------------------------------------------------------------
class _SheetTarget(ImportTarget):
    """A sheet read with the shared parsing (headings, cells, located problems); the
    workbook is stored whole by :func:`import_organisation`."""

    def __init__(self, sheet: Sheet):
        self.kind = f"organisation.{sheet.title}"
        self.title = sheet.title
        self.fields = sheet.fields


@dataclass
class Row:
    sheet: str
    excel_row: int
    values: dict[str, Any]
    columns: dict[str, int]

    def problem(self, message: str, key: str | None = None) -> Problem:
        col = self.columns.get(key) if key else None
        label = next((f.label for s in SHEETS if s.title == self.sheet for f in s.fields if f.key == key), "")
        return Problem(self.sheet, message, self.excel_row, col, label if key else "")

    def text(self, key: str) -> str:
        value = self.values.get(key)
        if isinstance(value, date):
            return value.isoformat()
        return "" if value is None else str(value)


@dataclass
class Plan:
    """What an import would do: steps (each a function writing through the service and
    the row it comes from), counted by what they are."""

    steps: list[tuple[Row, Callable[[], None]]] = field(default_factory=list)
    new: int = 0
    unchanged: int = 0
    changes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def add(self, row: Row, step: Callable[[], None], change: str | None = None) -> None:
        self.steps.append((row, step))
        if change is None:
            self.new += 1
        else:
            self.changes.append(change)


def read_workbook(path: Path) -> tuple[dict[str, list[Row]], list[Problem]]:
    from app.excel_import import sheet_names

    names = sheet_names(path)
    rows: dict[str, list[Row]] = {}
    problems: list[Problem] = []
    for sheet in SHEETS:
        if sheet.title not in names:
            problems.append(Problem(sheet.title, f"arbetsboken saknar bladet ”{sheet.title}” (bladen heter "
                                    f"{', '.join(s.title for s in SHEETS)})", file=path.name))
            continue
        target = _SheetTarget(sheet)
        preview = build_preview(read_sheet(path, sheet.title), target, header_index=0)
        problems += [p for p in preview.problems if not (p.row is None and "inga rader" in p.message)]
        problems += [Problem(sheet.title, f"kolumnen ”{h}” känns inte igen och skulle inte importeras",
                             file=path.name) for h in preview.unmapped]
        columns = {key: col for col, key in preview.mapping.items()}
        rows[sheet.title] = [Row(sheet.title, r.excel_row, r.values, columns) for r in preview.rows]
    return rows, problems


def plan_import(db: Database, rows: dict[str, list[Row]]) -> Plan:
    """Match every row of the workbook with what the database holds and plan the writes;
    nothing is written."""
    svc = OrganisationService(db)
    plan = Plan()
    _plan_kommun(svc, rows[KOMMUN.title], plan)
    namnd_ids = _plan_namnder(svc, rows[NAMNDER.title], plan)
    forvaltning_ids = _plan_forvaltningar(svc, rows[FORVALTNINGAR.title], namnd_ids, plan)
    organ_ids = _plan_organ(svc, rows[ORGAN.title], namnd_ids, plan)
    person_ids = _plan_personer(svc, rows[PERSONER.title], forvaltning_ids, plan)
    names = {r.values["nr"]: f"{r.text('fornamn')} {r.text('efternamn')}" for r in rows[PERSONER.title]}
    _plan_uppdrag(svc, rows[UPPDRAG.title], person_ids, organ_ids, names, plan)
    return plan


#: A reference to something the import is about to create: resolved when the step runs.
Ref = Callable[[], int]


def _known(ref: int | None) -> Ref:
    return lambda: ref  # type: ignore[return-value]


class _Later:
    """The id of a record a step creates, for the steps after it."""

    def __init__(self) -> None:
        self.id: int | None = None

    def __call__(self) -> int:
        assert self.id is not None, "a step used a record before it was created"
        return self.id


def _differs(stored: Any, wanted: dict[str, Any]) -> list[str]:
    return [k for k, v in wanted.items() if (getattr(stored, k) or None) != (v or None)]


def _plan_kommun(svc: OrganisationService, rows: list[Row], plan: Plan) -> None:
    if len(rows) > 1:
        plan.problems.append(rows[1].problem("bladet har en rad per kommun; här finns flera"))
        return
    if not rows:
        return
    row = rows[0]
    wanted = {f.key: row.text(f.key) for f in KOMMUN.fields}
    stored = svc.kommun()
    if stored is not None and not _differs(stored, wanted):
        plan.unchanged += 1
        return

    def save() -> None:
        k = svc.kommun() or Kommun()
        for key, value in wanted.items():
            setattr(k, key, value)
        svc.save_kommun(k)
    plan.add(row, save, None if stored is None else f"kommunen ({', '.join(_differs(stored, wanted))})")


def _ended(svc: OrganisationService, kind: str, ref: Ref, avslutad: str | None) -> None:
    end = {"namnd": (svc.avsluta_namnd, svc.reopen_namnd), "organ": (svc.avsluta_organ, svc.reopen_organ),
           "uppdrag": (svc.avsluta_uppdrag, svc.reopen_uppdrag)}[kind]
    if avslutad:
        end[0](ref(), avslutad)
    else:
        end[1](ref())


def _plan_namnder(svc: OrganisationService, rows: list[Row], plan: Plan) -> dict[str, Ref]:
    stored = {_fold(n.kortnamn): n for n in svc.namnder()}
    ids: dict[str, Ref] = {key: _known(n.id) for key, n in stored.items()}
    seen: dict[str, int] = {}
    for row in rows:
        key = _fold(row.values["kortnamn"])
        if key in seen:
            plan.problems.append(row.problem(f"nämnden finns redan på rad {seen[key]}", "kortnamn"))
            continue
        seen[key] = row.excel_row
        wanted = {"namn": row.text("namn"), "kortnamn": row.text("kortnamn")}
        avslutad = row.text("avslutad") or None
        n = stored.get(key)
        if n is None:
            later = ids[key] = _Later()

            def create(wanted=wanted, later=later, avslutad=avslutad) -> None:
                later.id = svc.save_namnd(Namnd(**wanted)).id
                if avslutad:
                    _ended(svc, "namnd", later, avslutad)
            plan.add(row, create)
            continue
        changed = _differs(n, wanted) + (["avslutad"] if n.avslutad != avslutad else [])
        if not changed:
            plan.unchanged += 1
            continue

        def update(n=n, wanted=wanted, avslutad=avslutad) -> None:
            if _differs(n, wanted):
                svc.save_namnd(Namnd(id=n.id, **wanted))
            if n.avslutad != avslutad:
                _ended(svc, "namnd", _known(n.id), avslutad)
        plan.add(row, update, f"nämnden {n.kortnamn} ({', '.join(changed)})")
    return ids


def _namnd_of(row: Row, namnd_ids: dict[str, Ref], plan: Plan) -> Ref | None:
    ref = namnd_ids.get(_fold(row.values.get("namnd")))
    if ref is None:
        plan.problems.append(row.problem(f"nämnden ”{row.text('namnd')}” finns varken på bladet Nämnder "
                                         "eller i databasen", "namnd"))
    return ref


def _plan_forvaltningar(svc: OrganisationService, rows: list[Row], namnd_ids: dict[str, Ref],
                        plan: Plan) -> dict[tuple[str, str], Ref]:
    kort = {n.id: _fold(n.kortnamn) for n in svc.namnder()}
    stored = {(kort[f.namnd_id], _fold(f.kortnamn)): f for f in svc.forvaltningar()}
    ids: dict[tuple[str, str], Ref] = {key: _known(f.id) for key, f in stored.items()}
    for row in rows:
        namnd = _namnd_of(row, namnd_ids, plan)
        if namnd is None:
            continue
        key = (_fold(row.values["namnd"]), _fold(row.values["kortnamn"]))
        wanted = {"namn": row.text("namn"), "kortnamn": row.text("kortnamn")}
        f = stored.get(key)
        if f is None:
            later = ids[key] = _Later()

            def create(namnd=namnd, wanted=wanted, later=later) -> None:
                later.id = svc.save_forvaltning(Forvaltning(namnd_id=namnd(), **wanted)).id
            plan.add(row, create)
        elif _differs(f, wanted):
            def update(f=f, wanted=wanted) -> None:
                svc.save_forvaltning(Forvaltning(namnd_id=f.namnd_id, id=f.id, **wanted))
            plan.add(row, update, f"förvaltningen {f.kortnamn} ({', '.join(_differs(f, wanted))})")
        else:
            plan.unchanged += 1
    return ids


def _plan_organ(svc: OrganisationService, rows: list[Row], namnd_ids: dict[str, Ref],
                plan: Plan) -> dict[tuple[str, str], Ref]:
    kort = {n.id: _fold(n.kortnamn) for n in svc.namnder()}
    stored = {(kort[o.namnd_id], _fold(o.namn)): o for o in svc.organ()}
    ids: dict[tuple[str, str], Ref] = {key: _known(o.id) for key, o in stored.items()}
    for row in rows:
        namnd = _namnd_of(row, namnd_ids, plan)
        if namnd is None:
            continue
        key = (_fold(row.values["namnd"]), _fold(row.values["namn"]))
        wanted = {"namn": row.text("namn"), "typ": row.text("typ"), "kortnamn": row.text("kortnamn"),
                  "paragraf_format": row.text("paragraf_format") or "§ {nr}",
                  "paragraf_startnummer": row.values.get("paragraf_startnummer") or 1}
        avslutad = row.text("avslutad") or None
        o = stored.get(key)
        if o is None:
            later = ids[key] = _Later()

            def create(namnd=namnd, wanted=wanted, later=later, avslutad=avslutad) -> None:
                nid = namnd()
                # A nämnd made by this import has its own organ already (save_namnd).
                own = [x for x in svc.organ(nid) if _fold(x.namn) == _fold(wanted["namn"])]
                later.id = svc.save_organ(Organ(namnd_id=nid, id=own[0].id if own else None, **wanted)).id
                if avslutad:
                    _ended(svc, "organ", later, avslutad)
            plan.add(row, create)
            continue
        changed = _differs(o, wanted) + (["avslutad"] if o.avslutad != avslutad else [])
        if not changed:
            plan.unchanged += 1
            continue

        def update(o=o, wanted=wanted, avslutad=avslutad) -> None:
            if _differs(o, wanted):
                svc.save_organ(Organ(namnd_id=o.namnd_id, id=o.id, **wanted))
            if o.avslutad != avslutad:
                _ended(svc, "organ", _known(o.id), avslutad)
        plan.add(row, update, f"organet {o.namn} ({', '.join(changed)})")
    return ids


PERSON_FIELDS = ("fornamn", "efternamn", "parti", "titel", "ar_tjansteman", "epost", "telefon")


def _plan_personer(svc: OrganisationService, rows: list[Row], forvaltning_ids: dict[tuple[str, str], Ref],
                   plan: Plan) -> dict[int, Ref]:
    """{the file's Nr: the person}. A person is the one the file's Id names when that one
    has the row's name (the file came from this database); else the only one with the
    name; else new. Two people with the name and no Id to tell them apart is refused."""
    people = svc.personer()
    by_id = {someone.id: someone for someone in people}
    by_name: dict[tuple[str, str], list[Person]] = {}
    for someone in people:
        by_name.setdefault((_fold(someone.fornamn), _fold(someone.efternamn)), []).append(someone)
    taken: set[int] = set()
    ids: dict[int, Ref] = {}
    for row in rows:
        nr = row.values["nr"]
        if nr in ids:
            plan.problems.append(row.problem(f"numret {nr} har redan en person på bladet", "nr"))
            continue
        forvaltning: Ref | None = None
        if row.values.get("forvaltning"):
            key = (_fold(row.values.get("namnd")), _fold(row.values["forvaltning"]))
            forvaltning = forvaltning_ids.get(key)
            if forvaltning is None:
                plan.problems.append(row.problem(
                    f"förvaltningen ”{row.text('forvaltning')}” i nämnden ”{row.text('namnd')}” finns varken "
                    "på bladet Förvaltningar eller i databasen", "forvaltning"))
                continue
        wanted: dict[str, Any] = {k: row.text(k) for k in PERSON_FIELDS}
        wanted["ar_tjansteman"] = row.values.get("ar_tjansteman") == "1"
        name = (_fold(wanted["fornamn"]), _fold(wanted["efternamn"]))
        p: Person | None = by_id.get(row.values.get("id") or 0)
        if p is None or (_fold(p.fornamn), _fold(p.efternamn)) != name or p.id in taken:
            same = [q for q in by_name.get(name, []) if q.id not in taken]
            if len(same) > 1:
                plan.problems.append(row.problem(
                    f"det finns {len(same)} personer som heter {wanted['fornamn']} {wanted['efternamn']}; "
                    "ange personens Id (exportera organisationen för att se det)", "id"))
                continue
            p = same[0] if same else None
        if p is None:
            later = ids[nr] = _Later()

            def create(wanted=wanted, later=later, forvaltning=forvaltning) -> None:
                later.id = svc.save_person(Person(forvaltning_id=forvaltning() if forvaltning else None,
                                                  **wanted)).id
            plan.add(row, create)
            continue
        taken.add(p.id or 0)
        ids[nr] = _known(p.id)
        changed = _differs(p, wanted)

        def update(p=p, wanted=wanted, forvaltning=forvaltning) -> None:
            svc.save_person(Person(id=p.id, forvaltning_id=forvaltning() if forvaltning else None, **wanted))
        # A förvaltning this import makes is not the person's yet.
        if isinstance(forvaltning, _Later) or (forvaltning() if forvaltning else None) != p.forvaltning_id:
            changed.append("förvaltning")
        if changed:
            plan.add(row, update, f"personen {p.namn} ({', '.join(changed)})")
        else:
            plan.unchanged += 1
    return ids


def _plan_uppdrag(svc: OrganisationService, rows: list[Row], person_ids: dict[int, Ref],
                  organ_ids: dict[tuple[str, str], Ref], names: dict[int, str], plan: Plan) -> None:
    stored = {(u.person_id, u.organ_id, u.roll, u.fran): u for u in svc.uppdrag()}
    for row in rows:
        person = person_ids.get(row.values["person"])
        named, numbered = row.text("person_namn"), names.get(row.values["person"], "")
        if person is not None and named and _fold(named) != _fold(numbered):
            # The number and the name disagree: a row moved or a number typed wrong.
            plan.problems.append(row.problem(f"person nr {row.values['person']} heter {numbered}, inte "
                                             f"{named}", "person_namn"))
            continue
        organ = organ_ids.get((_fold(row.values["namnd"]), _fold(row.values["organ"])))
        if person is None:
            missing = f"bladet Personer har ingen person med Nr {row.values['person']}"
            plan.problems.append(row.problem(missing, "person"))
        if organ is None:
            plan.problems.append(row.problem(f"organet ”{row.text('organ')}” i nämnden ”{row.text('namnd')}” "
                                             "finns varken på bladet Organ eller i databasen", "organ"))
        if person is None or organ is None:
            continue
        wanted: dict[str, Any] = {"roll": row.text("roll"), "fran": row.text("fran"),
                                  "till": row.text("till"), "ordning": row.values.get("ordning")}
        avslutad = row.text("avslutad") or None
        u = None
        if not isinstance(person, _Later) and not isinstance(organ, _Later):
            u = stored.get((person(), organ(), wanted["roll"], wanted["fran"]))
        if u is None:
            def create(person=person, organ=organ, wanted=wanted, avslutad=avslutad) -> None:
                made = svc.save_uppdrag(Uppdrag(person_id=person(), organ_id=organ(), **wanted))
                if avslutad:
                    _ended(svc, "uppdrag", _known(made.id), avslutad)
            plan.add(row, create)
            continue
        changed = _differs(u, wanted) + (["avslutad"] if u.avslutad != avslutad else [])
        if not changed:
            plan.unchanged += 1
            continue

        def update(u=u, wanted=wanted, avslutad=avslutad) -> None:
            if _differs(u, wanted):
                svc.save_uppdrag(Uppdrag(person_id=u.person_id, organ_id=u.organ_id, id=u.id, **wanted))
            if u.avslutad != avslutad:
                _ended(svc, "uppdrag", _known(u.id), avslutad)
        plan.add(row, update, f"uppdraget {u.person_namn}, {u.roll} i {u.organ_namn} ({', '.join(changed)})")


class ChangesExisting(ValueError):
    """The file would change what exists; the message names it (Swedish)."""


class _Refused(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def apply_plan(db: Database, plan: Plan, path: Path) -> int:
    """Run every step in one transaction; a step the service refuses rolls back all of
    them, its reason located at its row."""
    problems: list[Problem] = []
    with db.atomic():
        for row, step in plan.steps:
            try:
                step()
            except ValidationError as exc:
                problems += [Problem(row.sheet, e.message, row.excel_row, file=path.name) for e in exc.errors]
        if problems:
            raise _Refused(problems)
    return len(plan.steps)


def summary(plan: Plan) -> str:
    return (f"{plan.new} {'ny' if plan.new == 1 else 'nya'}, {len(plan.changes)} "
            f"{'ändrad' if len(plan.changes) == 1 else 'ändrade'} och {plan.unchanged} "
            f"{'oförändrad' if plan.unchanged == 1 else 'oförändrade'} rader")


def import_organisation(db: Database, path: Path | str, *, replace: bool = False) -> tuple[Plan, int]:
    """Read, check and store the workbook (the UI's import): (the plan, rows written).
    Raises ImportFileError for an unreadable file and ValueError (Swedish, every
    problem on its own line) for a refused one; a change to what exists needs ``replace``."""
    path = Path(path)
    rows, problems = read_workbook(path)
    plan = plan_import(db, rows) if not problems else Plan()
    problems += plan.problems
    if problems:
        raise ValueError("\n".join(p.with_file() if p.file else f"{path.name}: {p}" for p in problems))
    if plan.changes and not replace:
        raise ChangesExisting(f"{path.name} ändrar det som redan finns: {'; '.join(plan.changes)}.")
    try:
        return plan, apply_plan(db, plan, path)
    except _Refused as refused:
        raise ValueError("\n".join(p.with_file() for p in refused.problems)) from None


def run_import(args: argparse.Namespace, db_path: Path) -> int:
    from app.session import Session

    path = Path(args.file)
    with Session.open(db_path) as session:
        try:
            rows, problems = read_workbook(path)
        except ImportFileError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
        plan = plan_import(session.db, rows) if not problems else Plan()
        problems += plan.problems
        for problem in problems:
            print(problem.with_file() if problem.file else f"{path.name}: {problem}", file=sys.stderr)
        if problems:
            print("Ingenting importerades.", file=sys.stderr)
            return EXIT_PROBLEM
        print(f"{path.name}: {summary(plan)}.")
        if plan.changes and not getattr(args, "ersatt", False):
            print(f"{path.name} ändrar det som redan finns: {'; '.join(plan.changes)}. Ange --ersatt för att "
                  "ändra.", file=sys.stderr)
            print("Ingenting importerades.", file=sys.stderr)
            return EXIT_PROBLEM
        if args.dry_run:
            print("Provkörning: ingenting sparades.")
            return EXIT_OK
        try:
            count = apply_plan(session.db, plan, path)
        except _Refused as refused:
            for problem in refused.problems:
                print(problem.with_file(), file=sys.stderr)
            print("Ingenting importerades.", file=sys.stderr)
            return EXIT_PROBLEM
    print(f"{count} rader importerades till organisationen.")
    return EXIT_OK
