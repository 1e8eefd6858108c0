"""Every test runs offscreen with its own data folder and database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from demo_day import DEMO_DAY

from app import clock, config


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Redirect the data folder (settings, logs, backups) into the test's tmp dir."""
    folder = tmp_path / "data"
    monkeypatch.setenv(config.ENV_DATA_DIR, str(folder))
    return folder


@pytest.fixture(autouse=True)
def demo_day_clock(request):
    """The program's clock pinned to :data:`DEMO_DAY` in tests that use the demo, so that
    its coming meeting is ahead and its held ones behind, whatever day the suite runs."""
    if "demo_template" not in request.fixturenames:
        yield None
        return
    with clock.pinned(DEMO_DAY):
        yield DEMO_DAY


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.nkdb"


@pytest.fixture
def session(db_path):
    from app.session import Session

    s = Session.open(db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo database, populated once per test run (it takes seconds) and copied
    into each test's own database by ``demo_session``."""
    from app.demo import populate
    from app.session import Session

    folder = tmp_path_factory.mktemp("demo-template")
    previous = os.environ.get(config.ENV_DATA_DIR)
    os.environ[config.ENV_DATA_DIR] = str(folder / "data")
    try:
        with Session.open(folder / "demo.nkdb") as s:
            populate(s.db, DEMO_DAY)
    finally:
        if previous is None:
            os.environ.pop(config.ENV_DATA_DIR, None)
        else:
            os.environ[config.ENV_DATA_DIR] = previous
    return folder / "demo.nkdb"


@pytest.fixture
def demo_session(session, demo_template):
    """``session`` filled with the demo data: the template's pages are copied into the
    open database with SQLite's backup API, as if populate() had run on it."""
    import sqlite3

    source = sqlite3.connect(f"{demo_template.as_uri()}?mode=ro", uri=True)
    try:
        source.backup(session.db.conn)
    finally:
        source.close()
    return session


@pytest.fixture
def demo_window(qtbot, demo_session):
    """The main window on the demo at 1280×720, shown (tests press what a user presses)."""
    import ui.areas  # noqa: F401  (declares the areas in the navigation)
    from ui.main_window import MainWindow

    window = MainWindow(demo_session)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
