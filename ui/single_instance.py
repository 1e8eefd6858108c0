"""A second start with a file hands the file to the program that is already running.

Double-clicking a ``.nkdb`` file while Nämndkansli is open starts a second process.
Instead of a second window (which the database's lock, db/lock.py, would refuse anyway
for the same file), the new process sends the path to the running one over a local
socket (QLocalServer/QLocalSocket: a named pipe on Windows, a Unix socket elsewhere)
and exits; the running program raises its window and asks before it switches database.
When nothing answers in time the new process simply opens the file itself, which is
safe: the lock still keeps two editors off one file.

One server per user and data folder, so a portable copy on a USB stick and an installed
program do not talk to each other, and neither do two users on one terminal server.

Protocol: one line of JSON ``{"open": "<absolute path>"}`` from the new process, one
line ``ok`` (or ``fel``) back once the request has been accepted.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import APP_ID, APP_NAME, config

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 1000
REPLY_TIMEOUT_MS = 3000
#: The running program starts listening this long after its window is shown, so that
#: the network module's loading does not delay the first paint.
LISTEN_DELAY_MS = 300


def server_name(data_folder: Path | None = None) -> str:
    folder = os.path.abspath(data_folder or config.data_dir())
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name known to the system: the folder suffices
        user = ""
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:16]
    return f"{APP_ID}-{digest}"


def _allow_foreground() -> None:
    """Windows only lets the process the user just started bring a window to the front;
    pass that right on to the running program, which will raise its window."""
    if os.name != "nt":
        return
    import ctypes

    asfw_any = -1
    ctypes.windll.user32.AllowSetForegroundWindow(asfw_any)


def hand_over(path: Path, name: str | None = None) -> bool:
    """Ask a running program to open ``path``. True when it accepted; False when none
    runs or it did not answer in time (then open the file here)."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    _allow_foreground()
    message = json.dumps({"open": str(path.absolute())}, ensure_ascii=False) + "\n"
    socket.write(message.encode("utf-8"))
    while socket.bytesToWrite() > 0:
        if not socket.waitForBytesWritten(REPLY_TIMEOUT_MS):
            socket.abort()
            return False
    while not socket.canReadLine():
        if not socket.waitForReadyRead(REPLY_TIMEOUT_MS):
            socket.abort()
            return False
    reply = bytes(socket.readLine().data()).strip()
    socket.disconnectFromServer()
    return reply == b"ok"


class InstanceServer(QObject):
    """Listens for files handed over by later starts and emits them."""

    file_requested = Signal(Path)

    def __init__(self, name: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name or server_name()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening. False when another running program already serves this
        user and data folder (this one then simply does without)."""
        if self._someone_listens():
            log.info("Ett annat Nämndkansli-fönster tar emot filer (%s)", self.name)
            return False
        listening = self.server.listen(self.name)
        if not listening and self.server.serverError() == QLocalSocket.LocalSocketError.AddressInUseError:
            # A socket file left by a program that crashed: nobody answered above.
            QLocalServer.removeServer(self.name)
            listening = self.server.listen(self.name)
        if listening:
            log.info("Tar emot filer från senare starter (%s)", self.name)
            return True
        log.warning("Kunde inte ta emot filer från andra starter: %s", self.server.errorString())
        return False

    def _someone_listens(self) -> bool:
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        alive = probe.waitForConnected(300)
        probe.abort()
        return alive

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while (connection := self.server.nextPendingConnection()) is not None:
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)

    def _read(self, connection: QLocalSocket) -> None:
        while connection.canReadLine():
            line = bytes(connection.readLine().data())
            try:
                path = Path(json.loads(line.decode("utf-8"))["open"])
            except (ValueError, KeyError, TypeError) as exc:
                log.warning("Obegripligt meddelande från en annan start: %r (%s)", line[:200], exc)
                connection.write(b"fel\n")
                continue
            connection.write(b"ok\n")
            connection.flush()
            # Answer first, then handle: handling may show a question, and the other
            # process must not wait for the user.
            QTimer.singleShot(0, self, lambda p=path: self.file_requested.emit(p))


def raise_window(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    if QApplication.platformName() == "offscreen":
        return  # no screen, nothing to bring forward (and Qt warns when asked)
    window.raise_()
    window.activateWindow()
    QApplication.alert(window)


def open_requested(window, path: Path) -> None:
    """A file handed over by a later start (or by macOS's open event): bring the window
    forward, then open the file in it after asking, since that closes the open one."""
    log.info("Ombedd att öppna %s", path)
    raise_window(window)
    if window.session is not None and _same_file(path, window.session.path):
        window.statusBar().showMessage(f"{path.name} är redan öppen här.", 5000)
        return
    busy = QApplication.activeModalWidget()
    if busy is not None:
        QMessageBox.information(
            busy, APP_NAME,
            f"Du bad om att få öppna {path}.\n\nStäng först den öppna dialogrutan, och "
            "öppna sedan filen med Arkiv → Öppna databas.")
        return
    if window.session is not None:
        answer = QMessageBox.question(
            window, f"{APP_NAME} – öppna {path.name}",
            f"Vill du öppna {path}?\n\nDatabasen {window.session.path.name} stängs då; allt "
            "du har sparat i den finns kvar.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return
    window.switch_to(path)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


class _FileOpenFilter(QObject):
    """macOS delivers a double-clicked file as an event, not as an argument."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.FileOpen and event.file():
            path = Path(event.file())
            QTimer.singleShot(0, self, lambda: open_requested(self.window, path))
            return True
        return False


def serve(window) -> InstanceServer:
    """Make ``window`` receive files from later starts and from the system's open
    events. The server starts listening shortly after (see LISTEN_DELAY_MS)."""
    server = InstanceServer(parent=window)
    server.file_requested.connect(lambda path: open_requested(window, path))
    if sys.platform == "darwin":
        # Only there: an application-wide filter sees every event of the program.
        QApplication.instance().installEventFilter(_FileOpenFilter(window))
    QTimer.singleShot(LISTEN_DELAY_MS, server, server.listen)
    return server
