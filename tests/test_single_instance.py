"""A second start with a file hands it to the running program (ui/single_instance.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.session import Session
from ui import single_instance
from ui.single_instance import InstanceServer, hand_over, server_name

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def name():
    return f"nk-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def server(qtbot, name):
    server = InstanceServer(name)
    assert server.listen()
    yield server
    server.close()


CLIENT = """
import sys
from pathlib import Path
from ui.single_instance import hand_over
print("ok" if hand_over(Path(sys.argv[1]), sys.argv[2]) else "nej", flush=True)
"""


class LaterStart:
    """A later start of the program, as its own process (as in real use; in a thread of
    this process the blocking socket calls would hold Python's lock from the server)."""

    def __init__(self, path: Path, name: str, script: str = CLIENT):
        self.process = subprocess.Popen([sys.executable, "-c", script, str(path), name],
                                        cwd=ROOT, stdout=subprocess.PIPE, text=True)

    def done(self) -> bool:
        return self.process.poll() is not None

    def answer(self) -> str:
        out, _ = self.process.communicate(timeout=30)
        return out.strip()


def test_no_running_program_means_open_it_here(qapp, name, tmp_path):
    assert hand_over(tmp_path / "x.nkdb", name) is False


def test_the_file_reaches_the_running_program(qtbot, server, name, tmp_path):
    path = tmp_path / "Vård och omsorg 2026.nkdb"
    with qtbot.waitSignal(server.file_requested, timeout=20_000) as received:
        later = LaterStart(path, name)
        qtbot.waitUntil(later.done, timeout=20_000)
    assert later.answer() == "ok"
    assert received.args == [path.absolute()]


GARBLED = """
import sys
from PySide6.QtNetwork import QLocalSocket
socket = QLocalSocket()
socket.connectToServer(sys.argv[2])
assert socket.waitForConnected(3000)
socket.write(b'{"inte": "en fil"}\\n')
socket.waitForBytesWritten(3000)
while not socket.canReadLine() and socket.waitForReadyRead(5000):
    pass
print(bytes(socket.readLine().data()).decode().strip(), flush=True)
"""


def test_a_garbled_message_is_refused_and_not_opened(qtbot, server, name, tmp_path):
    emitted = []
    server.file_requested.connect(emitted.append)
    later = LaterStart(tmp_path, name, GARBLED)
    qtbot.waitUntil(later.done, timeout=20_000)
    qtbot.wait(50)
    assert later.answer() == "fel"
    assert emitted == []


def test_a_second_program_does_not_take_over_a_live_server(qtbot, server, name):
    second = InstanceServer(name)
    assert second.listen() is False
    second.close()


@pytest.mark.skipif(os.name == "nt", reason="Unix-socketfiler finns bara utanför Windows")
def test_a_socket_file_left_by_a_crash_is_replaced(qapp, name):
    stale = Path(QDir.tempPath()) / name
    stale.write_bytes(b"")  # what a crashed program leaves behind: nobody answers
    server = InstanceServer(name)
    try:
        assert server.listen() is True
        assert server.server.isListening()
    finally:
        server.close()


def test_server_name_is_per_data_folder_and_short(tmp_path):
    a, b = server_name(tmp_path / "a"), server_name(tmp_path / "b")
    assert a != b and a.startswith("namndkansli-")
    assert server_name(tmp_path / "a") == a
    assert len(a) < 40  # Unix socket paths are limited to ~100 bytes


@pytest.fixture
def window(qtbot, qapp, session):
    from ui.application import make_application
    from ui.main_window import MainWindow

    make_application()
    win = MainWindow(session)
    qtbot.addWidget(win)
    yield win
    win.close()


def _other_database(tmp_path) -> Path:
    other = tmp_path / "annan.nkdb"
    Session.open(other).close()
    return other


def test_the_open_file_only_raises_the_window(window, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a))
    single_instance.open_requested(window, window.session.path)
    assert asked == []
    assert "redan öppen" in window.statusBar().currentMessage()


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
def test_another_file_is_opened_after_asking(window, tmp_path, monkeypatch, answer):
    other = _other_database(tmp_path)
    before = window.session.path
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    # No dialog open in the window. Asked of Qt, the answer depended on what earlier
    # tests in the same process had left behind (a dialog being deleted aborted the
    # process); the open-dialog case has its own test below.
    monkeypatch.setattr(QApplication, "activeModalWidget", staticmethod(lambda: None))
    single_instance.open_requested(window, other)
    assert len(asked) == 1
    assert str(other.absolute()) in asked[0] and before.name in asked[0]
    expected = other if answer == QMessageBox.StandardButton.Yes else before
    assert window.session.path.resolve() == expected.resolve()


def test_a_file_handed_over_while_a_dialog_is_open_waits(qtbot, window, tmp_path, monkeypatch):
    """The open dialog is not closed under the user's hands: the file is not opened, and
    the user is told how to open it afterwards."""
    other = _other_database(tmp_path)
    before = window.session.path
    dialog = QDialog(window)
    qtbot.addWidget(dialog)
    told = []
    monkeypatch.setattr(QApplication, "activeModalWidget", staticmethod(lambda: dialog))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked while a dialog was open"))
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text, *a: told.append((parent, text)))
    single_instance.open_requested(window, other)
    [(parent, text)] = told
    assert parent is dialog
    assert str(other) in text and "Arkiv → Öppna databas" in text
    assert window.session.path == before


def test_handing_over_through_the_window(qtbot, window, tmp_path, monkeypatch):
    """The whole way: a later start's message switches the window's database."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    name = f"nk-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setattr(single_instance, "server_name", lambda *a: name)
    server = single_instance.serve(window)
    qtbot.waitUntil(server.server.isListening, timeout=5000)
    other = _other_database(tmp_path)
    later = LaterStart(other, name)
    qtbot.waitUntil(lambda: window.session.path.resolve() == other.resolve(), timeout=20_000)
    qtbot.waitUntil(later.done, timeout=20_000)
    assert later.answer() == "ok"
    server.close()
