"""The services over one database connection, made on first use.

A background job receives a :class:`Services` built on its worker thread from its own
connection (connections are never shared across threads, see db/connection.py), with
the same services the UI uses through its Session. See docs/ARCHITECTURE.md, "Jobs and
changes".
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from app.changes import attach

if TYPE_CHECKING:
    from sqlite_utils import Database

    from app.budget.service import Ekonomi
    from app.changes import ChangeBus
    from app.meetings import ArendeService, BilagaService, MeetingService
    from app.meetings.kallelser import KallelseService
    from app.organisation import OrganisationService
    from app.plan.followup import FollowupService
    from app.plan.goals import GoalService
    from app.plan.service import PlanService
    from app.protokoll import ProtokollService
    from app.registers.reporting import ReportingService
    from app.registers.service import Registers
    from app.verification import VerificationService


class Services:
    """``db`` (sqlite-utils) and the services over it; ``changes`` is the bus the
    services announce on (None: they tell nobody).

    Made with :meth:`opening`, the connection is opened when ``db`` is first used (a job
    that never reads the database opens none) and closed by :meth:`close`."""

    def __init__(self, db: Database | None = None, changes: ChangeBus | None = None,
                 path: Path | None = None):
        if db is None and path is None:
            raise ValueError("Services needs a database or the path to one")
        self._db = db
        self._owned = False
        self.changes = changes
        if db is not None:
            # Every service over this connection, wherever it is made, announces on it.
            attach(db, changes)
        #: The database file (for work that opens files of its own next to it).
        self.path = path

    @classmethod
    def opening(cls, path: Path | str, changes: ChangeBus | None = None) -> Services:
        """Services that open their own connection to ``path`` on the calling thread."""
        return cls(None, changes, Path(path))

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = self._open()
            attach(self._db, self.changes)
        return self._db

    def _open(self) -> Database:
        """The connection made on first use: this thread's own to :attr:`path`."""
        from db.connection import connect, wrap

        if self.path is None:  # __init__ refuses neither db nor path
            raise RuntimeError("Services has no database path to open")
        db = wrap(connect(self.path))
        self._owned = True
        return db

    def close(self) -> None:
        """Close the connection this object opened (one handed to it stays open)."""
        if self._owned and self._db is not None:
            self._db.conn.close()
            self._db, self._owned = None, False

    @cached_property
    def organisation(self) -> OrganisationService:
        from app.organisation import OrganisationService

        return OrganisationService(self.db, changes=self.changes)

    @cached_property
    def meetings(self) -> MeetingService:
        from app.meetings import MeetingService

        return MeetingService(self.db)

    @cached_property
    def arenden(self) -> ArendeService:
        from app.meetings import ArendeService

        return ArendeService(self.db)

    @cached_property
    def bilagor(self) -> BilagaService:
        from app.meetings import BilagaService

        return BilagaService(self.db)

    @cached_property
    def kallelser(self) -> KallelseService:
        from app.meetings.kallelser import KallelseService

        return KallelseService(self.db)

    @cached_property
    def protokoll(self) -> ProtokollService:
        from app.protokoll import ProtokollService

        return ProtokollService(self.db)

    @cached_property
    def plan(self) -> PlanService:
        from app.plan.service import PlanService

        return PlanService(self.db)

    @cached_property
    def goals(self) -> GoalService:
        from app.plan.goals import GoalService

        return GoalService(self.db)

    @cached_property
    def followup(self) -> FollowupService:
        from app.plan.followup import FollowupService

        return FollowupService(self.db)

    @cached_property
    def ekonomi(self) -> Ekonomi:
        from app.budget.service import Ekonomi

        return Ekonomi(self.db)

    @cached_property
    def registers(self) -> Registers:
        from app.registers.service import Registers

        return Registers(self.db)

    @cached_property
    def reporting(self) -> ReportingService:
        from app.registers.reporting import ReportingService

        return ReportingService(self.db)

    @cached_property
    def verification(self) -> VerificationService:
        from app.verification import VerificationService

        return VerificationService(self.db)
