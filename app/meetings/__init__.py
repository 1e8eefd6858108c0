"""Sammanträden: meetings per organ and how they are called, the agenda template, the
ärenden on a meeting's agenda with their bilagor, and the kallelse, tjänsteskrivelser
and handlingar printed from them.

Headless services over the database; the UI (ui/meetings) and the command line call
these. MeetingService (service.py) keeps meetings, kallelse settings and the agenda
template and checks a meeting before printing; ArendeService (arenden.py) the ärenden,
BilagaService (bilagor.py) their PDF bilagor. documents.py makes the documents (from pdf/)
as files; agenda_documents.py puts another feature's PDF on a meeting's agenda.
"""

from app.meetings.arenden import ArendeService
from app.meetings.bilagor import BilagaError, BilagaService
from app.meetings.model import (
    ARENDETYPER,
    STATUSAR,
    Arende,
    ArendeRef,
    Bilaga,
    Cancelled,
    DeadlineCheck,
    HandlingarError,
    Kallelseinstallning,
    MallPunkt,
    Sammantrade,
    Undertecknare,
)
from app.meetings.service import MeetingService
from app.problems import Problem

__all__ = ["ARENDETYPER", "STATUSAR", "Arende", "ArendeRef", "ArendeService", "Bilaga", "BilagaError",
           "BilagaService", "Cancelled", "DeadlineCheck", "HandlingarError", "Kallelseinstallning",
           "MallPunkt", "MeetingService", "Problem", "Sammantrade", "Undertecknare"]
