"""The crash handler: the traceback goes to the log file, the user gets a Swedish
choice, and what was saved before the error stays saved."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app import config
from app.logs import log_file
from app.organisation import Person
from app.session import Session
from db.errors import NewerSchemaError
from db.lock import InstanceLock
from ui import crash
from ui.application import make_application
from ui.main_window import MainWindow


def _raise_and_catch(exc: BaseException):
    try:
        raise exc
    except BaseException:  # noqa: BLE001 - the test wants the exc_info triple
        return sys.exc_info()


@pytest.fixture
def answer(monkeypatch):
    """Patches QMessageBox.exec to click the button with the given text; records each
    box shown as (text, button texts, detailed text)."""
    shown = []
    choice = {"button": "Fortsätt arbeta"}

    def fake_exec(box):
        buttons = {b.text(): b for b in box.buttons()}
        shown.append((box.text(), sorted(buttons), box.detailedText()))
        buttons[choice["button"]].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)

    def set_choice(text):
        choice["button"] = text
        return shown

    return set_choice


@pytest.fixture(autouse=True)
def application(qapp):
    """As at start-up: Qt's own button texts in Swedish."""
    return make_application()


@pytest.fixture
def window(qtbot, qapp, db_path):
    win = MainWindow(Session.open(db_path))
    qtbot.addWidget(win)
    yield win
    win.close()


def test_error_is_logged_and_the_user_can_continue(window, answer):
    shown = answer("Fortsätt arbeta")
    crash.handle_exception(*_raise_and_catch(ValueError("trasigt värde i formuläret")))
    text, buttons, details = shown[0]
    assert buttons == ["Avsluta programmet", "Fortsätt arbeta", "Visa detaljer..."]
    assert "Ett oväntat fel inträffade i Nämndkansli" in text
    assert "ValueError: trasigt värde i formuläret" in text
    assert "Det du redan har sparat finns kvar i databasen" in text
    assert str(log_file()) in text
    assert "Traceback" in details
    # The log file in this test's data folder has the whole traceback.
    assert log_file().parent == config.log_dir()
    logged = log_file().read_text(encoding="utf-8")
    assert "Ohanterat fel" in logged
    assert "Traceback (most recent call last)" in logged
    assert 'raise exc' in logged and "ValueError: trasigt värde i formuläret" in logged
    # Nothing was closed.
    assert window.session is not None
    assert window.session.organisation.kommun() is None


def test_quitting_after_an_error_keeps_what_was_saved(window, db_path, answer, monkeypatch):
    # The real exit would end the test session's event loops for good.
    exits = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))
    org = window.session.organisation
    saved = org.save_person(Person(fornamn="Karin", efternamn="Åkesson"))
    # An error in the middle of a later write: that transaction is rolled back.
    try:
        with window.session.db.atomic():
            org.save_person(Person(fornamn="Halvt", efternamn="Sparad"))
            raise RuntimeError("fel mitt i sparandet")
    except RuntimeError:
        info = sys.exc_info()
    shown = answer("Avsluta programmet")
    crash.handle_exception(*info)
    assert len(shown) == 1
    assert exits == [1]
    assert not window.isVisible() and window.session is None  # closed, file released
    with InstanceLock(db_path):
        pass
    with Session.open(db_path) as again:
        names = [p.namn for p in again.organisation.personer()]
    assert names == ["Karin Åkesson"]
    assert saved.id is not None


def test_database_errors_show_their_own_message(qapp, answer):
    shown = answer("Fortsätt arbeta")
    error = NewerSchemaError("Databasen x.nkdb har skapats av en nyare version av Nämndkansli.")
    crash.handle_exception(*_raise_and_catch(error))
    assert shown[0][0] == error.message


def test_an_error_while_the_dialog_is_showing_is_not_stacked(qapp, monkeypatch):
    """A second error raised while the first box is open (e.g. from a timer) goes to
    the log and stderr, not into a second modal box on top of the first."""
    boxes, fallback = [], []
    monkeypatch.setattr(sys, "__excepthook__", lambda *info: fallback.append(info[1]))

    def fake_exec(box):
        boxes.append(box.text())
        crash.handle_exception(*_raise_and_catch(KeyError("andra felet")))
        next(b for b in box.buttons() if b.text() == "Fortsätt arbeta").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    crash.handle_exception(*_raise_and_catch(ValueError("första felet")))
    assert len(boxes) == 1
    assert [str(e) for e in fallback] == ["'andra felet'"]
    assert "andra felet" in log_file().read_text(encoding="utf-8")


def test_ctrl_c_quits_without_a_dialog(qapp, monkeypatch):
    quits = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail("no dialog for Ctrl+C"))
    crash.handle_exception(*_raise_and_catch(KeyboardInterrupt()))
    assert quits == [True]


def test_install_sets_the_excepthook(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    crash.install()
    assert sys.excepthook is crash.handle_exception
