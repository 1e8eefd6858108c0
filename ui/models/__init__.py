"""Reusable Qt table models over records from the services (see table.py)."""

from ui.models.table import (
    CENTER,
    LEFT,
    RIGHT,
    Column,
    IdRole,
    LazyTableModel,
    RecordRole,
    RecordTableModel,
    default_sort_key,
)

__all__ = [
    "CENTER",
    "LEFT",
    "RIGHT",
    "Column",
    "IdRole",
    "LazyTableModel",
    "RecordRole",
    "RecordTableModel",
    "default_sort_key",
]
