"""The program's own icon (resources/icons, rendered by packaging/make_icons.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon_dir() -> Path:
    """``resources/icons`` from source and in the installed or packaged program."""
    import resources

    for folder in resources.__path__:
        candidate = Path(folder) / "icons"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Ikonmappen resources/icons saknas i installationen.")


@cache
def program_icon() -> QIcon:
    """Every rendered size, so each platform picks a sharp one (with the sizes given,
    a file is read only when its size is first drawn)."""
    icon = QIcon()
    folder = icon_dir()
    for size in ICON_SIZES:
        path = folder / f"namndkansli-{size}.png"
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon
