"""The areas of the navigation: declared by ui/areas.py without importing their modules,
registered (``AREAS``) by each module when it is first imported."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.session import Session


class Area(NamedTuple):
    """A part of the program in the navigation list. Later features append theirs."""

    key: str
    title: str
    factory: Callable[[Session, QWidget], QWidget]


#: The areas whose modules have been imported, each appended by its module.
AREAS: list[Area] = []


class AreaEntry(NamedTuple):
    """A line in the navigation: the title, and the module that registers the area,
    imported only when the area is first shown (None: registered already)."""

    key: str
    title: str
    module: str | None


_DECLARED: list[AreaEntry] = []


def declare_area(key: str, title: str, module: str) -> None:
    """List an area in the navigation without importing its module yet (ui/areas.py).

    The module must append ``Area(key, title, factory)`` to :data:`AREAS` when imported.
    Importing every area at start-up would cost more than the rest of start-up together.
    """
    if all(entry.key != key for entry in _DECLARED):
        _DECLARED.append(AreaEntry(key, title, module))


def navigation() -> list[AreaEntry]:
    """The areas in navigation order: the declared ones, then any registered directly."""
    declared = {entry.key for entry in _DECLARED}
    return [*_DECLARED, *(AreaEntry(a.key, a.title, None) for a in AREAS if a.key not in declared)]


def area_factory(entry: AreaEntry) -> Callable[[Session, QWidget], QWidget]:
    for attempt in range(2):
        for area in AREAS:
            if area.key == entry.key:
                return area.factory
        if attempt == 0 and entry.module:
            importlib.import_module(entry.module)
    raise LookupError(f"Området {entry.key!r} registrerades inte av {entry.module}.")
