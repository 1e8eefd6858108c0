"""Economy (DOMAIN.md 8): internbudget, investeringar, budgetuppföljning, volymmått and
personal key figures. Headless services; every sum and difference is computed here.

See belopp.py for how amounts are stored (integer kronor, one internal sign
convention) and shown (the nämnd's convention, kr or tkr).
"""

from __future__ import annotations

from sqlite_utils import Database

from app.budget.internbudget import InternbudgetService
from app.budget.investeringar import InvesteringService
from app.budget.nyckeltal import NyckeltalService
from app.budget.uppfoljning import UppfoljningService
from app.budget.verksamheter import VerksamhetService


class Ekonomi:
    """All economy services over one database connection."""

    def __init__(self, db: Database):
        self.db = db
        self.verksamheter = VerksamhetService(db)
        self.internbudget = InternbudgetService(db)
        self.investeringar = InvesteringService(db)
        self.uppfoljning = UppfoljningService(db)
        self.nyckeltal = NyckeltalService(db)


__all__ = ["Ekonomi"]
