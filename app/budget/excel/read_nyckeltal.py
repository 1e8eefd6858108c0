"""Excel import of the volymmått and the personal key figures (app/budget/nyckeltal.py):
one row per key figure and period, as write.py's ``export_nyckeltal_varden`` writes them
(a key figure without values on a row of its own, År and Period empty).

A key figure is named by its avsnitt and name; one the nämnd does not have is added at
the end, in the file's order. A value replaces the stored one of the same key figure,
year and period; values and key figures the file does not name are left as they are.
A column left out of the file, or an empty cell, leaves a key figure's unit, mätdatum and
split as they are.

The footnotes printed under a year's table are rows of their own: År and
"Fotnot under årets tabell" filled, Nyckeltal empty. A year the file gives footnotes
for gets exactly those (in the file's order); other years keep theirs.
"""

from __future__ import annotations

from collections.abc import Hashable
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from app.budget.nyckeltal import ENHETER, PERIODER, SLAG, Nyckeltal, NyckeltalService, Varde
from app.excel_import import FieldSpec, ImportTarget

#: A period as the file writes it (write.py) and as it may be typed.
PERIOD_NAMN = {"tertial": "Tertial", "delar": "Delår", "helar": "Helår", "prognos": "Prognos"}
_JA_NEJ = {"Ja": "1", "J": "1", "X": "1", "1": "1", "Nej": "0", "N": "0", "0": "0"}
#: The field of a footnote row (a row of its own: År and the footnote).
FOTNOT = "fotnot"
#: The definition of a key figure: the same on every row of it.
DEFINITION = ("enhet", "matdatum", "kon_uppdelad", "summerbar")


def _choices(names: dict[str, str]) -> dict[str, str]:
    return {**{k: k for k in names}, **{label: k for k, label in names.items()}}


class NyckeltalImport(ImportTarget):
    """The nämnd's key figures of one slag (``volym`` or ``personal``)."""

    def __init__(self, namnd_id: int, slag: str, db: Database | None = None):
        self.namnd_id, self.slag, self.db = namnd_id, slag, db
        self.kind = "volymmatt" if slag == "volym" else "personal"
        self.title = SLAG[slag]
        self._seen: dict[tuple[str, str], tuple] = {}
        self.fields = (
            FieldSpec("avsnitt", "Avsnitt", "text", ("Rubrik", "Område"), numbers_ok=True, max_length=200),
            # Required on every row but a footnote's (check_row says so).
            FieldSpec("namn", "Nyckeltal", "text", ("Namn", "Mått", "Volymmått", "Nyckeltalets namn"),
                      numbers_ok=True, max_length=300),
            FieldSpec("enhet", "Enhet", "choice", choices={**_choices(ENHETER), "procent": "procent",
                                                           "tim": "timmar"}),
            FieldSpec("matdatum", "Mätdatum", "text", ("Mätperiod",), numbers_ok=True, max_length=40),
            FieldSpec("kon_uppdelad", "Uppdelat på kvinnor och män", "choice", ("Uppdelat på kön",),
                      choices=_JA_NEJ),
            FieldSpec("summerbar", "Totalt = kvinnor + män", "choice", ("Summerbar",), choices=_JA_NEJ),
            FieldSpec("ar", "År", "int"),
            FieldSpec("period", "Period", "choice",
                      choices={**_choices(PERIOD_NAMN), **{label: k for k, label in PERIODER.items()}}),
            FieldSpec("totalt", "Totalt", "decimal", ("Total", "Värde")),
            FieldSpec("kvinnor", "Kvinnor", "decimal"),
            FieldSpec("man", "Män", "decimal"),
            FieldSpec(FOTNOT, "Fotnot under årets tabell", "text", ("Fotnot", "Fotnoter"), numbers_ok=True,
                      max_length=500),
        )

    def bind(self, db: Database) -> ImportTarget:
        bound = NyckeltalImport(self.namnd_id, self.slag, db)
        return bound

    def check_row(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        if _is_footnote(values):
            return self._check_footnote(values)
        problems: list[tuple[str | None, str]] = []
        if not values.get("namn"):
            return [("namn", "nyckeltalets namn saknas (en rad utan namn är en fotnot: då fylls bara År och "
                             "fotnoten i)")]
        if values.get(FOTNOT):
            problems.append((FOTNOT, "en fotnot står på en rad av sin egen, med året och utan nyckeltal"))
        ar, period = values.get("ar"), values.get("period")
        if (ar is None) != (period is None):
            problems.append(("ar" if ar is None else "period", "ett värde behöver både år och period"))
        if ar is not None and not 1990 <= ar <= 2200:
            problems.append(("ar", f"året {ar} är orimligt"))
        kon, summerbar = values.get("kon_uppdelad") == "1", values.get("summerbar") == "1"
        split = values.get("kvinnor") is not None or values.get("man") is not None
        if split and values.get("kon_uppdelad") == "0":
            problems.append(("kvinnor", "nyckeltalet är inte uppdelat på kvinnor och män (kolumnen ”Uppdelat "
                                        "på kvinnor och män” säger Nej)"))
        if summerbar and not kon:
            problems.append(("summerbar", "bara ett nyckeltal uppdelat på kvinnor och män kan summeras"))
        if summerbar and values.get("enhet") == "procent":
            problems.append(("summerbar", "andelar i procent kan inte summeras; totalen skrivs in"))
        total, kvinnor, man = values.get("totalt"), values.get("kvinnor"), values.get("man")
        if summerbar and total is not None and kvinnor is not None and man is not None \
                and total != kvinnor + man:
            problems.append(("totalt", f"totalen räknas fram som kvinnor + män ({kvinnor + man}); töm cellen "
                                       "eller rätta den"))
        key = self._figure(values)
        definition = tuple(values.get(k) for k in DEFINITION)
        first = self._seen.setdefault(key, definition)
        if first != definition:
            problems.append(("enhet", "enhet, mätdatum och uppdelning ska vara desamma på varje rad för "
                                      f"nyckeltalet ”{values.get('namn')}”"))
        return problems

    @staticmethod
    def _check_footnote(values: dict[str, Any]) -> list[tuple[str | None, str]]:
        problems: list[tuple[str | None, str]] = []
        if values.get("ar") is None:
            problems.append(("ar", "fotnoten hör till ett års tabell: fyll i År"))
        elif not 1990 <= values["ar"] <= 2200:
            problems.append(("ar", f"året {values['ar']} är orimligt"))
        for key in ("avsnitt", "enhet", "matdatum", "kon_uppdelad", "summerbar", "period", "totalt",
                    "kvinnor", "man"):
            if values.get(key) is not None and values.get(key) != "":
                problems.append((key, "en rad med fotnot har bara År och fotnoten, inget nyckeltal"))
                break
        return problems

    @staticmethod
    def _figure(values: dict[str, Any]) -> tuple[str, str]:
        return ((values.get("avsnitt") or "").casefold(), (values.get("namn") or "").casefold())

    def row_key(self, values: dict[str, Any]) -> Hashable | None:
        if _is_footnote(values):
            return None  # two years may have the same footnote, a year several
        return (*self._figure(values), values.get("ar"), values.get("period"))

    def describe_key(self, key: Hashable) -> str:
        return ""

    def replaces(self, db: Database) -> str | None:
        figures, values = db.execute(
            "SELECT count(DISTINCT n.id), count(v.nyckeltal_id) FROM nyckeltal n LEFT JOIN nyckeltalsvarde v "
            "ON v.nyckeltal_id = n.id WHERE n.namnd_id = ? AND n.slag = ?",
            [self.namnd_id, self.slag]).fetchone()
        if not figures:
            return None
        return (f"{self.title.lower()} finns redan: {figures} nyckeltal med {values} värden; filens värden "
                "ersätter dem med samma nyckeltal, år och period")

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        svc = NyckeltalService(db)
        figures = {(n.avsnitt.casefold(), n.namn.casefold()): n for n in svc.lista(self.namnd_id, self.slag)}
        footnotes: dict[int, list[str]] = {}
        for values in rows:
            if _is_footnote(values):
                footnotes.setdefault(values["ar"], []).append(values[FOTNOT])
                continue
            key = self._figure(values)
            n = figures.get(key) or Nyckeltal(self.namnd_id, self.slag, values["namn"],
                                              values.get("avsnitt") or "")
            wanted = {"enhet": values.get("enhet"), "matdatum": values.get("matdatum"),
                      "kon_uppdelad": _yes(values.get("kon_uppdelad")),
                      "summerbar": _yes(values.get("summerbar"))}
            changed = {k: v for k, v in wanted.items() if v is not None and getattr(n, k) != v}
            if n.id is None or changed:
                for k, v in changed.items():
                    setattr(n, k, v)
                figures[key] = svc.save(n)
            if values.get("ar") is not None:
                self._store_value(svc, figures[key], values)
        for ar, lines in footnotes.items():
            if lines != svc.fotnoter(self.namnd_id, self.slag, ar):
                svc.save_fotnoter(self.namnd_id, self.slag, ar, lines)
        return len(rows)

    @staticmethod
    def _store_value(svc: NyckeltalService, n: Nyckeltal, values: dict[str, Any]) -> None:
        new = Varde(None if n.summerbar else values.get("totalt"), values.get("kvinnor"), values.get("man"))
        old = svc.varde(n.id or 0, values["ar"], values["period"])
        # Equal numbers are the same value: 15 in the file is the stored "15.0".
        if any(_differs(getattr(old, k), getattr(new, k)) for k in ("totalt", "kvinnor", "man")):
            svc.set_varde(n.id or 0, values["ar"], values["period"], new)


def _is_footnote(values: dict[str, Any]) -> bool:
    return bool(values.get(FOTNOT)) and not values.get("namn")


def _yes(value: str | None) -> bool | None:
    return None if value is None else value == "1"


def _differs(a: Decimal | None, b: Decimal | None) -> bool:
    return (a is None) != (b is None) or (a is not None and b is not None and a != b)
