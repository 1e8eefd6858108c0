"""The navigation's icons: one of the style's standard icons per area, so they follow
the platform's look and need no image files in the package. An area without one here
(a new area) is listed with its title alone."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QWidget

SP = QStyle.StandardPixmap
#: What each icon stands for: the organisation's home, the meeting's agenda as a list,
#: the protokoll as a document with details, the economy's figures in a table, the
#: registers as a filing drawer, the plan as a folder of goals, the reports as a
#: document with its contents.
AREA_ICONS = {
    "organisation": SP.SP_DirHomeIcon,
    "sammantraden": SP.SP_FileDialogListView,
    "protokoll": SP.SP_FileDialogDetailedView,
    "ekonomi": SP.SP_FileDialogInfoView,
    "register": SP.SP_DriveHDIcon,
    "verksamhetsplan": SP.SP_DirOpenIcon,
    "rapporter": SP.SP_FileDialogContentsView,
}


def area_icon(widget: QWidget, key: str) -> QIcon:
    """The icon of area ``key`` in ``widget``'s style; an empty icon when it has none."""
    pixmap = AREA_ICONS.get(key)
    return widget.style().standardIcon(pixmap) if pixmap is not None else QIcon()


def shortcut_hint(title: str, row: int) -> str:
    """The navigation entry's tooltip: the title and its Ctrl+digit (the first nine)."""
    return f"{title} (Ctrl+{row + 1})" if row < 9 else title
