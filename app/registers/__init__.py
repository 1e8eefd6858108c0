"""The registers a nämndsekreterare keeps between meetings: delegationsordning and
delegationsbeslut, meddelanden, and ej verkställda gynnande beslut with the report at a
chosen date.

:class:`Registers` (service.py) holds one service per register, each in the module
named for it: delegation.py, meddelanden.py, ej_verkstallda.py; common.py has what
they share (personnummer refusal, Dnr sort parts, dates, rows). reporting.py ties
entries to a meeting and fills its ärenden, whose texts arenden.py writes. The
documents are in pdf/, the Excel files in excel/, the ``report`` verb in cli.py.
"""

from __future__ import annotations

from app.registers.service import Registers

__all__ = ["Registers"]
