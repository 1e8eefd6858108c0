"""Economy: internbudget, investeringar, budgetuppföljning, volymmått and personal key
figures. Headless services; every sum and difference is computed here.

:class:`Ekonomi` (service.py) composes the collaborators, each in a module named for
what it handles: verksamheter.py (the nämnd's verksamheter and settings),
internbudget.py, investeringar.py, uppfoljning.py, nyckeltal.py; analys.py computes
the follow-up's series and tabeller.py lays out the tables shared by the screen, Excel
and paper. See belopp.py for how amounts are stored (integer kronor, one internal sign
convention) and shown (the nämnd's convention, kr or tkr). The documents are in pdf/,
the Excel files in excel/, arende.py puts a month's follow-up on a meeting's agenda.
"""

from __future__ import annotations

from app.budget.service import Ekonomi

__all__ = ["Ekonomi"]
