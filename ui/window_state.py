"""Where the main window opens and how its panes are divided, kept between sessions in
the program's settings (app/config.py): the window's size and place, and the position of
every splitter in the areas (the Protokoll's three columns, Sammanträden's agenda …).

The window always opens inside the screen's available geometry (the screen less the
task bar): a size saved on a large monitor is shrunk on a laptop, a place on a second
monitor that is gone is moved back, and a new user gets a window that fits a 1366×768
or 1280×720 screen with its status bar in view."""

from __future__ import annotations

from collections.abc import MutableMapping

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QWidget

#: The window's size the first time, when the screen has room for it.
DEFAULT_SIZE = QSize(1280, 800)
#: Room for the window manager's title bar and borders before the window has a frame.
FRAME_ALLOWANCE = QSize(8, 38)


def available_geometry(window: QWidget, near: QRect | None = None) -> QRect:
    """The screen's area for windows (without task bar and docks): of the monitor under
    ``near`` (where the window was last time) while it is there, else ``window``'s."""
    screen = QGuiApplication.screenAt(near.center()) if near is not None else None
    screen = screen or window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_inside(rect: QRect, available: QRect, frame: QSize) -> QRect:
    """``rect`` (the window's inside) shrunk and moved so that it lies in ``available``
    together with its ``frame``: borders of half ``frame.width()`` left, right and below,
    the rest of ``frame.height()`` above (the title bar)."""
    border = frame.width() // 2
    title = frame.height() - border
    width = max(1, min(rect.width(), available.width() - frame.width()))
    height = max(1, min(rect.height(), available.height() - frame.height()))
    x = min(max(rect.x(), available.left() + border), available.left() + available.width() - border - width)
    y = min(max(rect.y(), available.top() + title), available.top() + available.height() - border - height)
    return QRect(x, y, width, height)


def _frame(window: QWidget) -> QSize:
    outer, inner = window.frameGeometry(), window.geometry()
    extra = QSize(outer.width() - inner.width(), outer.height() - inner.height())
    return extra if extra.height() > 0 else FRAME_ALLOWANCE


def saved_geometry(window: QWidget) -> str:
    """The window's place and size for the settings: "x,y,width,height" of its inside
    when not maximised, and ",max" when it is. Kept as numbers rather than saveGeometry's
    blob, which restoreGeometry would first fit to the screen it finds at start (the
    wrong one when the program starts without the monitor it was closed on)."""
    rect = window.normalGeometry() if window.isMaximized() else window.geometry()
    text = f"{rect.x()},{rect.y()},{rect.width()},{rect.height()}"
    return text + (",max" if window.isMaximized() else "")


def _parse(window: QWidget, saved: str) -> tuple[QRect, bool] | None:
    parts = saved.split(",")
    if len(parts) in (4, 5) and all(p.lstrip("-").isdigit() for p in parts[:4]):
        x, y, width, height = (int(p) for p in parts[:4])
        if width > 0 and height > 0:
            return QRect(x, y, width, height), parts[4:] == ["max"]
    # Settings from before, as saveGeometry's base64.
    if saved and window.restoreGeometry(QByteArray.fromBase64(saved.encode())):
        return window.geometry(), window.isMaximized()
    return None


def place(window: QWidget, saved: str, available: QRect | None = None) -> None:
    """Give ``window`` its saved size and place (``saved``: saved_geometry's text, or
    empty), inside the available screen; the first time DEFAULT_SIZE, centred."""
    frame = _frame(window)
    parsed = _parse(window, saved)
    if available is None:
        available = available_geometry(window, parsed[0] if parsed is not None else None)
    if parsed is not None:
        wanted, maximized = parsed
    else:
        wanted, maximized = QRect(0, 0, DEFAULT_SIZE.width(), DEFAULT_SIZE.height()), False
        wanted.moveCenter(available.center())
    # setGeometry places the inside, where saved_geometry took it from; the frame comes
    # around it, and fit_inside has left room for it.
    window.setGeometry(fit_inside(wanted, available, frame))
    if maximized:
        # PySide6 builds the Qt namespace at its first import (about 20 ms, bench/startup.py);
        # the window's first paint only waits for it when the window opens maximised.
        from PySide6.QtCore import Qt

        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def _splitters(widget: QWidget) -> list[tuple[str, QSplitter]]:
    """Each splitter in ``widget`` by a key that stays the same between runs: its name
    (or its place among the splitters) and how many panes it has."""
    found = [widget] if isinstance(widget, QSplitter) else []
    found += widget.findChildren(QSplitter)
    return [(f"{s.objectName() or i}:{s.count()}", s) for i, s in enumerate(found)]


def restore_splitters(prefix: str, widget: QWidget, states: MutableMapping[str, str]) -> None:
    for key, splitter in _splitters(widget):
        state = states.get(f"{prefix}/{key}")
        if state:
            splitter.restoreState(QByteArray.fromBase64(state.encode()))


def remember_splitters(prefix: str, widget: QWidget, states: MutableMapping[str, str]) -> None:
    for key, splitter in _splitters(widget):
        states[f"{prefix}/{key}"] = bytes(splitter.saveState().toBase64().data()).decode()


def resize_within_screen(window: QWidget, wanted: QSize) -> None:
    """Give a large dialog its ``wanted`` size, or as much of it as the screen has room
    for (a 1150×720 preview on a 1024×600 laptop)."""
    available = available_geometry(window)
    window.resize(min(wanted.width(), available.width() - FRAME_ALLOWANCE.width()),
                  min(wanted.height(), available.height() - FRAME_ALLOWANCE.height()))
