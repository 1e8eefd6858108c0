"""A finding of a check before printing (a meeting's kallelse and handlingar, a
protokoll), shown to the user in a list before the document is made."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """``severity`` is "fel" (the document would be wrong) or "varning" (worth a look);
    ``message`` is Swedish and names the ärende, file or person. The ids say what the
    finding is about, for the list to open it."""

    severity: str
    message: str
    arende_id: int | None = None
    bilaga_id: int | None = None
    narvaro_id: int | None = None
