"""Fixtures for the economy tests: a nämnd with its förvaltningar, and the services."""

from __future__ import annotations

import pytest

from app.budget import Ekonomi
from app.organisation import Forvaltning, Namnd


@pytest.fixture
def ek(session):
    return Ekonomi(session.db)


@pytest.fixture
def namnd(session):
    from app.organisation import OrganisationService

    svc = OrganisationService(session.db)
    n = svc.save_namnd(Namnd(namn="Vård- och omsorgsnämnden", kortnamn="VON"))
    svc.save_forvaltning(Forvaltning(n.id, "Socialförvaltningen", "SOF"))
    svc.save_forvaltning(Forvaltning(n.id, "Äldreförvaltningen", "ÄF"))
    return n.id


@pytest.fixture
def demo_ek(demo_session):
    return Ekonomi(demo_session.db)


@pytest.fixture
def von(demo_session):
    return demo_session.db.execute("SELECT id FROM namnd WHERE kortnamn = 'VON'").fetchone()[0]
