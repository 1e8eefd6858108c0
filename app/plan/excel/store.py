"""Importing a plan workbook: :func:`import_plan_xlsx` reads it (app/plan/excel/read.py)
and stores the checked rows through the plan services in one transaction. A service's
ValidationError becomes a Problem on the row it came from, so the user sees every
mistake at once and nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from app.excel_import import ImportRefused, Problem
from app.plan import richtext, store
from app.plan.excel import tables
from app.plan.excel.compare import file_matches_plan, plan_of_file, replaced_plan
from app.plan.excel.read import Book, Progress, Row, read_workbook
from app.plan.frozen import adopted_message, adopted_plan
from app.plan.goals import GoalService
from app.plan.model import (
    FOTNOT_TABELLER,
    Aktivitet,
    Fotnot,
    KfMal,
    Malomrade,
    Matt,
    Namndmal,
    Plan,
)
from app.plan.nyckeltal_layout import LAYOUTER, NyckeltalLayoutService
from app.plan.service import PlanService, default_title
from app.records import id_of
from app.validation import ValidationError

#: Which service field a sheet column fills, for placing a ValidationError on its cell.
FIELD_COLUMNS = {
    "namn": "Målområde", "beskrivning": "Beskrivning", "betyder": "I kommunen betyder det",
    "uppfoljning": "Uppföljning", "ansvariga": "Ansvariga nämnder", "agenda2030": "Agenda 2030",
    "ansvarig": "Ansvarig", "syfte": "Syfte", "datakalla": "Datakälla", "kolada_id": "Kolada-id",
    "ingangsvarde": "Ingångsvärde", "markering": "Markering", "vad": "Vad", "varfor": "Varför",
    "vem": "Vem", "nar": "När", "uppfoljning_hur": "Hur följs upp",
    "matt": "Mått", "jamforelsevarde": "Jämförelsevärde", "uppfoljningstillfalle": "Uppföljningstillfälle",
    "forvaltning": "Förvaltning", "effekt": "Effekt", "tidplan": "Tidplan", "rubrik": "Rubrik",
    "slutdatum": "Slutdatum", "status": "Status", "kommentar": "Kommentar", "risk": "Risk",
    "sannolikhet": "Sannolikhet", "konsekvens": "Konsekvens", "atgard": "Åtgärd", "placering": "Placering",
    "niva": "Nivå", "ar": "År", "manad": "Månad", "slag": "Slag",
}
TEXT_COLUMN = {"Målområden": "Målområde", "KF-mål": "KF-mål", "Nämndmål": "Nämndmål", "Mått": "Mått",
               "Fotnoter": "Text", "Aktiviteter": "Vad", "Uppdrag": "Text", "Avsnitt": "Text"}
#: Where a sheet names a field's column differently from FIELD_COLUMNS.
SHEET_FIELD_COLUMNS = {("Tillfällen", "namn"): "Tillfälle"}


@dataclass
class ImportResult:
    plan_id: int
    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: The file says what the plan in the database says: nothing was written.
    unchanged: bool = False

    def summary(self) -> str:
        if self.unchanged:
            return ("Planen är oförändrad: filen säger detsamma som planen i databasen. Ingenting "
                    "sparades.")
        what = "Ny plan skapad" if self.created else "Planen uppdaterad"
        counts = ", ".join(f"{n} {label}" for label, n in self.counts.items())
        text = f"{what}: {counts}."
        return "\n".join([text, *self.notes])


class _Store:
    def __init__(self, db: Database, book: Book):
        self.db, self.book = db, book
        self.plans, self.goals = PlanService(db), GoalService(db)
        self.problems: list[Problem] = []
        self.ids: dict[str, dict[str, int]] = {}  # sheet -> Nr -> database id
        self.skipped_rows: dict[str, int] = {}

    def skipped(self, row: Row) -> None:
        """A row whose parent row could not be stored (its problems are reported)."""
        self.skipped_rows[row.sheet] = self.skipped_rows.get(row.sheet, 0) + 1

    def problem(self, row: Row, message: str, heading: str | None = None) -> None:
        self.problems.append(row.problem(message, heading, self.book.file.name))

    def save(self, row: Row, fn, obj):
        try:
            return fn(obj)
        except ValidationError as exc:
            for e in exc.errors:
                heading = SHEET_FIELD_COLUMNS.get((row.sheet, e.field)) or FIELD_COLUMNS.get(e.field)
                if e.field == "text":
                    heading = TEXT_COLUMN.get(row.sheet)
                elif e.field.startswith("malvarde_"):
                    heading = f"Målvärde {e.field.split('_')[1]}"
                self.problem(row, e.message, heading if heading in row.columns else None)
        except LookupError as exc:
            self.problem(row, str(exc), "Id")
        return None

    def existing_id(self, row: Row, table: str, allowed: set[int], update: bool) -> int | None:
        """The row's database id when updating in place, after checking it is ours."""
        if not update or not row.get("Id"):
            return None
        ident = int(row.get("Id"))
        if ident not in allowed:
            self.problem(row, f"id {ident} finns inte i den här planen (raden kan vara kopierad från en "
                              "annan plan – töm Id-cellen för att lägga till den som ny)", "Id")
            return None
        return ident


def _plan(st: _Store, as_new: bool) -> tuple[Plan | None, bool, bool]:
    """The plan the file is stored into, whether it existed, and whether the file says
    it is adopted (the adoption is stored last: it freezes the plan)."""
    book = st.book
    kortnamn = book.plan_value("Nämnd")
    namnd = st.db.execute("SELECT id, namn FROM namnd WHERE kortnamn = ? COLLATE NOCASE",
                          [kortnamn]).fetchone()
    if namnd is None:
        st.problems.append(Problem("Plan", f"det finns ingen nämnd med kortnamnet ”{kortnamn}” i databasen",
                                   book.plan["Nämnd"].excel_row if "Nämnd" in book.plan else None,
                                   file=book.file.name))
        return None, False, False
    first = int(book.plan_value("Första år"))
    count = int(book.plan_value("Antal år") or 3)
    ident = book.plan_value("Id")
    existing = None
    if ident and not as_new:
        rows = st.db.execute("SELECT id, namnd_id FROM verksamhetsplan WHERE id = ?", [int(ident)]).fetchone()
        if rows is not None:
            if rows[1] != namnd[0]:
                st.problems.append(Problem("Plan", f"planen med id {ident} hör till en annan nämnd än "
                                                   f"{kortnamn}; töm Id för att skapa en ny plan",
                                           book.plan["Id"].excel_row, 1, "Värde", book.file.name))
                return None, False, False
            adopted = adopted_plan(st.db, rows[0])
            if adopted is not None:
                st.problems.append(Problem("Plan", adopted_message(adopted) + " Importera ändringarna i "
                                           "revideringen: exportera den och ändra den filen.",
                                           book.plan["Id"].excel_row, 1, "Värde", book.file.name))
                return None, False, False
            existing = st.plans.get_plan(rows[0])
    plan = existing or Plan(namnd_id=namnd[0])
    if existing and (existing.forsta_ar, existing.antal_ar) != (first, count):
        st.problems.append(Problem("Plan", f"perioden kan inte ändras vid import (planen gäller "
                                           f"{existing.period}); kopiera planen framåt i stället",
                                   book.plan["Första år"].excel_row, 1, "Värde", book.file.name))
        return None, False, False
    plan.forsta_ar, plan.antal_ar = first, count
    plan.titel = book.plan_value("Titel") or default_title(namnd[1], first, count)
    status = (book.plan_value("Status") or plan.status).lower()
    plan.status = "utkast"
    plan.antagen_datum = book.plan_value("Antagen datum") or None
    plan.antagen_paragraf = book.plan_value("Antagen paragraf")
    # (read.py has refused any other status.)
    if status == "antagen" and not plan.antagen_datum:
        st.problems.append(Problem("Plan", "en antagen plan behöver datum för antagandet (Antagen datum)",
                                   book.plan["Status"].excel_row, 1, "Värde", book.file.name))
    try:
        plan = st.plans.save_plan(plan)
    except ValidationError as exc:
        for e in exc.errors:
            st.problems.append(Problem("Plan", e.message, file=book.file.name))
        return None, False, False
    return plan, existing is not None, status == "antagen"


def _layout(st: _Store, plan_id: int) -> None:
    """The nyckeltal table's layout named on the Plan sheet (a file without the row leaves
    it as it is)."""
    row = st.book.plan.get("Nyckeltalslayout")
    if row is None:
        return
    wanted = row.get("Värde").casefold()
    layout = next((key for key, label in LAYOUTER.items() if wanted in (key, label.casefold())), None)
    if layout is None:
        choices = " eller ".join(f"”{label}”" for label in LAYOUTER.values())
        st.problem(row, f"okänd nyckeltalslayout ”{row.get('Värde')}” (välj {choices})", "Värde")
        return
    NyckeltalLayoutService(st.db).set_layout(plan_id, layout)


def store_workbook(db: Database, book: Book, *, as_new: bool = False) -> tuple[ImportResult, list[Problem]]:
    st = _Store(db, book)
    plan, update, adopt = _plan(st, as_new)
    if plan is None:
        return ImportResult(0, False), st.problems
    plan_id = id_of(plan)
    _layout(st, plan_id)
    tree = st.goals.tree(plan_id)
    old = {
        "malomrade": {id_of(m) for m in tree.malomraden}, "kf_mal": {id_of(k) for k in tree.all_kf_mal()},
        "namndmal": {id_of(n) for n in tree.all_namndmal()}, "matt": {id_of(m) for m in tree.all_matt()},
        "plan_fotnot": {id_of(f) for f in st.plans.fotnoter(plan_id)},
        "plan_aktivitet": {id_of(a) for a in st.plans.aktiviteter(plan_id=plan_id)},
    }
    sheets = book.sheets
    kept: dict[str, list[int]] = {table: [] for table in old}

    # Footnotes first: a kept marker may move to a row that is removed further down.
    fotnot_rows = [(row, st.existing_id(row, "plan_fotnot", old["plan_fotnot"], update))
                   for row in sheets.get("Fotnoter", [])]
    for table_id in old["plan_fotnot"] - {i for _r, i in fotnot_rows if i}:
        db.table("plan_fotnot").delete(table_id)

    for row in sheets.get("Målområden", []):
        m = Malomrade(plan_id=plan_id, namn=row.get("Målområde"), beskrivning=row.get("Beskrivning"),
                      betyder=richtext.from_marked_text(row.get("I kommunen betyder det")),
                      id=st.existing_id(row, "malomrade", old["malomrade"], update))
        if st.save(row, st.goals.save_malomrade, m):
            st.ids.setdefault("Målområden", {})[row.get("Nr")] = id_of(m)
            kept["malomrade"].append(id_of(m))
    omrade_of = st.ids.get("Målområden", {})
    for row in sheets.get("KF-mål", []):
        if row.get("Målområde") not in omrade_of:
            st.skipped(row)
            continue
        k = KfMal(malomrade_id=omrade_of[row.get("Målområde")], text=row.get("KF-mål"),
                  uppfoljning=row.get("Uppföljning"), ansvariga=row.get("Ansvariga nämnder"),
                  agenda2030=row.get("Agenda 2030"), id=st.existing_id(row, "kf_mal", old["kf_mal"], update))
        if st.save(row, st.goals.save_kf_mal, k):
            st.ids.setdefault("KF-mål", {})[row.get("Nr")] = id_of(k)
            kept["kf_mal"].append(id_of(k))
    kf_of = st.ids.get("KF-mål", {})
    for row in sheets.get("Nämndmål", []):
        n = Namndmal(plan_id=plan_id, text=row.get("Nämndmål"), ansvarig=row.get("Ansvarig"),
                     syfte=row.get("Syfte"), agenda2030=row.get("Agenda 2030"),
                     malomrade_id=omrade_of.get(row.get("Målområde")), kf_mal_id=kf_of.get(row.get("KF-mål")),
                     id=st.existing_id(row, "namndmal", old["namndmal"], update))
        if st.save(row, st.goals.save_namndmal, n):
            st.ids.setdefault("Nämndmål", {})[row.get("Nr")] = id_of(n)
            kept["namndmal"].append(id_of(n))
    goal_of = st.ids.get("Nämndmål", {})
    for row in sheets.get("Mått", []):
        if row.get("Nämndmål") not in goal_of:
            st.skipped(row)
            continue
        matt = Matt(namndmal_id=goal_of[row.get("Nämndmål")], text=row.get("Mått"),
                    datakalla=row.get("Datakälla"), kolada_id=row.get("Kolada-id"),
                    ingangsvarde=row.get("Ingångsvärde"),
                    malvarden={y: row.get(f"Målvärde {y}") for y in plan.years},
                    id=st.existing_id(row, "matt", old["matt"], update))
        if st.save(row, st.goals.save_matt, matt):
            kept["matt"].append(id_of(matt))
    tabell_of = {label.casefold(): key for key, label in FOTNOT_TABELLER.items()}
    tabell_of.update({key: key for key in FOTNOT_TABELLER})
    tabell_of["målområde"] = "mal"
    for row, ident in fotnot_rows:
        tabell = tabell_of.get(row.get("Tabell").casefold())
        if tabell is None:
            choices = ", ".join(FOTNOT_TABELLER.values())
            st.problem(row, f"okänd tabell ”{row.get('Tabell')}” (välj {choices})", "Tabell")
            continue
        omrade = omrade_of.get(row.get("Målområde")) if tabell == "mal" else None
        if tabell == "mal" and omrade is None:
            st.problem(row, "en fotnot i ett målområdes måltabell behöver målområdets Nr", "Målområde")
            continue
        f = Fotnot(plan_id=plan_id, tabell=tabell, malomrade_id=omrade, markering=row.get("Markering"),
                   text=row.get("Text"), id=ident)
        if st.save(row, st.plans.save_fotnot, f):
            kept["plan_fotnot"].append(id_of(f))
    for row in sheets.get("Aktiviteter", []):
        if row.get("Nämndmål") not in goal_of:
            st.skipped(row)
            continue
        a = Aktivitet(namndmal_id=goal_of[row.get("Nämndmål")], vad=row.get("Vad"), varfor=row.get("Varför"),
                      vem=row.get("Vem"), nar=row.get("När"), uppfoljning=row.get("Hur följs upp"),
                      id=st.existing_id(row, "plan_aktivitet", old["plan_aktivitet"], update))
        if st.save(row, st.plans.save_aktivitet, a):
            kept["plan_aktivitet"].append(id_of(a))
    stored_tables = tables.store_tables(st, plan_id, update)

    result = ImportResult(plan_id, not update)
    for sheet, count in st.skipped_rows.items():
        st.problems.append(Problem(sheet, f"{count} rader kontrollerades inte eftersom raderna de hör till "
                                          "har fel", file=book.file.name))
    if st.problems:
        return result, st.problems
    lost = 0
    for table in ("matt", "plan_aktivitet", "namndmal", "kf_mal", "malomrade"):
        gone = old[table] - set(kept[table])
        if table == "matt" and gone:
            marks = ",".join("?" * len(gone))
            lost = db.execute(f"SELECT COUNT(*) FROM matt_utfall WHERE utfall <> '' AND matt_id IN ({marks})",
                              list(gone)).fetchone()[0]
        for row_id in gone:
            db.table(table).delete(row_id)
        if gone:
            result.notes.append(f"{len(gone)} {_LABELS[table]} som inte finns i filen togs bort.")
        store.reorder(db, table, kept[table])
    store.reorder(db, "plan_fotnot", kept["plan_fotnot"])
    if lost:
        result.notes.append(f"{lost} inskrivna utfall för borttagna mått togs bort med dem.")
    result.notes += tables.remove_dropped(st, stored_tables, created=not update)
    if adopt:
        plan.status = "antagen"
        plan = st.plans.save_plan(plan)
        result.notes.append(f"Planen är antagen ({plan.adopted_by()}) och kan inte ändras längre; "
                            "gör en revidering för att ändra den.")
    result.counts = {"målområden": len(kept["malomrade"]), "KF-mål": len(kept["kf_mal"]),
                     "nämndmål": len(kept["namndmal"]), "mått": len(kept["matt"]),
                     "fotnoter": len(kept["plan_fotnot"]), "aktiviteter": len(kept["plan_aktivitet"]),
                     **tables.counts(stored_tables)}
    return result, []


_LABELS = {"matt": "mått", "plan_aktivitet": "aktiviteter", "namndmal": "nämndmål", "kf_mal": "KF-mål",
           "malomrade": "målområden"}


class ReplaceNeedsConsent(Exception):
    """The file would replace the content of a plan in the database and the caller did
    not consent (the command line's ``--ersatt``); the message says what, in Swedish."""


def import_plan_xlsx(db: Database, path: Path | str, *, as_new: bool = False, dry_run: bool = False,
                     progress: Progress | None = None, replace: bool = True) -> ImportResult:
    """Read ``path`` and store it in one transaction: update the plan named by the
    file's plan id (when it exists and ``as_new`` is false) or create a new plan.
    A file saying what that plan already says writes nothing (an adopted plan too);
    one that changes it needs ``replace`` (else :class:`ReplaceNeedsConsent`).
    Raises :class:`ImportRefused` with every problem found, storing nothing;
    ``dry_run`` checks everything and rolls back."""
    book = read_workbook(Path(path), progress=progress)
    if book.problems:
        raise ImportRefused(book.problems)
    stored = None if as_new else plan_of_file(db, book)
    if stored is not None:
        if file_matches_plan(db, book, stored):
            return ImportResult(stored, False, unchanged=True)
        if not replace and adopted_plan(db, stored) is None:
            raise ReplaceNeedsConsent(replaced_plan(db, stored))
    with db.atomic():
        result, problems = store_workbook(db, book, as_new=as_new)
        if problems:
            raise ImportRefused(problems)
        if dry_run:
            raise _DryRun(result)
    return result


class _DryRun(Exception):
    def __init__(self, result: ImportResult):
        super().__init__("dry run")
        self.result = result


def check_plan_xlsx(db: Database, path: Path | str, *, as_new: bool = False,
                    replace: bool = True) -> ImportResult:
    """Everything the import would do, without storing (for a confirmation)."""
    try:
        result = import_plan_xlsx(db, path, as_new=as_new, dry_run=True, replace=replace)
        if result.unchanged:
            return result
    except _DryRun as done:
        return done.result
    raise AssertionError("dry run stored data")  # pragma: no cover
