"""Amounts: integer kronor inside, the nämnd's sign convention and unit outside.

Inside the program every amount is an ``int`` of kronor with intäkter positive and
kostnader negative (so nettokostnad = intäkter + kostnader, and a deviation utfall −
budget is positive when the result is better than budget). A nämnd prints either
with costs negative (Oxelösund: ”-57 066”) or with revenues negative (Mellerud:
”Intäkter -71 602”, costs positive). Deviations are printed the same way in both (a
positive avvikelse is good news in both), so only amounts are turned.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import overload

from app.numbers import format_number


class Teckenkonvention(StrEnum):
    KOSTNADER_NEGATIVA = "kostnader_negativa"
    INTAKTER_NEGATIVA = "intakter_negativa"

    @property
    def label(self) -> str:
        return TECKEN_LABELS[self]


TECKEN_LABELS = {
    Teckenkonvention.KOSTNADER_NEGATIVA: "Kostnader negativa (intäkter positiva)",
    Teckenkonvention.INTAKTER_NEGATIVA: "Intäkter negativa (kostnader positiva)",
}

#: Kronor per unit.
ENHETER = {"kr": 1, "tkr": 1000, "mkr": 1_000_000}

_SPACE = re.compile(r"[\s\u00a0\u202f']+")
_MINUSES = "\u2212\u2013\u2012\u2014"


@overload
def visat(kr: int, konvention: Teckenkonvention | str) -> int: ...
@overload
def visat(kr: None, konvention: Teckenkonvention | str) -> None: ...
@overload
def visat(kr: int | None, konvention: Teckenkonvention | str) -> int | None: ...
def visat(kr: int | None, konvention: Teckenkonvention | str) -> int | None:
    """An internal amount as the nämnd shows it (and back: the turn is its own inverse)."""
    if kr is None:
        return None
    return -kr if Teckenkonvention(konvention) is Teckenkonvention.INTAKTER_NEGATIVA else kr


internt = visat


def till_enhet(kr: int, enhet: str) -> Decimal:
    """Kronor as an exact Decimal in ``enhet`` (``1234500, 'tkr'`` → ``1234.5``)."""
    return Decimal(kr) / ENHETER[enhet]


def avrunda(kr: int, enhet: str) -> int:
    """Kronor rounded to whole ``enhet``s, halves away from zero (``-1500`` → ``-2`` tkr)."""
    return int(till_enhet(kr, enhet).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_belopp(kr: int | None, enhet: str = "tkr", *, decimaler: int = 0,
                  tomt: str = "") -> str:
    """``-314243000, 'tkr'`` → ``-314 243`` (no-break space; sums are rounded once, after
    adding kronor, exactly as an economy system prints them)."""
    if kr is None:
        return tomt
    return format_number(till_enhet(kr, enhet), decimaler)


def parse_belopp(text: str, enhet: str = "tkr") -> int | None:
    """What a user typed or pasted, in ``enhet``, as kronor; ``None`` for an empty cell.

    Accepts ``-57 066``, ``−57 066`` (minus sign), ``57066``, ``1 234,5`` (decimal comma),
    ``(1 234)`` (accountants' negative) and a trailing unit. Raises ValueError with a
    Swedish message saying what was wrong."""
    raw = text
    text = (text or "").replace("\u00ad", "").strip()
    if not text:
        return None
    for unit in ("tkr", "mkr", "kr", ":-"):
        if text.lower().endswith(unit):
            text = text[: -len(unit)].strip()
            break
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    for ch in _MINUSES:
        text = text.replace(ch, "-")
    text = _SPACE.sub("", text)
    if text.startswith("-"):
        negative, text = not negative, text[1:]
    elif text.startswith("+"):
        text = text[1:]
    if "," in text and "." in text:
        text = text.replace(".", "")  # 1.234,5 (thousands dots)
    text = text.replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d*)?|\.\d+", text):
        raise ValueError(f"”{raw.strip()}” är inget belopp; skriv t.ex. -57 066 eller 1 234,5.")
    try:
        value = Decimal(text) * ENHETER[enhet]
    except InvalidOperation:
        raise ValueError(f"”{raw.strip()}” är inget belopp.") from None
    kr = int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if abs(kr) >= 10**15:
        raise ValueError(f"”{raw.strip()}” är ett orimligt stort belopp.")
    return -kr if negative else kr


def format_decimal(value: Decimal | None, enhet: str = "antal") -> str:
    """A key figure as printed: ``Decimal('1329.2')`` → ``1 329,2``; percent gets `` %``."""
    if value is None:
        return ""
    exponent = value.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    text = format_number(value, decimals)
    return text + "\u00a0%" if enhet == "procent" else text


def parse_decimal(text: str) -> Decimal | None:
    """A key figure typed or pasted: ``1 329,2``, ``10,3%``, ``97,5 %``; None when empty."""
    raw = text
    text = (text or "").replace("\u00ad", "").strip().rstrip("%").strip()
    if not text:
        return None
    for ch in _MINUSES:
        text = text.replace(ch, "-")
    text = _SPACE.sub("", text).replace(",", ".")
    if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", text):
        raise ValueError(f"”{raw.strip()}” är inget tal; skriv t.ex. 1 329,2 eller 10,3 %.")
    return Decimal(text)


def decimal_text(value: Decimal | None) -> str | None:
    """How a key figure is stored: plain decimal text without exponent."""
    if value is None:
        return None
    return format(value, "f")
