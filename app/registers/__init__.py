"""The registers a nämndsekreterare keeps between meetings (DOMAIN.md 5 and 6):
delegationsordning and delegationsbeslut, meddelanden, and ej verkställda gynnande
beslut with the report at a chosen date."""

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
