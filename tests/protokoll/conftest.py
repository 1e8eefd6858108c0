"""Fixtures the Protokoll tests share."""

from __future__ import annotations

import pytest
from protokoll_fixtures import make_protokoll_org


@pytest.fixture
def po(session):
    """An organisation with a nämnd, members and the protokoll service (tests/protokoll_fixtures.py)."""
    return make_protokoll_org(session.db)
