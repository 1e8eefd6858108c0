"""Ingångsvärden, målvärden and utfall as users type them.

The text is always kept exactly as typed; :func:`parse_value` reads what it can out of
it — comparator, number, unit, a period or reference year, a footnote marker — so that
the program can judge progress. Forms seen in the seeds::

    "2"  "14*"  "<12"  ">20"  "58%*"  "78 %*"  "8528***"  "10 050"  "≥ 50 %"  "≥3"
    ">2022" (better than 2022's outcome)  "2 aktiviteter"  "0 % neg. avvikelse"
    "Nytt mål."  "Saknas, nytt mål för perioden"  "48 (jan-nov 2022)"  "2 (2022)"
    "74 % (Pulsmätning sep 2022)"  "Delår 2022: 91,74 %"  "37 911 (Jan-okt 2022)"

Anything else is kept as text (kind ``text``) and simply not judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from app.numbers import format_number

#: kinds of value
EMPTY, NUMBER, YEAR_REF, NEW, MISSING, TEXT = "empty", "number", "year_ref", "new", "missing", "text"

COMPARATORS = ("<", "≤", ">", "≥", "=")
_COMPARATOR_WORDS = {
    "<=": "≤", "=<": "≤", ">=": "≥", "=>": "≥", "≤": "≤", "≥": "≥", "<": "<", ">": ">", "=": "=",
    "minst": "≥", "min": "≥", "lägst": "≥", "högst": "≤", "max": "≤", "under": "<", "över": ">",
    "mer än": ">", "fler än": ">", "mindre än": "<", "färre än": "<",
}
_COMPARATOR_RE = re.compile(
    r"^(mer än|fler än|mindre än|färre än|<=|=<|>=|=>|≤|≥|<|>|=|minst|min\.?|lägst|högst|max\.?|"
    r"under|över)(?=[\s\d−–-]|$)\s*",
    re.IGNORECASE,
)
_SPACES = "[ \u00a0\u202f\u2009]"
_NUMBER_RE = re.compile(
    rf"^(?P<sign>[-−–]\s?)?(?P<int>\d{{1,3}}(?:{_SPACES}\d{{3}})+(?!\d)|\d+)(?:[,.](?P<frac>\d+))?"
)
_UNIT_RE = re.compile(r"^\s*(?P<unit>%|‰|procent(?:enheter)?|[^\W\d_][\w.]*)", re.IGNORECASE)
_PREFIX_PERIOD_RE = re.compile(r"^(?P<period>[^:]*?\b(?:19|20)\d{2})\s*:\s*(?P<rest>.+)$")
_SUFFIX_PERIOD_RE = re.compile(r"^(?P<rest>.*?)\s*\((?P<period>[^()]*)\)\s*(?P<after>[.*]*)$")
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_FOOTNOTE_RE = re.compile(r"\*+")
_NEW_RE = re.compile(r"\bnytt\s+(?:mål|mått)\b|^ny(?:tt)?\b", re.IGNORECASE)
_MISSING_RE = re.compile(r"^(?:saknas|uppgift saknas|ej mätt|ingen mätning)\b|^[-–—]+$", re.IGNORECASE)

#: The year range that ">2022" is read as a year in, rather than as the number 2 022.
YEAR_MIN, YEAR_MAX = 1990, 2100


@dataclass(frozen=True)
class Value:
    text: str
    kind: str = EMPTY
    comparator: str | None = None
    number: Decimal | None = None
    unit: str = ""
    qualifier: str = ""
    period: str = ""
    year: int | None = None
    footnote: str = ""

    @property
    def is_number(self) -> bool:
        return self.kind == NUMBER

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    def describe(self) -> str:
        """What the program understood, in Swedish (shown beside the field)."""
        if self.kind == EMPTY:
            return "Inget värde"
        if self.kind == NEW:
            return "Nytt mål (inget ingångsvärde)"
        if self.kind == MISSING:
            return "Värde saknas"
        if self.kind == TEXT:
            return "Text (kan inte jämföras)"
        parts = []
        if self.kind == YEAR_REF:
            word = {"<": "lägre än", "≤": "högst", ">": "bättre än", "≥": "minst", "=": "samma som"}
            parts.append(f"{word.get(self.comparator or '>', 'jämfört med')} utfallet {self.year}")
        else:
            word = {"<": "under", "≤": "högst", ">": "över", "≥": "minst", "=": "exakt"}
            number = format_plain(self.number)
            if self.unit:
                number += f" {self.unit}"
            parts.append(f"{word[self.comparator]} {number}" if self.comparator else number)
            if self.qualifier:
                parts.append(self.qualifier)
            if self.period:
                parts.append(f"avser {self.period}")
        if self.footnote:
            parts.append(f"fotnot {self.footnote}")
        return ", ".join(parts)


def format_plain(number: Decimal | None) -> str:
    """A parsed number back in Swedish form: ``91,74``, ``10 050``."""
    if number is None:
        return ""
    exponent = number.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(number, decimals)


def _normal_spaces(text: str) -> str:
    return re.sub(r"[\u00a0\u202f\u2009\t]", " ", text.replace("\u00ad", ""))


def parse_value(text: str | None) -> Value:
    """Read a typed value. Never raises; unknown forms come back as kind ``text``."""
    raw = "" if text is None else str(text)
    s = _normal_spaces(raw).strip()
    if not s:
        return Value(raw, EMPTY)

    footnote = ""
    runs = _FOOTNOTE_RE.findall(s)
    if len(runs) == 1:
        footnote = runs[0]
        s = _FOOTNOTE_RE.sub("", s, count=1).strip()
        s = re.sub(r"\s{2,}", " ", s)

    if _NEW_RE.search(s):
        return Value(raw, NEW, footnote=footnote)
    if _MISSING_RE.search(s):
        return Value(raw, MISSING, footnote=footnote)

    period = ""
    m = _PREFIX_PERIOD_RE.match(s)
    if m and _NUMBER_RE.match(_strip_comparator(m.group("rest"))[1]):
        period, s = m.group("period").strip(), m.group("rest").strip()
    else:
        m = _SUFFIX_PERIOD_RE.match(s)
        if m and m.group("rest"):
            period, s = m.group("period").strip(), m.group("rest").strip()
    s = s.rstrip(".").strip() if re.search(r"\d\s*\.$", s) else s

    comparator, s = _strip_comparator(s)
    m = _NUMBER_RE.match(s)
    if not m:
        return Value(raw, TEXT, comparator=comparator, period=period,
                     year=_last_year(period), footnote=footnote)
    digits = re.sub(_SPACES, "", m.group("int"))
    frac = m.group("frac")
    number = Decimal(f"{digits}.{frac}" if frac else digits)
    if m.group("sign"):
        number = -number
    rest = s[m.end():].strip()

    unit, qualifier = "", ""
    if rest:
        um = _UNIT_RE.match(rest)
        if um:
            unit = um.group("unit")
            if unit.lower().startswith("procent") and unit.lower() != "procentenheter":
                unit = "%"
            qualifier = rest[um.end():].strip()
        else:
            qualifier = rest
    if (comparator and not unit and not qualifier and not frac and not m.group("sign")
            and YEAR_MIN <= number <= YEAR_MAX and not re.search(_SPACES, m.group("int"))):
        return Value(raw, YEAR_REF, comparator=comparator, year=int(number), period=period,
                     footnote=footnote)
    return Value(raw, NUMBER, comparator=comparator, number=number, unit=unit,
                 qualifier=qualifier, period=period, year=_last_year(period), footnote=footnote)


def _strip_comparator(s: str) -> tuple[str | None, str]:
    m = _COMPARATOR_RE.match(s)
    if not m:
        return None, s
    word = m.group(1).lower().rstrip(".")
    return _COMPARATOR_WORDS[word], s[m.end():].strip()


def _last_year(text: str) -> int | None:
    years = _YEAR_RE.findall(text or "")
    return int(years[-1]) if years else None


def shift_year_reference(text: str, years: int = 1) -> str:
    """``">2022"`` → ``">2023"``: move a relative target along with the plan period.
    Other values come back unchanged."""
    value = parse_value(text)
    if value.kind != YEAR_REF:
        return text
    assert value.year is not None  # a YEAR_REF has its year
    old = str(value.year)
    return re.sub(rf"(?<!\d){old}(?!\d)", str(value.year + years), text, count=1)


def with_period(outcome_text: str, label: str) -> str:
    """An outcome offered as next plan's ingångsvärde: ``"2"`` + ``"2022"`` →
    ``"2 (2022)"``. A value that already names its period is kept as it is."""
    text = (outcome_text or "").strip()
    value = parse_value(text)
    if not text or value.period or value.kind in (NEW, MISSING, EMPTY):
        return text
    return f"{text} ({label})"


# -- tidplan: "Q4", "1Q", "Q1–Q4", "T2", "2023-03-31", "mars", "Ska … genomfört under Q2" --
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "maj": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "okt": 10, "nov": 11, "dec": 12,
}
_QUARTER_RE = re.compile(r"(?<![\w])(?:Q\s?([1-4])|([1-4])\s?Q|kvartal\s?([1-4]))(?![\w])", re.IGNORECASE)
_TERTIAL_RE = re.compile(r"(?<![\w])T([1-3])(?![\w])")
_DATE_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}-(\d{2})-\d{2}(?!\d)")
_MONTH_RE = re.compile(
    r"\b(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)(?:uari|ruari|s|il|i|usti|t|tember|ober|ember)?\b",
    re.IGNORECASE)
_HALF_RE = re.compile(r"\b(helår|årsskifte|bokslut|årets slut|delår)\b", re.IGNORECASE)


def due_month(text: str | None) -> int | None:
    """The month of the year by which something planned for ``text`` is done (the
    latest month it names), or None when the text names no time."""
    if not text:
        return None
    months: list[int] = []
    for m in _QUARTER_RE.finditer(text):
        q = int(next(g for g in m.groups() if g))
        months.append(q * 3)
    months += [int(m.group(1)) * 4 for m in _TERTIAL_RE.finditer(text)]
    months += [int(m.group(1)) for m in _DATE_RE.finditer(text)]
    if not months:
        months += [_MONTHS[m.group(1).lower()] for m in _MONTH_RE.finditer(text)]
    if not months:
        half = _HALF_RE.search(text)
        if half:
            months.append(8 if half.group(1).lower() == "delår" else 12)
    valid = [m for m in months if 1 <= m <= 12]
    return max(valid) if valid else None
