"""Diarienummer (docs/domain/organisation-and-formats.md): stored as typed, parsed when possible for sorting.

Seen shapes: ``2021/1``, ``2022/29``, ``VoN 2021/1``, ``VON 2022/44-73`` (prefix,
year / serial, optional class suffix). A Dnr of any other shape is kept as text and
sorts after the parsed ones; nothing is ever rejected.

>>> parse_dnr("VON 2022/44-73")
Dnr(text='VON 2022/44-73', prefix='VON', year=2022, serial=44, suffix='73')
>>> sorted(["2022/10", "2022/9", "2021/300"], key=dnr_sort_key)
['2021/300', '2022/9', '2022/10']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from db.textsort import swedish_key

_DNR = re.compile(
    r"""^\s*
    (?:(?P<prefix>[^\W\d][\w.&\-]*(?:\s+[^\W\d][\w.&\-]*)*?)\s*[\s.:-]\s*)?   # VON, VoN, KS, SN AU
    (?P<year>(?:19|20)\d\d)\s*/\s*(?P<serial>\d{1,7})                       # 2022/44
    (?:\s*[-.:]\s*(?P<suffix>[\w.\-]+))?                                    # -73
    \s*$""",
    re.X,
)


@dataclass(frozen=True)
class Dnr:
    text: str
    prefix: str | None = None
    year: int | None = None
    serial: int | None = None
    suffix: str | None = None

    @property
    def parsed(self) -> bool:
        return self.year is not None


def parse_dnr(text: str | None) -> Dnr:
    """The parts of a Dnr; unknown shapes give a Dnr with only ``text``."""
    text = " ".join((text or "").split())
    m = _DNR.match(text)
    if not m:
        return Dnr(text)
    return Dnr(text, m.group("prefix") or None, int(m.group("year")), int(m.group("serial")),
               m.group("suffix") or None)


def _suffix_key(suffix: str | None) -> tuple:
    if not suffix:
        return (0, 0, "")
    return (1, int(suffix), "") if suffix.isdigit() else (2, 0, swedish_key(suffix)[0])


def sort_key_parts(text: str, prefix: str | None, year: int | None, serial: int | None,
                   suffix: str | None) -> tuple:
    """Year, then serial as a number, then prefix and suffix; unparsed Dnr last by text,
    empty Dnr very last."""
    if year is None:
        return (2 if not text.strip() else 1, 0, 0, "", (0, 0, ""), swedish_key(text)[0])
    return (0, year, serial or 0, swedish_key(prefix or "")[0], _suffix_key(suffix), text)


def dnr_sort_key(value: str | Dnr | None) -> tuple:
    d = value if isinstance(value, Dnr) else parse_dnr(value)
    return sort_key_parts(d.text, d.prefix, d.year, d.serial, d.suffix)
