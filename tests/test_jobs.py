"""The job runner (ui/jobs.py): a job is handed services over its worker's own
connection, reports progress, stops when cancelled, and is waited for at quit."""

from __future__ import annotations

import shutil
import sqlite3
import threading

import pytest
from PySide6.QtCore import QThread

from app.changes import Changes
from app.jobs import JobCancelled, JobEnvironmentError, Progress
from app.services import Services

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def test_services_open_their_own_connection_only_when_used(session):
    services = Services.opening(session.path)
    assert services._db is None  # nothing opened yet
    assert services.organisation.namnder() == []
    assert services.db.conn is not session.conn
    services.close()
    assert services._db is None
    shared = Services(session.db)
    shared.close()  # a connection handed in stays open
    assert session.db.execute("SELECT 1").fetchone() == (1,)


def test_progress_reports_and_stops_a_cancelled_job():
    steps, cancelled = [], threading.Event()
    progress = Progress(lambda d, t: steps.append((d, t)), cancelled.is_set)
    progress(1, 3)
    progress.report(2, 3)
    cancelled.set()
    progress.report(3, 3)  # reporting alone never stops
    with pytest.raises(JobCancelled):
        progress(3, 3)
    assert steps == [(1, 3), (2, 3), (3, 3)] and progress.cancelled


def test_the_runner_hands_the_job_its_services_and_answers_on_the_gui_thread(qtbot, demo_session):
    from ui.jobs import JobRunner

    runner = JobRunner()
    gui = QThread.currentThread()
    seen, done, announced = {}, [], []
    demo_session.changes.subscribe(announced.append)

    def job(services, progress):
        seen["worker"] = QThread.currentThread() != gui
        seen["own connection"] = services.db.conn is not demo_session.conn
        progress(1, 1)
        return [n.namn for n in services.organisation.namnder()]

    runner.run(job, session=demo_session, on_done=lambda r: done.append((r, QThread.currentThread() == gui)),
               changes=Changes.of("plan"))
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    names, on_gui = done[0]
    assert on_gui and seen == {"worker": True, "own connection": True}
    assert names == [n.namn for n in demo_session.organisation.namnder()] and names
    assert [c.kinds for c in announced] == [{"plan"}]  # announced when it succeeded
    assert runner.running == []


def test_a_cancelled_job_stops_between_steps_and_says_so(qtbot, session):
    from ui.jobs import JobRunner

    runner = JobRunner()
    started, steps, outcome = threading.Event(), [], []
    release = threading.Event()

    def job(_services, progress):
        for step in range(1000):
            progress(step, 1000)
            steps.append(step)
            started.set()
            release.wait(0.01)
        return "klar"

    task = runner.run(job, session=session, on_done=outcome.append,
                      on_cancelled=lambda: outcome.append("avbrutet"),
                      on_error=lambda exc, _tb: outcome.append(exc))
    assert started.wait(10)
    task.cancel()
    qtbot.waitUntil(lambda: bool(outcome), timeout=10_000)
    assert outcome == ["avbrutet"] and len(steps) < 1000


def test_the_progress_dialog_avbryt_cancels_the_job(qtbot, session):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

    from ui import jobs

    owner = QWidget()
    qtbot.addWidget(owner)
    owner.show()
    errors, started = [], threading.Event()

    def job(_services, progress):
        while True:
            started.set()
            progress(0, 0)
            threading.Event().wait(0.01)

    task = jobs.run(owner, session, job, progress="Räknar …", delay_ms=0,
                    on_error=lambda exc, _tb: errors.append(exc))
    qtbot.waitUntil(started.is_set, timeout=10_000)  # started once the event loop turns
    dialog = owner.findChild(QProgressDialog)
    qtbot.waitExposed(dialog, timeout=5000)  # delay_ms=0: shown at once
    avbryt = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Avbryt")
    qtbot.mouseClick(avbryt, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert isinstance(errors[0], JobCancelled) and task.cancelled


def test_quitting_cancels_and_waits_for_a_running_job(qtbot, tmp_path, demo_template):
    from app.session import Session
    from ui.application import make_application
    from ui.main_window import MainWindow

    path = shutil.copy(demo_template, tmp_path / "demo.nkdb")
    make_application()
    window = MainWindow(Session.open(path))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    started, finished = threading.Event(), threading.Event()

    def job(services, progress):
        services.db.execute("SELECT COUNT(*) FROM person").fetchone()
        try:
            while True:
                started.set()
                progress(0, 0)
                threading.Event().wait(0.01)
        finally:
            finished.set()

    task = window.job_runner.run(job, session=window.session, owner=window)
    assert started.wait(10)
    assert window.job_runner.running == [task]
    window.close()
    assert finished.is_set() and task.cancelled  # cancelled and waited for before closing
    assert window.session is None


def test_a_job_that_does_not_stop_in_time_is_reported(qtbot, tmp_path, demo_template, monkeypatch):
    from app.session import Session
    from ui.application import make_application
    from ui.main_window import MainWindow

    path = shutil.copy(demo_template, tmp_path / "demo.nkdb")
    make_application()
    window = MainWindow(Session.open(path))
    qtbot.addWidget(window)
    told = []
    monkeypatch.setattr(window, "jobs_left_running", lambda: told.append(True))
    release, started = threading.Event(), threading.Event()

    def stubborn(_services, _progress):
        started.set()
        release.wait(30)  # ignores Avbryt

    window.job_runner.run(stubborn, session=window.session, owner=window)
    assert started.wait(10)
    assert not window.finish_jobs(timeout=0.2)
    assert told == [True]
    release.set()
    assert window.job_runner.shutdown(10)
    window.close()


def _full_disk_error() -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError("database or disk is full")
    exc.sqlite_errorcode, exc.sqlite_errorname = sqlite3.SQLITE_FULL, "SQLITE_FULL"
    return exc


def test_a_job_stopped_by_a_full_disk_reaches_its_handler_as_a_swedish_message(qtbot, session):
    from ui.jobs import JobRunner

    errors, bugs = [], []

    def full(services, progress):
        raise _full_disk_error()

    def bug(services, progress):
        raise KeyError("verksamhet")

    runner = JobRunner()
    runner.run(full, session=session, on_error=lambda exc, tb: errors.append(exc))
    runner.run(bug, session=session, on_error=lambda exc, tb: bugs.append(exc))
    qtbot.waitUntil(lambda: bool(errors) and bool(bugs), timeout=10_000)
    exc = errors[0]
    assert isinstance(exc, JobEnvironmentError) and isinstance(exc.__cause__, sqlite3.OperationalError)
    assert "disken är full" in exc.title and str(session.path) in str(exc)
    assert "database or disk is full" not in str(exc)
    # A bug stays what it was, for the handler to report as unexpected.
    assert isinstance(bugs[0], KeyError)


def test_a_job_without_a_handler_shows_the_environment_message_not_the_crash_dialog(
        qtbot, session, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui import crash
    from ui.jobs import JobRunner

    shown = []

    def fake_exec(box):
        shown.append((box.windowTitle(), box.text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(crash, "_show_crash_dialog", lambda *info: pytest.fail(f"crash dialog: {info[1]!r}"))

    def full(services, progress):
        raise _full_disk_error()

    runner = JobRunner()  # kept: its jobs are its children
    runner.run(full, session=session)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    title, text = shown[0]
    assert "disken är full" in title and "har inte sparats" in text
