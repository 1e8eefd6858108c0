"""The economy's service: every economy collaborator over one database connection,
the object the Ekonomi area (ui/budget), the command line and the documents call."""

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
