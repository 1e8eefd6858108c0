"""Every test runs offscreen with its own data folder and database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from app import config


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Redirect the data folder (settings, logs, backups) into the test's tmp dir."""
    folder = tmp_path / "data"
    monkeypatch.setenv(config.ENV_DATA_DIR, str(folder))
    return folder


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.nkdb"


@pytest.fixture
def session(db_path):
    from app.session import Session

    s = Session.open(db_path)
    yield s
    s.close()


@pytest.fixture
def demo_session(session):
    from app.demo import populate

    populate(session.db)
    return session
