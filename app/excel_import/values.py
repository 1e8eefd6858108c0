"""Reading one cell: the value shapes real Excel exports contain.

Dates arrive as real dates, as Excel serial numbers (a date column without a date
format), or as text in several Swedish and ISO shapes; numbers arrive with spaces or
no-break spaces as thousands separators and a decimal comma. Each parser returns the
value or raises :class:`CellError` whose message completes the sentence
"Blad X, rad N, kolumn C (Fält): …".
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}
EXCEL_EPOCH = date(1899, 12, 30)
#: Serial numbers outside this range are not dates anyone registers (1954 – 2119).
SERIAL_RANGE = (20000, 80000)

_ISO = re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ t]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# 28/2 2022, 28/2/2022, 28.2.2022, 28-02-2022, 28/2-2022
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[ /.\-](\d{4})$")
_WORDS = re.compile(r"^(?:\w+dagen\s+den\s+|den\s+)?(\d{1,2})\s+([a-zåäö]+)\.?\s+(\d{4})$")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


class CellError(ValueError):
    """A cell that cannot be read as the field's type; the message is Swedish."""


def quote(value) -> str:
    text = value if isinstance(value, str) else str(value)
    if len(text) > 60:
        text = text[:57] + "…"
    return f"”{text}”"


def clean(text: str) -> str:
    """Trim, fold runs of whitespace (tabs, no-break spaces), drop soft hyphens."""
    if "\u00ad" in text or "\x00" in text:
        text = text.replace("\u00ad", "").replace("\x00", "")
    return " ".join(text.split())


def is_blank(value) -> bool:
    if value is None:
        return True
    return isinstance(value, str) and not value.replace("\u00ad", "").strip()


def _make_date(year: int, month: int, day: int, raw) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"{quote(raw)} är inget datum") from None


def serial_to_date(serial: float, epoch: date = EXCEL_EPOCH) -> date:
    return epoch + timedelta(days=int(serial))


def parse_date(value, epoch: date = EXCEL_EPOCH) -> date:
    """A date from a datetime, an Excel serial number or text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        raise CellError(f"klockslaget {value:%H:%M} är inget datum")
    if isinstance(value, bool):
        raise CellError(f"{quote(value)} är inget datum")
    if isinstance(value, int | float):
        if SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
            return serial_to_date(value, epoch)
        raise CellError(f"talet {_number_text(value)} är inget datum")
    text = clean(str(value)).lower()
    if m := _ISO.match(text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), value)
    if m := _COMPACT.match(text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), value)
    if m := _DAY_FIRST.match(text):
        return _make_date(int(m[3]), int(m[2]), int(m[1]), value)
    if (m := _WORDS.match(text)) and m[2] in MONTHS:
        return _make_date(int(m[3]), MONTHS[m[2]], int(m[1]), value)
    if text.isdigit() and SERIAL_RANGE[0] <= int(text) <= SERIAL_RANGE[1]:
        return serial_to_date(int(text), epoch)
    raise CellError(f"{quote(value)} är inget datum")


def _number_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace(".", ",")


def parse_decimal(value) -> Decimal:
    """``1 234,5``, ``1234.5``, ``−12`` (minus sign) and real numbers."""
    if isinstance(value, bool):
        raise CellError(f"{quote(value)} är inget tal")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, date | datetime):
        raise CellError(f"datumet {value:%Y-%m-%d} är inget tal")
    text = _SPACES.sub("", str(value)).replace("\u2212", "-").replace("\u2013", "-")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    elif text.count(",") == 1 and text.count(".") >= 1 and text.rfind(",") > text.rfind("."):
        text = text.replace(".", "").replace(",", ".")  # 1.234,5
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(f"{quote(value)} är inget tal") from None
    if not number.is_finite():
        raise CellError(f"{quote(value)} är inget tal")
    return number


def parse_int(value) -> int:
    number = parse_decimal(value)
    if number != number.to_integral_value():
        raise CellError(f"{quote(_number_text(value))} är inget heltal")
    return int(number)


def parse_text(value, *, numbers_ok: bool) -> str:
    """Text as typed. A number or a date in a text column is usually a sign that the
    column is mapped wrong or that Excel converted what was typed ("2022/1" became a
    date), so it is a problem unless the field accepts numbers (e.g. a point "3.2")."""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, datetime | date):
        if numbers_ok:
            return value.strftime("%Y-%m-%d")
        raise CellError(f"datumet {value:%Y-%m-%d} står där det ska vara text")
    if isinstance(value, int | float):
        if numbers_ok:
            return _number_text(value).replace(",", ".") if isinstance(value, float) else str(value)
        raise CellError(f"talet {_number_text(value)} står där det ska vara text")
    return clean(str(value))


def normalize_heading(text) -> str:
    """Heading text compared case-insensitively, ignoring spaces, punctuation at the
    ends and a trailing colon: "  BESLUTS-DATUM: " ~ "beslutsdatum"."""
    if text is None:
        return ""
    if isinstance(text, datetime | date):
        return ""
    folded = clean(str(text)).casefold()
    folded = folded.replace("-", "").replace("_", " ").replace(".", "")
    folded = re.sub(r"[\s:;*()\[\]]+", " ", folded).strip()
    return folded.replace(" ", "")


#: Units written in headings, as a multiple of the unit "kr" (None: not an amount).
UNITS: dict[str, Decimal | None] = {
    "kr": Decimal(1), "kronor": Decimal(1), "tkr": Decimal(1000), "mkr": Decimal(1_000_000),
    "mnkr": Decimal(1_000_000), "%": None, "procent": None,
}
_UNIT = re.compile(r"^(?P<base>.*?)[\s,]*(?:\((?P<paren>[^()]*)\)"
                   r"|(?<=[\s,])(?P<bare>tkr|mkr|mnkr|kr|kronor|%|procent))\s*$", re.IGNORECASE)


def split_unit(heading) -> tuple[str, str | None]:
    """("Utfall Aug", "tkr") for "Utfall Aug (tkr)", "Utfall Aug, tkr" or "Utfall Aug tkr";
    (heading, None) when the heading names no unit."""
    text = clean(str(heading or ""))
    m = _UNIT.match(text)
    if m:
        unit = (m["paren"] or m["bare"] or "").strip().casefold()
        if unit in UNITS and m["base"].strip():
            return m["base"].strip(), unit
    if text.endswith("%") and text[:-1].strip():
        return text[:-1].strip(), "%"
    return text, None


def convert_unit(value: Decimal, heading_unit: str, field_unit: str) -> Decimal:
    """``value`` written in ``heading_unit`` in ``field_unit``; CellError when one is a
    percentage and the other an amount."""
    source, target = UNITS.get(heading_unit), UNITS.get(field_unit)
    if source is None or target is None:
        if source is None and target is None:
            return value
        raise CellError(f"kolumnen är i {heading_unit} men fältet i {field_unit}")
    return value * source / target


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
