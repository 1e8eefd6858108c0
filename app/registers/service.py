"""The registers' service: the three register services over one connection, the
object the Register area (ui/registers) and the tests start from. Reporting entries
at a meeting is reporting.py (:class:`~app.registers.reporting.ReportingService`)."""

from __future__ import annotations

from sqlite_utils import Database

from app.registers.delegation import DelegationService
from app.registers.ej_verkstallda import EjVerkstalldaService
from app.registers.meddelanden import MeddelandeService


class Registers:
    """The three register services over one connection."""

    def __init__(self, db: Database):
        self.db = db
        self.delegation = DelegationService(db)
        self.meddelanden = MeddelandeService(db)
        self.evb = EjVerkstalldaService(db)
