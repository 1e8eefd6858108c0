"""Search across the whole file: ärenden, protokoll, registers, plans, budget and the
text of bilagor (docs/domain/search.md). :class:`SearchService` (service.py) searches
the database's own FTS5 index; query.py turns what the user typed into a query that
cannot fail; the ``sok`` verb is in cli.py.
"""

from __future__ import annotations

from app.sok.model import KINDS, Group, Hit, SearchResult
from app.sok.service import SearchService

__all__ = ["KINDS", "Group", "Hit", "SearchResult", "SearchService"]
