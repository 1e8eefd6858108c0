"""Fixtures for the economy tests: a nämnd with its förvaltningar, and the services."""

from __future__ import annotations

import shutil

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


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory):
    """The demo database made once per test run: populating it (every feature's demo
    content) takes seconds, copying the file milliseconds."""
    from app import config
    from app.demo import populate
    from app.session import Session

    folder = tmp_path_factory.mktemp("demo-template")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(config.ENV_DATA_DIR, str(folder / "data"))
        with Session.open(folder / "demo.nkdb") as s:
            populate(s.db)
    return folder / "demo.nkdb"


@pytest.fixture
def demo_session(_demo_template, tmp_path):
    """A fresh copy of the demo database for one test (overrides tests/conftest.py's)."""
    from app.session import Session

    path = tmp_path / "demo.nkdb"
    shutil.copy(_demo_template, path)
    s = Session.open(path)
    yield s
    s.close()


@pytest.fixture
def demo_ek(demo_session):
    return Ekonomi(demo_session.db)


@pytest.fixture
def von(demo_session):
    return demo_session.db.execute("SELECT id FROM namnd WHERE kortnamn = 'VON'").fetchone()[0]
