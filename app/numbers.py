"""Swedish number formats (docs/domain/organisation-and-formats.md): no-break space thousands, decimal comma,
minus sign before the number."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
MINUS = "\u2212"


def format_number(value: int | float | Decimal, decimals: int = 0, *, minus: str = "-") -> str:
    """``305942`` → ``305 942`` (no-break space), ``91.74, 2`` → ``91,74``."""
    quant = Decimal(1).scaleb(-decimals)
    d = Decimal(str(value)).quantize(quant, rounding=ROUND_HALF_UP)
    negative = d < 0
    whole, _, frac = f"{abs(d):f}".partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = NBSP.join(groups or ["0"])
    if decimals:
        text += "," + frac
    if negative and d != 0:
        text = minus + text
    return text


def format_bytes(size: int) -> str:
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{format_number(size / 1024, 0)} kB"
    return f"{format_number(size / (1024 * 1024), 1)} MB"
